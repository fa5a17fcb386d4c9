import type { ParseArgsConfig } from 'node:util';
import { citeWords } from '../anchor/cite-words.js';
import { exitCodeOf, loadProject, verify, VERSION, assembleResult, verifyProject } from '../pipeline.js';
import {
  countProblems,
  EXPLAIN_FORMATS,
  formatDiagnostics,
  VERIFY_FORMATS,
  type ExplainFormat,
  type FormatContext,
  type VerifyFormat,
} from '../report/formatters/index.js';
import { formatCiteStub } from '../report/formatters/cite-stub.js';
import { didYouMean } from '../validate/suggest.js';
import { EXIT, UsageError, type CliIO } from './io.js';
import { claimSelector, locateRoot } from './open-project.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Help text after the usage line. */
  details: string;
  options: Options;
  run(parsed: Parsed, io: CliIO, ctx: FormatContext): Promise<number>;
}

const ROOT_OPTION = { root: { type: 'string' } } as const satisfies Options;
const FORMAT_OPTION = { format: { type: 'string', short: 'f' } } as const satisfies Options;

const COMMON_HELP = `  --root <dir>      the project folder (default: the nearest folder with a factcheck.config.yaml)
  --no-color        no ANSI colour, even on a terminal
  -h, --help        this help`;

export const COMMANDS: readonly Command[] = [
  {
    name: 'verify',
    summary: 'verify claims and print a verdict and reason for each',
    usage: 'factcheck verify [paths...] [--format text|json]',
    details: `Derives facts for each claim from the evidence, runs the rules and prints
each claim's rating and a one-line reason, then the totals. Paths limit the
run to the claims in those files or folders; evidence and rules are always
loaded whole. Problems in any file are printed to stderr as
file:line:col  severity  code  message, and valid claims are still verified.

Options:
  -f, --format <f>  text (default) or json: the whole result, described by schemas/result.schema.json
${COMMON_HELP}

Exit codes: 0 all verified; 2 invalid input or bad usage; 3 internal error.`,
    options: { ...ROOT_OPTION, ...FORMAT_OPTION },
    async run({ values, positionals }, io, ctx) {
      const format = pickFormat(values.format, VERIFY_FORMATS, 'verify') as VerifyFormat;
      const root = await locateRoot(io.cwd, values.root as string | undefined);
      const select = await claimSelector(root, io.cwd, positionals);
      const result = await verify(root, { select });
      if (select && result.claims.length === 0 && !result.diagnostics.some((d) => d.severity === 'error')) {
        throw new UsageError(`no claims in ${positionals.join(', ')}`);
      }
      io.stderr(formatDiagnostics(result.diagnostics, ctx));
      io.stdout(format === 'json' ? VERIFY_FORMATS.json(result) : VERIFY_FORMATS.text(result, ctx));
      return exitCodeOf(result.diagnostics);
    },
  },
  {
    name: 'explain',
    summary: "show a claim's full citation trail",
    usage: 'factcheck explain <claim-id> [--format text|json]',
    details: `Shows why a claim got its verdict: the deciding rule and each of its
conditions with the fact's value, every cited evidence record with its quote
and source, the records set aside as circular or self-reported, and, for each
rule that did not fire, the condition that stopped it.

Options:
  -f, --format <f>  text (default) or json: the claim's result, as in verify --format json
${COMMON_HELP}

Exit codes: 0 explained; 2 unknown claim, invalid input or bad usage; 3 internal error.`,
    options: { ...ROOT_OPTION, ...FORMAT_OPTION },
    async run({ values, positionals }, io, ctx) {
      const format = pickFormat(values.format, EXPLAIN_FORMATS, 'explain') as ExplainFormat;
      if (positionals.length !== 1) throw new UsageError('explain takes exactly one claim id');
      const id = positionals[0]!;
      const root = await locateRoot(io.cwd, values.root as string | undefined);
      const loaded = await loadProject(root);
      io.stderr(formatDiagnostics(loaded.diagnostics, ctx));
      const project = loaded.project;
      if (!project) return EXIT.invalid;
      if (!project.claims.some((c) => c.id === id)) {
        const hint = didYouMean(id, project.claims.map((c) => c.id));
        io.stderr(`factcheck: no valid claim "${id}"${hint}\n`);
        return EXIT.invalid;
      }
      const verified = await verifyProject(project, { select: (c) => c.id === id });
      io.stderr(formatDiagnostics(verified.diagnostics, ctx));
      const claim = verified.claims[0];
      if (!claim) return EXIT.invalid;
      io.stdout(format === 'json' ? EXPLAIN_FORMATS.json(claim) : EXPLAIN_FORMATS.text(claim, ctx));
      return exitCodeOf([...loaded.diagnostics, ...verified.diagnostics]);
    },
  },
  {
    name: 'lint',
    summary: 'validate every file without verifying',
    usage: 'factcheck lint [--format text|json]',
    details: `Parses and validates every project file: YAML syntax, the JSON Schemas,
dates, references between files, the vocabulary, units, relay chains, rules
(facts, operators, ratings, placeholders, paths) and snapshot hashes.

Options:
  -f, --format <f>  text (default) or json: {"diagnostics": [...]}
${COMMON_HELP}

Exit codes: 0 no errors (warnings allowed); 2 errors or bad usage; 3 internal error.`,
    options: { ...ROOT_OPTION, ...FORMAT_OPTION },
    async run({ values }, io, ctx) {
      const format = pickFormat(values.format, { text: true, json: true }, 'lint');
      const root = await locateRoot(io.cwd, values.root as string | undefined);
      const loaded = await loadProject(root);
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
  },
  {
    name: 'cite',
    summary: "find words in a source's archived snapshot and print an evidence stub",
    usage: 'factcheck cite <source-id> "<words>" [--format text|json]',
    details: `Looks the words up in the source's archived snapshot, exactly first and then
with typography and spacing normalised, and prints a ready-to-paste evidence
record with its quote taken from the snapshot and its W3C selectors
(TextQuoteSelector, TextPositionSelector) in comments. Words that occur more
than once get one stub per occurrence, each with the prefix or suffix that
picks it out. Words that are not there are refused, with the closest passage.

Options:
  -f, --format <f>  text (default) or json: the selectors of each occurrence
${COMMON_HELP}

Exit codes: 0 found; 2 not found, unknown source, no snapshot, or bad usage.`,
    options: { ...ROOT_OPTION, ...FORMAT_OPTION },
    async run({ values, positionals }, io) {
      const format = pickFormat(values.format, { text: true, json: true }, 'cite');
      if (positionals.length < 2) throw new UsageError('cite takes a source id and the words to find');
      const [sourceId, ...words] = positionals as [string, ...string[]];
      const root = await locateRoot(io.cwd, values.root as string | undefined);
      const loaded = await loadProject(root);
      if (!loaded.project) {
        io.stderr(formatDiagnostics(loaded.diagnostics, { color: false }));
        return EXIT.invalid;
      }
      const found = citeWords(loaded.project, sourceId, words.join(' '));
      if (!found.ok) {
        io.stderr(`factcheck cite: ${found.message}\n`);
        return EXIT.invalid;
      }
      io.stdout(format === 'json' ? `${JSON.stringify(found, null, 2)}\n` : formatCiteStub(found));
      return EXIT.ok;
    },
  },
];

function pickFormat(value: string | boolean | undefined, formats: object, command: string): string {
  const format = typeof value === 'string' ? value : 'text';
  if (!Object.prototype.hasOwnProperty.call(formats, format)) {
    const names = Object.keys(formats);
    throw new UsageError(`${command}: unknown format "${format}"${didYouMean(format, names)}; formats are ${names.join(', ')}`);
  }
  return format;
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `factcheck ${VERSION}: verify claims against evidence, with verdicts traced to their sources

Usage: factcheck <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run factcheck <command> --help for a command's options.
Options: -h, --help  this help;  -V, --version  the version

Exit codes: 0 success; 1 reserved for CI checks of recorded verdicts;
2 invalid input or bad usage; 3 internal error (a bug: please report it).
`;
}

export function commandHelp(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.details}\n`;
}

export { EXIT };
