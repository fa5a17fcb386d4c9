/**
 * Knuth, Morris and Pratt's search: each start of `needle` in `haystack` at
 * or after `from`, in order, while `take` asks for more. One pass, never
 * back: trying each start cost the two lengths multiplied, for a needle that
 * nearly occurs at every turn. Works on strings (characters) and arrays
 * (words) alike; the needle is not empty.
 */
export function eachRun<T>(haystack: ArrayLike<T>, needle: ArrayLike<T>, from: number, take: (at: number) => boolean): void {
  // fallback[i]: the longest proper prefix of needle[0..i] that is also its suffix.
  const fallback = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = fallback[k - 1]!;
    if (needle[i] === needle[k]) k++;
    fallback[i] = k;
  }
  for (let i = from, k = 0; i < haystack.length; i++) {
    const item = haystack[i];
    while (k > 0 && item !== needle[k]) k = fallback[k - 1]!;
    if (item === needle[k]) k++;
    if (k === needle.length) {
      if (!take(i - k + 1)) return;
      k = fallback[k - 1]!;
    }
  }
}
