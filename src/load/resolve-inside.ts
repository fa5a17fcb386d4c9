import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { insideRoot } from '../model/paths.js';

type Inside = { ok: true; path: string } | { ok: false; reason: string };

/** Resolves a project-relative path, following symlinks, and checks it stays in the project. */
export async function resolveInside(root: string, path: string): Promise<Inside> {
  return resolveInsideSync(root, path);
}

/** resolveInside for the synchronous reads. */
export function resolveInsideSync(root: string, path: string): Inside {
  if (isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path)) {
    return { ok: false, reason: `expected a path relative to the project, found absolute path "${path}"` };
  }
  const joined = join(root, path);
  if (!isWithin(root, joined)) return { ok: false, reason: `path "${path}" leads outside the project` };
  let real: string;
  try {
    real = realPath(joined);
  } catch {
    // A missing file is reported by the reader; the lexical check above already passed.
    return { ok: true, path: joined };
  }
  if (!isWithin(root, real)) return { ok: false, reason: `path "${path}" is a link that leads outside the project` };
  return { ok: true, path: real };
}

// Folders' real paths for a moment: thousands of files share a few folders, and realpath walks every
// component each time. Kept for one turn of the event loop, so a long-running watch never sees old links.
let folders: Map<string, string> | undefined;

/** realpath, with the folder's part looked up once per folder: a file that is not itself a link lives where its folder does. */
function realPath(path: string): string {
  const info = lstatSync(path);
  if (info.isSymbolicLink()) return realpathSync(path);
  if (!folders) {
    folders = new Map();
    setImmediate(() => (folders = undefined));
  }
  const dir = dirname(path);
  let real = folders.get(dir);
  if (real === undefined) {
    real = realpathSync(dir);
    folders.set(dir, real);
  }
  return join(real, basename(path));
}

function isWithin(root: string, path: string): boolean {
  return insideRoot(root, path) !== undefined;
}
