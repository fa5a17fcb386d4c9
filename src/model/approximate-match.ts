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

/**
 * The distance approximateMatch finds, without where: Myers' bit-parallel
 * search, 32 pattern items per machine word. Comparing a claim's words with a
 * long statement's is then one step per statement word for claims of up to
 * 32 words, where the full table took one per word pair.
 */
export function approximateDistance<T>(text: ArrayLike<T>, pattern: ArrayLike<T>): number | undefined {
  const m = pattern.length;
  if (!m || !text.length) return undefined;
  const blocks = (m + 31) >>> 5;
  // Where each item occurs in the pattern, as a bit per position, block by block.
  const occurs = new Map<T, Int32Array>();
  for (let i = 0; i < m; i++) {
    let bits = occurs.get(pattern[i]!);
    if (!bits) occurs.set(pattern[i]!, (bits = new Int32Array(blocks)));
    bits[i >>> 5]! |= 1 << (i & 31);
  }
  // Vertical deltas of the current column: +1 where a bit of plus is set, -1 where one of minus is.
  const plus = new Int32Array(blocks).fill(-1);
  const minus = new Int32Array(blocks);
  const top = 1 << ((m - 1) & 31);
  let score = m;
  let best = m;
  for (let j = 0; j < text.length; j++) {
    const eqs = occurs.get(text[j]!);
    // The horizontal delta entering each block from below; row 0 costs nothing anywhere (the match starts freely).
    let carry = 0;
    for (let b = 0; b < blocks; b++) {
      const high = b === blocks - 1 ? top : 1 << 31;
      let eq = eqs ? eqs[b]! : 0;
      const pv = plus[b]!;
      const mv = minus[b]!;
      const xv = eq | mv;
      if (carry < 0) eq |= 1;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      const out = ph & high ? 1 : mh & high ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (carry < 0) mh |= 1;
      else if (carry > 0) ph |= 1;
      plus[b] = mh | ~(xv | ph);
      minus[b] = ph & xv;
      carry = out;
    }
    score += carry;
    if (score < best) best = score;
  }
  return best;
}
