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
  // Both sides as integer codes in typed arrays: the inner loop runs millions of times for one suggestion.
  const [t, p] = symbols(text, pattern, from, to);
  // cost[i]: best distance of pattern[0..i) ending here; begin[i]: where that match starts.
  // Two columns each, swapped: one allocation per search, not one per character.
  let cost = new Int32Array(m + 1);
  let begin = new Int32Array(m + 1).fill(from);
  let nextCost = new Int32Array(m + 1);
  let nextBegin = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) cost[i] = i;
  let best: ApproximateMatch | undefined;
  for (let j = from; j < to; j++) {
    nextCost[0] = 0;
    nextBegin[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      const substitute = cost[i - 1]! + (t[j - from] === p[i - 1] ? 0 : 1);
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
    [cost, nextCost] = [nextCost, cost];
    [begin, nextBegin] = [nextBegin, begin];
    if (!best || cost[m]! < best.distance) best = { start: begin[m]!, end: j + 1, distance: cost[m]! };
  }
  return best;
}

/** Characters as their UTF-16 codes; other items as numbers given by first appearance. */
function symbols<T>(text: ArrayLike<T>, pattern: ArrayLike<T>, from: number, to: number): [Int32Array, Int32Array] {
  const t = new Int32Array(to - from);
  const p = new Int32Array(pattern.length);
  const [textString, patternString]: unknown[] = [text, pattern];
  if (typeof textString === 'string' && typeof patternString === 'string') {
    for (let j = from; j < to; j++) t[j - from] = textString.charCodeAt(j);
    for (let i = 0; i < patternString.length; i++) p[i] = patternString.charCodeAt(i);
    return [t, p];
  }
  const ids = new Map<T, number>();
  const id = (item: T) => {
    let n = ids.get(item);
    if (n === undefined) ids.set(item, (n = ids.size));
    return n;
  };
  for (let i = 0; i < pattern.length; i++) p[i] = id(pattern[i]!);
  for (let j = from; j < to; j++) t[j - from] = id(text[j]!);
  return [t, p];
}
