import type { VerifyReport } from '../../results/verify-report.js';
import type { ClaimResult, VerifyResult } from '../../types.js';
import { countProblems } from './diagnostics-text.js';
import { formatCheckText } from './verify-check-text.js';
import { clean, pad, paint, wrap, type FormatContext } from './format-context.js';

/** The verify command's table: claim id, rating and reason, then the totals, and with --check the changes. */
export function formatVerifyText(report: VerifyReport, ctx: FormatContext): string {
  return formatVerifyTable(report.result, ctx) + formatCheckText(report, ctx);
}

export function formatVerifyTable(result: VerifyResult, ctx: FormatContext): string {
  const layout = tableLayout(result.claims, ctx);
  let rows = '';
  for (const claim of result.claims) rows += tableRow(claim, layout);
  return `${tableHeader(layout, ctx)}${rows}\n${formatTotals(result)}\n`;
}

/** What the table's rows need besides their claim: the columns' widths, from every claim's. */
export interface TableLayout {
  idWidth: number;
  ratingWidth: number;
  reasonWidth?: number;
}

/** The table's cells of a claim: its summary is all the table shows of it. */
export type TableClaim = Pick<ClaimResult, 'id' | 'rating_label' | 'explanation'>;

export function tableLayout(claims: readonly TableClaim[], ctx: FormatContext): TableLayout {
  // A fold, not Math.max(...widths): one argument per claim overflows the call stack at about 100,000.
  let idWidth = 5;
  let ratingWidth = 6;
  for (const c of claims) {
    idWidth = Math.max(idWidth, clean(c.id, true).length);
    ratingWidth = Math.max(ratingWidth, clean(c.rating_label, true).length);
  }
  const reasonWidth = ctx.width === undefined ? undefined : Math.max(20, ctx.width - idWidth - ratingWidth - 4);
  return reasonWidth === undefined ? { idWidth, ratingWidth } : { idWidth, ratingWidth, reasonWidth };
}

export function tableHeader(layout: TableLayout, ctx: FormatContext): string {
  return `${paint(ctx, 'bold', `${pad('CLAIM', layout.idWidth)}  ${pad('RATING', layout.ratingWidth)}  REASON`)}\n`;
}

/** A claim's row: on a terminal a long reason wraps under its own column, so it is read whole and the ids stay clear. */
export function tableRow(claim: TableClaim, layout: TableLayout): string {
  const { idWidth, ratingWidth, reasonWidth } = layout;
  const [first = '', ...more] = wrap(clean(claim.explanation, true), reasonWidth);
  let text = `${pad(clean(claim.id, true), idWidth)}  ${pad(clean(claim.rating_label, true), ratingWidth)}  ${first}\n`;
  if (more.length) {
    const indent = ' '.repeat(idWidth + ratingWidth + 4);
    for (const line of more) text += `${indent}${line}\n`;
  }
  return text;
}

/** "11 claims: 6 True, 2 Half true, …; no problems". */
export function formatTotals(result: Pick<VerifyResult, 'scale' | 'totals' | 'diagnostics'>): string {
  const counts = result.scale
    .filter((r) => (result.totals.by_rating[r.id] ?? 0) > 0)
    .map((r) => `${result.totals.by_rating[r.id]} ${r.label}`);
  const claims = `${result.totals.claims} claim${result.totals.claims === 1 ? '' : 's'}`;
  return `${claims}${counts.length ? `: ${counts.join(', ')}` : ''}; ${countProblems(result.diagnostics)}`;
}
