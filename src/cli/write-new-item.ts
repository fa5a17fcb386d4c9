import { lstat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LIMITS } from '../load/layout.js';
import { readProjectText } from '../load/read-files.js';
import { resolveInside } from '../load/resolve-inside.js';
import { makeFolder, writeFileAtomic } from '../load/write-atomic.js';
import { SCHEMA_FILES } from '../validate/compile-schemas.js';
import { UsageError } from './io.js';

/** The text of the file to add to, undefined when it does not exist yet, or why it cannot be read. */
export async function readExisting(root: string, path: string): Promise<{ text: string | undefined } | { problem: string }> {
  try {
    await lstat(join(root, path));
  } catch {
    return { text: undefined };
  }
  const read = await readProjectText(root, path, LIMITS.maxFileBytes);
  return 'text' in read ? { text: read.text } : { problem: read.diagnostic.message };
}

/** Where a new file's modeline points: the project's own copy of the schemas, else the installed package's. */
export async function schemasFolder(root: string): Promise<string> {
  for (const folder of ['schemas', 'node_modules/factcheck/schemas']) {
    try {
      await lstat(join(root, folder, SCHEMA_FILES.claims));
      return folder;
    } catch {
      // not there
    }
  }
  return 'schemas';
}

/** Those of the paths that exist already in the project (as anything: a file, a folder, a link). */
export async function existingPaths(root: string, paths: readonly string[]): Promise<string[]> {
  const found = await Promise.all(paths.map((p) => lstat(join(root, p)).then(() => true, () => false)));
  return paths.filter((_, i) => found[i]);
}

/**
 * Refuses (UsageError) when any of the paths could not be written: a folder
 * on the way that is a link out of the project. For writing several files
 * all or none: checked before the first is written.
 */
export async function checkWritable(root: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    // The nearest folder that exists is checked before any is made, so nothing is made through a link either.
    let existing = dirname(path);
    while (existing !== '.' && !(await lstat(join(root, existing)).catch(() => undefined))) existing = dirname(existing);
    const parent = await resolveInside(root, existing);
    if (!parent.ok) throw new UsageError(`cannot write ${path}: ${parent.reason}; nothing was written`);
  }
}

/** Writes a project file, refusing a folder on the way that is a link out of the project (one a pull request could have added). */
export async function writeNew(root: string, path: string, content: Uint8Array | string): Promise<void> {
  await checkWritable(root, [path]);
  const folder = dirname(path);
  const refuse = (reason: string) => new UsageError(`cannot write ${path}: ${reason}`);
  await makeFolder(join(root, folder));
  const inside = await resolveInside(root, folder);
  if (!inside.ok) throw refuse(inside.reason);
  await writeFileAtomic(join(inside.path, basename(path)), content);
}
