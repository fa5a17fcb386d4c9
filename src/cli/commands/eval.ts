import { evalExitCode, evaluateSets } from '../../eval/run-eval.js';
import { EVAL_FORMATS, formatDiagnostics } from '../../report/formatters/index.js';
import { CACHE_OPTION, COMMON_HELP, FORMAT_OPTION, loadOptions, pickFormat, ROOT_OPTION, type Command } from '../command.js';
import { locateRoot, projectPaths } from '../open-project.js';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score verdicts against labelled claims (eval/)',
  usage: 'factcheck eval [paths...] [--format text|json|junit|md]',
  details: `Verifies the labelled claims of the evaluation sets in eval/*.yaml and
scores each verdict as FEVER does: is the rating one the label accepts, and is
the evidence the label requires among the citations? Prints a line per claim,
what went wrong for each failure, the false confirmations (claims rated True
or Mostly true whose label says they are not), the label accuracy and the
FEVER score (rating and evidence both right) overall, by set, by claim kind,
by variant and by tag, and the confusion matrix of expected against actual
ratings. The sets' claims never enter verify, reports or the lock file.
Paths limit the run to those evaluation files or folders.

Options:
  -f, --format <f>  text (default), json, junit (JUnit XML for CI) or md
${COMMON_HELP}

Exit codes: 0 no false confirmation and every set at or above its min_score;
1 a false confirmation, or a set under its min_score; 2 invalid project or
evaluation files, or bad usage; 3 internal error.`,
  options: { ...ROOT_OPTION, ...FORMAT_OPTION, ...CACHE_OPTION },
  async run({ values, positionals }, io, ctx, errCtx) {
    const format = pickFormat(values.format, EVAL_FORMATS, 'eval');
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    const only = projectPaths(root, io.cwd, positionals, 'an evaluation file or folder');
    const report = await evaluateSets(root, { ...loadOptions(values, io), only });
    io.stderr(formatDiagnostics(report.diagnostics, errCtx));
    io.stdout(EVAL_FORMATS[format](report, ctx));
    return evalExitCode(report);
  },
};
