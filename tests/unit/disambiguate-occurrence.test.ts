import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSnapshot, type AnchorHint, type Occurrence, type PreparedSnapshot } from '../../src/anchor/anchor-quote.js';
import { disambiguate, fitsHint } from '../../src/anchor/disambiguate-occurrence.js';
import { exactOccurrences } from '../../src/anchor/find-occurrences.js';

// The search as first written, a pattern of n words for each n: what the faster one must agree with.
function lastWords(s: string, n: number): string {
  const match = new RegExp(`(?:\\S+\\s+){0,${n - 1}}\\S*\\s*$`).exec(s);
  return match ? match[0].replace(/\s+/g, ' ').trim() : '';
}
function firstWords(s: string, n: number): string {
  const match = new RegExp(`^\\s*\\S*(?:\\s+\\S+){0,${n - 1}}`).exec(s);
  return match ? match[0].replace(/\s+/g, ' ').trim() : '';
}
function reference(snapshot: PreparedSnapshot, target: Occurrence, all: readonly Occurrence[]): AnchorHint | undefined {
  const others = all.filter((o) => o !== target);
  for (let words = 1; words <= 40; words++) {
    const prefix = lastWords(snapshot.text.slice(Math.max(0, target.from - 2000), target.from), words);
    if (prefix.trim() && !others.some((o) => fitsHint(snapshot, o, { prefix }))) return { prefix };
    const suffix = firstWords(snapshot.text.slice(target.to, target.to + 2000), words);
    if (suffix.trim() && !others.some((o) => fitsHint(snapshot, o, { suffix }))) return { suffix };
  }
  return undefined;
}

describe('disambiguate', () => {
  it('picks the hint that trying a pattern of each number of words picks', () => {
    // Few words and many kinds of space, so that occurrences share long surroundings; the window
    // of 2,000 characters cuts words at both ends when the text is long.
    // Invisible characters, accents, an ellipsis and characters past the BMP too, for where a
    // narrower slice is cut: inside a run of spaces or a surrogate pair.
    const piece = fc.constantFrom('x', 'a', 'b', 'a.', '“b”', ' ', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', 'long-word-'.repeat(30), '\u200b', ' \u200b ', 'e\u0301', '\u2026', '\u{1f600}', '\u{1d11e}\u{1d11e}', '\u00ad', 'c\u00e9', ' '.repeat(60), '\u200b'.repeat(40));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 160, size: 'max' }), (pieces) => {
        const text = pieces.join(' ');
        const snapshot = prepareSnapshot(text);
        const all = exactOccurrences(snapshot, 'x');
        for (const target of all) expect(disambiguate(snapshot, target, all)).toEqual(reference(snapshot, target, all));
      }),
      { numRuns: 200 },
    );
  });

  it('gives records quoting the same words the same hints', () => {
    const snapshot = prepareSnapshot('He said yes. Then she said yes. Later they said yes.');
    const all = exactOccurrences(snapshot, 'said yes');
    const again = exactOccurrences(snapshot, 'said yes');
    expect(all.map((o) => disambiguate(snapshot, o, all))).toEqual([{ prefix: 'He' }, { prefix: 'she' }, { prefix: 'they' }]);
    expect(again.map((o) => disambiguate(snapshot, o, again))).toEqual([{ prefix: 'He' }, { prefix: 'she' }, { prefix: 'they' }]);
  });
});
