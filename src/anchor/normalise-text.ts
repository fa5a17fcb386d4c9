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

const SINGLE = /[\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4]/;
const DOUBLE = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;
const DASH = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/;
const SPACE = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/;

export function normalise(text: string): Normalised {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const push = (s: string, start: number, end: number) => {
    for (const ch of s) {
      out.push(ch);
      from.push(start);
      to.push(end);
    }
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (SPACE.test(ch)) {
      const start = i;
      while (i < text.length && SPACE.test(text[i]!)) i++;
      push(' ', start, i);
      continue;
    }
    if (SINGLE.test(ch)) push("'", i, i + 1);
    else if (DOUBLE.test(ch)) push('"', i, i + 1);
    else if (DASH.test(ch)) push('-', i, i + 1);
    else if (ch === '\u2026') push('...', i, i + 1);
    else push(ch, i, i + 1);
    i++;
  }
  return { text: out.join(''), from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** A quote normalised and trimmed: leading and trailing white space never matters. */
export function normaliseQuote(quote: string): string {
  return normalise(quote).text.trim();
}
