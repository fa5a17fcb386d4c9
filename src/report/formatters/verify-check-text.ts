import type { VerifyReport } from '../../results/verify-report.js';
import { causeSummary, citationChange, describeBlocker, describeCause, diffCounts, nextStep, ratingChange, ruleChange } from './describe-change.js';
import { clean, paint, type FormatContext } from './format-context.js';

/**
 * The --check section: verdict changes and trail changes, each with its
 * causes and citations, then new and gone claims, then verdicts that could
 * not be compared because of input errors.
 */
export function formatCheckText(report: VerifyReport, ctx: FormatContext): string {
  const check = report.check;
  if (!check) return '';
  const { diff } = check;
  const t = (s: string) => clean(s, true);
  const lines = ['', paint(ctx, 'bold', `Compared with ${check.lockFile}: ${diffCounts(diff)}`)];
  for (const change of diff.changed) {
    const at = change.at ? ` (${t(change.at.file)}:${change.at.line}:${change.at.col})` : '';
    const label = change.kind === 'verdict' ? paint(ctx, 'red', 'VERDICT') : paint(ctx, 'yellow', 'TRAIL  ');
    lines.push('', `${label} ${t(change.id)}${at}`);
    lines.push(`  rating     ${t(ratingChange(report.result, change))}`);
    lines.push(`  rule       ${t(ruleChange(change))}`);
    const citations = citationChange(change);
    if (citations) lines.push(`  citations  ${t(citations)}`);
    if (change.causes.length) {
      change.causes.forEach((cause, i) => {
        const where = cause.at ? `, at ${cause.at.file}:${cause.at.line}:${cause.at.col}` : '';
        lines.push(`  ${i === 0 ? 'because   ' : '          '} ${t(describeCause(cause) + where)}`);
      });
    } else {
      lines.push(`  because    ${t(causeSummary(change))}`);
    }
  }
  for (const id of diff.added) lines.push('', `${paint(ctx, 'yellow', 'NEW')}     ${t(id)}: no recorded verdict`);
  for (const id of diff.removed) lines.push('', `${paint(ctx, 'yellow', 'GONE')}    ${t(id)}: recorded in ${check.lockFile}, no longer in the project`);
  for (const item of diff.uncompared) {
    const at = item.at ? ` (${t(item.at.file)}:${item.at.line}:${item.at.col})` : '';
    lines.push('', `${paint(ctx, 'dim', 'NOT COMPARED')} ${t(item.id)}${at}: the recorded verdict cannot be compared while the input has errors`);
    item.because.forEach((b, i) => lines.push(`  ${i === 0 ? 'because   ' : '          '} ${t(describeBlocker(b))}`));
  }
  const next = nextStep(report.result, diff);
  if (next) lines.push('', next);
  return `${lines.join('\n')}\n`;
}
