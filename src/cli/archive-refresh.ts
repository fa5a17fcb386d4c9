import { parse } from 'yaml';
import { addRevision } from '../archive/add-revision.js';
import { archiveFiles, archivePaths } from '../archive/archive-files.js';
import { captureArticle, type CaptureOptions } from '../archive/capture-article.js';
import { diffLines, formatDiff } from '../archive/diff-lines.js';
import { FUZZY_THRESHOLD, reanchorQuotes, stillAnchors, type QuoteToFind, type Reanchored } from '../archive/reanchor-quotes.js';
import { LIMITS } from '../load/layout.js';
import { readProjectText } from '../load/read-files.js';
import { didYouMean } from '../model/suggest.js';
import type { Project, Source } from '../types.js';
import { EXIT, type CliIO } from './io.js';
import { checkWritable, existingPaths, writeNew } from './write-new-item.js';

/**
 * Fetches a source again. When its text changed: shows the diff, keeps every
 * snapshot already archived (the records go on quoting the one they were
 * written from), writes the new version beside them as a revision of the
 * source, and says where each quote of the source stands in it. Exit 1 when
 * any quote no longer anchors in the new text.
 */
export async function archiveRefresh(sourceId: string, project: Project, options: CaptureOptions, io: CliIO): Promise<number> {
  const fail = (message: string) => (io.stderr(`factcheck archive --refresh: ${message}\n`), EXIT.invalid);
  const source = project.sources.get(sourceId);
  if (!source) return fail(`no source "${sourceId}"${didYouMean(sourceId, project.sources.keys())}`);
  if (!source.url) return fail(`source "${sourceId}" has no url to fetch it from (${source.ref.file}); add its url first`);
  if (!source.snapshot) return fail(`source "${sourceId}" has no archived snapshot to compare with; archive it first: factcheck archive ${source.url}`);

  const file = await readProjectText(project.root, source.ref.file, LIMITS.maxFileBytes);
  if (!('text' in file)) return fail(file.diagnostic.message);
  const revisions = revisionsOf(file.text, sourceId);
  const latest = revisions.at(-1) ?? { path: source.snapshot.path, retrieved: undefined };
  const before = latest.path === source.snapshot.path ? project.snapshots.get(sourceId) : await readLatest(project.root, latest.path);
  if (before === undefined) return fail(`cannot read ${latest.path}, the latest archived text of "${sourceId}"`);

  const captured = await captureArticle(source.url, options);
  if (!captured.ok) return fail(`${captured.problem.code}: ${captured.problem.message}`);
  const { article } = captured;
  const since = latest.retrieved ? `fetched ${latest.retrieved}` : 'archived';
  // Paragraphs compared, not bytes: a snapshot laid out otherwise (a line per paragraph, saved by hand) has not changed.
  if (!diffLines(before, article.text).some((l) => l.op !== ' ')) {
    io.stdout(`${sourceId}: unchanged since ${since} (${latest.path}); nothing was written\n`);
    return EXIT.ok;
  }

  const name = await freeName(project.root, sourceId, (article.capture.retrieved ?? new Date(options.now()).toISOString()).slice(0, 10));
  const { files, snapshot } = archiveFiles(name, article);
  const added = addRevision(file.text, sourceId, snapshot);
  if ('problem' in added) return fail(`cannot record the revision in ${source.ref.file}: ${added.problem}; nothing was written`);

  const results = reanchorQuotes(quotesOf(project, source), article.text);
  io.stdout(`${sourceId}: the text changed since it was ${since} (${latest.path} → ${files[0]!.path}):\n\n`);
  io.stdout(formatDiff(diffLines(before, article.text)));
  io.stdout(`\nQuotes of ${sourceId} in the new text (the records go on quoting ${source.snapshot.path}; nothing was moved):\n`);
  for (const r of results) io.stdout(`  ${r.file}:${r.line}  ${r.what} ${r.id}: ${describeResult(r)}\n`);
  const lost = results.filter((r) => !stillAnchors(r));
  io.stdout(`${results.length} quote${results.length === 1 ? '' : 's'}: ${results.length - lost.length} still anchor, ${count(results, 'changed')} changed, ${count(results, 'ambiguous') + count(results, 'context-changed')} ambiguous or with another context, ${count(results, 'orphaned')} orphaned\n`);

  await checkWritable(project.root, [...files.map((f) => f.path), source.ref.file]);
  for (const f of files) await writeNew(project.root, f.path, f.content);
  await writeNew(project.root, source.ref.file, added.text);
  io.stdout(`wrote ${files.map((f) => f.path).join(', ')}; revision added to ${source.ref.file}\n`);
  if (lost.length) io.stderr(`factcheck archive --refresh: ${lost.length} quote${lost.length === 1 ? '' : 's'} of ${sourceId} no longer anchor${lost.length === 1 ? 's' : ''} in its new text: review ${lost.length === 1 ? 'it' : 'them'} above\n`);
  return lost.length ? EXIT.changed : EXIT.ok;
}

function describeResult(r: Reanchored): string {
  switch (r.status) {
    case 'exact':
    case 'normalised':
      return `anchors ${r.status === 'exact' ? 'as written' : 'after normalising typography and spacing'} (line ${r.at})`;
    case 'changed':
      return `CHANGED: not found; the closest passage (line ${r.at}, ${pct(r.similarity)} alike) is "${r.passage}"`;
    case 'ambiguous':
      return `AMBIGUOUS: found ${r.count} times, and its prefix or suffix does not tell which`;
    case 'context-changed':
      return `CONTEXT CHANGED: found (line ${r.at}), but not with the prefix or suffix the record gives`;
    case 'orphaned':
      return `ORPHANED: not in the new text${r.closest ? `; nothing at least ${pct(FUZZY_THRESHOLD)} alike (closest, ${pct(r.closest.similarity)}: "${r.closest.passage}")` : ''}`;
  }
}

const pct = (n: number) => `${Math.floor(n * 100)}%`;
const count = (rs: readonly Reanchored[], status: Reanchored['status']) => rs.filter((r) => r.status === status).length;

/** Every quote read in the source: its evidence records' quotes, and the words of claims quoted in it, in file order. */
function quotesOf(project: Project, source: Source): QuoteToFind[] {
  const out: QuoteToFind[] = [];
  for (const r of project.evidence.values()) {
    if (r.source !== source.id) continue;
    out.push({ what: 'evidence record', id: r.id, file: r.ref.file, line: project.locate(r.ref, 'quote').line, quote: r.quote, hint: { ...(r.prefix ? { prefix: r.prefix } : {}), ...(r.suffix ? { suffix: r.suffix } : {}) } });
  }
  for (const c of project.claims) {
    if (c.quoted_in !== source.id) continue;
    out.push({ what: 'claim', id: c.id, file: c.ref.file, line: project.locate(c.ref, 'text').line, quote: c.text, hint: { ...(c.prefix ? { prefix: c.prefix } : {}), ...(c.suffix ? { suffix: c.suffix } : {}) } });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/** The revisions the source's record lists, oldest first. */
function revisionsOf(text: string, id: string): { path: string; retrieved?: string }[] {
  const data = parse(text, { maxAliasCount: LIMITS.maxAliasCount }) as { sources?: { id?: unknown; revisions?: unknown }[] } | null;
  const revisions = data?.sources?.find((s) => s?.id === id)?.revisions;
  return Array.isArray(revisions) ? revisions.filter((r): r is { path: string; retrieved?: string } => typeof r?.path === 'string') : [];
}

async function readLatest(root: string, path: string): Promise<string | undefined> {
  const read = await readProjectText(root, path, LIMITS.maxSnapshotBytes);
  return 'text' in read ? read.text : undefined;
}

/** <id>.<day>, or <id>.<day>-2, -3… when that day already has a revision. */
async function freeName(root: string, id: string, day: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${id}.${day}` : `${id}.${day}-${n}`;
    if (!(await existingPaths(root, Object.values(archivePaths(name)))).length) return name;
  }
}
