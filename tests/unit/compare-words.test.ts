import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWords } from '../../src/facts/compare-words.js';
import { approximateDistance, approximateMatch } from '../../src/model/approximate-match.js';

/** Words from a small vocabulary, so that runs and near runs are common, of any length up to the most (patterns past 32 words span blocks). */
const words = (maxLength: number) => fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength, size: 'max' });

/** Whether `have` holds `want` as a run, by trying every start: what the search must agree with. */
function holds(have: readonly string[], want: readonly string[]): boolean {
  for (let i = 0; i + want.length <= have.length; i++) if (want.every((w, j) => have[i + j] === w)) return true;
  return false;
}

describe('approximateDistance', () => {
  it('finds the distance the full table finds, for patterns of one block and of several', () => {
    fc.assert(
      fc.property(words(150), words(100), (text, pattern) => {
        expect(approximateDistance(text, pattern)).toBe(approximateMatch(text, pattern)?.distance);
      }),
      { numRuns: 3000 },
    );
  });

  it('counts a pattern of 32 words and one of 33 at the word boundary', () => {
    const pattern = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);
    for (const n of [31, 32, 33, 64, 65]) {
      const text = [...pattern(n).slice(0, n - 1), 'other', 'x'];
      expect(approximateDistance(text, pattern(n))).toBe(approximateMatch(text, pattern(n))!.distance);
      expect(approximateDistance(text, pattern(n))).toBe(1);
    }
  });
});

describe('compareWords', () => {
  it('finds the claimed words in a statement exactly when they are a run of its words', () => {
    fc.assert(
      fc.property(words(60), words(12), (have, want) => {
        fc.pre(want.length > 0);
        expect(compareWords(want.join(' '), have.join(' ')).contains).toBe(holds(have, want));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a run that the naive search would back up for, and a misquote two words from the record', () => {
    // Each start but the last matches all but one word: the search must not lose the real start.
    expect(compareWords('a a a b', 'a a a a a a b').contains).toBe(true);
    expect(compareWords('a b a b a c', 'a b a b a b a c').contains).toBe(true);
    expect(compareWords('Nothing could be closer to the truth', 'Nothing could be further from the truth.')).toEqual({ contains: false, similarity: 1 - 2 / 7, misquote: true });
  });
});
