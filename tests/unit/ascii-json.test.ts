import { describe, expect, it } from 'vitest';
import { asciiIfFew } from '../../src/cache/ascii-json.js';
import { processedJson, processFile } from '../../src/load/process-file.js';

const ASCII = /^[\x00-\x7e]*$/;

describe('JSON with few characters past ASCII', () => {
  it('escapes them, and reads back every string as it was', () => {
    const strings = ['“curly” — dash', 'emoji 🙂 and a lone \ud800 surrogate', '\u007f delete', '\uffff last', 'plain '.repeat(40)];
    const json = JSON.stringify({ strings });
    const text = asciiIfFew(json);
    expect(ASCII.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual({ strings });
  });

  it('leaves text mostly in another script as it is, which escaped would be three times the bytes', () => {
    const json = JSON.stringify({ quote: 'Ничто не могло быть дальше от истины', id: 'r-1' });
    expect(asciiIfFew(json)).toBe(json);
    const plain = JSON.stringify({ quote: 'nothing could be further from the truth' });
    expect(asciiIfFew(plain)).toBe(plain);
  });

  it('is what a parse result is cached as', () => {
    const text = 'evidence:\n  - id: r-1\n    quote: “my whopping 3 responses”\n';
    const json = processedJson(processFile({ path: 'evidence/a.yaml', kind: 'evidence', text }))!;
    expect(ASCII.test(json)).toBe(true);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(processFile({ path: 'evidence/a.yaml', kind: 'evidence', text }))));
    expect(JSON.stringify(JSON.parse(json))).toContain('“my whopping 3 responses”');
  });
});
