import { normaliseQuote } from './normalise-text.js';
import { isMark } from './unicode-chars.js';
import { eachRun } from '../model/find-runs.js';
import type { Occurrence, PreparedSnapshot } from './anchor-quote.js';

/** Past this many occurrences a quote is hopeless as a citation: it is reported, not listed in full. */
const MAX_OCCURRENCES = 50;

/** Passes over the text indexOf may cost before the search goes linear. */
const INDEXOF_PASSES = 4;

/** A letter or digit: what words are made of. */
export const WORD = /[\p{L}\p{N}]/u;

/**
 * A match must not begin or end inside a word: "the" is not found in "there",
 * and a quote cannot start with the last letter of another word. Nor may it
 * begin with a combining accent or stop just before one: "cafe" is not "café".
 */
function atWordEdges(text: string, from: number, to: number): boolean {
  const startsWord = WORD.test(text[from] ?? '');
  const endsWord = WORD.test(text[to - 1] ?? '');
  return !(startsWord && WORD.test(text[from - 1] ?? '')) && !(endsWord && WORD.test(text[to] ?? '')) && !isMark(text[from]) && !isMark(text[to]);
}

/** Where a quote occurs as written, whole words only. */
export function exactOccurrences(snapshot: PreparedSnapshot, quote: string): Occurrence[] {
  const { text } = snapshot;
  const out: Occurrence[] = [];
  if (!quote.length) return out;
  eachStart(text, quote, (at) => {
    if (atWordEdges(text, at, at + quote.length)) out.push({ from: at, to: at + quote.length, line: snapshot.lineOf(at) });
    return out.length < MAX_OCCURRENCES;
  });
  return out;
}

/** Where a quote occurs once both are normalised, as offsets in the original text. */
export function normalisedOccurrences(snapshot: PreparedSnapshot, quote: string): Occurrence[] {
  const pattern = normaliseQuote(quote);
  const { text, from, to } = snapshot.normalised;
  const out: Occurrence[] = [];
  if (!pattern.length) return out;
  eachStart(text, pattern, (at) => {
    const end = at + pattern.length;
    // Whole original characters only: ".." must not match two thirds of an ellipsis.
    const whole = (at === 0 || from[at - 1] !== from[at]) && (end === text.length || to[end] !== to[end - 1]);
    if (whole && atWordEdges(text, at, end)) {
      const start = from[at]!;
      out.push({ from: start, to: to[end - 1]!, line: snapshot.lineOf(start) });
    }
    return out.length < MAX_OCCURRENCES;
  });
  return out;
}

/**
 * Each start of `pattern` in `text`, in order, while `take` asks for more.
 * indexOf first, since most quotes are found at once. A quote that occurs
 * inside the words of a snapshot at every turn (a long run of one letter)
 * made indexOf from each start cost the quote's length again, the two
 * lengths multiplied; once indexOf has cost a few passes over the text,
 * Knuth, Morris and Pratt's search takes the rest in one.
 */
export function eachStart(text: string, pattern: string, take: (at: number) => boolean, passes = INDEXOF_PASSES): void {
  // An empty pattern starts everywhere and indexOf never moves past the end: nobody asks for it.
  if (!pattern.length) return;
  // At most what indexOf has cost: the text it passed, and the pattern at each start.
  const affordable = passes * (text.length + pattern.length);
  let spent = 0;
  let at = text.indexOf(pattern);
  for (let from = 0; at !== -1; at = text.indexOf(pattern, from)) {
    spent += at - from + pattern.length;
    if (spent > affordable) break;
    if (!take(at)) return;
    from = at + 1;
  }
  if (at !== -1) eachRun(text, pattern, at, take);
}
