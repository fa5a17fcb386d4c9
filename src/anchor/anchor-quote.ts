import { findClosest, indexWords, MAX_PATTERN, type SearchBudget, type WordIndex } from './find-closest.js';
import { normalise, normaliseQuote, type Normalised } from './normalise-text.js';
import { codePointOffset } from './text-positions.js';
import { invisiblesIn, isComposed, isMark } from './unicode-chars.js';
import type { Anchor } from '../types.js';

export type { Anchor };

export interface Occurrence {
  /** UTF-16 offsets in the snapshot. */
  from: number;
  to: number;
  line: number;
}

export type AnchorOutcome =
  | { ok: true; anchor: Anchor }
  | {
      ok: false;
      reason: 'not-found';
      closest?: { passage: string; similarity: number; line: number };
      /** The run's budget for suggestions was spent before this quote's turn. */
      unsearched?: true;
    }
  | { ok: false; reason: 'ambiguous'; occurrences: Occurrence[] }
  | { ok: false; reason: 'context-mismatch'; occurrences: Occurrence[] };

export interface AnchorHint {
  prefix?: string;
  suffix?: string;
}

const SELECTOR_CONTEXT = 32;
const SNIPPET_CONTEXT = 100;

/** A snapshot prepared once for many quotes. */
export interface PreparedSnapshot {
  text: string;
  /** Computed on first use: most quotes are found as written, and never need it. */
  readonly normalised: Normalised;
  /** The normalised text's word index, for suggestions; computed on the first misquote. */
  readonly words: WordIndex;
  /** 1-based line of a UTF-16 offset. */
  lineOf(offset: number): number;
  /** The Unicode code point offset of a UTF-16 offset, as TextPositionSelector counts. */
  codePointAt(offset: number): number;
  /** Whether the text has characters outside the BMP, where code points and UTF-16 units part. */
  astral: boolean;
}

/** Past this many occurrences a quote is hopeless as a citation: it is reported, not listed in full. */
const MAX_OCCURRENCES = 50;

export function prepareSnapshot(text: string): PreparedSnapshot {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let normalised: Normalised | undefined;
  let words: WordIndex | undefined;
  // Without surrogate pairs, code points and UTF-16 units count alike.
  const astral = /[\ud800-\udbff][\udc00-\udfff]/.test(text);
  return {
    text,
    get normalised() {
      normalised ??= normalise(text);
      return normalised;
    },
    get words() {
      words ??= indexWords(this.normalised.text);
      return words;
    },
    lineOf,
    codePointAt: (offset) => (astral ? codePointOffset(text, offset) : offset),
    astral,
  };
}

/** Whether words occur in a snapshot, exactly or normalised; no fuzzy search. */
export function occursIn(snapshot: PreparedSnapshot, words: string): boolean {
  return exactOccurrences(snapshot, words).length > 0 || normalisedOccurrences(snapshot, words).length > 0;
}

/**
 * Locates a quote: exact match first, then a normalised one. A quote found more
 * than once must be told apart by `prefix` or `suffix`, the words just before or
 * after it. A quote not found comes back with the closest passage.
 */
export function anchorQuote(snapshot: PreparedSnapshot, quote: string, hint: AnchorHint = {}, budget?: SearchBudget): AnchorOutcome {
  let match: Anchor['match'] = 'exact';
  let found = exactOccurrences(snapshot, quote);
  if (!found.length) {
    match = 'normalised';
    found = normalisedOccurrences(snapshot, quote);
  }
  if (!found.length) {
    const pattern = normaliseQuote(quote);
    const closest = findClosest(snapshot.normalised.text, pattern, budget, () => snapshot.words);
    if (closest === 'spent') return { ok: false, reason: 'not-found', unsearched: true };
    if (!closest) return { ok: false, reason: 'not-found' };
    // Whole words: a suggestion never starts or stops inside a word or an accented letter.
    const { text, from: origin, to: originEnd } = snapshot.normalised;
    let [start, end] = [closest.start, closest.end];
    while (start > 0 && (isMark(text[start]) || (WORD.test(text[start - 1]!) && WORD.test(text[start]!)))) start--;
    while (end < text.length && (isMark(text[end]) || (WORD.test(text[end - 1]!) && WORD.test(text[end]!)))) end++;
    const from = origin[start]!;
    const to = originEnd[end - 1]!;
    // The letters taken in are differences too: "cafe" is not 100% "café".
    const distance = closest.distance + (closest.start - start) + (end - closest.end);
    const similarity = 1 - distance / Math.max(Math.min(pattern.length, MAX_PATTERN), end - start);
    return { ok: false, reason: 'not-found', closest: { passage: snapshot.text.slice(from, to), similarity, line: snapshot.lineOf(from) } };
  }
  const fitting = found.filter((o) => fitsHint(snapshot, o, hint));
  if (!fitting.length) return { ok: false, reason: 'context-mismatch', occurrences: found };
  if (fitting.length > 1) return { ok: false, reason: 'ambiguous', occurrences: fitting };
  const anchor = describe(snapshot, fitting[0]!, match);
  const unicode = match === 'normalised' ? unicodeNotes(anchor.exact, quote) : [];
  return { ok: true, anchor: unicode.length ? { ...anchor, unicode } : anchor };
}

const WORD = /[\p{L}\p{N}]/u;

/** Why a normalised match needed Unicode normalisation, for the trail. */
export function unicodeNotes(passage: string, quote: string): string[] {
  const notes: string[] = [];
  const inPassage = invisiblesIn(passage, true);
  const inQuote = invisiblesIn(quote, true);
  if (inPassage.length) notes.push(`ignored in the snapshot: ${inPassage.join(', ')}`);
  if (inQuote.length) notes.push(`ignored in the quote: ${inQuote.join(', ')}`);
  if (isComposed(passage) !== isComposed(quote)) {
    notes.push(isComposed(quote) ? "the snapshot's accents are decomposed (NFD), the quote's composed" : "the quote's accents are decomposed (NFD), the snapshot's composed");
  }
  return notes;
}

/**
 * A match must not begin or end inside a word: "the" is not found in "there",
 * and a quote cannot start with the last letter of another word. Nor may it
 * begin with a combining accent or stop just before one: "cafe" is not "café".
 */
function atWordEdges(text: string, from: number, to: number): boolean {
  const startsWord = WORD.test(text[from] ?? '');
  const endsWord = WORD.test(text[to - 1] ?? '');
  return !(startsWord && WORD.test(text[from - 1] ?? '')) && !(endsWord && WORD.test(text[to] ?? '')) && !isMark(text[from]) && !isMark(text[to]);
}

function exactOccurrences(snapshot: PreparedSnapshot, quote: string): Occurrence[] {
  const { text } = snapshot;
  const out: Occurrence[] = [];
  if (!quote.length) return out;
  for (let at = text.indexOf(quote); at !== -1 && out.length < MAX_OCCURRENCES; at = text.indexOf(quote, at + 1)) {
    if (atWordEdges(text, at, at + quote.length)) out.push({ from: at, to: at + quote.length, line: snapshot.lineOf(at) });
  }
  return out;
}

function normalisedOccurrences(snapshot: PreparedSnapshot, quote: string): Occurrence[] {
  const pattern = normaliseQuote(quote);
  const { text, from, to } = snapshot.normalised;
  const out: Occurrence[] = [];
  if (!pattern.length) return out;
  for (let at = text.indexOf(pattern); at !== -1 && out.length < MAX_OCCURRENCES; at = text.indexOf(pattern, at + 1)) {
    const end = at + pattern.length;
    // Whole original characters only: ".." must not match two thirds of an ellipsis.
    const whole = (at === 0 || from[at - 1] !== from[at]) && (end === text.length || to[end] !== to[end - 1]);
    if (!whole || !atWordEdges(text, at, end)) continue;
    const start = from[at]!;
    out.push({ from: start, to: to[end - 1]!, line: snapshot.lineOf(start) });
  }
  return out;
}

/**
 * Prefix and suffix are compared normalised, so typography never decides
 * between occurrences, and without the space at their edges, which YAML drops.
 */
function fitsHint(snapshot: PreparedSnapshot, o: Occurrence, hint: AnchorHint): boolean {
  if (hint.prefix === undefined && hint.suffix === undefined) return true;
  const before = normalise(snapshot.text.slice(Math.max(0, o.from - 4 * (hint.prefix?.length ?? 0) - 16), o.from)).text.trimEnd();
  const after = normalise(snapshot.text.slice(o.to, o.to + 4 * (hint.suffix?.length ?? 0) + 16)).text.trimStart();
  const prefix = hint.prefix === undefined ? undefined : normalise(hint.prefix).text.trim();
  const suffix = hint.suffix === undefined ? undefined : normalise(hint.suffix).text.trim();
  return (prefix === undefined || before.endsWith(prefix)) && (suffix === undefined || after.startsWith(suffix));
}

function describe(snapshot: PreparedSnapshot, o: Occurrence, match: Anchor['match']): Anchor {
  const { text } = snapshot;
  // Twice the context in UTF-16 units always holds that many code points.
  const before = (n: number) => takeEnd(text.slice(Math.max(0, o.from - 2 * n), o.from), n, snapshot.astral);
  const after = (n: number) => takeStart(text.slice(o.to, o.to + 2 * n), n, snapshot.astral);
  return {
    exact: text.slice(o.from, o.to),
    prefix: before(SELECTOR_CONTEXT),
    suffix: after(SELECTOR_CONTEXT),
    start: snapshot.codePointAt(o.from),
    end: snapshot.codePointAt(o.to),
    match,
    context: {
      prefix: cutAtWord(before(SNIPPET_CONTEXT), 'start', snapshot.astral),
      exact: text.slice(o.from, o.to),
      suffix: cutAtWord(after(SNIPPET_CONTEXT), 'end', snapshot.astral),
    },
    line: o.line,
  };
}

/** The last `n` code points of a string. */
function takeEnd(s: string, n: number, astral: boolean): string {
  if (s.length <= n) return s;
  if (!astral) return s.slice(-n);
  return Array.from(s).slice(-n).join('');
}

/** The first `n` code points of a string. */
function takeStart(s: string, n: number, astral: boolean): string {
  if (s.length <= n) return s;
  if (!astral) return s.slice(0, n);
  return Array.from(s).slice(0, n).join('');
}

/** Drops a partial word, and the white space, at the cut edge of a snippet. */
function cutAtWord(s: string, edge: 'start' | 'end', astral: boolean): string {
  const cut = (astral ? Array.from(s).length : s.length) >= SNIPPET_CONTEXT;
  // Scans, not regular expressions: /\s+\S*$/ backtracks over every space of the snippet.
  if (edge === 'start') {
    let i = 0;
    if (cut) {
      const space = s.search(/\s/);
      if (space !== -1) i = space;
    }
    while (i < s.length && /\s/.test(s[i]!)) i++;
    return s.slice(i);
  }
  let end = s.length;
  if (cut) {
    let j = end - 1;
    while (j >= 0 && !/\s/.test(s[j]!)) j--;
    if (j >= 0) end = j;
  }
  while (end > 0 && /\s/.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/**
 * The shortest prefix or suffix (whole words) that tells one occurrence from
 * the others; undefined when even long ones cannot (a passage repeated with
 * the same surroundings).
 */
export function disambiguate(snapshot: PreparedSnapshot, target: Occurrence, all: readonly Occurrence[]): AnchorHint | undefined {
  const others = all.filter((o) => o !== target);
  for (let words = 1; words <= 40; words++) {
    const prefix = lastWords(snapshot.text.slice(Math.max(0, target.from - 2000), target.from), words);
    if (prefix.trim() && !others.some((o) => fitsHint(snapshot, o, { prefix }))) return { prefix };
    const suffix = firstWords(snapshot.text.slice(target.to, target.to + 2000), words);
    if (suffix.trim() && !others.some((o) => fitsHint(snapshot, o, { suffix }))) return { suffix };
  }
  return undefined;
}

// Hints are compared normalised, so they are written with white space collapsed.
function lastWords(s: string, n: number): string {
  const match = new RegExp(`(?:\\S+\\s+){0,${n - 1}}\\S*\\s*$`).exec(s);
  return match ? match[0].replace(/\s+/g, ' ').trim() : '';
}

function firstWords(s: string, n: number): string {
  const match = new RegExp(`^\\s*\\S*(?:\\s+\\S+){0,${n - 1}}`).exec(s);
  return match ? match[0].replace(/\s+/g, ' ').trim() : '';
}
