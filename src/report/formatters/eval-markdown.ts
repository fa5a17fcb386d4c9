import type { FormatContext } from './format-context.js';
import type { EvalReport, Tally } from '../../eval/score-eval.js';
import { accepted, failure, groups, percent, ratingName, share } from './eval-summary.js';
import { code, inline, problemsSection } from './markdown-text.js';
import { append } from '../../model/append.js';

/** factcheck eval --format md: the scores, the false confirmations and failures, the breakdowns and the confusion matrix. */
export function formatEvalMarkdown(report: EvalReport, _ctx?: FormatContext): string {
  const { totals } = report;
  const out: string[] = [`## factcheck eval: FEVER score ${share(totals.fever_right, totals)}`, ''];
  out.push('| Measure | Value |', '| --- | --- |');
  out.push(`| Label accuracy | ${share(totals.rating_right, totals)} |`);
  out.push(`| FEVER score (rating and evidence) | ${share(totals.fever_right, totals)} |`);
  out.push(`| False confirmations | ${totals.false_confirmations.length ? `**${totals.false_confirmations.length}**: ${totals.false_confirmations.map(code).join(', ')}` : 'none'} |`);
  if (totals.not_scored.length) out.push(`| Not scored (invalid input) | ${totals.not_scored.map(code).join(', ')} |`);
  for (const s of report.sets) {
    out.push(`| ${code(s.file)} | FEVER ${share(s.fever_right, s)}${s.min_score === null ? '' : `, min_score ${percent(s.min_score)}: ${s.met ? 'met' : '**not met**'}`} |`);
  }
  out.push('');

  const failed = report.claims.filter((c) => !c.passed);
  if (failed.length) {
    out.push('### Failures', '', '| Claim | Rating | Rule | What went wrong | Why (label) |', '| --- | --- | --- | --- | --- |');
    for (const c of failed) {
      const flag = c.false_confirmation ? '**false confirmation**: ' : '';
      out.push(`| ${code(c.id)} | ${inline(c.actual.rating_label)} | ${c.actual.rule ? code(c.actual.rule) : 'none'} | ${flag}${inline(failure(c, accepted(c, report)))} | ${inline(c.expected.why)} |`);
    }
    out.push('');
  }

  append(out, problemsSection(report.diagnostics));

  for (const [title, rows] of groups(report)) out.push(`### ${title}`, '', ...table(rows), '');
  const { expected, actual, counts } = report.confusion;
  if (expected.length) {
    out.push('### Confusion matrix', '', 'Rows: expected (each label by its first rating); columns: actual.', '');
    out.push(`| Expected \\ actual | ${actual.map((a) => inline(ratingName(a, report))).join(' | ')} |`, `| --- |${actual.map(() => ' ---: |').join('')}`);
    expected.forEach((e, r) => out.push(`| ${inline(ratingName(e, report))} | ${counts[r]!.map((n) => (n ? String(n) : '·')).join(' | ')} |`));
    out.push('');
  }
  return `${out.join('\n')}`;
}

function table(rows: Record<string, Tally>): string[] {
  return [
    '| Group | Claims | Label accuracy | FEVER score |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(rows).map(([key, t]) => `| ${inline(key)} | ${t.claims} | ${percent(t.label_accuracy)} | ${percent(t.fever_score)} |`),
  ];
}
