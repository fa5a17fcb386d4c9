import { assembleResult, exitCodeOf, loadProject } from '../../pipeline.js';
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
quote against its archived snapshot. Contradictions between evidence records
are reported as warnings.

Options:
  -f, --format <f>  text (default) or json: {"diagnostics": [...]}
${COMMON_HELP}

Exit codes: 0 no errors (warnings allowed); 2 errors or bad usage; 3 internal error.`,
  options: { ...ROOT_OPTION, ...FORMAT_OPTION, ...CACHE_OPTION },
  async run({ values }, io, ctx) {
    const format = pickFormat(values.format, { text: true, json: true }, 'lint');
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    const loaded = await loadProject(root, loadOptions(values, io));
    const result = assembleResult(loaded.project, [], loaded.diagnostics);
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ tool: result.tool, diagnostics: result.diagnostics }, null, 2)}\n`);
    } else {
      io.stderr(formatDiagnostics(result.diagnostics, ctx));
      const p = loaded.project;
      const counted = p
        ? `${p.claims.length} claims, ${p.evidence.size} evidence records, ${p.sources.size} sources, ${p.entities.size} entities, ${p.rulesets.size} rulesets`
        : 'project not loaded';
      io.stdout(`${counted}; ${countProblems(result.diagnostics)}\n`);
    }
    return exitCodeOf(result.diagnostics);
  },
};
