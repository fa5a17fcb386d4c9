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

/** The share of claimed words found in order within the best window of similar length. */
function bestWindowOverlap(want: string[], have: string[]): number {
  const width = want.length + 2;
  let best = 0;
  for (let start = 0; start < Math.max(1, have.length - want.length + 1); start++) {
    best = Math.max(best, lcs(want, have.slice(start, start + width)));
  }
  return best / want.length;
}

function lcs(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    prev = row;
  }
  return prev[b.length]!;
}
