/**
 * The passage of `text` closest to `pattern` by edit distance, the way fuzzy
 * anchoring tools suggest "did you mean": Sellers' algorithm, where the match may
 * start and end anywhere in the text. Both strings should be normalised.
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
  const m = pattern.length;
  // cost[i]: best distance of pattern[0..i) ending at the current text position; begin[i]: where that match starts.
  let cost = new Int32Array(m + 1);
  let begin = new Int32Array(m + 1).fill(from);
  for (let i = 0; i <= m; i++) cost[i] = i;
  let best: Closest | undefined;
  for (let j = from; j < to; j++) {
    const nextCost = new Int32Array(m + 1);
    const nextBegin = new Int32Array(m + 1);
    nextCost[0] = 0;
    nextBegin[0] = j + 1;
    const c = text.charCodeAt(j);
    for (let i = 1; i <= m; i++) {
      const substitute = cost[i - 1]! + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      const skipText = cost[i]! + 1;
      const skipPattern = nextCost[i - 1]! + 1;
      if (substitute <= skipText && substitute <= skipPattern) {
        nextCost[i] = substitute;
        nextBegin[i] = begin[i - 1]!;
      } else if (skipText <= skipPattern) {
        nextCost[i] = skipText;
        nextBegin[i] = begin[i]!;
      } else {
        nextCost[i] = skipPattern;
        nextBegin[i] = nextBegin[i - 1]!;
      }
    }
    cost = nextCost;
    begin = nextBegin;
    const distance = cost[m]!;
    if (!best || distance < best.distance) {
      const start = begin[m]!;
      const length = Math.max(m, j + 1 - start);
      best = { start, end: j + 1, distance, similarity: 1 - distance / length };
    }
  }
  return best;
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
