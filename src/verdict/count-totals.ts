import type { Diagnostic } from '../diagnostics.js';
import type { ClaimResult, VerifyResult } from '../types.js';

/** Claims per rating (every rating on the scale listed, zero or not) and problems per severity. */
export function countTotals(scale: readonly { id: string }[], claims: readonly Pick<ClaimResult, 'rating'>[], diagnostics: readonly Diagnostic[]): VerifyResult['totals'] {
  const byRating: Record<string, number> = {};
  for (const r of scale) byRating[r.id] = 0;
  for (const c of claims) byRating[c.rating] = (byRating[c.rating] ?? 0) + 1;
  return {
    claims: claims.length,
    by_rating: byRating,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}
