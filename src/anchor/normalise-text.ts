import { decompose, isIgnorable } from './unicode-chars.js';

/**
 * Text normalised for matching quotes, with a map back to the original: typographic
 * quotes and apostrophes become straight ones, dashes become hyphens, an ellipsis
 * becomes three dots, every run of white space (line breaks and no-break spaces
 * included) becomes one space, accents are decomposed and invisible characters
 * dropped. Case is kept: a changed capital is a misquote.
 */
export interface Normalised {
  text: string;
  /** For each normalised character, the UTF-16 offset of the original character it came from. */
  from: Int32Array;
  /** For each normalised character, the offset just past that original character. */
  to: Int32Array;
}

/** White space as JavaScript's \s knows it. */
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** The plain character a typographic one stands for, or the character itself. */
function plain(c: number): number {
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032 || c === 0x02bc || c === 0x60 || c === 0xb4) return 0x27;
  if ((c >= 0x201c && c <= 0x201f) || c === 0x2033 || c === 0xab || c === 0xbb) return 0x22;
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212) return 0x2d;
  return c;
}

/** Output that grows as needed: decompositions lengthen text, and a 10 MiB snapshot must not reserve for the worst case. */
class Builder {
  codes: Uint16Array;
  from: Int32Array;
  to: Int32Array;
  length = 0;
  constructor(size: number) {
    this.codes = new Uint16Array(size);
    this.from = new Int32Array(size);
    this.to = new Int32Array(size);
  }
  push(code: number, from: number, to: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.from[this.length] = from;
    this.to[this.length++] = to;
  }
  private grow(): void {
    const size = this.codes.length * 2 + 16;
    const codes = new Uint16Array(size);
    const from = new Int32Array(size);
    const to = new Int32Array(size);
    codes.set(this.codes);
    from.set(this.from);
    to.set(this.to);
    [this.codes, this.from, this.to] = [codes, from, to];
  }
}

/**
 * One pass over the text into typed arrays: snapshots can be megabytes, and
 * this runs on every one whose quotes are not found as written. Offsets are
 * UTF-16 units on both sides, as indexOf counts them. Accented letters are
 * decomposed (NFD), so a composed quote finds a decomposed snapshot and the
 * other way round; invisible default-ignorable characters (a soft hyphen, a
 * zero-width space, a direction mark) are dropped.
 */
export function normalise(text: string): Normalised {
  const n = text.length;
  const out = new Builder(n + 16);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && !isSpace(c)) {
      out.push(c === 0x60 ? 0x27 : c, i, i + 1);
      i++;
      continue;
    }
    if (isSpace(c)) {
      // Invisible characters inside a run of spaces belong to it: "a \u200b b" is "a b".
      const start = i;
      while (i < n && (isSpace(text.charCodeAt(i)) || isIgnorable(text.codePointAt(i)!))) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      out.push(0x20, start, i);
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isIgnorable(cp)) {
      i += width;
      continue;
    }
    if (c === 0x2026) {
      for (let d = 0; d < 3; d++) out.push(0x2e, i, i + 1);
    } else if (plain(c) !== c) {
      out.push(plain(c), i, i + 1);
    } else {
      const parts = cp < 0xc0 ? String.fromCharCode(c) : decompose(cp);
      for (let k = 0; k < parts.length; k++) out.push(parts.charCodeAt(k), i, i + width);
    }
    i += width;
  }
  let result = '';
  for (let c = 0; c < out.length; c += 8192) result += String.fromCharCode(...out.codes.subarray(c, Math.min(out.length, c + 8192)));
  return { text: result, from: out.from.slice(0, out.length), to: out.to.slice(0, out.length) };
}
/** A quote normalised and trimmed: leading and trailing white space never matters. */
export function normaliseQuote(quote: string): string {
  return normalise(quote).text.trim();
}
