import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asciiJson } from '../../src/cache/ascii-json.js';
import { entryStamp, inputsOf, parseManifest, serializeManifest, tableOf } from '../../src/cache/run-manifest.js';
import { headsOf, keptHead, summaryOf } from '../../src/cache/manifest-table.js';
import { SUMMARY, type KeptClaim } from '../../src/cache/result-store.js';

describe('the run manifest', () => {
  it('is written in ASCII and reads back every string as it was', () => {
    const strings = ['plain', '“curly” — dash', 'emoji 🙂 and a lone \ud800 surrogate', '\u007f delete', 'tab\tnewline\n', '\uffff last'];
    const text = asciiJson({ strings });
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual({ strings });
  });

  it('reads the summary of a table entry in the order it is written', () => {
    const summary = summaryOf([...SUMMARY]);
    expect(Object.keys(summary)).toEqual([...SUMMARY]);
    expect(Object.values(summary)).toEqual([...SUMMARY]);
  });

  it('gives back each kept claim table entry as it was written, and refuses one whose shape is wrong', () => {
    const summary = { id: 'c-1', file: 'claims/a.yaml', line: 3, col: 5, rating: 'true', rating_label: 'True', rule: null, explanation: 'Said “so”.' };
    const kept: KeptClaim = { summary, fields: ['id', 'rating'], diagnostics: [], footprint: undefined, json: undefined, wholeHash: 'abc' };
    const written = serializeManifest(
      {
        written: 1,
        inputs: [['claims/a.yaml', 'h', 10, '7', '1000', '1000']],
        listed: ['claims/a.yaml'],
        missing: [],
        claimsFiles: { 'claims/a.yaml': { ids: ['c-1'], kept: 'k' } },
      },
      {
        heads: headsOf([['c-1', kept, 'abc']]),
        result: { tool: { name: 'factcheck', version: '0' }, scale: [], totals: { claims: 1, by_rating: {} }, diagnostics: [] } as never,
      },
    );
    const manifest = parseManifest(written.stamps, () => written.table, () => written.hashes)!;
    const table = tableOf(manifest)!;
    const head = keptHead(table, 'c-1', false, undefined)!;
    // The same fields in the same order: a reused table serialises byte for byte as the original.
    expect(JSON.stringify(head.summary)).toBe(JSON.stringify(summary));
    expect([head.fields, head.wholeHash]).toEqual([['id', 'rating'], 'abc']);
    expect(keptHead(table, 'c-2', false, undefined)).toBeUndefined();
    expect(parseManifest(written.stamps.replace('"inputs":[[', '"inputs":[["x"],['), () => written.table, () => written.hashes)).toBeUndefined();
  });

  it('reads its table only when asked, and only the table its stamps name', () => {
    const written = serializeManifest(
      { written: 2, inputs: [], listed: [], missing: [], claimsFiles: {} },
      { heads: { fields: [['id']], claims: [] }, result: { diagnostics: [] } as never },
    );
    expect(JSON.parse(written.stamps)).toMatchObject({ written: 2, table: written.hash });
    // The table after a line naming its SHA-256, which the reader trusts as signed with it.
    const body = written.table.slice(written.table.indexOf('\n') + 1);
    expect(written.table.slice(0, 65)).toBe(`${written.hash}\n`);
    expect(createHash('sha256').update(body).digest('hex')).toBe(written.hash);
    let reads = 0;
    const manifest = parseManifest(written.stamps, () => (reads++, written.table), () => written.hashes)!;
    expect(reads).toBe(0);
    expect(tableOf(manifest)?.heads.fields).toEqual([['id']]);
    expect(tableOf(manifest)).toBe(tableOf(manifest));
    expect(reads).toBe(1);
    // Another run's table (blobs crossed by two runs at once), or one whose shape is wrong: no table, though the stamps still tell what changed.
    const other = serializeManifest({ written: 3, inputs: [], listed: [], missing: [], claimsFiles: {} }, { heads: { fields: [], claims: [] }, result: { diagnostics: [] } as never });
    expect(tableOf(parseManifest(written.stamps, () => other.table, () => written.hashes)!)).toBeUndefined();
    const brokenHash = createHash('sha256').update(body.replace('"claims":[]', '"claims":[[1]]')).digest('hex');
    const broken = `${brokenHash}\n${body.replace('"claims":[]', '"claims":[[1]]')}`;
    const stamps = written.stamps.replace(written.hash, brokenHash);
    expect(parseManifest(stamps, () => broken, () => written.hashes)?.written).toBe(2);
    expect(tableOf(parseManifest(stamps, () => broken, () => written.hashes)!)).toBeUndefined();
    expect(tableOf(parseManifest(written.stamps, () => undefined, () => written.hashes)!)).toBeUndefined();
    // A table whose line names another table, or with no such line.
    expect(tableOf(parseManifest(written.stamps, () => `${other.hash}${written.table.slice(64)}`, () => written.hashes)!)).toBeUndefined();
    expect(tableOf(parseManifest(written.stamps, () => body, () => written.hashes)!)).toBeUndefined();
  });

  it('keeps the hashes of its inputs apart, read only when asked, and only those its stamps name', () => {
    const inputs: [string, string, number, string, string, string][] = [
      ['claims/a.yaml', 'a'.repeat(64), 10, '7', '1000', '1001'],
      ['sources/b.txt', 'b'.repeat(64), 20, '8', '2000', '2001'],
    ];
    const written = serializeManifest({ written: 4, inputs, listed: ['claims/a.yaml'], missing: [], claimsFiles: {} }, { heads: { fields: [], claims: [] }, result: { diagnostics: [] } as never });
    // The stamps hold no hash: they name the hashes' part by its SHA-256.
    expect(written.stamps).not.toContain('a'.repeat(64));
    expect(JSON.parse(written.stamps).inputs).toEqual(inputs.map(([path, , ...stamp]) => [path, ...stamp]));
    let reads = 0;
    const manifest = parseManifest(written.stamps, () => written.table, () => (reads++, written.hashes))!;
    expect(manifest.inputs.map(entryStamp)).toEqual([
      { size: 10, ino: '7', mtimeNs: '1000', ctimeNs: '1001' },
      { size: 20, ino: '8', mtimeNs: '2000', ctimeNs: '2001' },
    ]);
    expect(reads).toBe(0);
    expect(inputsOf(manifest)).toEqual(inputs);
    expect(inputsOf(manifest)).toBe(inputsOf(manifest));
    expect(reads).toBe(1);
    // Another run's hashes, one too few, or none: no hashes, though the stamps still tell what changed.
    const other = serializeManifest({ written: 5, inputs: inputs.slice(0, 1), listed: [], missing: [], claimsFiles: {} }, { heads: { fields: [], claims: [] }, result: { diagnostics: [] } as never });
    const body = other.hashes.slice(other.hashes.indexOf('\n') + 1);
    for (const hashes of [other.hashes, `${JSON.parse(written.stamps).hashes}\n${body}`, undefined]) {
      const read = parseManifest(written.stamps, () => written.table, () => hashes)!;
      expect(read.written).toBe(4);
      expect(inputsOf(read)).toBeUndefined();
    }
  });
});
