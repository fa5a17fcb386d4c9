import { diffVerdicts, type VerdictDiff } from './diff-verdicts.js';
import { inputHashes } from './hash-inputs.js';
import { locateInput } from './locate-input.js';
import { lockEntry, type Lock, type LockEntry } from './lock-file.js';
import type { Project } from '../types.js';
import type { ProjectVerification } from '../verdict/verify-project.js';

/** A run's verdicts in the form the lock file records, with the current input hashes. */
export interface RecordedVerdicts {
  entries: Map<string, LockEntry>;
  hashes: Map<string, string>;
}

export function recordVerdicts(project: Project, verification: ProjectVerification): RecordedVerdicts {
  const hashes = inputHashes(project);
  const entries = new Map<string, LockEntry>();
  for (const claim of verification.claims) {
    const keys = verification.dependencies.get(claim.id);
    // A reused result has no recorded reads; recording needs every claim verified afresh.
    if (!keys) throw new Error(`internal: claim "${claim.id}" has no recorded inputs to record`);
    entries.set(claim.id, lockEntry(claim, keys(), hashes));
  }
  return { entries, hashes };
}

/**
 * Claims whose recorded verdict is stale: new since the lock was written, or
 * read an input whose content differs from the one recorded. A run limited
 * by --changed-since verifies these too, so a lock left behind by an earlier
 * commit is caught whatever ref is given.
 */
export function staleClaims(lock: Lock, project: Project): Set<string> {
  const hashes = inputHashes(project);
  const stale = new Set<string>();
  for (const claim of project.claims) {
    const entry = lock.claims[claim.id];
    if (!entry || Object.entries(entry.inputs).some(([key, hash]) => hashes.get(key) !== hash)) stale.add(claim.id);
  }
  return stale;
}

/** Compares a run with the recorded verdicts, locating each changed claim and each cause that still exists. */
export function checkRecorded(lock: Lock, project: Project, recorded: RecordedVerdicts): VerdictDiff {
  const diff = diffVerdicts(lock, recorded.entries, project.claimIds, recorded.hashes, project.unloaded?.());
  for (const change of [...diff.changed, ...diff.uncompared]) {
    const at = locateInput(`claim:${change.id}`, project);
    if (at) change.at = at;
    if (!('causes' in change)) continue;
    for (const cause of change.causes) {
      const where = locateInput(cause.key, project);
      if (where) cause.at = where;
    }
  }
  return diff;
}

