import { findClosest } from './find-closest.js';
import { normalise, normaliseQuote, type Normalised } from './normalise-text.js';
import { codePointOffset, lineOf } from './text-positions.js';

/** A quote located in a snapshot, as W3C Web Annotation selectors plus a context snippet for reports. */
export interface Anchor {
  /** TextQuoteSelector: the snapshot's own words, and up to 32 characters either side. */
  exact: string;
  prefix: string;
  suffix: string;
  /** TextPositionSelector, in Unicode code points. */
  start: number;
  end: number;
  /** Whether the quote matched as written or only after normalising typography and spacing. */
  match: 'exact' | 'normalised';
  /** Longer surrounding words for reports, cut at word boundaries. */
  context: { prefix: string; exact: string; suffix: string };
  /** 1-based line of the snapshot where the quote starts. */
  line: number;
}

export interface Occurrence {
  /** UTF-16 offsets in the snapshot. */
  from: number;
  to: number;
  line: number;
}

export type AnchorOutcome =
  | { ok: true; anchor: Anchor }
  | { ok: false; reason: 'not-found'; closest?: { passage: string; similarity: number; line: number } }
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
  normalised: Normalised;
}

export function prepareSnapshot(text: string): PreparedSnapshot {
  return { text, normalised: normalise(text) };
}

/**
 * Locates a quote: exact match first, then a normalised one. A quote found more
 * than once must be told apart by `prefix` or `suffix`, the words just before or
 * after it. A quote not found comes back with the closest passage.
 */
export function anchorQuote(snapshot: PreparedSnapshot, quote: string, hint: AnchorHint = {}): AnchorOutcome {
  let match: Anchor['match'] = 'exact';
  let found = exactOccurrences(snapshot.text, quote);
  if (!found.length) {
    match = 'normalised';
    found = normalisedOccurrences(snapshot, quote);
  }
  if (!found.length) {
    const pattern = normaliseQuote(quote);
    const closest = findClosest(snapshot.normalised.text, pattern);
    if (!closest) return { ok: false, reason: 'not-found' };
    const from = snapshot.normalised.from[closest.start]!;
    const to = snapshot.normalised.to[closest.end - 1]!;
    return {
      ok: false,
      reason: 'not-found',
      closest: { passage: snapshot.text.slice(from, to), similarity: closest.similarity, line: lineOf(snapshot.text, from) },
    };
  }
  const fitting = found.filter((o) => fitsHint(snapshot, o, hint));
  if (!fitting.length) return { ok: false, reason: 'context-mismatch', occurrences: found };
  if (fitting.length > 1) return { ok: false, reason: 'ambiguous', occurrences: fitting };
  return { ok: true, anchor: describe(snapshot.text, fitting[0]!, match) };
}

function exactOccurrences(text: string, quote: string): Occurrence[] {
  const out: Occurrence[] = [];
  if (!quote.length) return out;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    out.push({ from: at, to: at + quote.length, line: lineOf(text, at) });
  }
  return out;
}

function normalisedOccurrences(snapshot: PreparedSnapshot, quote: string): Occurrence[] {
  const pattern = normaliseQuote(quote);
  const { text, from, to } = snapshot.normalised;
  const out: Occurrence[] = [];
  if (!pattern.length) return out;
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    const start = from[at]!;
    out.push({ from: start, to: to[at + pattern.length - 1]!, line: lineOf(snapshot.text, start) });
  }
  return out;
}

/** Prefix and suffix are compared normalised, so typography never decides between occurrences. */
function fitsHint(snapshot: PreparedSnapshot, o: Occurrence, hint: AnchorHint): boolean {
  const before = normalise(snapshot.text.slice(Math.max(0, o.from - 4 * (hint.prefix?.length ?? 0) - 16), o.from)).text;
  const after = normalise(snapshot.text.slice(o.to, o.to + 4 * (hint.suffix?.length ?? 0) + 16)).text;
  const prefix = hint.prefix === undefined ? undefined : normalise(hint.prefix).text;
  const suffix = hint.suffix === undefined ? undefined : normalise(hint.suffix).text;
  return (prefix === undefined || before.endsWith(prefix)) && (suffix === undefined || after.startsWith(suffix));
}

function describe(text: string, o: Occurrence, match: Anchor['match']): Anchor {
  return {
    exact: text.slice(o.from, o.to),
    prefix: takeEnd(text.slice(0, o.from), SELECTOR_CONTEXT),
    suffix: takeStart(text.slice(o.to), SELECTOR_CONTEXT),
    start: codePointOffset(text, o.from),
    end: codePointOffset(text, o.to),
    match,
    context: {
      prefix: cutAtWord(takeEnd(text.slice(0, o.from), SNIPPET_CONTEXT), 'start'),
      exact: text.slice(o.from, o.to),
      suffix: cutAtWord(takeStart(text.slice(o.to), SNIPPET_CONTEXT), 'end'),
    },
    line: o.line,
  };
}

/** The last `n` code points of a string. */
function takeEnd(s: string, n: number): string {
  const points = Array.from(s.slice(-2 * n));
  return points.slice(-n).join('');
}

/** The first `n` code points of a string. */
function takeStart(s: string, n: number): string {
  return Array.from(s.slice(0, 2 * n)).slice(0, n).join('');
}

/** Drops a partial word, and the white space, at the cut edge of a snippet. */
function cutAtWord(s: string, edge: 'start' | 'end'): string {
  const cut = Array.from(s).length >= SNIPPET_CONTEXT;
  if (edge === 'start') return (cut ? s.replace(/^\S*\s+/, '') : s).replace(/^\s+/, '');
  return (cut ? s.replace(/\s+\S*$/, '') : s).replace(/\s+$/, '');
}

/** The shortest prefix or suffix (whole words) that tells one occurrence from the others. */
export function disambiguate(snapshot: PreparedSnapshot, target: Occurrence, all: readonly Occurrence[]): AnchorHint {
  const others = all.filter((o) => o !== target);
  for (let words = 1; words <= 12; words++) {
    const prefix = lastWords(snapshot.text.slice(0, target.from), words);
    if (prefix && !others.some((o) => fitsHint(snapshot, o, { prefix }))) return { prefix };
    const suffix = firstWords(snapshot.text.slice(target.to), words);
    if (suffix && !others.some((o) => fitsHint(snapshot, o, { suffix }))) return { suffix };
  }
  return { prefix: lastWords(snapshot.text.slice(0, target.from), 12), suffix: firstWords(snapshot.text.slice(target.to), 12) };
}

// Hints are compared normalised, so they are written with white space collapsed.
function lastWords(s: string, n: number): string {
  const match = new RegExp(`(?:\\S+\\s+){0,${n - 1}}\\S*\\s*$`).exec(s.slice(-400));
  return match ? match[0].replace(/\s+/g, ' ') : '';
}

function firstWords(s: string, n: number): string {
  const match = new RegExp(`^\\s*\\S*(?:\\s+\\S+){0,${n - 1}}`).exec(s.slice(0, 400));
  return match ? match[0].replace(/\s+/g, ' ') : '';
}
