import { normaliseQuote } from './normalise-text.js';
import { isMark } from './unicode-chars.js';
import type { Occurrence, PreparedSnapshot } from './anchor-quote.js';

/** Past this many occurrences a quote is hopeless as a citation: it is reported, not listed in full. */
const MAX_OCCURRENCES = 50;

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
  for (let at = text.indexOf(quote); at !== -1 && out.length < MAX_OCCURRENCES; at = text.indexOf(quote, at + 1)) {
    if (atWordEdges(text, at, at + quote.length)) out.push({ from: at, to: at + quote.length, line: snapshot.lineOf(at) });
  }
  return out;
}

/** Where a quote occurs once both are normalised, as offsets in the original text. */
export function normalisedOccurrences(snapshot: PreparedSnapshot, quote: string): Occurrence[] {
  const pattern = normaliseQuote(quote);
  const { text, from, to } = snapshot.normalised;
  const out: Occurrence[] = [];
  if (!pattern.length) return out;
  for (let at = text.indexOf(pattern); at !== -1 && out.length < MAX_OCCURRENCES; at = text.indexOf(pattern, at + 1)) {
    const end = at + pattern.length;
    // Whole original characters only: ".." must not match two thirds of an ellipsis.
    const whole = (at === 0 || from[at - 1] !== from[at]) && (end === text.length || to[end] !== to[end - 1]);
    if (!whole || !atWordEdges(text, at, end)) continue;
    const start = from[at]!;
    out.push({ from: start, to: to[end - 1]!, line: snapshot.lineOf(start) });
  }
  return out;
}
