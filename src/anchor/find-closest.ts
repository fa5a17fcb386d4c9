import { approximateMatch } from '../model/approximate-match.js';

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

/** Full dynamic programming above this many cells is too slow; candidate windows are searched instead. */
const FULL_SEARCH_CELLS = 4_000_000;
/** A suggestion needs the start of a long quote, not all of it. */
const MAX_PATTERN = 300;

export function findClosest(text: string, fullPattern: string): Closest | undefined {
  const pattern = fullPattern.slice(0, MAX_PATTERN);
  if (!pattern.length || !text.length) return undefined;
  if (text.length * pattern.length <= FULL_SEARCH_CELLS) return sellers(text, pattern, 0, text.length);
  let best: Closest | undefined;
  for (const [start, end] of candidateWindows(text, pattern)) {
    const found = sellers(text, pattern, start, end);
    if (found && (!best || found.distance < best.distance)) best = found;
  }
  return best;
}

function sellers(text: string, pattern: string, from: number, to: number): Closest | undefined {
  const found = approximateMatch(text, pattern, from, to);
  if (!found) return undefined;
  const length = Math.max(pattern.length, found.end - found.start);
  return { ...found, similarity: 1 - found.distance / length };
}

/**
 * Windows around places where the pattern's rarer, longer words occur, for
 * texts too long to search whole; overlapping windows are merged, and their
 * total size is bounded.
 */
function candidateWindows(text: string, pattern: string): [number, number][] {
  const words = [...new Set(pattern.split(/\W+/).filter((w) => w.length >= 5))].sort((a, b) => b.length - a.length).slice(0, 6);
  const starts: number[] = [];
  for (const word of words) {
    for (let at = text.indexOf(word), n = 0; at !== -1 && n < 20; at = text.indexOf(word, at + 1), n++) starts.push(at);
  }
  starts.sort((a, b) => a - b);
  const windows: [number, number][] = [];
  for (const at of starts) {
    const window: [number, number] = [Math.max(0, at - 2 * pattern.length), Math.min(text.length, at + 2 * pattern.length)];
    const last = windows[windows.length - 1];
    if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else windows.push(window);
  }
  let budget = FULL_SEARCH_CELLS;
  return windows.filter(([a, b]) => (budget -= (b - a) * pattern.length) >= 0);
}
