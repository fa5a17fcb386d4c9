import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ItemSpec } from '../authoring/item-fields.js';
import { KIND_FOLDERS, kindOf } from '../load/layout.js';
import { insideRoot } from '../model/paths.js';
import { UsageError } from './io.js';

/** --file: a YAML file of the item's kind inside the project, as a project path. */
export async function fileOption(root: string, cwd: string, option: string, spec: ItemSpec): Promise<string> {
  const path = await projectPath(root, resolve(cwd, option));
  if (path === undefined || kindOf(path) !== spec.kind) {
    throw new UsageError(`--file: expected a .yaml file under ${KIND_FOLDERS[spec.kind]}/ in the project, found "${option}"`);
  }
  return path;
}

/** A path's project-relative POSIX form, through links, or undefined outside the project. */
export async function projectPath(root: string, absolute: string): Promise<string | undefined> {
  let real = absolute;
  try {
    real = await realpath(absolute);
  } catch {
    try {
      real = join(await realpath(dirname(absolute)), basename(absolute));
    } catch {
      // Neither the file nor its folder exists yet: compare as written.
    }
  }
  const rel = insideRoot(root, real);
  return rel === '' ? undefined : rel;
}
