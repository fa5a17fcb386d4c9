import { approximateMatch } from '../model/approximate-match.js';

/**
 * Compares attributed words with recorded ones, ignoring case, quotation
 * marks, punctuation and spacing: "WikiLeaks." and "Wikileaks" are the same words.
 */
export function compareWords(claimed: string, recorded: string): { contains: boolean; similarity: number } {
  const want = tokens(claimed);
  const have = tokens(recorded);
  if (want.length === 0) return { contains: false, similarity: 0 };
  if (containsRun(have, want)) return { contains: true, similarity: 1 };
  return { contains: false, similarity: bestWindowOverlap(want, have) };
}

export function tokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc']/g, '') // apostrophes join words: "didn't" and "didn’t" match
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

function containsRun(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The share of claimed words matched, in order, by the closest stretch of the recorded words. */
function bestWindowOverlap(want: string[], have: string[]): number {
  const found = approximateMatch(have, want);
  return found ? Math.max(0, 1 - found.distance / want.length) : 0;
}
