import { addItem, newItemFile } from '../authoring/add-item.js';
import { buildItem } from '../authoring/build-item.js';
import type { AuthoringContext } from '../authoring/check-answer.js';
import { collectFromFlags, collectInteractively, type Given } from '../authoring/collect-answers.js';
import { modeline } from '../authoring/editor-settings.js';
import { SOURCE, type ItemSpec } from '../authoring/item-fields.js';
import { lineOfLast } from '../authoring/locate-last-item.js';
import { archiveFiles } from '../archive/archive-files.js';
import type { CapturedArticle } from '../archive/capture-article.js';
import { proposeSource } from '../archive/propose-source.js';
import type { Project } from '../types.js';
import { validatorFor } from '../validate/compile-schemas.js';
import { EXIT, type CliIO } from './io.js';
import { checkWritable, existingPaths, readExisting, schemasFolder, writeNew } from './write-new-item.js';

/** `new source` without its snapshot question: archive makes the snapshot. */
const ARCHIVED_SOURCE: ItemSpec = { ...SOURCE, fields: SOURCE.fields.filter((f) => f.flag !== 'snapshot') };

/** The flags archive takes for the source record: those of `new source` but --snapshot. */
export const ARCHIVE_FIELD_FLAGS = ARCHIVED_SOURCE.fields.map((f) => f.flag);

/**
 * Writes a new source from a captured article: the page's statements as
 * answers (flags win over them), asked on a terminal for what is missing,
 * then the snapshot, the raw page and the HTTP exchange, and the record last.
 */
export async function archiveNew(article: CapturedArticle, project: Project, flags: Given, file: string | undefined, io: CliIO): Promise<number> {
  const proposal = proposeSource(article, project.entities.values());
  const given: Given = { ...proposal.given, ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) };
  const say = (line: string) => io.stderr(`${line}\n`);
  for (const note of proposal.notes) say(`note: ${note}`);

  const ctx: AuthoringContext = { project, readSnapshot: async () => ({ ok: false, message: 'archive makes the snapshot' }) };
  const interactive = Boolean(io.isTTY && io.ask);
  const collected = interactive ? await collectInteractively(ARCHIVED_SOURCE, given, ctx, { ask: io.ask!, say }) : await collectFromFlags(ARCHIVED_SOURCE, given, ctx);
  if (!collected.ok) {
    if ('cancelled' in collected) say('factcheck archive: cancelled; nothing was written');
    else {
      for (const p of collected.problems) say(`factcheck archive: ${p}`);
      if (!interactive && collected.problems.some((p) => p.startsWith('missing '))) say('The page does not state these, and nothing can be asked here (not an interactive terminal): give them as flags.');
    }
    return EXIT.invalid;
  }

  const id = collected.answers.get('id') as string;
  const { files, snapshot } = archiveFiles(id, article);
  const built = buildItem(ARCHIVED_SOURCE, collected.answers);
  const item = built.item;
  // A field the page stated keeps its basis, unless a flag or an answer replaced it.
  const basis = Object.fromEntries(Object.entries(proposal.basis).filter(([field]) => String(collected.answers.get(field) ?? '') === (proposal.given[field] ?? '\0')));
  if (proposal.published && item.published === proposal.published.on) item.published = { on: proposal.published.on, basis: proposal.published.basis };
  item.snapshot = snapshot;
  if (Object.keys(basis).length) item.basis = basis;
  built.notes.set('snapshot', 'the archived text, pinned by its SHA-256, with the page it was taken from');
  if (item.basis) built.notes.set('basis', 'where on the page each field was found');
  const validate = validatorFor('sources');
  if (!validate({ sources: [item] })) throw new Error(`the archived source does not match its schema: ${JSON.stringify(validate.errors)}`);

  // Nothing is written until every path is known to be free.
  const target = file ?? ARCHIVED_SOURCE.defaultFile(collected.answers);
  const taken = await existingPaths(project.root, files.map((f) => f.path));
  if (taken.length) {
    say(`factcheck archive: ${taken.join(', ')} already ${taken.length === 1 ? 'exists' : 'exist'}: give another --id; nothing was written`);
    return EXIT.invalid;
  }
  const existing = await readExisting(project.root, target);
  if ('problem' in existing) {
    say(`factcheck archive: cannot add to ${target}: ${existing.problem}; nothing was written`);
    return EXIT.invalid;
  }
  const added = existing.text === undefined ? { text: newItemFile(built, 'sources', modeline('sources', target, await schemasFolder(project.root)), SOURCE.header) } : addItem(existing.text, built, 'sources');
  if ('problem' in added) {
    say(`factcheck archive: cannot add to ${target}: ${added.problem}; nothing was written`);
    return EXIT.invalid;
  }
  await checkWritable(project.root, [...files.map((f) => f.path), target]);
  for (const f of files) await writeNew(project.root, f.path, f.content);
  await writeNew(project.root, target, added.text);

  const paragraphs = article.text.split(/\n\s*\n/).filter((p) => p.trim()).length;
  io.stdout(`archived "${id}" at ${target}:${lineOfLast(added.text, 'sources')}\n`);
  for (const f of files) io.stdout(`  ${f.path}${f.path.endsWith('.txt') ? ` (${paragraphs} paragraph${paragraphs === 1 ? '' : 's'}, ${[...article.text].length} characters)` : ''}\n`);
  for (const [field, why] of Object.entries(basis)) io.stdout(`  ${field}: from ${why}\n`);
  if (item.published && typeof item.published === 'object') io.stdout(`  published: from ${(item.published as { basis: string }).basis}\n`);
  return EXIT.ok;
}
