import type { Diagnostic } from './diagnostics.js';
import { claimsChangedSince } from './incremental/changed-since.js';
import { loadProject } from './load/load-project.js';
import { LOCK_FILE, lockLines, serializeLock, updateLock, type Lock } from './lock/lock-file.js';
import { readLock } from './lock/read-lock.js';
import { checkRecorded, recordVerdicts, staleClaims } from './lock/record-verdicts.js';
import { assembleResult } from './results/assemble-result.js';
import { inShard } from './results/shard.js';
import type { VerifyReport } from './results/verify-report.js';
import type { RunOptions, VerifyRun } from './run-verify.js';
import type { Project } from './types.js';
import { verifyProject, type ProjectVerification } from './verdict/verify-project.js';

/** runVerify without the result cache: the project loaded and verified afresh, checked against or recorded in the lock when asked. */
export async function verifyFresh(root: string, options: RunOptions, notices: string[]): Promise<VerifyRun | { problem: string }> {
  const loaded = await loadProject(root, {
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.fastYaml === undefined ? {} : { fastYaml: options.fastYaml }),
    ...(options.env ? { env: options.env } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const project = loaded.project;
  const changed = project && options.changedSince !== undefined ? await selectByChange(root, project, options, notices) : undefined;
  if (changed && 'problem' in changed) return changed;
  const verification: ProjectVerification = project
    ? await verifyProject(project, {
        select: (c) => (options.select?.(c) ?? true) && (!options.shard || inShard(c.id, options.shard)) && (!changed || changed.has(c.id)),
        // Recording verdicts reads whole results; a table alone needs only the table's fields.
        ...(options.whole === false && !options.check && !options.update ? { whole: false } : {}),
        // Only recorded verdicts list what each claim read: kept for every claim, each held its whole read log.
        ...(!options.check && !options.update ? { dependencies: false } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      })
    : { claims: [], diagnostics: [], dependencies: new Map(), reused: new Set() };
  const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...verification.diagnostics];
  // Hashing every input costs a pass over the project: only when verdicts are checked or recorded.
  const recorded = project && (options.check || options.update) ? recordVerdicts(project, verification) : undefined;

  let report: VerifyReport = { result: assembleResult(project, verification.claims, diagnostics, options.shard) };
  let previous: Lock | undefined;
  if (project && recorded) {
    const read = await readLock(root, !options.check);
    if ('problem' in read && options.update) {
      // --update is how an unreadable lock (a merge conflict, an old format) is repaired: replace it.
      notices.push(`${read.problem.message.replace(/; fix it or regenerate.*$/, '')}; writing a new one`);
    } else if ('problem' in read) {
      diagnostics.push(read.problem);
      report = { result: assembleResult(project, verification.claims, diagnostics, options.shard) };
    } else if (read.lock) {
      previous = read.lock;
      if (options.check) report = { ...report, check: { lockFile: LOCK_FILE, diff: checkRecorded(read.lock, project, recorded), lockLines: lockLines(read.text) } };
    }
  }
  const run: VerifyRun = { report, loaded, notices };
  if (options.update) {
    const errors = report.result.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors || !project || !recorded) return { ...run, lock: { refused: errors } };
    const text = serializeLock(updateLock(previous, recorded.entries, project.claimIds));
    return { ...run, lock: { text, changed: previous === undefined || serializeLock(previous) !== text, verdicts: recorded.entries.size } };
  }
  return run;
}


/** The claims a change since the ref could move and, when checking, those whose recorded verdicts are out of date. */
async function selectByChange(root: string, project: Project, options: RunOptions, notices: string[]): Promise<Set<string> | { problem: string }> {
  const ref = options.changedSince!;
  const changed = await claimsChangedSince(root, project, ref);
  if ('problem' in changed) return { problem: `--changed-since: ${changed.problem}` };
  // A lock left stale by an earlier commit is not in the changes since a later ref: those claims are checked too.
  const lock = options.check ? await readLock(root, true) : undefined;
  const stale = lock && 'lock' in lock && lock.lock ? [...staleClaims(lock.lock, project)].filter((id) => !changed.has(id)) : [];
  for (const id of stale) changed.add(id);
  const extra = stale.length ? `, and ${stale.length} more whose recorded verdicts in ${LOCK_FILE} are out of date` : '';
  notices.push(`${changed.size - stale.length} of ${project.claims.length} claims depend on what changed since ${ref}${extra}`);
  return changed;
}
