import type { VerifyReport } from '../../record/verify-report.js';
import { ratingLabel } from '../../record/verify-report.js';
import { describeCause, ratingChange, ruleChange } from './describe-change.js';
import { code, inline, problemsSection } from './markdown-text.js';

/**
 * Markdown for pull-request comments, job summaries and wikis: changed verdicts
 * first, then every claim with its rating and reason, citations as footnotes.
 * Written to read well as plain text too.
 */
export function formatMarkdown(report: VerifyReport): string {
  const { result } = report;
  const out: string[] = [];
  const diff = report.check?.diff;
  const changes = diff ? diff.changed.length + diff.added.length + diff.removed.length : 0;
  out.push(`## factcheck: ${result.totals.claims} claim${result.totals.claims === 1 ? '' : 's'} verified${diff ? `, ${changes ? `${changes} change${changes === 1 ? '' : 's'} to recorded verdicts` : 'no change to recorded verdicts'}` : ''}`, '');

  if (diff && changes) {
    out.push('### Changed verdicts', '');
    if (diff.changed.length) {
      out.push('| Claim | Rating | Rule | Because | Citations |', '| --- | --- | --- | --- | --- |');
      for (const c of diff.changed) {
        const citations = [c.citations.gained.length ? `gained ${c.citations.gained.map(code).join(', ')}` : '', c.citations.lost.length ? `lost ${c.citations.lost.map(code).join(', ')}` : '']
          .filter(Boolean)
          .join('; ');
        out.push(`| ${code(c.id)} | ${cell(ratingChange(result, c))} | ${cell(ruleChange(c))} | ${cell(c.causes.map(describeCause).join('; ') || 'inputs unchanged')} | ${citations || '—'} |`);
      }
      out.push('');
    }
    if (diff.added.length) out.push(`New claims, not yet recorded: ${diff.added.map(code).join(', ')}`, '');
    if (diff.removed.length) out.push(`Recorded claims that are gone: ${diff.removed.map(code).join(', ')}`, '');
  }

  out.push(...problemsSection(result.diagnostics));

  out.push('### Verdicts', '', '| Claim | Rating | Reason |', '| --- | --- | --- |');
  const notes: string[] = [];
  for (const claim of result.claims) {
    // The records the verdict rests on; the others considered are in the JSON result and explain.
    const refs = claim.citations.filter((c) => c.decisive).map((c) => {
      notes.push(`[^${notes.length + 1}]: ${code(c.evidence)}, ${inline(c.publisher ?? c.source_title)}${c.publisher ? `, “${inline(c.source_title)}”` : ''} (${inline(c.published)}): “${inline(c.quote)}”${c.unanchored ? ' (unanchored)' : ''}${c.self_reported ? ' (self-reported)' : ''}`);
      return `[^${notes.length}]`;
    });
    out.push(`| ${code(claim.id)} | **${cell(ratingLabel(result, claim.rating))}** | ${cell(claim.explanation)}${refs.length ? ` ${refs.join('')}` : ''} |`);
  }
  out.push('', `Totals: ${result.scale.filter((r) => (result.totals.by_rating[r.id] ?? 0) > 0).map((r) => `${result.totals.by_rating[r.id]} ${r.label}`).join(', ') || 'none'}.`);
  if (notes.length) out.push('', ...notes);
  return `${out.join('\n')}\n`;
}

/** Text inside a table cell: inline() already escapes the pipes and line breaks that would end it. */
function cell(s: string): string {
  return inline(s);
}
