import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { LIMITS } from '../load/layout.js';
import { readProjectText } from '../load/read-files.js';
import type { Project, Source } from '../types.js';
import { captureArticle, type CaptureOptions } from './capture-article.js';
import { diffLines } from './diff-lines.js';

/**
 * Fetches every archived source that has a url and compares its text with the
 * latest version archived: a warning for each that was revised since (a
 * silent edit after publication), or could not be fetched. Network IO: run
 * only when asked (lint --live). One source at a time, in id order.
 */
export async function checkLiveSources(project: Project, options: CaptureOptions): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const sources = [...project.sources.values()].filter((s) => s.url && s.snapshot).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const source of sources) {
    const at = project.locate(source.ref, 'url');
    const latest = source.revisions?.at(-1) ?? source.snapshot!;
    const archived = latest === source.snapshot ? project.snapshots.get(source.id) : await readLatest(project, latest.path);
    if (archived === undefined) continue;
    const captured = await captureArticle(source.url!, options);
    if (!captured.ok) {
      out.push(diagnostic('snapshot/unreachable', at, `source "${source.id}" could not be fetched again: ${captured.problem.message.replace(/; nothing was written$/, '')}`, 'warning'));
      continue;
    }
    if (diffLines(archived, captured.article.text).some((l) => l.op !== ' ')) out.push(diagnostic('snapshot/revised', at, revisedMessage(source, latest.path, archived, captured.article.text), 'warning'));
  }
  return out;
}

function revisedMessage(source: Source, path: string, before: string, after: string): string {
  const diff = diffLines(before, after);
  const removed = diff.filter((l) => l.op === '-').length;
  const added = diff.filter((l) => l.op === '+').length;
  return `source "${source.id}" was revised since ${path} was archived: ${removed} paragraph${removed === 1 ? '' : 's'} removed or changed, ${added} added or changed; run factcheck archive --refresh ${source.id} to keep the new version and see which quotes still anchor`;
}

async function readLatest(project: Project, path: string): Promise<string | undefined> {
  const read = await readProjectText(project.root, path, LIMITS.maxSnapshotBytes);
  return 'text' in read ? read.text : undefined;
}
