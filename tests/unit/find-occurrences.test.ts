import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSnapshot } from '../../src/anchor/anchor-quote.js';
import { eachStart, exactOccurrences, normalisedOccurrences } from '../../src/anchor/find-occurrences.js';

/** Every start of a pattern, by trying each: what the search must agree with. */
const startsOf = (text: string, pattern: string) => [...text].map((_, i) => i).filter((i) => text.startsWith(pattern, i));

describe('eachStart', () => {
  it('gives every start in order, past the point where it stops calling indexOf, and stops when asked', () => {
    // Two letters, one of them rare in some texts, and long texts: a pattern of several letters
    // starts hundreds of times, so that indexOf costs passes over the text and the search goes linear.
    const rareB = [...'a'.repeat(19), 'b'];
    const text = fc.oneof(fc.constant(['a', 'b']), fc.constant(rareB)).chain((unit) => fc.string({ unit: fc.constantFrom(...unit), maxLength: 600, size: 'max' }));
    const pattern = fc.oneof(fc.integer({ min: 1, max: 12 }).map((n) => 'a'.repeat(n)), fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 1, maxLength: 12 }));
    fc.assert(
      // No passes of indexOf at all: the linear search from the first start.
      fc.property(text, pattern, fc.integer({ min: 1, max: 400 }), fc.constantFrom(undefined, 0), (t, p, wanted, passes) => {
        const all: number[] = [];
        eachStart(t, p, (at) => all.push(at) > 0, passes);
        expect(all).toEqual(startsOf(t, p));
        const some: number[] = [];
        eachStart(t, p, (at) => some.push(at) < wanted, passes);
        expect(some).toEqual(all.slice(0, wanted));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('eachStart of nothing', () => {
  it('gives no start, and returns', () => {
    const starts: number[] = [];
    eachStart('abc', '', (at) => starts.push(at) > 0);
    expect(starts).toEqual([]);
  });
});

describe('occurrences of a quote inside the words of a long snapshot', () => {
  it('are turned down at each start and the whole-word ones still found, however many came before', () => {
    // 5,000 starts inside one long word, then the quote as a word of its own.
    const quote = 'a'.repeat(20);
    const snapshot = prepareSnapshot(`${'a'.repeat(5000)} then ${quote}.`);
    expect(exactOccurrences(snapshot, quote)).toEqual([{ from: 5006, to: 5026, line: 1 }]);
    expect(normalisedOccurrences(snapshot, quote)).toEqual([{ from: 5006, to: 5026, line: 1 }]);
  });
});
