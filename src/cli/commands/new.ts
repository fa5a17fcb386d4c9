import { lstat, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseDocument, type YAMLSeq } from 'yaml';
import { addItem, newItemFile } from '../../authoring/add-item.js';
import { buildItem } from '../../authoring/build-item.js';
import type { AuthoringContext, ItemType, SnapshotRead } from '../../authoring/check-answer.js';
import { collectFromFlags, collectInteractively, flagOf, type Given } from '../../authoring/collect-answers.js';
import { modeline } from '../../authoring/editor-settings.js';
import { ITEM_SPECS, isRequired, type Field, type ItemSpec } from '../../authoring/item-fields.js';
import { KIND_FOLDERS, kindOf, LIMITS } from '../../load/layout.js';
import { decodeText, readProjectBytes, readProjectText, resolveInside } from '../../load/read-files.js';
import { makeFolder, writeFileAtomic } from '../../load/write-atomic.js';
import { loadProject } from '../../pipeline.js';
import { formatDiagnostics } from '../../report/formatters/index.js';
import { SCHEMA_FILES, validatorFor } from '../../validate/compile-schemas.js';
import { didYouMean } from '../../model/suggest.js';
import { CACHE_OPTION, COMMON_HELP, loadOptions, ROOT_OPTION, type Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { locateRoot } from '../open-project.js';
import { sha256 } from '../../model/hash.js';
import { insideRoot } from '../../model/paths.js';

const TYPES = Object.keys(ITEM_SPECS) as ItemType[];

/** Every item type's flags, for parseArgs: a flag means the same wherever it appears, so one option each. */
function itemOptions(): Record<string, { type: 'string' | 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const spec of Object.values(ITEM_SPECS)) for (const f of spec.fields) options[f.flag] = { type: f.boolean ? 'boolean' : 'string' };
  return options;
}

/**
 * Each item type's flags: those every item has, then those of each kind,
 * kinds with the same fields together. [optional] flags in brackets.
 */
function flagLines(): string {
  const show = (fields: readonly Field[], answers: Map<string, unknown>) =>
    fields.map((f) => (isRequired(f, answers) && !f.fallback ? flagOf(f) : `[${flagOf(f)}]`)).join(' ');
  const lines: string[] = [];
  for (const type of TYPES) {
    const spec = ITEM_SPECS[type];
    const common = spec.fields.filter((f) => !f.applies);
    lines.push(`  ${type.padEnd(9)}${wrap(show(common, new Map()), 11)}`);
    const groups = new Map<string, string[]>();
    for (const kind of spec.kinds) {
      const answers = new Map([[spec.discriminator, kind]]);
      const own = show(spec.fields.filter((f) => f.applies?.(answers)), answers);
      if (own) groups.set(own, [...(groups.get(own) ?? []), kind]);
    }
    for (const [flags, kinds] of groups) lines.push(`${' '.repeat(11)}${wrap(`${kinds.join(', ')}: ${flags}`, 13)}`);
  }
  return lines.join('\n');
}

function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 78 - indent) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

export const newCommand: Command = {
  name: 'new',
  summary: 'add a claim, evidence record, source or entity, checking every field',
  usage: 'factcheck new claim|evidence|source|entity [--flags] [--file <path>]',
  details: `Adds one item to the project: to the end of an existing file of its kind,
keeping the file's comments, or to a new file that starts with the schema
modeline. Every field is checked as it is given: ids are well formed and
new, entities, sources and vocabulary terms exist (with the nearest one
suggested), dates are real, and quotes and a claim's words are in the
archived source, word for word (they are written as the snapshot has them).

On a terminal, each field not given as a flag is asked for in turn, with
the project's entities and sources listed; a refused answer is asked again,
and Enter skips optional fields. Where a field offers a list (entities,
sources, vocabulary terms), typing filters it: the best matches by id, name
and aliases are shown under the question as you type, and Tab completes the
single match, or the longest prefix the matching ids share. Elsewhere every
required field must be a flag, and all missing or invalid flags are
reported at once.

Flags ([optional]; kind fields apply to the --kind chosen):
${flagLines()}

  Lists (aliases, members, tags, relays, author) are comma-separated.
  Dates are YYYY-MM-DD, YYYY-MM or YYYY; evidence --date and claim --when
  also take a range FROM..TO, with --span within (default) or throughout.
  A claim's --relation (answers, after or before) relates its event to the
  one the --other-* flags describe, written as the pattern "other"; --gap
  gives the time between ("2 days"). A record's --after and --before name
  another record, with --gap; --dated-by names the records its date rests on. A quantity's --unit defaults to its measure's.
  source --snapshot names the archived text: a .txt file in the project, or
  a file elsewhere, copied to evidence/snapshots/<id>.txt; its SHA-256 is
  pinned in the record.

Options:
  --file <path>     the file to add to (default: claims/<id>.yaml,
                    evidence/<source>.yaml, sources/<id>.yaml, or
                    entities/people.yaml, organisations.yaml or groups.yaml)
${COMMON_HELP}

Exit codes: 0 added; 2 a missing or invalid field, or bad usage.`,
  options: { ...ROOT_OPTION, ...CACHE_OPTION, file: { type: 'string' }, ...itemOptions() },
  async run({ values, positionals }, io, _ctx, errCtx) {
    const [type, ...extra] = positionals;
    if (type === undefined || !TYPES.includes(type as ItemType)) {
      throw new UsageError(`new takes what to add: ${TYPES.join(', ')}${type === undefined ? '' : `; found "${type}"${didYouMean(type, TYPES)}`}`);
    }
    if (extra.length) throw new UsageError(`new takes one thing to add; found also ${extra.map((e) => `"${e}"`).join(', ')} (quote values with spaces)`);
    const spec = ITEM_SPECS[type as ItemType];
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    const loaded = await loadProject(root, loadOptions(values, io));
    const project = loaded.project;
    if (!project) {
      io.stderr(formatDiagnostics(loaded.diagnostics, errCtx));
      io.stderr(`factcheck new: the project does not load; fix ${loaded.diagnostics.length === 1 ? 'this problem' : 'these problems'} first\n`);
      return EXIT.invalid;
    }
    const file = typeof values.file === 'string' ? await fileOption(project.root, io.cwd, values.file, spec) : undefined;
    const given: Given = Object.fromEntries(spec.fields.map((f) => [f.flag, values[f.flag]]));
    const foreign = Object.keys(values).filter((k) => k in itemOptions() && values[k] !== undefined && !spec.fields.some((f) => f.flag === k));
    if (foreign.length) throw new UsageError(`${foreign.map((k) => `--${k}`).join(', ')} ${foreign.length === 1 ? 'is not a field' : 'are not fields'} of ${spec.type === 'entity' ? 'entities' : `${spec.type} items`}`);

    const copies = new Map<string, Buffer>();
    const ctx: AuthoringContext = { project, readSnapshot: (answer, id) => readSnapshot(project.root, io.cwd, answer, id, copies) };
    const interactive = Boolean(io.isTTY && io.ask);
    const collected = interactive
      ? await collectInteractively(spec, given, ctx, { ask: io.ask!, say: (line) => io.stderr(`${line}\n`) })
      : await collectFromFlags(spec, given, ctx);
    if (!collected.ok) {
      if ('cancelled' in collected) {
        io.stderr(`factcheck new: cancelled; nothing was written\n`);
        return EXIT.invalid;
      }
      for (const problem of collected.problems) io.stderr(`factcheck new ${spec.type}: ${problem}\n`);
      if (!interactive && collected.problems.some((p) => p.startsWith('missing '))) {
        io.stderr(`Nothing can be asked here (not an interactive terminal): give every field as a flag. Run factcheck new --help for the flags.\n`);
      }
      return EXIT.invalid;
    }

    const built = buildItem(spec, collected.answers);
    const validate = validatorFor(spec.kind);
    if (!validate({ [spec.kind]: [built.item] })) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath.replace(/^\/\w+\/0/, '') || '/'} ${e.message ?? ''}`);
      throw new Error(`the ${spec.type} built from the answers does not match its schema: ${errors.join('; ')}`);
    }
    const target = file ?? spec.defaultFile(collected.answers);
    const existing = await readExisting(project.root, target);
    if ('problem' in existing) {
      io.stderr(`factcheck new: cannot add to ${target}: ${existing.problem}\n`);
      return EXIT.invalid;
    }
    const added =
      existing.text === undefined
        ? { text: newItemFile(built, spec.kind, modeline(spec.kind, target, await schemasFolder(project.root)), spec.header) }
        : addItem(existing.text, built, spec.kind);
    if ('problem' in added) {
      io.stderr(`factcheck new: cannot add to ${target}: ${added.problem}\n`);
      return EXIT.invalid;
    }
    // The snapshot first: a source record must never pin a file that is not there.
    const snapshot = (collected.answers.get('snapshot') as { path: string } | undefined)?.path;
    if (snapshot !== undefined && copies.has(snapshot)) await writeNew(project.root, snapshot, copies.get(snapshot)!);
    await writeNew(project.root, target, added.text);
    io.stdout(`added ${spec.type} "${collected.answers.get('id') as string}" at ${target}:${lineOfLast(added.text, spec.kind)}${snapshot !== undefined && copies.has(snapshot) ? `, with its snapshot copied to ${snapshot}` : ''}\n`);
    return EXIT.ok;
  },
};

/** --file: a YAML file of the item's kind inside the project, as a project path. */
async function fileOption(root: string, cwd: string, option: string, spec: ItemSpec): Promise<string> {
  const path = await projectPath(root, resolve(cwd, option));
  if (path === undefined || kindOf(path) !== spec.kind) {
    throw new UsageError(`--file: expected a .yaml file under ${KIND_FOLDERS[spec.kind]}/ in the project, found "${option}"`);
  }
  return path;
}

/** A path's project-relative POSIX form, through links, or undefined outside the project. */
async function projectPath(root: string, absolute: string): Promise<string | undefined> {
  let real = absolute;
  try {
    real = await realpath(absolute);
  } catch {
    try {
      real = join(await realpath(dirname(absolute)), basename(absolute));
    } catch {
      // Neither the file nor its folder exists yet: compare as written.
    }
  }
  const rel = insideRoot(root, real);
  return rel === '' ? undefined : rel;
}

async function readExisting(root: string, path: string): Promise<{ text: string | undefined } | { problem: string }> {
  try {
    await lstat(join(root, path));
  } catch {
    return { text: undefined };
  }
  const read = await readProjectText(root, path, LIMITS.maxFileBytes);
  return 'text' in read ? { text: read.text } : { problem: read.diagnostic.message };
}

/** Where a new file's modeline points: the project's own copy of the schemas, else the installed package's. */
async function schemasFolder(root: string): Promise<string> {
  for (const folder of ['schemas', 'node_modules/factcheck/schemas']) {
    try {
      await lstat(join(root, folder, SCHEMA_FILES.claims));
      return folder;
    } catch {
      // not there
    }
  }
  return 'schemas';
}

/**
 * Reads the snapshot an answer names. In the project, it must be a .txt file
 * and is pinned where it is; from elsewhere it is copied (later, when the
 * record is written) to evidence/snapshots/<id>.txt, which must not exist.
 */
async function readSnapshot(root: string, cwd: string, answer: string, id: string | undefined, copies: Map<string, Buffer>): Promise<SnapshotRead> {
  const absolute = resolve(cwd, answer);
  const inside = await projectPath(root, absolute);
  let bytes: Buffer;
  let path: string;
  if (inside !== undefined) {
    if (!inside.endsWith('.txt')) return { ok: false, message: `expected a .txt file, found "${answer}"` };
    const read = await readProjectBytes(root, inside, LIMITS.maxSnapshotBytes);
    if ('diagnostic' in read) return { ok: false, message: `${answer}: ${read.diagnostic.message}` };
    bytes = read.bytes;
    path = inside;
  } else {
    if (id === undefined) return { ok: false, message: 'the source id is needed first, to name the copy' };
    path = `evidence/snapshots/${id}.txt`;
    try {
      await lstat(join(root, path));
      return { ok: false, message: `${path} already exists; move the file into the project and give its path instead` };
    } catch {
      // free: the copy goes there
    }
    try {
      const info = await lstat(absolute);
      if (!info.isFile()) return { ok: false, message: `expected a file, found "${answer}"` };
      if (info.size > LIMITS.maxSnapshotBytes) return { ok: false, message: `${answer} is larger than the ${LIMITS.maxSnapshotBytes / 1024 / 1024} MB cap on snapshots` };
      bytes = await readFile(absolute);
    } catch {
      return { ok: false, message: `expected a readable text file, found no file at "${answer}"` };
    }
    copies.set(path, bytes);
  }
  const decoded = decodeText(bytes, { file: path, line: 1, col: 1 });
  if ('diagnostic' in decoded) return { ok: false, message: `${answer}: ${decoded.diagnostic.message}` };
  return { ok: true, path, sha256: sha256(bytes) };
}

/** Writes a project file, refusing a folder on the way that is a link out of the project (one a pull request could have added). */
async function writeNew(root: string, path: string, content: Buffer | string): Promise<void> {
  // The nearest folder that exists is checked before any is made, so nothing is made through a link either.
  const folder = dirname(path);
  let existing = folder;
  while (existing !== '.' && !(await lstat(join(root, existing)).catch(() => undefined))) existing = dirname(existing);
  const refuse = (reason: string) => new UsageError(`cannot write ${path}: ${reason}`);
  const parent = await resolveInside(root, existing);
  if (!parent.ok) throw refuse(parent.reason);
  await makeFolder(join(root, folder));
  const inside = await resolveInside(root, folder);
  if (!inside.ok) throw refuse(inside.reason);
  await writeFileAtomic(join(inside.path, basename(path)), content);
}

/** line:col of the list's last item, for the message. */
function lineOfLast(text: string, listKey: string): string {
  const seq = parseDocument(text).get(listKey, true) as YAMLSeq | undefined;
  const start = seq?.items[seq.items.length - 1] as { range?: [number, number, number] } | undefined;
  if (!start?.range) return '1:1';
  const before = text.slice(0, start.range[0]);
  const line = before.split('\n').length;
  return `${line}:${start.range[0] - before.lastIndexOf('\n')}`;
}
