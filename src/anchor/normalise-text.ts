/**
 * Text normalised for matching quotes, with a map back to the original: typographic
 * quotes and apostrophes become straight ones, dashes become hyphens, an ellipsis
 * becomes three dots, and every run of white space (line breaks and no-break spaces
 * included) becomes one space. Case is kept: a changed capital is a misquote.
 */
export interface Normalised {
  text: string;
  /** For each normalised character, the UTF-16 offset of the original character it came from. */
  from: Int32Array;
  /** For each normalised character, the offset just past that original character. */
  to: Int32Array;
}

/** White space as JavaScript's \s knows it, plus the zero-width space. */
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The plain character a typographic one stands for, or the character itself. */
function plain(c: number): number {
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032 || c === 0x02bc || c === 0x60 || c === 0xb4) return 0x27;
  if ((c >= 0x201c && c <= 0x201f) || c === 0x2033 || c === 0xab || c === 0xbb) return 0x22;
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212) return 0x2d;
  return c;
}

/**
 * One pass over UTF-16 units into preallocated arrays: snapshots can be
 * megabytes, and this runs on every one whose quotes are not found as written.
 * Offsets are UTF-16 units on both sides, as indexOf counts them.
 */
export function normalise(text: string): Normalised {
  const n = text.length;
  const codes = new Uint16Array(n * 3); // an ellipsis becomes three dots
  const from = new Int32Array(n * 3);
  const to = new Int32Array(n * 3);
  let k = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      const start = i;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      codes[k] = 0x20;
      from[k] = start;
      to[k++] = i;
      continue;
    }
    if (c === 0x2026) {
      for (let d = 0; d < 3; d++) {
        codes[k] = 0x2e;
        from[k] = i;
        to[k++] = i + 1;
      }
    } else {
      codes[k] = plain(c);
      from[k] = i;
      to[k++] = i + 1;
    }
    i++;
  }
  let out = '';
  for (let c = 0; c < k; c += 8192) out += String.fromCharCode(...codes.subarray(c, Math.min(k, c + 8192)));
  return { text: out, from: from.slice(0, k), to: to.slice(0, k) };
}

/** A quote normalised and trimmed: leading and trailing white space never matters. */
export function normaliseQuote(quote: string): string {
  return normalise(quote).text.trim();
}
