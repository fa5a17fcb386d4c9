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
const FULL_SEARCH_CELLS = 20_000_000;

export function findClosest(text: string, pattern: string): Closest | undefined {
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

/** Windows around places where the pattern's longer words occur, for texts too long to search whole. */
function candidateWindows(text: string, pattern: string): [number, number][] {
  const words = [...new Set(pattern.split(/\W+/).filter((w) => w.length >= 5))].slice(0, 8);
  const windows: [number, number][] = [];
  for (const word of words) {
    for (let at = text.indexOf(word); at !== -1 && windows.length < 200; at = text.indexOf(word, at + 1)) {
      windows.push([Math.max(0, at - 2 * pattern.length), Math.min(text.length, at + 2 * pattern.length)]);
    }
  }
  return windows;
}
