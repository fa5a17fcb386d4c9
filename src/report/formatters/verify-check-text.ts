import type { VerifyReport } from '../../record/verify-report.js';
import { causeSummary, describeCause, ratingChange, ruleChange } from './describe-change.js';
import { clean, paint, type FormatContext } from './format-context.js';

/** The --check section: each changed verdict with its cause and citations, then new and gone claims. */
export function formatCheckText(report: VerifyReport, ctx: FormatContext): string {
  const check = report.check;
  if (!check) return '';
  const { diff } = check;
  const t = (s: string) => clean(s, true);
  const lines = [
    '',
    paint(
      ctx,
      'bold',
      `Compared with ${check.lockFile}: ${diff.changed.length} changed, ${diff.added.length} new, ${diff.removed.length} gone, ${diff.unchanged} unchanged`,
    ),
  ];
  for (const change of diff.changed) {
    const at = change.at ? ` (${t(change.at.file)}:${change.at.line}:${change.at.col})` : '';
    lines.push('', `${paint(ctx, 'red', 'CHANGED')} ${t(change.id)}${at}`);
    lines.push(`  rating     ${t(ratingChange(report.result, change))}`);
    lines.push(`  rule       ${t(ruleChange(change))}`);
    if (change.causes.length) {
      change.causes.forEach((cause, i) => {
        const where = cause.at ? `, at ${cause.at.file}:${cause.at.line}:${cause.at.col}` : '';
        lines.push(`  ${i === 0 ? 'because   ' : '          '} ${t(describeCause(cause) + where)}`);
      });
    } else {
      lines.push(`  because    ${t(causeSummary(change))}`);
    }
    const { gained, lost } = change.citations;
    if (gained.length || lost.length) {
      lines.push(`  citations  ${t([gained.length ? `gained ${gained.join(', ')}` : '', lost.length ? `lost ${lost.join(', ')}` : ''].filter(Boolean).join('; '))}`);
    }
  }
  for (const id of diff.added) lines.push('', `${paint(ctx, 'yellow', 'NEW')}     ${t(id)}: no recorded verdict`);
  for (const id of diff.removed) lines.push('', `${paint(ctx, 'yellow', 'GONE')}    ${t(id)}: recorded in ${check.lockFile}, no longer in the project`);
  if (diff.changed.length || diff.added.length || diff.removed.length) {
    lines.push('', 'Run factcheck verify --update to record the current verdicts.');
  }
  return `${lines.join('\n')}\n`;
}
