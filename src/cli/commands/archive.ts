import { ARCHIVE_PROBLEMS } from '../../archive/archive-problem.js';
import { captureArticle, type CaptureOptions } from '../../archive/capture-article.js';
import { DEFAULT_LIMITS } from '../../archive/capture.js';
import { FUZZY_THRESHOLD } from '../../archive/reanchor-quotes.js';
import { SOURCE } from '../../authoring/item-fields.js';
import type { Given } from '../../authoring/collect-answers.js';
import { loadProject } from '../../pipeline.js';
import { formatDiagnostics } from '../../report/formatters/index.js';
import { ARCHIVE_FIELD_FLAGS, archiveNew } from '../archive-new.js';
import { archiveRefresh } from '../archive-refresh.js';
import { CACHE_OPTION, COMMON_HELP, loadOptions, ROOT_OPTION, secondsFlag, type Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { locateRoot } from '../open-project.js';
import { fileOption } from '../resolve-project-path.js';

const FIELD_OPTIONS = Object.fromEntries(ARCHIVE_FIELD_FLAGS.map((flag) => [flag, { type: 'string' as const }]));

export const archiveCommand: Command = {
  name: 'archive',
  summary: 'archive a web page or a saved file as a source, with its text pinned; --refresh fetches it again',
  usage: 'factcheck archive <url | page.html | text.txt> [--id <id>] [--flags]\n       factcheck archive --refresh <source-id>',
  details: `Archives a source in one step. A URL is fetched over http or https; an
.html file is read as saved. The page's bytes are kept as they came, at
evidence/archive/<id>.html, and a fetch's HTTP exchange (redirects, status,
headers, time of retrieval) at evidence/archive/<id>.response.json. The
article's text is picked out of the page with Mozilla's Readability (Firefox
Reader View), leaving navigation, newsletter boxes and other headlines
behind, and written a paragraph per line to evidence/snapshots/<id>.txt. A
.txt file is archived byte for byte.

The source record pins both SHA-256s and states what the page states, each
with its basis: title, kind (a schema.org NewsArticle is a news report),
author and publisher (as entity ids, when an entity has that name or alias;
otherwise it says which entity to add), published date and url. Flags
replace what the page states. On a terminal, what is still missing is asked
for, as factcheck new asks; elsewhere it must be given as flags.

--refresh <source-id> fetches the source's url again. When the text changed,
it shows the diff, writes the new version beside the old as a revision of
the source (evidence/snapshots/<id>.<day>.txt, listed under "revisions"),
and finds every quote of the source in the new text: exactly, then after
normalising typography and spacing, then by similarity. A quote found only
by similarity (at least ${Math.round(FUZZY_THRESHOLD * 100)}% alike) is listed as changed, one
found nowhere as orphaned. Nothing is moved: the records go on quoting the
snapshot they were written from.

Every fetch is bounded: ${DEFAULT_LIMITS.maxRedirects} redirects, http and https only, --max-size MiB
(default ${DEFAULT_LIMITS.maxBytes / 1024 / 1024}) and --timeout seconds (default ${DEFAULT_LIMITS.timeoutMs / 1000}). A response that is not
HTML or text, an error status, a redirect loop, a page too large or too
slow, or one with no article text is refused, and nothing is written.

Flags for the source record (as factcheck new source takes them):
  ${ARCHIVE_FIELD_FLAGS.map((f) => `--${f}`).join(' ')}

Options:
  --refresh <id>    fetch the source again and compare
  --file <path>     the sources file to add to (default: sources/<id>.yaml)
  --timeout <s>     give up on a fetch after this many seconds (default ${DEFAULT_LIMITS.timeoutMs / 1000})
  --max-size <MiB>  refuse a page larger than this (default ${DEFAULT_LIMITS.maxBytes / 1024 / 1024})
${COMMON_HELP}

Problems: ${Object.keys(ARCHIVE_PROBLEMS).join(', ')}.

Exit codes: 0 archived, or unchanged; 1 (--refresh) a quote of the source
no longer anchors in its new text; 2 a refused response, a missing or
invalid field, or bad usage.`,
  options: { ...ROOT_OPTION, ...CACHE_OPTION, ...FIELD_OPTIONS, refresh: { type: 'string' }, file: { type: 'string' }, timeout: { type: 'string' }, 'max-size': { type: 'string' } },
  async run({ values, positionals }, io, _ctx, errCtx) {
    const refresh = values.refresh as string | undefined;
    if (refresh !== undefined && positionals.length) throw new UsageError('archive --refresh takes a source id and no URL or file: the source record has its url');
    if (refresh === undefined && positionals.length !== 1) throw new UsageError(`archive takes one URL or file${positionals.length ? `; found ${positionals.length}: quote values with spaces` : ''}`);
    if (refresh !== undefined) for (const flag of [...ARCHIVE_FIELD_FLAGS, 'file']) if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --refresh`);
    const options: CaptureOptions = { cwd: io.cwd, now: io.now ?? Date.now, limits: { ...DEFAULT_LIMITS, timeoutMs: secondsFlag(values.timeout, '--timeout', DEFAULT_LIMITS.timeoutMs / 1000), maxBytes: mebibytes(values['max-size']) } };

    const root = await locateRoot(io.cwd, values.root as string | undefined);
    const loaded = await loadProject(root, loadOptions(values, io));
    if (!loaded.project) {
      io.stderr(formatDiagnostics(loaded.diagnostics, errCtx));
      io.stderr(`factcheck archive: the project does not load; fix ${loaded.diagnostics.length === 1 ? 'this problem' : 'these problems'} first\n`);
      return EXIT.invalid;
    }
    if (refresh !== undefined) return archiveRefresh(refresh, loaded.project, options, io);

    // Checked before the fetch, so that a wrong --file costs no request.
    const file = typeof values.file === 'string' ? await fileOption(loaded.project.root, io.cwd, values.file, SOURCE) : undefined;
    const captured = await captureArticle(positionals[0]!, options);
    if (!captured.ok) {
      io.stderr(`factcheck archive: ${captured.problem.code}: ${captured.problem.message}\n`);
      return EXIT.invalid;
    }
    const flags: Given = Object.fromEntries(ARCHIVE_FIELD_FLAGS.map((f) => [f, values[f]]));
    return archiveNew(captured.article, loaded.project, flags, file, io);
  },
};

/** --max-size in MiB, as bytes: a positive number, at most the 10 MiB every file is capped at. */
function mebibytes(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_LIMITS.maxBytes;
  const n = Number(value);
  const cap = DEFAULT_LIMITS.maxBytes / 1024 / 1024;
  if (typeof value !== 'string' || !(n > 0) || n > cap) throw new UsageError(`--max-size takes a number of MiB above 0 and at most ${cap}; found "${String(value)}"`);
  return Math.max(1, Math.floor(n * 1024 * 1024));
}
