import { describe, expect, it } from 'vitest';
import { readResults, serializeKept } from '../../src/cache/kept-claims.js';
import type { FreshClaim } from '../../src/cache/result-store.js';
import type { ClaimResult } from '../../src/types.js';

const footprint: FreshClaim['footprint'] = { files: [], queries: [], contradictions: [], absent: [] };
const fresh = (result: Record<string, unknown>): FreshClaim => ({ result: result as unknown as ClaimResult, diagnostics: [], footprint });
const store = (text: string) => ({ getContent: (_family: 'results', hash: string) => (hash === 'h' ? text : undefined) });

describe('kept whole results', () => {
  it('read back as each result was kept, whatever the ids and results hold', () => {
    const claims = new Map<string, FreshClaim>([
      ['plain-claim', fresh({ id: 'plain-claim', explanation: 'as said' })],
      ['tabs\tand\nbreaks', fresh({ id: 'x', words: 'a\tb\nc "quoted" \\ back' })],
      ['“curly” id', fresh({ id: 'y', quote: `“curly” — and 😀 ${'in plain words '.repeat(8)}`, lone: '\ud800' })],
      ['__proto__', fresh({ id: '__proto__', nested: { list: [1, 2, { deep: true }] } })],
      ['empty', fresh({})],
    ]);
    const { results } = serializeKept(claims, true);
    const read = readResults(store(results!), 'h')!;
    expect(Object.keys(read)).toEqual([...claims.keys()]);
    for (const [id, claim] of claims) expect(JSON.parse(read[id] as string), id).toEqual(claim.result);
    // __proto__ is a member, as JSON.parse makes it, not the object's prototype.
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    // Escaped, so that each result is a line and the text is ASCII.
    expect(results).toMatch(/^[\x00-\x7f]*$/);
    expect(results!.split('\n')).toHaveLength(claims.size + 1);
  });

  it('read as none when they do not hold together', () => {
    expect(readResults(store(''), 'h')).toEqual({});
    expect(readResults(store('"a"\t{}\n'), 'nothing')).toBeUndefined();
    expect(readResults(store(undefined as unknown as string), 'h')).toBeUndefined();
    for (const broken of ['"a" {}\n', '"a"\t{}', 'a\t{}\n', '1\t{}\n', '"a\n\t{}\n', '"a"\n\t{}\n']) expect(readResults(store(broken), 'h'), JSON.stringify(broken)).toBeUndefined();
  });
});
