import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LIMITS } from './layout.js';

const run = promisify(execFile);

export interface GitChanges {
  /** The ref as a commit id. */
  commit: string;
  /** Project-relative paths changed since the commit: committed, staged, unstaged or untracked. */
  files: string[];
  /** A file's text at the commit; undefined when it did not exist then. */
  before(path: string): Promise<string | undefined>;
}

/**
 * What changed in a project folder since a git ref. The ref is resolved to a
 * commit first, and anything that looks like an option is refused, so a ref
 * from a pull request cannot smuggle options into git.
 */
export async function readGitChanges(root: string, ref: string): Promise<GitChanges | { problem: string }> {
  if (ref.startsWith('-') || ref.includes('\0')) return { problem: `"${ref}" is not a git ref` };
  const git = (args: string[], maxBuffer = 64 * 1024 * 1024) => run('git', ['-C', root, ...args], { maxBuffer, encoding: 'utf8' });
  let commit: string;
  try {
    commit = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).stdout.trim();
  } catch {
    try {
      await git(['rev-parse', '--show-toplevel']);
    } catch {
      return { problem: `${root} is not in a git repository, so --changed-since cannot tell what changed` };
    }
    return { problem: `unknown git ref "${ref}"` };
  }
  try {
    const changed = (await git(['diff', '--no-ext-diff', '--no-textconv', '--name-only', '--no-renames', '--relative', '-z', commit, '--'])).stdout;
    const untracked = (await git(['ls-files', '--others', '--exclude-standard', '-z'])).stdout;
    const files = [...new Set([...changed.split('\0'), ...untracked.split('\0')].filter(Boolean))].sort();
    return {
      commit,
      files,
      async before(path) {
        try {
          return (await git(['show', `${commit}:./${path}`], LIMITS.maxFileBytes + 1024)).stdout;
        } catch {
          return undefined;
        }
      },
    };
  } catch (error) {
    return { problem: `git could not list the changes since ${ref}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

/** The top folder of the git repository that holds `root`, or undefined outside one (or without git). */
export async function gitTopLevel(root: string): Promise<string | undefined> {
  try {
    const top = (await run('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' })).stdout.trim();
    return top || undefined;
  } catch {
    return undefined;
  }
}
