import type { Alternative } from '../../eval/load-eval-sets.js';
import type { ClaimScore, EvalReport, Tally } from '../../eval/score-eval.js';

/** Shared words for the eval formatters: what one format says, the others say alike. */

/** "52/60 (86.7%)", or "none" for an empty group. */
export function share(right: number, tally: Pick<Tally, 'claims'>): string {
  if (!tally.claims) return 'none';
  return `${right}/${tally.claims} (${percent(right / tally.claims)})`;
}

export function percent(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
}

/** The ratings a label accepts, by their labels on the scale: "True or Mostly true". */
export function accepted(claim: ClaimScore, report: Pick<EvalReport, 'scale'>): string {
  return claim.expected.accepted.map((id) => ratingName(id, report)).join(' or ');
}

export function ratingName(id: string, report: Pick<EvalReport, 'scale'>): string {
  return report.scale.find((r) => r.id === id)?.label ?? id;
}

/** A requirement no citation met: "week-no-reply-to-link-message or “did not respond”". */
export function requirement(alternatives: readonly Alternative[]): string {
  return alternatives.map((a) => ('record' in a ? a.record : `“${a.quote}”`)).join(' or ');
}

/** What went wrong for a claim, in one line: the rating, the evidence, or both. */
export function failure(claim: ClaimScore, accepted: string): string {
  const parts: string[] = [];
  if (!claim.rating_right) parts.push(`expected ${accepted}, got ${claim.actual.rating_label}`);
  if (!claim.evidence_right) parts.push(`not cited: ${claim.missing.map(requirement).join('; ')}`);
  return parts.join('; ');
}

/** The groups of a breakdown, in key order. */
export function groups(report: EvalReport): [title: string, rows: Record<string, Tally>][] {
  return [
    ['By claim kind', report.by_kind],
    ['By variant', report.by_change],
    ['By tag', report.by_tag],
  ];
}
