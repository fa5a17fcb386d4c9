import { checkArchivedFiles } from '../../archive/check-archived-files.js';
import { checkLiveSources } from '../../archive/check-live-sources.js';
import { DEFAULT_LIMITS } from '../../archive/capture.js';
import { loadWithEvalSets } from '../../eval/run-eval.js';
import { EVAL_FOLDER } from '../../load/layout.js';
import { assembleResult, exitCodeOf } from '../../pipeline.js';
import { countProblems, formatDiagnostics } from '../../report/formatters/index.js';
import { CACHE_OPTION, COMMON_HELP, FORMAT_OPTION, loadOptions, pickFormat, ROOT_OPTION, secondsFlag, type Command } from '../command.js';
import { UsageError } from '../io.js';
import { locateRoot } from '../open-project.js';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'validate every file without verifying',
  usage: 'factcheck lint [--format text|json] [--live]',
  details: `Parses and validates every project file: YAML syntax, the JSON Schemas,
dates, references between files, the vocabulary, units, relay chains, rules
(facts, operators, ratings, placeholders, paths), snapshot hashes, and every
quote against its archived snapshot, the raw pages and revisions that
factcheck archive kept (against their SHA-256), and the evaluation sets in
eval/ (their claims and labels). Contradictions between evidence records are
reported as warnings.

With --live, it also fetches every archived source that has a url and warns
(snapshot/revised) where the live text no longer reads as the latest version
archived: a silent revision after publication. This needs the network, so it
is never done unless asked; a source that cannot be fetched is a warning
(snapshot/unreachable).

Options:
  -f, --format <f>  text (default) or json: {"diagnostics": [...]}
  --live            fetch each source's url again and compare (network)
  --timeout <s>     with --live, give up on a fetch after this many seconds (default ${DEFAULT_LIMITS.timeoutMs / 1000})
${COMMON_HELP}

Exit codes: 0 no errors (warnings allowed); 2 errors or bad usage; 3 internal error.`,
  options: { ...ROOT_OPTION, ...FORMAT_OPTION, ...CACHE_OPTION, live: { type: 'boolean' }, timeout: { type: 'string' } },
  async run({ values }, io, ctx, errCtx) {
    const format = pickFormat(values.format, { text: true, json: true }, 'lint');
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    // The evaluation sets are loaded with the project, so their problems are found too.
    const { loaded, diagnostics: evalProblems } = await loadWithEvalSets(root, loadOptions(values, io));
    const seen = new Set(loaded.diagnostics);
    const archived = loaded.project ? await checkArchivedFiles(loaded.project) : [];
    const timeoutMs = secondsFlag(values.timeout, '--timeout', DEFAULT_LIMITS.timeoutMs / 1000);
    if (values.timeout !== undefined && !values.live) throw new UsageError('--timeout applies only with --live');
    const live = loaded.project && values.live ? await checkLiveSources(loaded.project, { cwd: io.cwd, now: io.now ?? Date.now, limits: { ...DEFAULT_LIMITS, timeoutMs } }) : [];
    const result = assembleResult(loaded.project, [], [...loaded.diagnostics, ...evalProblems.filter((d) => !seen.has(d)), ...archived, ...live]);
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ tool: result.tool, diagnostics: result.diagnostics }, null, 2)}\n`);
    } else {
      io.stderr(formatDiagnostics(result.diagnostics, errCtx));
      const p = loaded.project;
      // The evaluation sets' claims, sources and entities are not the project's.
      const own = (items: Iterable<{ ref: { file: string } }>) => [...items].filter((i) => !i.ref.file.startsWith(`${EVAL_FOLDER}/`)).length;
      const counted = p
        ? `${own(p.claims)} claims, ${p.evidence.size} evidence records, ${own(p.sources.values())} sources, ${own(p.entities.values())} entities, ${p.rulesets.size} rulesets`
        : 'project not loaded';
      io.stdout(`${counted}; ${countProblems(result.diagnostics)}\n`);
    }
    return exitCodeOf(result.diagnostics);
  },
};
