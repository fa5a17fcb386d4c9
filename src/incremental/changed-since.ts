import { kindOf } from '../load/layout.js';
import { readGitChanges } from '../load/read-git-changes.js';
import type { Project } from '../types.js';
import { changedInputs } from './changed-keys.js';
import { selectChangedClaims } from './select-changed-claims.js';

/**
 * The claims a change since a git ref could affect: the changed files' old
 * versions are read from git and compared item by item. A problem (no git,
 * an unknown ref) comes back as a sentence.
 */
export async function claimsChangedSince(root: string, project: Project, ref: string): Promise<Set<string> | { problem: string }> {
  const git = await readGitChanges(root, ref);
  if ('problem' in git) return git;
  const before = new Map<string, string | undefined>();
  for (const path of git.files) if (kindOf(path)) before.set(path, await git.before(path));
  return selectChangedClaims(project, changedInputs(project, git.files, before));
}
