import { findClosest, indexWords, MAX_PATTERN, type SearchBudget, type WordIndex } from './find-closest.js';
import { describe } from './describe-anchor.js';
import { fitsHint } from './disambiguate-occurrence.js';
import { exactOccurrences, normalisedOccurrences, WORD } from './find-occurrences.js';
import { normalise, normaliseQuote, type Normalised } from './normalise-text.js';
import { codePointOffset } from './text-positions.js';
import { lineAt, lineStarts } from '../model/line-index.js';
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

export function prepareSnapshot(text: string): PreparedSnapshot {
  const starts = lineStarts(text);
  const lineOf = (offset: number) => lineAt(starts, offset);
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
  const located = locateQuote(snapshot, quote, hint, budget);
  return located.ok ? { ok: true, anchor: describeFound(snapshot, located.occurrence, located.match, quote) } : located;
}

/** A quote found once, before it is described. */
export interface Located {
  ok: true;
  occurrence: Occurrence;
  match: Anchor['match'];
}

/** anchorQuote without describing what it finds: where, and how it matched. */
export function locateQuote(snapshot: PreparedSnapshot, quote: string, hint: AnchorHint = {}, budget?: SearchBudget): Located | Exclude<AnchorOutcome, { ok: true }> {
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
  return { ok: true, occurrence: fitting[0]!, match };
}

/** A located quote as its anchor: selectors, snippet and, for a normalised match, what Unicode it took. */
export function describeFound(snapshot: DescribedText, o: Occurrence, match: Anchor['match'], quote: string): Anchor {
  const anchor = describe(snapshot, o, match);
  const unicode = match === 'normalised' ? unicodeNotes(anchor.exact, quote) : [];
  return unicode.length ? { ...anchor, unicode } : anchor;
}

/** What describing an occurrence reads of its snapshot: never the normalised text or the word index. */
export type DescribedText = Pick<PreparedSnapshot, 'text' | 'astral' | 'codePointAt'>;

/**
 * A snapshot's text as describing reads it. Made here, not from a prepared
 * snapshot's own functions: those share a scope with its normalised text and
 * word index, many times the text's size, and would keep them alive.
 */
export function describedText(text: string, astral: boolean): DescribedText {
  return { text, astral, codePointAt: astral ? (offset) => codePointOffset(text, offset) : (offset) => offset };
}

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
