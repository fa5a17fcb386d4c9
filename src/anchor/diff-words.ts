/**
 * What differs between a quote and a passage, word by word: a longest common
 * subsequence over the words, and the runs between the words in common as
 * changes. Words are runs of non-space characters, compared by a key, so that
 * what quote matching ignores (typography, invisible characters) is no
 * difference.
 */
export interface WordChange {
  /** The quote's words here; empty when the quote leaves out the passage's words. */
  quote: string;
  /** The passage's words here; empty when the quote adds words. */
  passage: string;
  /** The passage's word in common just after the change, to find it by; at the end, the one just before. */
  near?: { word: string; side: 'before' | 'after' };
}

export interface DiffOptions {
  /** What two words are compared by; the word itself by default. A word whose key is empty is skipped. */
  key?: (word: string) => string;
  /**
   * The passage was found for the start of the quote only (a long quote):
   * what the quote goes on to say past the passage's end is no difference.
   */
  openEnd?: boolean;
}

/** Past this many cells the table costs more than a message is worth: the middle is one change. */
const MAX_CELLS = 1_000_000;

interface Word {
  text: string;
  key: string;
}

export function diffWords(quote: string, passage: string, options: DiffOptions = {}): WordChange[] {
  const key = options.key ?? ((w: string) => w);
  const split = (text: string): Word[] => (text.match(/\S+/g) ?? []).map((w) => ({ text: w, key: key(w) })).filter((w) => w.key !== '');
  const b = split(passage);
  let a = split(quote);
  // The passage stands for about as many words of the quote; far more cannot be in common with it.
  if (options.openEnd) a = a.slice(0, 2 * b.length + 20);

  const ops = align(a, b);
  const changes: WordChange[] = [];
  let lastCommon: string | undefined;
  for (let k = 0; k < ops.length; ) {
    if (ops[k]!.kind === 'same') {
      lastCommon = ops[k]!.b!.text;
      k++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    for (; k < ops.length && ops[k]!.kind !== 'same'; k++) {
      const op = ops[k]!;
      if (op.a) removed.push(op.a.text);
      if (op.b) added.push(op.b.text);
    }
    const next = ops[k]?.b?.text;
    const near = next !== undefined ? { word: next, side: 'before' as const } : lastCommon !== undefined ? { word: lastCommon, side: 'after' as const } : undefined;
    changes.push({ quote: removed.join(' '), passage: added.join(' '), ...(near ? { near } : {}) });
  }
  // A trailing change of an open-ended passage is where the passage stopped, not a misquote.
  if (options.openEnd && ops.length && ops[ops.length - 1]!.kind !== 'same') changes.pop();
  return changes;
}

interface Op {
  kind: 'same' | 'quote' | 'passage';
  a?: Word;
  b?: Word;
}

/** The alignment of two word lists: common prefix and suffix first, then an LCS table over the middle. */
function align(a: readonly Word[], b: readonly Word[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start]!.key === b[start]!.key) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1]!.key === b[endB - 1]!.key) {
    endA--;
    endB--;
  }
  const head: Op[] = a.slice(0, start).map((w, i) => ({ kind: 'same', a: w, b: b[i]! }));
  const tail: Op[] = a.slice(endA).map((w, i) => ({ kind: 'same', a: w, b: b[endB + i]! }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    return [...head, ...midA.map((w): Op => ({ kind: 'quote', a: w })), ...midB.map((w): Op => ({ kind: 'passage', b: w })), ...tail];
  }
  // lcs[i * (m + 1) + j]: the longest common subsequence of midA[i..] and midB[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = midA[i]!.key === midB[j]!.key ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const middle: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i]!.key === midB[j]!.key) middle.push({ kind: 'same', a: midA[i++]!, b: midB[j++]! });
    else if (j === m || (i < n && lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) middle.push({ kind: 'quote', a: midA[i++]! });
    else middle.push({ kind: 'passage', b: midB[j++]! });
  }
  return [...head, ...middle, ...tail];
}

/**
 * The changes in a few words, as a message shows them: `“farther” → “further”;
 * missing “frequent” before “messages”; added “very” before “dishonest”`, at
 * most `max` of them, then how many more.
 */
export function describeChanges(changes: readonly WordChange[], max = 3): string {
  const shown = changes.slice(0, max).map((c) => {
    const near = c.near ? ` ${c.near.side} ${quoted(c.near.word)}` : '';
    if (!c.passage) return `added ${quoted(c.quote)}${near}`;
    if (!c.quote) return `missing ${quoted(c.passage)}${near}`;
    return `${quoted(c.quote)} → ${quoted(c.passage)}`;
  });
  const more = changes.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; …and ${more} more` : ''}`;
}

/** Words in typographic quotes, a long run cut at a word. */
function quoted(words: string): string {
  return `“${cutAtWord(words, 40)}”`;
}

/**
 * Text on one line, cut to at most `max` characters at the end of a word, the
 * cut marked with an ellipsis. A first word longer than `max` is cut inside.
 */
export function cutAtWord(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // One character is kept for the ellipsis.
  const room = flat.slice(0, max - 1);
  const end = flat[max - 1] === ' ' ? room.length : room.lastIndexOf(' ');
  return `${(end > 0 ? room.slice(0, end) : room).replace(/[\s,;:]+$/, '')}…`;
}
