import type { VerifyResult } from '../types.js';
import type { KeptRows, RowClaim, ViewRows } from './kept-view.js';

/**
 * A view of a result, made from the view kept of an earlier one with the
 * same claims: the rows of the claims at the places in `moved` are made
 * again, with the view's frame (the problems, the header, the totals), and
 * every other row is the kept one's bytes. At the large bench size a partial
 * run moves 34 claims of 10,000, and making every row again, with the
 * objects for them, was about a tenth of the run.
 *
 * Undefined when the kept rows cannot be built on: another number of
 * claims, or another layout (a moved claim's rating label now the widest, or
 * the widest gone), under which every row reads differently.
 */
export function patchedView(rows: ViewRows, kept: { bytes: Buffer; rows: KeptRows }, result: Omit<VerifyResult, 'claims'> & { claims: readonly RowClaim[] }, moved: ReadonlySet<number>): Buffer | undefined {
  const { claims } = result;
  if (kept.rows.lengths.length !== claims.length) return undefined;
  const layout = rows.layout(claims);
  if (layout !== kept.rows.layout) return undefined;
  const { before, after } = rows.frame(result, layout);
  const parts: Buffer[] = [Buffer.from(before, 'utf8')];
  // The kept rows between moved ones, each run of them as one slice.
  let at = kept.rows.start;
  let from = at;
  claims.forEach((claim, i) => {
    const length = kept.rows.lengths[i]!;
    if (moved.has(i)) {
      if (at > from) parts.push(kept.bytes.subarray(from, at));
      parts.push(Buffer.from(rows.row(claim, layout), 'utf8'));
      from = at + length;
    }
    at += length;
  });
  if (at > from) parts.push(kept.bytes.subarray(from, at));
  parts.push(Buffer.from(after, 'utf8'));
  return Buffer.concat(parts);
}
