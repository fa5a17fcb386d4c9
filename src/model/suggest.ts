/**
 * Edit-distance cells one run may spend on suggestions for unknown ids: each
 * is compared with every id of its kind, and a pull request of a few hundred
 * long, unknown ids against as many known ones took minutes. Past it, an
 * unknown id is still reported, without a suggestion.
 */
export const SUGGESTION_CELLS = 400_000_000;

/** What suggestions have left to spend in one run; see SUGGESTION_CELLS. */
export interface SuggestionBudget {
  cells: number;
}

/** Did-you-mean: the candidate nearest to a mistyped word, if one is near enough to be a typo. */
export function suggest(word: string, candidates: Iterable<string>, budget?: SuggestionBudget): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let spent = false;
  for (const candidate of candidates) {
    if (candidate === word) return undefined;
    if (spent) continue;
    // A candidate further than the best so far cannot win: only distances up to it are worked out.
    const cutoff = Math.min(limit, bestDistance);
    if (budget && budget.cells <= 0) {
      // Spent part-way through the candidates: the nearest so far may not be the nearest.
      spent = true;
      best = undefined;
      bestDistance = Infinity;
      continue;
    }
    const d = editDistance(lower, candidate.toLowerCase(), cutoff, budget);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** " (did you mean "x"?)" or "". */
export function didYouMean(word: string, candidates: Iterable<string>, budget?: SuggestionBudget): string {
  const s = suggest(word, candidates, budget);
  return s === undefined ? '' : `; did you mean "${s}"?`;
}

/**
 * Optimal string alignment distance (adjacent swaps count once), or limit + 1
 * when it is more than `limit`. Only cells within `limit` of the diagonal are
 * worked out, three rows at a time: a path outside that band costs more.
 */
export function editDistance(a: string, b: string, limit = Infinity, budget?: SuggestionBudget): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  const far = a.length + b.length + 1;
  // A call's own cost, whatever it computes: against 100,000 ids it is most of the time.
  if (budget) budget.cells -= a.length + 1;
  let [before, previous, row] = rows(width);
  before.fill(far, 0, width);
  for (let j = 0; j < width; j++) previous[j] = j > limit ? far : j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    // The band's edges, which the next rows read: the buffer holds an older row's cells.
    row[from - 1] = from === 1 && i <= limit ? i : far;
    if (to < b.length) row[to + 1] = far;
    let rowMin = from === 1 ? row[0]! : far;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (budget) budget.cells -= to - from + 1;
    if (rowMin > limit) return limit + 1;
    [before, previous, row] = [previous, row, before];
  }
  const d = previous[b.length]!;
  return d > limit ? limit + 1 : d;
}

/** Three rows for editDistance, kept between calls: allocating them was most of a call's cost. */
let scratch: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
function rows(width: number): [Int32Array, Int32Array, Int32Array] {
  if (scratch[0].length < width) scratch = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  return [...scratch];
}
