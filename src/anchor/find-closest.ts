import { approximateMatch } from '../model/approximate-match.js';
import { append } from '../model/append.js';

/**
 * The passage of `text` closest to `pattern` by edit distance, the way fuzzy
 * anchoring tools suggest "did you mean". Both strings should be normalised.
 */
export interface Closest {
  start: number;
  end: number;
  distance: number;
  /** 1 − distance / length of the longer of pattern and passage. */
  similarity: number;
}

/**
 * What one run may spend on suggestions, in cells of the edit-distance table
 * (about 3 ns each) and characters scanned for the quote in other snapshots.
 * Shared by every misquote of the run, so thousands of them cost seconds, not
 * minutes; past it, misquotes are still reported, without a suggestion.
 */
export interface SearchBudget {
  cells: number;
  scanned: number;
}

export function searchBudget(): SearchBudget {
  return { cells: RUN_CELLS, scanned: RUN_SCAN };
}

const RUN_CELLS = 400_000_000;
const RUN_SCAN = 2_000_000_000;
/** Full dynamic programming above this many cells is too slow; candidate windows are searched instead. */
const FULL_SEARCH_CELLS = 4_000_000;
/** A passage this similar is taken without searching the remaining windows. */
const CLOSE_ENOUGH = 0.85;
/** A suggestion needs the start of a long quote, not all of it. */
export const MAX_PATTERN = 300;

/** Where each word (a run of four or more letters or digits) of a text starts. */
export type WordIndex = ReadonlyMap<string, readonly number[]>;

const WORD = /[\p{L}\p{N}]{4,}/gu;

/** Built once per snapshot with a misquote: one pass, then every search looks words up instead of scanning. */
export function indexWords(text: string): WordIndex {
  const index = new Map<string, number[]>();
  for (const match of text.matchAll(WORD)) {
    const at = index.get(match[0]);
    if (at) at.push(match.index);
    else index.set(match[0], [match.index]);
  }
  return index;
}

/**
 * The closest passage; undefined when there is none, 'spent' when the budget
 * allowed no search. `index` is the text's word index, or a way to make it.
 */
export function findClosest(
  text: string,
  fullPattern: string,
  budget: SearchBudget = searchBudget(),
  index: () => WordIndex = () => indexWords(text),
): Closest | 'spent' | undefined {
  const pattern = fullPattern.slice(0, MAX_PATTERN);
  if (!pattern.length || !text.length) return undefined;
  const windows: [number, number][] = text.length * pattern.length <= FULL_SEARCH_CELLS ? [[0, text.length]] : candidateWindows(text, pattern, index());
  let best: Closest | undefined;
  let searched = false;
  for (const [start, end] of windows) {
    const cells = (end - start) * pattern.length;
    if (cells > budget.cells) break;
    budget.cells -= cells;
    searched = true;
    const found = sellers(text, pattern, start, end);
    if (found && (!best || found.distance < best.distance)) best = found;
    // Windows come best first: a close passage will not be bettered by those with fewer words in common.
    if (best && best.similarity >= CLOSE_ENOUGH) break;
  }
  return best ?? (searched || !windows.length ? undefined : 'spent');
}

function sellers(text: string, pattern: string, from: number, to: number): Closest | undefined {
  const found = approximateMatch(text, pattern, from, to);
  if (!found) return undefined;
  const length = Math.max(pattern.length, found.end - found.start);
  return { ...found, similarity: 1 - found.distance / length };
}

/** Past this many occurrences a word says little about where the quote is. */
const COMMON = 40;

/**
 * Windows where the pattern would sit if its words are where they occur in the
 * text, best first: each occurrence of a pattern word votes for the start it
 * implies, and a window gets one vote per distinct word that lands in it. A
 * window is wider than the pattern by a quarter of it each side, which covers
 * any passage at least 75% similar. Their total size is bounded.
 */
function candidateWindows(text: string, pattern: string, index: WordIndex): [number, number][] {
  const words = new Map<string, number>();
  for (const match of pattern.matchAll(WORD)) if (!words.has(match[0])) words.set(match[0], match.index);
  const slack = Math.ceil(pattern.length / 4) + 8;
  const votes: { start: number; word: number }[] = [];
  const common: { start: number; word: number }[] = [];
  let w = 0;
  for (const [word, offset] of words) {
    const found = index.get(word) ?? [];
    for (const at of found.slice(0, COMMON)) (found.length <= COMMON ? votes : common).push({ start: at - offset, word: w });
    w++;
  }
  // Common words vote only when no rarer word can.
  if (!votes.length) append(votes, common);
  votes.sort((a, b) => a.start - b.start);
  const groups: { from: number; to: number; words: Set<number> }[] = [];
  for (const vote of votes) {
    const last = groups[groups.length - 1];
    if (last && vote.start - last.to <= slack) {
      last.to = vote.start;
      last.words.add(vote.word);
    } else groups.push({ from: vote.start, to: vote.start, words: new Set([vote.word]) });
  }
  groups.sort((a, b) => b.words.size - a.words.size || a.from - b.from);
  let allowed = FULL_SEARCH_CELLS;
  const windows: [number, number][] = [];
  for (const g of groups) {
    const window: [number, number] = [Math.max(0, g.from - slack), Math.min(text.length, g.to + pattern.length + slack)];
    if ((allowed -= (window[1] - window[0]) * pattern.length) < 0) break;
    windows.push(window);
  }
  return windows;
}
