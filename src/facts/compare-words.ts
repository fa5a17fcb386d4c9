import { approximateMatch } from '../model/approximate-match.js';

/**
 * Compares attributed words with recorded ones, ignoring case, quotation
 * marks, punctuation and spacing: "WikiLeaks." and "Wikileaks" are the same words.
 */
export function compareWords(claimed: string, recorded: string): { contains: boolean; similarity: number; misquote: boolean } {
  const want = tokens(claimed);
  const have = tokens(recorded);
  if (want.length === 0) return { contains: false, similarity: 0, misquote: false };
  if (containsRun(have, want)) return { contains: true, similarity: 1, misquote: false };
  const found = approximateMatch(have, want);
  const distance = found ? found.distance : want.length;
  // A misquote: a quarter of the words changed at most, or, in six words or more, two. "Nothing
  // could be closer to the truth" against "further from the truth" changes two words of seven.
  const misquote = distance <= want.length / 4 || (want.length >= 6 && distance <= 2);
  return { contains: false, similarity: Math.max(0, 1 - distance / want.length), misquote };
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

