import type { VerifyReport } from '../../results/verify-report.js';
import { ratingLabel } from '../../results/verify-report.js';
import { countChanges } from '../../lock/diff-verdicts.js';
import { describeCause, ratingChange, ruleChange } from './describe-change.js';
import { formatPoint } from '../../model/format-date.js';
import type { FormatContext } from './format-context.js';
import { code, inline, problemsSection } from './markdown-text.js';
import { append } from '../../model/append.js';

/**
 * Markdown for pull-request comments, job summaries and wikis: changed verdicts
 * first, then every claim with its rating and reason, citations as footnotes.
 * Written to read well as plain text too.
 */
export function formatMarkdown(report: VerifyReport, _ctx?: FormatContext): string {
  const { result } = report;
  const out: string[] = [];
  const diff = report.check?.diff;
  const changes = diff ? diff.changed.length + diff.added.length + diff.removed.length : 0;
  const { verdicts, trails } = diff ? countChanges(diff) : { verdicts: 0, trails: 0 };
  const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  // Verdict changes first: they change what is published; trail changes keep the verdict and move its evidence.
  const headline = diff
    ? changes || diff.uncompared.length
      ? `, ${[n(verdicts, 'verdict change'), n(trails, 'trail change'), ...(diff.added.length ? [`${diff.added.length} new`] : []), ...(diff.removed.length ? [`${diff.removed.length} gone`] : []), ...(diff.uncompared.length ? [`${diff.uncompared.length} not compared`] : [])].join(', ')}`
      : ', no change to recorded verdicts'
    : '';
  out.push(`## factcheck: ${result.totals.claims} claim${result.totals.claims === 1 ? '' : 's'} verified${headline}`, '');

  if (diff && changes) {
    out.push('### Changed verdicts', '');
    if (diff.changed.length) {
      out.push('| Claim | Change | Rating | Rule | Because | Citations |', '| --- | --- | --- | --- | --- | --- |');
      for (const c of diff.changed) {
        const citations = [c.citations.gained.length ? `gained ${c.citations.gained.map(code).join(', ')}` : '', c.citations.lost.length ? `lost ${c.citations.lost.map(code).join(', ')}` : '']
          .filter(Boolean)
          .join('; ');
        out.push(`| ${code(c.id)} | ${c.kind === 'verdict' ? '**verdict**' : 'trail'} | ${cell(ratingChange(result, c))} | ${cell(ruleChange(c))} | ${cell(c.causes.map(describeCause).join('; ') || 'inputs unchanged')} | ${citations || '—'} |`);
      }
      out.push('');
    }
    if (diff.added.length) out.push(`New claims, not yet recorded: ${diff.added.map(code).join(', ')}`, '');
    if (diff.removed.length) out.push(`Recorded claims that are gone: ${diff.removed.map(code).join(', ')}`, '');
  }
  if (diff?.uncompared.length) {
    out.push('### Not compared', '', 'These recorded verdicts could not be compared while the input has errors; they are not counted as changed or gone.', '');
    for (const u of diff.uncompared) out.push(`- ${code(u.id)}: ${u.because.map((b) => `${inline(b.input)} did not load (\`${b.problem.file}:${b.problem.line}:${b.problem.col}\` ${code(b.problem.code)})`).join('; ')}`);
    out.push('');
  }

  append(out, problemsSection(result.diagnostics));

  out.push('### Verdicts', '', '| Claim | Rating | Ruling |', '| --- | --- | --- |');
  const notes: string[] = [];
  for (const claim of result.claims) {
    // The records the verdict rests on; the others considered are in the JSON result and explain.
    const refs = claim.citations.filter((c) => c.decisive).map((c) => {
      notes.push(`[^${notes.length + 1}]: ${code(c.evidence)}, ${inline(c.publisher ?? c.source_title)}${c.publisher ? `, “${inline(c.source_title)}”` : ''} (${inline(c.published)}): “${inline(c.quote)}”${c.unanchored ? ' (unanchored)' : ''}${c.self_reported ? ' (self-reported)' : ''}`);
      return `[^${notes.length}]`;
    });
    // Headed by the words and who said them, as a published fact check is; the id last, for links and tools.
    const said = `“${cell(claim.text)}” — ${cell(claim.claimant.name)}, ${cell(formatPoint(claim.date))}${claim.context ? `<br>*Context:* ${cell(claim.context)}` : ''}<br>${code(claim.id)}`;
    const ruling = `${claim.interpretation ? `*Checked:* ${cell(claim.interpretation)}<br>` : ''}${cell(claim.explanation)}${refs.length ? ` ${refs.join('')}` : ''}`;
    out.push(`| ${said} | **${cell(ratingLabel(result, claim.rating))}** | ${ruling} |`);
  }
  out.push('', `Totals: ${result.scale.filter((r) => (result.totals.by_rating[r.id] ?? 0) > 0).map((r) => `${result.totals.by_rating[r.id]} ${r.label}`).join(', ') || 'none'}.`);
  if (notes.length) out.push('', ...notes);
  return `${out.join('\n')}\n`;
}

/** Text inside a table cell: inline() already escapes the pipes and line breaks that would end it. */
function cell(s: string): string {
  return inline(s);
}
