import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/model/suggest.js';

/** Optimal string alignment distance over the whole table, as first written: what the band must give. */
function fullDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The nearest candidate within a third of the word, ties by name, none if the word is one: suggest's definition. */
function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(word)) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  const ranked = candidates.map((c) => [fullDistance(word.toLowerCase(), c.toLowerCase()), c] as const).filter(([d]) => d <= limit);
  ranked.sort(([d1, c1], [d2, c2]) => d1 - d2 || (c1 < c2 ? -1 : c1 > c2 ? 1 : 0));
  return ranked[0]?.[1];
}

const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '-'), maxLength: 14 });

describe('editDistance', () => {
  it('gives the whole table\'s distance, or limit + 1 past the limit', () => {
    fc.assert(
      fc.property(text, text, fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant(Infinity)), (a, b, limit) => {
        expect(editDistance(a, b, limit)).toBe(Math.min(fullDistance(a, b), limit + 1));
      }),
      { seed: 7, numRuns: 4000 },
    );
  });
});

describe('suggest', () => {
  it('gives the nearest candidate, whatever the order it is offered in', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 12 }), (word, candidates) => {
        expect(suggest(word, candidates)).toBe(nearest(word, candidates));
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it('stops suggesting when its budget is spent, and still tells an id that is there', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `entity-number-${i}-of-a-long-list`);
    expect(suggest('entity-number-7-of-a-long-lis', ids, { cells: 1e9 })).toBe('entity-number-7-of-a-long-list');
    const budget = { cells: 1_000 };
    expect(suggest('entity-number-7-of-a-long-lis', ids, budget)).toBeUndefined();
    expect(budget.cells).toBeLessThan(0);
    // A word that is a candidate is never "corrected", spent or not.
    expect(suggest('entity-number-199-of-a-long-list', ids, budget)).toBeUndefined();
  });
});
