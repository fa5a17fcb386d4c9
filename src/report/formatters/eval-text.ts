import type { EvalReport, Tally } from '../../eval/score-eval.js';
import { clean, pad, paint, type FormatContext } from './format-context.js';
import { accepted, failure, groups, percent, ratingName, share } from './eval-summary.js';

/**
 * factcheck eval: a line per claim (pass or fail, the rating, the deciding
 * rule), what went wrong for each failure, then the false confirmations, the
 * scores overall, by set, kind, variant and tag, and the confusion matrix.
 */
export function formatEvalText(report: EvalReport, ctx: FormatContext): string {
  const t = (text: string) => clean(text, true);
  const out: string[] = [];
  const idWidth = Math.min(48, report.claims.reduce((w, c) => Math.max(w, c.id.length), 0));
  let set: string | undefined;
  for (const claim of report.claims) {
    if (claim.set !== set) {
      set = claim.set;
      out.push(paint(ctx, 'bold', t(set)));
    }
    const mark = claim.passed ? paint(ctx, 'green', 'PASS') : paint(ctx, 'red', 'FAIL');
    out.push(`  ${mark}  ${pad(t(claim.id), idWidth)}  ${pad(t(claim.actual.rating_label), 13)}  ${t(claim.actual.rule ?? 'no rule fired')}`);
    if (claim.false_confirmation) out.push(`        ${paint(ctx, 'red', 'false confirmation')}: rated ${t(claim.actual.rating_label)}, labelled ${t(accepted(claim, report))}`);
    if (!claim.passed) {
      out.push(`        ${t(failure(claim, accepted(claim, report)))}`);
      out.push(`        why: ${t(claim.expected.why)}`);
      out.push(`        ${t(claim.file)}:${claim.line}:${claim.col}`);
    }
  }
  const { totals } = report;
  if (!report.claims.length) {
    out.push(
      totals.not_scored.length || report.diagnostics.some((d) => d.severity === 'error')
        ? 'no claim could be scored: see the problems above'
        : 'no labelled claims found: add an evaluation set under eval/ (see README, "Measuring the rules")',
    );
    return `${out.join('\n')}\n`;
  }
  out.push('');
  const confirmations = totals.false_confirmations;
  out.push(
    confirmations.length
      ? paint(ctx, 'red', `False confirmations: ${confirmations.length} (${t(confirmations.join(', '))})`)
      : 'False confirmations: none',
  );
  out.push(`Label accuracy: ${share(totals.rating_right, totals)}`);
  out.push(`FEVER score:    ${share(totals.fever_right, totals)}  (rating and evidence both right)`);
  if (totals.not_scored.length) out.push(paint(ctx, 'yellow', `Not scored (see the problems above): ${t(totals.not_scored.join(', '))}`));
  for (const s of report.sets) {
    const bar = s.min_score === null ? '' : `; min_score ${percent(s.min_score)}: ${s.met ? 'met' : paint(ctx, 'red', 'not met')}`;
    out.push(`  ${t(s.file)}: FEVER ${share(s.fever_right, s)}${bar}${s.notes.length ? `; ${s.notes.length} statement${s.notes.length === 1 ? '' : 's'} left out (notes)` : ''}`);
  }
  for (const [title, rows] of groups(report)) out.push('', ...table(title, rows, t));
  out.push('', ...matrix(report, t));
  return `${out.join('\n')}\n`;
}

function table(title: string, rows: Record<string, Tally>, t: (s: string) => string): string[] {
  const width = Math.max(title.length, ...Object.keys(rows).map((k) => k.length + 2));
  const lines = [`${pad(title, width)}  claims   label    FEVER`];
  for (const [key, tally] of Object.entries(rows)) {
    lines.push(`  ${pad(t(key), width - 2)}  ${String(tally.claims).padStart(6)}  ${percent(tally.label_accuracy).padStart(6)}  ${percent(tally.fever_score).padStart(6)}`);
  }
  return lines;
}

function matrix(report: EvalReport, t: (s: string) => string): string[] {
  const { expected, actual, counts } = report.confusion;
  const names = actual.map((id) => ratingName(id, report));
  const rowWidth = Math.max(8, ...expected.map((e) => ratingName(e, report).length));
  const widths = names.map((n) => Math.max(5, n.length));
  const lines = ['Confusion matrix: expected (rows, each label by its first rating) against actual (columns)'];
  lines.push(`  ${pad('', rowWidth)}  ${names.map((n, i) => t(n).padStart(widths[i]!)).join('  ')}`);
  expected.forEach((e, r) => {
    lines.push(`  ${pad(t(ratingName(e, report)), rowWidth)}  ${counts[r]!.map((n, i) => (n ? String(n) : '.').padStart(widths[i]!)).join('  ')}`);
  });
  return lines;
}
