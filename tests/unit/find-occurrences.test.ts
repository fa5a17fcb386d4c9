import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSnapshot } from '../../src/anchor/anchor-quote.js';
import { eachStart, exactOccurrences, normalisedOccurrences } from '../../src/anchor/find-occurrences.js';

/** Every start of a pattern, by trying each: what the search must agree with. */
const startsOf = (text: string, pattern: string) => [...text].map((_, i) => i).filter((i) => text.startsWith(pattern, i));

describe('eachStart', () => {
  it('gives every start in order, past the point where it stops calling indexOf, and stops when asked', () => {
    // Two letters and long texts: a pattern of a few letters starts hundreds of times.
    const text = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 600, size: 'max' });
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(text, pattern, fc.integer({ min: 1, max: 400 }), (t, p, wanted) => {
        const all: number[] = [];
        eachStart(t, p, (at) => all.push(at) > 0);
        expect(all).toEqual(startsOf(t, p));
        const some: number[] = [];
        eachStart(t, p, (at) => some.push(at) < wanted);
        expect(some).toEqual(all.slice(0, wanted));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('occurrences of a quote inside the words of a long snapshot', () => {
  it('are turned down at each start and the whole-word ones still found, however many came before', () => {
    // 5,000 starts inside one long word, then the quote as a word of its own.
    const text = `${'a'.repeat(5000)} then aaa.`;
    const snapshot = prepareSnapshot(text);
    expect(exactOccurrences(snapshot, 'aaa')).toEqual([{ from: 5006, to: 5009, line: 1 }]);
    expect(normalisedOccurrences(snapshot, 'aaa')).toEqual([{ from: 5006, to: 5009, line: 1 }]);
  });
});
