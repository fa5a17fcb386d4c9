import { describeChanges, cutAtWord, diffWords } from './diff-words.js';
import { MAX_PATTERN } from './find-closest.js';
import { normaliseQuote } from './normalise-text.js';

/** The closest passage to a misquote as a message shows it, and what differs from it. */
export interface ClosestShown {
  /** On one line, cut at a word past `max` characters. */
  passage: string;
  /** The words that differ ("“farther” → “further”"), or empty when no word does. */
  differs: string;
}

export function showClosest(quote: string, passage: string, max = Infinity): ClosestShown {
  // A suggestion is searched for the start of a long quote only: its end is not compared.
  const openEnd = normaliseQuote(quote).length > MAX_PATTERN;
  const changes = diffWords(quote, passage, { key: normaliseQuote, openEnd });
  return { passage: cutAtWord(passage, max), differs: describeChanges(changes) };
}
