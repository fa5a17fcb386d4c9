import { approximateDistance } from '../model/approximate-match.js';
import { eachRun } from '../model/find-runs.js';

/**
 * Compares attributed words with recorded ones, ignoring case, quotation
 * marks, punctuation and spacing: "WikiLeaks." and "Wikileaks" are the same words.
 */
export function compareWords(claimed: string, recorded: string | { words: string }): { contains: boolean; similarity: number; misquote: boolean } {
  const want = tokens(claimed);
  const have = typeof recorded === 'string' ? tokens(recorded) : wordsOf(recorded);
  if (want.length === 0) return { contains: false, similarity: 0, misquote: false };
  if (containsRun(have, want)) return { contains: true, similarity: 1, misquote: false };
  const distance = approximateDistance(have, want) ?? want.length;
  // A misquote: a quarter of the words changed at most, or, in six words or more, two. "Nothing
  // could be closer to the truth" against "further from the truth" changes two words of seven.
  const misquote = distance <= want.length / 4 || (want.length >= 6 && distance <= 2);
  return { contains: false, similarity: Math.max(0, 1 - distance / want.length), misquote };
}

const split = new WeakMap<object, string[]>();

/** A statement's words, as compareWords splits them: once per record, however many claims ask. */
export function wordsOf(statement: { words: string }): string[] {
  let found = split.get(statement);
  if (!found) split.set(statement, (found = tokens(statement.words)));
  return found;
}

/** Whether a statement's words contain the claimed ones in order, ignoring case and punctuation. */
export function containsWords(claimed: readonly string[], statement: { words: string }): boolean {
  return claimed.length > 0 && containsRun(wordsOf(statement), claimed);
}

export function tokens(text: string): string[] {
  // Plain ASCII, as most words are, needs neither Unicode normalisation nor Unicode classes.
  if (ASCII.test(text)) return text.toLowerCase().replace(/'/g, '').split(/[^a-z0-9]+/).filter(Boolean);
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc']/g, '') // apostrophes join words: "didn't" and "didn’t" match
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

const ASCII = /^[\x00-\x7f]*$/;

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (!needle.length) return true;
  let found = false;
  eachRun(haystack, needle, 0, () => !(found = true));
  return found;
}

