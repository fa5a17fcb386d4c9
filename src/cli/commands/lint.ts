import { loadWithEvalSets } from '../../eval/run-eval.js';
import { EVAL_FOLDER } from '../../load/layout.js';
import { assembleResult, exitCodeOf } from '../../pipeline.js';
import { countProblems, formatDiagnostics } from '../../report/formatters/index.js';
import { CACHE_OPTION, COMMON_HELP, FORMAT_OPTION, loadOptions, pickFormat, ROOT_OPTION, type Command } from '../command.js';
import { locateRoot } from '../open-project.js';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'validate every file without verifying',
  usage: 'factcheck lint [--format text|json]',
  details: `Parses and validates every project file: YAML syntax, the JSON Schemas,
dates, references between files, the vocabulary, units, relay chains, rules
(facts, operators, ratings, placeholders, paths), snapshot hashes, and every
quote against its archived snapshot, and the evaluation sets in eval/ (their
claims and labels). Contradictions between evidence records are reported as
warnings.

Options:
  -f, --format <f>  text (default) or json: {"diagnostics": [...]}
${COMMON_HELP}

Exit codes: 0 no errors (warnings allowed); 2 errors or bad usage; 3 internal error.`,
  options: { ...ROOT_OPTION, ...FORMAT_OPTION, ...CACHE_OPTION },
  async run({ values }, io, ctx, errCtx) {
    const format = pickFormat(values.format, { text: true, json: true }, 'lint');
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    // The evaluation sets are loaded with the project, so their problems are found too.
    const { loaded, diagnostics: evalProblems } = await loadWithEvalSets(root, loadOptions(values, io));
    const seen = new Set(loaded.diagnostics);
    const result = assembleResult(loaded.project, [], [...loaded.diagnostics, ...evalProblems.filter((d) => !seen.has(d))]);
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
