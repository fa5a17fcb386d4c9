/**
 * The Unicode facts quote matching needs: which characters are invisible
 * (Default_Ignorable_Code_Point, which a reader never sees and copy-paste
 * carries along), the canonical decomposition of a character, and a readable
 * name for the invisible ones, so a message can say what it saw.
 */

/** Default_Ignorable_Code_Point as ranges; a test checks them against the engine's own property. */
const IGNORABLE: readonly (readonly [number, number])[] = [
  [0xad, 0xad], [0x34f, 0x34f], [0x61c, 0x61c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff],
  [0xffa0, 0xffa0], [0xfff0, 0xfff8], [0x1bca0, 0x1bca3], [0x1d173, 0x1d17a], [0xe0000, 0xe0fff],
];

/** Whether a code point is default-ignorable: invisible, and skipped when quotes are compared. */
export function isIgnorable(cp: number): boolean {
  if (cp < 0xad) return false;
  for (const [from, to] of IGNORABLE) {
    if (cp < from) return false;
    if (cp <= to) return true;
  }
  return false;
}

const decomposed = new Map<number, string>();

/** The canonical decomposition (NFD) of one code point, cached: snapshots repeat the same few accented letters. */
export function decompose(cp: number): string {
  let out = decomposed.get(cp);
  if (out === undefined) decomposed.set(cp, (out = String.fromCodePoint(cp).normalize('NFD')));
  return out;
}

const MARK = /\p{M}/u;

/** Whether a UTF-16 unit is a combining mark: a quote may neither start with one nor stop just before one. */
export function isMark(unit: string | undefined): boolean {
  return unit !== undefined && MARK.test(unit);
}

const NAMES: Record<number, string> = {
  0x00: 'NULL', 0x07: 'BELL', 0x08: 'BACKSPACE', 0x1b: 'ESCAPE', 0x7f: 'DELETE',
  0xad: 'SOFT HYPHEN', 0x34f: 'COMBINING GRAPHEME JOINER', 0x61c: 'ARABIC LETTER MARK', 0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER', 0x2061: 'FUNCTION APPLICATION', 0x2062: 'INVISIBLE TIMES', 0x2063: 'INVISIBLE SEPARATOR', 0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** "U+00AD SOFT HYPHEN", or the code alone for a character without a name here. */
export function nameOf(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (NAMES[cp]) return `${code} ${NAMES[cp]}`;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return `${code} VARIATION SELECTOR-${cp - 0xfe00 + 1}`;
  return code;
}

/** Invisible characters: default-ignorable, format, and control characters other than tab and line breaks. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}]/gu;

/** The names of the invisible characters in a text (only the ignorable ones, if asked), each once, in order of code. */
export function invisiblesIn(text: string, ignorableOnly = false): string[] {
  const found = new Set<number>();
  for (const [c] of text.matchAll(INVISIBLE)) {
    const cp = c.codePointAt(0)!;
    if (cp !== 0x09 && cp !== 0x0a && cp !== 0x0d && (!ignorableOnly || isIgnorable(cp))) found.add(cp);
  }
  return [...found].sort((a, b) => a - b).map(nameOf);
}

/** Whether a text has canonically decomposed or composed forms that NFC would change. */
export function isComposed(text: string): boolean {
  return text.normalize('NFC') === text;
}

/**
 * Invisible characters that matching does not ignore (a control or format
 * character), in the quote but not the passage or the other way round: what
 * decides a mismatch nobody can see, said in words.
 */
export function unseenDifference(quote: string, passage = ''): string {
  const [inQuote, inPassage] = [invisiblesIn(quote), invisiblesIn(passage)].map((names) => names.filter((n) => !isIgnorable(parseInt(n.slice(2), 16))));
  const onlyQuote = inQuote!.filter((n) => !inPassage!.includes(n));
  const onlyPassage = inPassage!.filter((n) => !inQuote!.includes(n));
  const parts = [
    ...(onlyQuote.length ? [`the quote has the invisible ${onlyQuote.join(', ')}`] : []),
    ...(onlyPassage.length ? [`the closest passage has the invisible ${onlyPassage.join(', ')}`] : []),
  ];
  return parts.length ? `; ${parts.join(', and ')}` : '';
}
