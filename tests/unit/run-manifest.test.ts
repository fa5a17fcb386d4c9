import { describe, expect, it } from 'vitest';
import { asciiJson, headsOf, keptHead, parseManifest, serializeManifest } from '../../src/cache/run-manifest.js';
import type { KeptClaim } from '../../src/cache/result-store.js';

describe('the run manifest', () => {
  it('is written in ASCII and reads back every string as it was', () => {
    const strings = ['plain', '“curly” — dash', 'emoji 🙂 and a lone \ud800 surrogate', '\u007f delete', 'tab\tnewline\n', '\uffff last'];
    const text = asciiJson({ strings });
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual({ strings });
  });

  it('gives back each kept claim table entry as it was written, and refuses one whose shape is wrong', () => {
    const summary = { id: 'c-1', file: 'claims/a.yaml', line: 3, col: 5, rating: 'true', rating_label: 'True', rule: null, explanation: 'Said “so”.' };
    const kept: KeptClaim = { summary, fields: ['id', 'rating'], diagnostics: [], footprint: undefined, json: undefined, wholeHash: 'abc' };
    const written = serializeManifest({
      written: 1,
      inputs: [['claims/a.yaml', 'h', 10, '7', '1000', '1000']],
      listed: ['claims/a.yaml'],
      missing: [],
      claimsFiles: { 'claims/a.yaml': { ids: ['c-1'], kept: 'k' } },
      heads: headsOf([['c-1', kept, 'abc']]),
      result: { tool: { name: 'factcheck', version: '0' }, scale: [], totals: { claims: 1, by_rating: {} }, diagnostics: [] } as never,
    });
    const manifest = parseManifest(written)!;
    const head = keptHead(manifest, 'c-1', false, undefined)!;
    // The same fields in the same order: a reused table serialises byte for byte as the original.
    expect(JSON.stringify(head.summary)).toBe(JSON.stringify(summary));
    expect([head.fields, head.wholeHash]).toEqual([['id', 'rating'], 'abc']);
    expect(keptHead(manifest, 'c-2', false, undefined)).toBeUndefined();
    expect(parseManifest(written.replace('"inputs":[[', '"inputs":[["x"],['))).toBeUndefined();
    expect(parseManifest(written.replace('"heads":{"fields":[["id","rating"]],"claims":[[', '"heads":{"fields":[["id","rating"]],"claims":[[1,'))).toBeUndefined();
  });
});
