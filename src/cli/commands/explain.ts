import { exitCodeOf, loadProject, verifyProject } from '../../pipeline.js';
import { EXPLAIN_FORMATS, formatDiagnostics } from '../../report/formatters/index.js';
import { didYouMean } from '../../model/suggest.js';
import { CACHE_OPTION, COMMON_HELP, FORMAT_OPTION, loadOptions, pickFormat, ROOT_OPTION, type Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { locateRoot } from '../open-project.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: "show a claim's full citation trail",
  usage: 'factcheck explain <claim-id> [--format text|json]',
  details: `Shows why a claim got its verdict: the deciding rule and each of its
conditions with the fact's value, every cited evidence record with its quote,
source and place in the archived snapshot, contradictions among the evidence,
the records set aside as circular or self-reported, the near misses (rules
that one condition kept from firing, with the value that would have fired
them), and, for each rule that did not fire, the conditions that stopped it.

Options:
  -f, --format <f>  text (default) or json: the same trail as the claim's result in
                    verify --format json (near misses in rules_not_fired[].would_fire_if)
${COMMON_HELP}

Exit codes: 0 explained; 2 unknown claim, invalid input or bad usage; 3 internal error.`,
  options: { ...ROOT_OPTION, ...FORMAT_OPTION, ...CACHE_OPTION },
  async run({ values, positionals }, io, ctx, errCtx) {
    const format = pickFormat(values.format, EXPLAIN_FORMATS, 'explain');
    if (positionals.length !== 1) throw new UsageError('explain takes exactly one claim id');
    const id = positionals[0]!;
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    const loaded = await loadProject(root, loadOptions(values, io));
    io.stderr(formatDiagnostics(loaded.diagnostics, errCtx));
    const project = loaded.project;
    if (!project) return EXIT.invalid;
    if (!project.claims.some((c) => c.id === id)) {
      const hint = didYouMean(id, project.claims.map((c) => c.id));
      io.stderr(`factcheck: no valid claim "${id}"${hint}\n`);
      return EXIT.invalid;
    }
    const verified = await verifyProject(project, { select: (c) => c.id === id });
    io.stderr(formatDiagnostics(verified.diagnostics, errCtx));
    const claim = verified.claims[0];
    if (!claim) return EXIT.invalid;
    io.stdout(EXPLAIN_FORMATS[format](claim, ctx));
    return exitCodeOf([...loaded.diagnostics, ...verified.diagnostics]);
  },
};
