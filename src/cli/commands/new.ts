import { addItem, newItemFile } from '../../authoring/add-item.js';
import { buildItem } from '../../authoring/build-item.js';
import type { AuthoringContext } from '../../authoring/check-answer.js';
import type { ItemType } from '../../authoring/check-ids.js';
import { collectFromFlags, collectInteractively, type Given } from '../../authoring/collect-answers.js';
import { modeline } from '../../authoring/editor-settings.js';
import { ITEM_SPECS } from '../../authoring/item-fields.js';
import { lineOfLast } from '../../authoring/locate-last-item.js';
import { loadProject } from '../../pipeline.js';
import { formatDiagnostics } from '../../report/formatters/index.js';
import { validatorFor } from '../../validate/compile-schemas.js';
import { didYouMean } from '../../model/suggest.js';
import { CACHE_OPTION, COMMON_HELP, loadOptions, ROOT_OPTION, type Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { flagLines, itemOptions, TYPES } from '../list-item-flags.js';
import { locateRoot } from '../open-project.js';
import { readSnapshot } from '../read-snapshot.js';
import { fileOption } from '../resolve-project-path.js';
import { readExisting, schemasFolder, writeNew } from '../write-new-item.js';

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
