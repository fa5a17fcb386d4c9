import { join } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import { changedInputs } from '../../incremental/changed-keys.js';
import { kindOf } from '../../load/layout.js';
import { readGitChanges } from '../../load/read-git-changes.js';
import { writeFileAtomic } from '../../load/write-atomic.js';
import {
  assembleResult,
  checkRecorded,
  loadProject,
  recordVerdicts,
  selectChangedClaims,
  staleClaims,
  verifyProject,
  verifyWithCache,
  type ProjectVerification,
} from '../../pipeline.js';
import type { Project } from '../../types.js';
import { LOCK_FILE, lockLines, serializeLock, updateLock, type Lock } from '../../lock/lock-file.js';
import { readLock } from '../read-lock.js';
import { inShard, parseShard } from '../../results/shard.js';
import { reportExitCode, type VerifyReport } from '../../results/verify-report.js';
import { VERIFY_FORMATS } from '../../report/formatters/index.js';
import { printReport, repositoryPaths } from '../print-report.js';
import { CACHE_OPTION, COMMON_HELP, FORMAT_OPTION, loadOptions, pickFormat, ROOT_OPTION, type Command } from '../command.js';
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
      const format = pickFormat(values.format, VERIFY_FORMATS, 'verify');
      if (values.update && values.check) throw new UsageError('--update and --check cannot be combined: check first, then update');
      const shard = typeof values.shard === 'string' ? parseShard(values.shard) : undefined;
      if (values.shard !== undefined && !shard) throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, such as 2/3; found "${String(values.shard)}"`);
      const root = await locateRoot(io.cwd, values.root as string | undefined);
      const byPath = await claimSelector(root, io.cwd, positionals);
      const options = { ...loadOptions(values, io), onProgress: progress.update };
      const noPaths = (project: Project | undefined, diagnostics: readonly Diagnostic[]) => {
        // The paths name no claim at all; a shard or --changed-since that selects none of them is fine.
        if (byPath && project && !project.claims.some(byPath) && !diagnostics.some((d) => d.severity === 'error')) {
          throw new UsageError(`no claims in ${positionals.join(', ')}`);
        }
      };

      // Nothing to check or record: the cache may reuse the last result, or each claim's that still holds.
      if (options.cache && !values.check && !values.update && values['changed-since'] === undefined) {
        const run = await verifyWithCache(root, {
          ...(options.workers === undefined ? {} : { workers: options.workers }),
          ...(byPath ? { select: byPath } : {}),
          ...(shard ? { shard } : {}),
          // The table shows each verdict and its reason; every other format shows whole results.
          whole: format !== 'text',
          onProgress: progress.update,
        });
        progress.done();
        noPaths(run.project, run.result.diagnostics);
        const report: VerifyReport = { result: run.result };
        await printReport(report, format, io, { ...ctx, ...(await repositoryPaths(io, root, format)) }, errCtx);
        return reportExitCode(report);
      }

      const loaded = await loadProject(root, options);
      const project = loaded.project;
      const ref = values['changed-since'];
      const changed = typeof ref === 'string' && project ? await changedClaims(root, project, ref) : undefined;
      progress.done();
      if (changed && project) {
        // A lock left stale by an earlier commit is not in the changes since a later ref: those claims are checked too.
        const lock = values.check ? await readLock(root, true) : undefined;
        const stale = lock && 'lock' in lock && lock.lock ? [...staleClaims(lock.lock, project)].filter((id) => !changed.has(id)) : [];
        for (const id of stale) changed.add(id);
        const extra = stale.length ? `, and ${stale.length} more whose recorded verdicts in ${LOCK_FILE} are out of date` : '';
        io.stderr(`factcheck verify: ${changed.size - stale.length} of ${project.claims.length} claims depend on what changed since ${ref}${extra}\n`);
      }
      const verification: ProjectVerification = project
        ? await verifyProject(project, {
            select: (c) => (byPath?.(c) ?? true) && (!shard || inShard(c.id, shard)) && (!changed || changed.has(c.id)),
            onProgress: progress.update,
          })
        : { claims: [], diagnostics: [], dependencies: new Map(), reused: new Set() };
      progress.done();
      const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...verification.diagnostics];
      noPaths(project, diagnostics);
      // Hashing every input costs a pass over the project: only when verdicts are checked or recorded.
      const recorded = project && (values.check || values.update) ? recordVerdicts(project, verification) : undefined;

      let report: VerifyReport = { result: assembleResult(project, verification.claims, diagnostics, shard) };
      let previous: Lock | undefined;
      if ((values.check || values.update) && project && recorded) {
        const read = await readLock(root, !values.check);
        if ('problem' in read && values.update) {
          // --update is how an unreadable lock (a merge conflict, an old format) is repaired: replace it.
          io.stderr(`factcheck verify: ${read.problem.message.replace(/; fix it or regenerate.*$/, '')}; writing a new one\n`);
        } else if ('problem' in read) {
          diagnostics.push(read.problem);
          report = { result: assembleResult(project, verification.claims, diagnostics, shard) };
        } else if (read.lock) {
          previous = read.lock;
          if (values.check) {
            report = { ...report, check: { lockFile: LOCK_FILE, diff: checkRecorded(read.lock, project, recorded), lockLines: lockLines(read.text) } };
          }
        }
      }

      await printReport(report, format, io, { ...ctx, ...(await repositoryPaths(io, root, format)) }, errCtx);

      if (values.update) {
        const errors = report.result.diagnostics.filter((d) => d.severity === 'error').length;
        if (errors || !project || !recorded) {
          io.stderr(`factcheck verify: not recording verdicts while the input has ${errors} error${errors === 1 ? '' : 's'}; ${LOCK_FILE} is unchanged\n`);
          return EXIT.invalid;
        }
        const text = serializeLock(updateLock(previous, recorded.entries, project.claimIds));
        const unchanged = previous !== undefined && serializeLock(previous) === text;
        if (!unchanged) await writeFileAtomic(join(root, LOCK_FILE), text);
        io.stderr(`factcheck verify: ${unchanged ? 'recorded verdicts unchanged' : `recorded ${recorded.entries.size} verdict${recorded.entries.size === 1 ? '' : 's'}`} in ${LOCK_FILE}\n`);
        return EXIT.ok;
      }
      return reportExitCode(report);
    }
  },
};

/** The claims a change since a git ref could affect. */
async function changedClaims(root: string, project: Project, ref: string): Promise<Set<string>> {
  const git = await readGitChanges(root, ref);
  if ('problem' in git) throw new UsageError(`--changed-since: ${git.problem}`);
  const before = new Map<string, string | undefined>();
  for (const path of git.files) if (kindOf(path)) before.set(path, await git.before(path));
  return selectChangedClaims(project, changedInputs(project, git.files, before));
}
