import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { findRoot } from '../load/find-root.js';
import { CONFIG_FILE } from '../load/layout.js';
import type { Claim } from '../types.js';
import { didYouMean } from '../model/suggest.js';
import { UsageError } from './io.js';
import { insideRoot } from '../model/paths.js';

/** The project root: --root, or the nearest folder above cwd with a factcheck.config.yaml. */
export async function locateRoot(cwd: string, rootOption: string | undefined): Promise<string> {
  if (rootOption !== undefined) {
    const root = resolve(cwd, rootOption);
    const found = await findRoot(root);
    if (found !== root) throw new UsageError(`no ${CONFIG_FILE} in ${rootOption}`);
    return root;
  }
  const found = await findRoot(cwd);
  if (!found) throw new UsageError(`no ${CONFIG_FILE} in ${cwd} or any folder above it; run factcheck inside a project or pass --root`);
  return found;
}

/**
 * Path arguments as project paths ("rules/tests/a.yaml"); the project root
 * itself means everything, so it gives none. `what` names what they should be.
 */
export function projectPaths(root: string, cwd: string, paths: readonly string[], what: string): string[] {
  return paths.flatMap((p) => {
    const rel = insideRoot(root, resolve(cwd, p));
    if (rel === undefined) throw new UsageError(`path ${p} is not ${what} in the project ${root}`);
    return rel === '' ? [] : [rel];
  });
}

/** Turns `verify` path arguments into a claim filter: a claim is selected when its file is under a path. */
export async function claimSelector(root: string, cwd: string, paths: readonly string[]): Promise<((claim: Claim) => boolean) | undefined> {
  if (!paths.length) return undefined;
  const prefixes: string[] = [];
  for (const p of paths) {
    const absolute = resolve(cwd, p);
    const rel = insideRoot(root, absolute);
    if (rel === undefined || resolve(root, rel) !== absolute) throw new UsageError(`path ${p} is outside the project ${root}`);
    try {
      const info = await stat(absolute);
      prefixes.push(info.isDirectory() ? (rel === '' ? '' : `${rel}/`) : rel);
    } catch {
      throw new UsageError(`path ${p} does not exist${await nearbyName(absolute, p)}`);
    }
  }
  return (claim) => prefixes.some((prefix) => claim.ref.file === prefix || claim.ref.file.startsWith(prefix));
}

/** A did-you-mean among the names next to a path that does not exist, written as the user wrote the path. */
async function nearbyName(absolute: string, given: string): Promise<string> {
  try {
    const names = await readdir(dirname(absolute));
    const hint = didYouMean(basename(absolute), names);
    return hint.replace(/"([^"]+)"/, (_, name: string) => `"${join(dirname(given), name)}"`);
  } catch {
    return '';
  }
}
