import { describe, expect, it } from 'vitest';
import { anchorQuote, prepareSnapshot } from '../../src/anchor/anchor-quote.js';
import { findClosest, searchBudget } from '../../src/anchor/find-closest.js';
import { normalise } from '../../src/anchor/normalise-text.js';
import { invisiblesIn, isIgnorable, nameOf, unseenDifference } from '../../src/anchor/unicode-chars.js';
import { sliceCodePoints } from '../../src/anchor/text-positions.js';

const SENTENCE = 'Le président a dit: « Nous irons au café demain. » The tweet said it was a dishonest report.';

describe('invisible and decomposed characters in quotes', () => {
  it('knows exactly the default-ignorable code points', () => {
    const property = /\p{Default_Ignorable_Code_Point}/u;
    const wrong: number[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      if ((cp < 0xd800 || cp > 0xdfff) && isIgnorable(cp) !== property.test(String.fromCodePoint(cp))) wrong.push(cp);
    }
    expect(wrong).toEqual([]);
  });

  it('anchors a composed quote in a decomposed snapshot, and the other way round, and says so', () => {
    for (const [snapshotForm, quoteForm, note] of [
      ['NFD', 'NFC', "the snapshot's accents are decomposed (NFD), the quote's composed"],
      ['NFC', 'NFD', "the quote's accents are decomposed (NFD), the snapshot's composed"],
    ] as const) {
      const snapshot = prepareSnapshot(SENTENCE.normalize(snapshotForm));
      const out = anchorQuote(snapshot, 'Le président a dit: « Nous irons au café'.normalize(quoteForm));
      if (!out.ok) throw new Error(`${snapshotForm}: ${out.reason}`);
      expect(out.anchor.match).toBe('normalised');
      expect(out.anchor.exact).toBe('Le président a dit: « Nous irons au café'.normalize(snapshotForm));
      expect(sliceCodePoints(snapshot.text, out.anchor.start, out.anchor.end)).toBe(out.anchor.exact);
      expect(out.anchor.unicode).toEqual([note]);
    }
  });

  it('ignores a soft hyphen in the snapshot and a zero-width space in the quote, and names them in the trail', () => {
    const snapshot = prepareSnapshot(SENTENCE.replace('dishonest', 'dis\u00adhonest'));
    const out = anchorQuote(snapshot, 'a dis\u200bhonest report');
    if (!out.ok) throw new Error(out.reason);
    expect(out.anchor.exact).toBe('a dis\u00adhonest report');
    expect(out.anchor.unicode).toEqual(['ignored in the snapshot: U+00AD SOFT HYPHEN', 'ignored in the quote: U+200B ZERO WIDTH SPACE']);
  });

  it('keeps words apart that only an invisible character and a space separate', () => {
    expect(normalise('a \u200b b\u2060 c').text).toBe('a b c');
  });

  it('never matches a letter without the accent on it, nor suggests a passage that starts with a bare accent', () => {
    for (const form of ['NFC', 'NFD'] as const) {
      const snapshot = prepareSnapshot(SENTENCE.normalize(form));
      const out = anchorQuote(snapshot, 'irons au cafe');
      expect(out.ok, form).toBe(false);
      if (out.ok || out.reason !== 'not-found') throw new Error(form);
      expect(out.closest!.passage).toBe('irons au café'.normalize(form));
      expect(out.closest!.similarity).toBeLessThan(1);
      const tail = anchorQuote(snapshot, '\u0301 demain');
      if (tail.ok || tail.reason !== 'not-found') throw new Error(`${form}: found a bare accent`);
      expect(tail.closest?.passage ?? '').not.toMatch(/^\p{M}/u);
    }
  });

  it('names the invisible characters that decide a mismatch', () => {
    expect(unseenDifference('said it was\u0007 a', 'said it was a')).toBe('; the quote has the invisible U+0007 BELL');
    expect(unseenDifference('0001 dollars', '\u202e0001 dollars')).toBe('');
    expect(unseenDifference('a b', 'a\u0600b')).toBe('; the closest passage has the invisible U+0600');
    expect(invisiblesIn('x\u00ad\u202e\u001b\n')).toEqual(['U+001B ESCAPE', 'U+00AD SOFT HYPHEN', 'U+202E RIGHT-TO-LEFT OVERRIDE']);
    expect(nameOf(0xfe0f)).toBe('U+FE0F VARIATION SELECTOR-16');
  });
});

describe('the cost of suggestions', () => {
  const words = Array.from({ length: 30_000 }, (_, i) => `word${(i * 7919) % 30_011}`).join(' ');

  it('finds the closest passage of a long text through its word index', () => {
    const budget = searchBudget();
    const passage = words.slice(100_000, 100_200);
    let n = 0;
    const found = findClosest(words, passage.replace(/word/g, (w) => (n++ % 3 ? w : 'ward')), budget);
    if (!found || found === 'spent') throw new Error('no suggestion');
    expect(words.slice(found.start, found.end)).toContain(passage.slice(20, 180));
    // A few windows around the words in common, not the whole text.
    expect(searchBudget().cells - budget.cells).toBeLessThan(words.length * 50);
  });

  it('stops suggesting once the run has spent its budget, and says so', () => {
    const budget = { cells: 1000, scanned: 0 };
    expect(findClosest(words, words.slice(5000, 5200), budget)).toBe('spent');
    expect(budget.cells).toBe(1000);
    const snapshot = prepareSnapshot(words);
    expect(anchorQuote(snapshot, 'word1 wurd2 word3', {}, { cells: 0, scanned: 0 })).toEqual({ ok: false, reason: 'not-found', unsearched: true });
  });
});
