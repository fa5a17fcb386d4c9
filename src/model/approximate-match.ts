/**
 * Sellers' algorithm: the stretch of `text` closest to `pattern` by edit
 * distance, where the match may start and end anywhere in the text. Works on
 * strings (characters) and arrays (words) alike, in O(|text| · |pattern|).
 */
export interface ApproximateMatch {
  start: number;
  end: number;
  distance: number;
}

export function approximateMatch<T>(text: ArrayLike<T>, pattern: ArrayLike<T>, from = 0, to = text.length): ApproximateMatch | undefined {
  const m = pattern.length;
  if (!m || to <= from) return undefined;
  // cost[i]: best distance of pattern[0..i) ending here; begin[i]: where that match starts.
  let cost = new Int32Array(m + 1);
  let begin = new Int32Array(m + 1).fill(from);
  for (let i = 0; i <= m; i++) cost[i] = i;
  let best: ApproximateMatch | undefined;
  for (let j = from; j < to; j++) {
    const nextCost = new Int32Array(m + 1);
    const nextBegin = new Int32Array(m + 1);
    nextBegin[0] = j + 1;
    const item = text[j];
    for (let i = 1; i <= m; i++) {
      const substitute = cost[i - 1]! + (pattern[i - 1] === item ? 0 : 1);
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
    if (!best || cost[m]! < best.distance) best = { start: begin[m]!, end: j + 1, distance: cost[m]! };
  }
  return best;
}
