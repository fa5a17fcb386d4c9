import type { RunChanges } from '../../results/compare-runs.js';
import { formatDiagnostics } from './diagnostics-text.js';
import { clean, paint, type FormatContext } from './format-context.js';

/** Only what changed since the last save: verdicts that moved, claims new, gone or failing to load, and new problems. */
export function formatWatchUpdate(changes: RunChanges, ctx: FormatContext): string {
  const t = (s: string) => clean(s, true);
  const lines: string[] = [];
  for (const { before, after } of changes.changed) {
    const rule = before.rule === after.rule ? '' : ` (rule ${t(before.rule ?? 'none')} → ${t(after.rule ?? 'none')})`;
    const rating = before.rating === after.rating ? `${t(after.rating_label)}, citations changed` : `${t(before.rating_label)} → ${t(after.rating_label)}`;
    lines.push(`${paint(ctx, 'yellow', 'changed')}  ${t(after.id)}: ${rating}${rule}: ${t(after.explanation)}`);
  }
  for (const claim of changes.added) lines.push(`${paint(ctx, 'green', 'new')}      ${t(claim.id)}: ${t(claim.rating_label)}: ${t(claim.explanation)}`);
  for (const id of changes.removed) lines.push(`${paint(ctx, 'dim', 'gone')}     ${t(id)}`);
  // Still in its file, so not gone: the error that keeps it out follows.
  for (const id of changes.failing) lines.push(`${paint(ctx, 'red', 'failing')}  ${t(id)}: fails to load (see the error)`);
  let out = lines.length ? `${lines.join('\n')}\n` : '';
  out += formatDiagnostics(changes.newProblems, ctx);
  if (changes.fixed) out += `${changes.fixed} problem${changes.fixed === 1 ? '' : 's'} fixed\n`;
  return out;
}
