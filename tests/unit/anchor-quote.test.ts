import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorQuote, prepareSnapshot } from '../../src/anchor/anchor-quote.js';
import { disambiguate } from '../../src/anchor/disambiguate-occurrence.js';
import { findClosest } from '../../src/anchor/find-closest.js';
import { sliceCodePoints } from '../../src/anchor/text-positions.js';
import { REPO } from '../helpers/project.js';

const read = (name: string) => prepareSnapshot(readFileSync(join(REPO, 'evidence/snapshots', name), 'utf8'));
const EURONEWS = read('euronews-trump-jr-wikileaks.txt');
const WEEK = read('the-week-trump-jr-wikileaks.txt');

describe('anchorQuote', () => {
  it('finds an exact quote and records selectors that slice back to it', () => {
    const out = anchorQuote(WEEK, 'Trump Jr broadcast the link via Twitter two days later');
    if (!out.ok) throw new Error(out.reason);
    const { anchor } = out;
    expect(anchor.match).toBe('exact');
    expect(sliceCodePoints(WEEK.text, anchor.start, anchor.end)).toBe(anchor.exact);
    expect(WEEK.text.includes(anchor.prefix + anchor.exact + anchor.suffix)).toBe(true);
    expect(anchor.prefix.length).toBeLessThanOrEqual(32);
    expect(anchor.line).toBe(15);
  });

  it('matches straight quotes against curly ones, and keeps the snapshot\'s own words', () => {
    const out = anchorQuote(EURONEWS, `Trump Jr. didn't respond immediately, but his father tweeted 15 minutes later: "Very little pick-up`);
    expect(out).toMatchObject({ ok: true, anchor: { match: 'normalised', exact: 'Trump Jr. didn’t respond immediately, but his father tweeted 15 minutes later: “Very little pick-up' } });
  });

  it('maps a normalised match back to the right words after characters outside the BMP', () => {
    const snapshot = prepareSnapshot('Fans 😀😀 wrote \u201cwe\u2019ll be back\u201d \u2014 twice.');
    const out = anchorQuote(snapshot, `"we'll be back" - twice`);
    if (!out.ok) throw new Error(out.reason);
    expect(out.anchor.exact).toBe('\u201cwe\u2019ll be back\u201d \u2014 twice');
    expect(out.anchor.start).toBe(14);
    expect(sliceCodePoints(snapshot.text, out.anchor.start, out.anchor.end)).toBe(out.anchor.exact);
  });

  it('matches across line breaks and runs of spaces', () => {
    const out = anchorQuote(WEEK, '12 October 2016.   In the messages, Wikileaks was seeking');
    if (!out.ok) throw new Error(out.reason);
    expect(out.anchor.exact).toBe('12 October 2016.\nIn the messages, Wikileaks was seeking');
    expect(sliceCodePoints(WEEK.text, out.anchor.start, out.anchor.end)).toBe(out.anchor.exact);
  });

  it('matches dashes and ellipses written plainly', () => {
    expect(anchorQuote(WEEK, 'But just 15 minutes after it was sent ... Donald Trump himself tweeted')).toMatchObject({ ok: true, anchor: { match: 'normalised' } });
    expect(anchorQuote(EURONEWS, 'In the exchanges - some of them around the time')).toMatchObject({ ok: true, anchor: { match: 'normalised' } });
  });

  it.each([
    ['a changed word', WEEK, 'Mike Pence told Fox News “nothing could be farther from the truth”', 'nothing could be further from the truth'],
    ['a dropped word', EURONEWS, 'Trump Jr. largely ignored the messages from WikiLeaks', 'largely ignored the frequent messages from WikiLeaks'],
    ['the "the the" typo corrected', WEEK, 'US intelligence officials have since concluded the emails were hacked', 'concluded the the emails were hacked'],
  ])('refuses %s, and points to the closest passage', (_name, snapshot, quote, original) => {
    const out = anchorQuote(snapshot, quote);
    expect(out).toMatchObject({ ok: false, reason: 'not-found' });
    if (out.ok || out.reason !== 'not-found') return;
    expect(out.closest?.passage).toContain(original);
    expect(out.closest?.similarity).toBeGreaterThan(0.85);
    expect(out.closest?.similarity).toBeLessThan(1);
  });

  it('asks for a prefix or suffix when a quote occurs twice, and picks one with it', () => {
    const quote = 'get the best of The Week delivered directly to your inbox';
    const out = anchorQuote(WEEK, quote);
    expect(out).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (out.ok || out.reason !== 'ambiguous') return;
    expect(out.occurrences.map((o) => o.line)).toEqual([11, 12]);
    const second = anchorQuote(WEEK, quote, { suffix: '. “The message' });
    expect(second).toMatchObject({ ok: true, anchor: { line: 12 } });
    expect(anchorQuote(WEEK, quote, { suffix: '. Nowhere' })).toMatchObject({ ok: false, reason: 'context-mismatch' });
    for (const o of out.occurrences) {
      const picked = anchorQuote(WEEK, quote, disambiguate(WEEK, o, out.occurrences));
      expect(picked).toMatchObject({ ok: true, anchor: { line: o.line } });
    }
  });

  it('counts positions in Unicode code points, as the W3C selector does', () => {
    const snapshot = prepareSnapshot('🙂🙂 rigged 🙂 system');
    const out = anchorQuote(snapshot, 'rigged 🙂 system');
    if (!out.ok) throw new Error(out.reason);
    expect([out.anchor.start, out.anchor.end]).toEqual([3, 18]);
    // In UTF-16 units the same words sit at 5–21: an emoji is two units but one character.
    expect(snapshot.text.indexOf('rigged')).toBe(5);
    expect(sliceCodePoints(snapshot.text, out.anchor.start, out.anchor.end)).toBe('rigged 🙂 system');
  });
});

describe('anchorQuote at the edges', () => {
  it('matches whole words and whole characters only', () => {
    const snapshot = prepareSnapshot('There they were, said the man: “we’re done…” and left.');
    expect(anchorQuote(snapshot, 'the')).toMatchObject({ ok: true, anchor: { exact: 'the', start: 22 } });
    expect(anchorQuote(snapshot, 'd “we’re')).toMatchObject({ ok: false, reason: 'not-found' });
    // "done.." would read two thirds of an ellipsis; "done..." reads it all.
    expect(anchorQuote(snapshot, 'done..')).toMatchObject({ ok: false });
    expect(anchorQuote(snapshot, 'done...')).toMatchObject({ ok: true, anchor: { exact: 'done…', match: 'normalised' } });
  });

  it('compares prefix and suffix without the space at their edges', () => {
    const snapshot = prepareSnapshot('and that is all. but that is all.');
    expect(anchorQuote(snapshot, 'that is all', { prefix: 'and' })).toMatchObject({ ok: true, anchor: { start: 4 } });
    expect(anchorQuote(snapshot, 'that is all', { prefix: ' but ' })).toMatchObject({ ok: true, anchor: { start: 21 } });
  });

  it('stops listing a hopeless quote after 50 occurrences', () => {
    const snapshot = prepareSnapshot('the report was the first of its kind. '.repeat(20_000));
    const out = anchorQuote(snapshot, 'the');
    expect(out).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (!out.ok && out.reason === 'ambiguous') expect(out.occurrences).toHaveLength(50);
  });

  it('says when no prefix or suffix can tell repeated passages apart', () => {
    const snapshot = prepareSnapshot('Same words. Same words.');
    const out = anchorQuote(snapshot, 'Same words');
    if (out.ok || out.reason !== 'ambiguous') throw new Error('expected ambiguous');
    expect(disambiguate(snapshot, out.occurrences[0]!, out.occurrences)).toEqual({ suffix: '. Same' });
    const identical = prepareSnapshot('x Same words x Same words x');
    const twice = anchorQuote(identical, 'Same words x');
    if (twice.ok || twice.reason !== 'ambiguous') throw new Error('expected ambiguous');
    expect(disambiguate(identical, twice.occurrences[1]!, twice.occurrences)).toEqual({ prefix: 'words x' });
  });
});

describe('findClosest', () => {
  it('finds the closest passage in a text too long to search whole', () => {
    const filler = 'lorem ipsum dolor sit amet consectetur '.repeat(40_000);
    const text = `${filler}the dishonest media of incredible information ${filler}`;
    const pattern = 'the dishonest madia of incredible information';
    const closest = findClosest(text, pattern);
    if (!closest || closest === 'spent') throw new Error('no suggestion');
    expect(text.slice(closest.start, closest.end)).toBe('the dishonest media of incredible information');
    expect(closest.distance).toBe(1);
  });
});
