import { describe, expect, it } from 'vitest';
import { anchorQuote, prepareSnapshot } from '../../src/anchor/anchor-quote.js';
import { showClosest } from '../../src/anchor/describe-misquote.js';
import { cutAtWord, describeChanges, diffWords } from '../../src/anchor/diff-words.js';
import { normaliseQuote } from '../../src/anchor/normalise-text.js';

const differs = (quote: string, passage: string) => describeChanges(diffWords(quote, passage, { key: normaliseQuote }));

describe('diffWords', () => {
  it.each([
    ['a changed word', 'nothing could be farther from the truth', 'nothing could be further from the truth', '“farther” → “further”'],
    ['a dropped word', 'largely ignored the messages', 'largely ignored the frequent messages', 'missing “frequent” before “messages”'],
    ['words added', 'So very dishonest! said the tweet', 'So dishonest!', 'added “very” before “dishonest!”; added “said the tweet” after “dishonest!”'],
    ['a silently corrected typo', 'concluded the emails', 'concluded the the emails', 'missing “the” before “emails”'],
    ['a changed capital', 'Nothing could be further', 'nothing could be further', '“Nothing” → “nothing”'],
    ['typography that matching ignores', 'Trump Jr. didn\'t respond -- "no"', 'Trump Jr. didn’t respond -- “no”', ''],
    ['line breaks and runs of spaces', 'one  two\nthree', 'one two three', ''],
    ['a control character nobody sees', 'dis\u0007honest media', 'dishonest media', '“dis\u0007honest” → “dishonest”'],
  ])('%s', (_name, quote, passage, expected) => {
    expect(differs(quote, passage)).toBe(expected);
  });

  it('shows a few changes, then how many more', () => {
    const quote = 'a1 b c2 d e3 f g4 h i5 j';
    const passage = 'a b c d e f g h i j';
    expect(differs(quote, passage)).toBe('“a1” → “a”; “c2” → “c”; “e3” → “e”; …and 2 more');
    expect(diffWords(quote, passage)).toHaveLength(5);
  });

  it('cuts a long run of words at a word', () => {
    const added = 'and then a great many more words were added to the quote than the source has';
    const shown = differs(`start ${added}`, 'start');
    expect(shown).toMatch(/^added “and then a great many more words were…” after “start”$/);
  });

  it('leaves out what a long quote goes on to say past a passage found for its start', () => {
    const quote = 'one two three four five six seven';
    expect(describeChanges(diffWords(quote, 'one two tree four', { openEnd: true }))).toBe('“three” → “tree”');
    expect(describeChanges(diffWords(quote, 'one two tree four'))).toBe('“three” → “tree”; added “five six seven” after “four”');
  });

  it('reports a whole rewrite as one change rather than failing on a huge table', () => {
    const quote = Array.from({ length: 1200 }, (_, i) => `q${i}`).join(' ');
    const passage = Array.from({ length: 1200 }, (_, i) => `p${i}`).join(' ');
    const changes = diffWords(quote, passage);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.quote.split(' ')).toHaveLength(1200);
  });
});

describe('cutAtWord', () => {
  it('keeps short text whole, on one line', () => {
    expect(cutAtWord('a short\n  passage', 160)).toBe('a short passage');
  });

  it('cuts long text at the end of a word, never inside one', () => {
    const text = 'Trump Jr broadcast the link via Twitter two days later, writing: “For those who have the time to read about all the corruption and hypocrisy”';
    for (let max = 10; max < text.length; max++) {
      const cut = cutAtWord(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith('…')).toBe(true);
      const kept = cut.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      expect(text[kept.length] === ' ' || /[,;:]/.test(text[kept.length]!)).toBe(true);
    }
  });

  it('cuts a single word longer than the room inside it', () => {
    expect(cutAtWord('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('showClosest', () => {
  it('cuts a long passage at a word and still shows what differs', () => {
    const passage = `${'word '.repeat(40)}farther end`;
    const shown = showClosest(`${'word '.repeat(40)}further end`, passage, 160);
    expect(shown.passage.length).toBeLessThanOrEqual(160);
    expect(shown.passage).toMatch(/ word…$/);
    expect(shown.differs).toBe('“further” → “farther”');
  });
});

describe('suggestions are whole words', () => {
  it('widens a passage that would start or stop inside a word', () => {
    const snapshot = prepareSnapshot('They called it the dishonest media of incredible information, he said.');
    const out = anchorQuote(snapshot, 'honest media of incredible informat');
    if (out.ok || out.reason !== 'not-found') throw new Error('expected a misquote');
    expect(out.closest?.passage).toBe('dishonest media of incredible information');
    expect(out.closest?.similarity).toBeLessThan(1);
  });
});
