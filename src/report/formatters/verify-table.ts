import type { VerifyReport } from '../../results/verify-report.js';
import type { VerifyResult } from '../../types.js';
import { countProblems } from './diagnostics-text.js';
import { formatCheckText } from './verify-check-text.js';
import { clean, pad, paint, wrap, type FormatContext } from './format-context.js';

/** The verify command's table: claim id, rating and reason, then the totals, and with --check the changes. */
export function formatVerifyText(report: VerifyReport, ctx: FormatContext): string {
  return formatVerifyTable(report.result, ctx) + formatCheckText(report, ctx);
}

export function formatVerifyTable(result: VerifyResult, ctx: FormatContext): string {
  const rows = result.claims.map((c) => [clean(c.id, true), clean(c.rating_label, true), clean(c.explanation, true)] as const);
  // A fold, not Math.max(...widths): one argument per claim overflows the call stack at about 100,000.
  const idWidth = rows.reduce((w, r) => Math.max(w, r[0].length), 5);
  const ratingWidth = rows.reduce((w, r) => Math.max(w, r[1].length), 6);
  const reasonWidth = ctx.width === undefined ? undefined : Math.max(20, ctx.width - idWidth - ratingWidth - 4);
  const lines = [paint(ctx, 'bold', `${pad('CLAIM', idWidth)}  ${pad('RATING', ratingWidth)}  REASON`)];
  // On a terminal a long reason wraps under its own column, so it is read whole and the ids stay clear.
  const indent = ' '.repeat(idWidth + ratingWidth + 4);
  for (const [id, rating, reason] of rows) {
    const [first = '', ...more] = wrap(reason, reasonWidth);
    lines.push(`${pad(id, idWidth)}  ${pad(rating, ratingWidth)}  ${first}`, ...more.map((line) => indent + line));
  }
  lines.push('', formatTotals(result));
  return `${lines.join('\n')}\n`;
}

/** "11 claims: 6 True, 2 Half true, …; no problems". */
export function formatTotals(result: VerifyResult): string {
  const counts = result.scale
    .filter((r) => (result.totals.by_rating[r.id] ?? 0) > 0)
    .map((r) => `${result.totals.by_rating[r.id]} ${r.label}`);
  const claims = `${result.totals.claims} claim${result.totals.claims === 1 ? '' : 's'}`;
  return `${claims}${counts.length ? `: ${counts.join(', ')}` : ''}; ${countProblems(result.diagnostics)}`;
}
