import { join } from 'node:path';
import { writeFileAtomic } from '../../load/write-atomic.js';
import { LOCK_FILE } from '../../lock/lock-file.js';
import { parseShard } from '../../results/shard.js';
import { reportExitCode } from '../../results/verify-report.js';
import { runVerify as runVerifyCall } from '../../run-verify.js';
import { VERIFY_FORMAT_NAMES } from '../../report/formatters/verify-format-names.js';
import { printReport, printView, repositoryPaths, textView } from '../print-report.js';
import { CACHE_OPTION, COMMON_HELP, FORMAT_OPTION, loadOptions, pickFormatName, ROOT_OPTION, type Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { claimSelector, locateRoot } from '../open-project.js';
import { createProgress } from '../progress.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify claims and print a verdict and reason for each',
  usage: 'factcheck verify [paths...] [--format F] [--wide] [--update | --check] [--changed-since REF] [--shard I/N]',
  details: `Derives facts for each claim from the evidence, runs the rules and prints
each claim's rating and its reason, then the totals. Paths limit the
run to the claims in those files or folders; evidence and rules are always
loaded whole. Problems in any file are reported as
file:line:col  severity  code  message, and valid claims are still verified.

Options:
  -f, --format <f>  text (default); json: the whole result (schemas/result.schema.json),
                    with the diff under --check; junit: JUnit XML; github: GitHub Actions
                    annotations (and the Markdown summary to $GITHUB_STEP_SUMMARY);
                    sarif: SARIF 2.1.0; md: Markdown for pull-request comments
  --wide            each reason whole on one line; on a terminal, long reasons
                    otherwise wrap under the REASON column (never cut)
  --update          record every verified claim's verdict in ${LOCK_FILE}
  --check           compare with the recorded verdicts; exit 1 when any differs, with
                    the cause of each change and the citations gained and lost
  --changed-since <ref>
                    re-verify only the claims whose inputs changed since a git ref:
                    their claim, the evidence they match (before or after the change),
                    its sources and entities, their ruleset, or the config
  --shard <i/n>     verify shard i of n (by a hash of each claim id); see factcheck merge
${COMMON_HELP}

Exit codes: 0 all verified (and, with --check, all as recorded); 1 a verdict differs
from the recorded one, or a claim is new or gone; 2 invalid input or bad usage;
3 internal error.`,
  options: {
    ...ROOT_OPTION,
    ...FORMAT_OPTION,
    ...CACHE_OPTION,
    update: { type: 'boolean' },
    check: { type: 'boolean' },
    shard: { type: 'string' },
    'changed-since': { type: 'string' },
    wide: { type: 'boolean' },
  },
  async run({ values, positionals }, io, terminal, errCtx) {
    // --wide: no width, so nothing wraps, as when the output is piped.
    const ctx = values.wide ? { ...terminal, width: undefined } : terminal;
    const progress = createProgress(io);
    try {
      return await runVerify();
    } finally {
      // A problem thrown half-way must not print after a half-drawn progress line.
      progress.done();
    }

    async function runVerify(): Promise<number> {
      const format = pickFormatName(values.format, VERIFY_FORMAT_NAMES, 'verify');
      if (values.update && values.check) throw new UsageError('--update and --check cannot be combined: check first, then update');
      const shard = typeof values.shard === 'string' ? parseShard(values.shard) : undefined;
      if (values.shard !== undefined && !shard) throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, such as 2/3; found "${String(values.shard)}"`);
      const root = await locateRoot(io.cwd, values.root as string | undefined);
      const byPath = await claimSelector(root, io.cwd, positionals);
      const run = await runVerifyCall(root, {
        ...loadOptions(values, io),
        ...(byPath ? { select: byPath } : {}),
        ...(shard ? { shard } : {}),
        check: Boolean(values.check),
        update: Boolean(values.update),
        ...(typeof values['changed-since'] === 'string' ? { changedSince: values['changed-since'] } : {}),
        // The table shows each verdict and its reason; every other format shows whole results.
        whole: format !== 'text',
        // The table is what a fact-checker runs again and again: kept as printed, for a run with nothing changed.
        ...(format === 'text' ? { view: textView(ctx, errCtx) } : {}),
        onProgress: progress.update,
      });
      progress.done();
      if ('problem' in run) throw new UsageError(run.problem);
      for (const notice of run.notices) io.stderr(`factcheck verify: ${notice}\n`);
      // Nothing changed since a run that kept this view: printed again, nothing read.
      if (!run.report) return printView(run.view, io);
      const project = run.loaded?.project;
      // The paths name no claim at all; a shard or --changed-since that selects none of them is fine.
      if (byPath && project && !project.claims.some(byPath) && !run.report.result.diagnostics.some((d) => d.severity === 'error')) {
        throw new UsageError(`no claims in ${positionals.join(', ')}`);
      }
      if (run.view !== undefined && !run.lock) return printView(run.view, io);
      await printReport(run.report, format, io, { ...ctx, ...(await repositoryPaths(io, root, format)) }, errCtx);
      if (!run.lock) return reportExitCode(run.report);
      if ('refused' in run.lock) {
        const errors = run.lock.refused;
        io.stderr(`factcheck verify: not recording verdicts while the input has ${errors} error${errors === 1 ? '' : 's'}; ${LOCK_FILE} is unchanged\n`);
        return EXIT.invalid;
      }
      if (run.lock.changed) await writeFileAtomic(join(root, LOCK_FILE), run.lock.text);
      io.stderr(`factcheck verify: ${run.lock.changed ? `recorded ${run.lock.verdicts} verdict${run.lock.verdicts === 1 ? '' : 's'}` : 'recorded verdicts unchanged'} in ${LOCK_FILE}\n`);
      return EXIT.ok;
    }
  },
};
