import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { insideRoot } from '../model/paths.js';

type Inside = { ok: true; path: string; info?: Stats } | { ok: false; reason: string };

/** Resolves a project-relative path, following symlinks, and checks it stays in the project. */
export async function resolveInside(root: string, path: string): Promise<Inside> {
  return resolveInsideSync(root, path);
}

/**
 * resolveInside for the synchronous reads. For a path that is not itself a
 * link, `info` is the lstat taken on the way, so a caller
 * that wants the file's stamp need not take another.
 */
export function resolveInsideSync(root: string, path: string): Inside {
  if (isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path)) {
    return { ok: false, reason: `expected a path relative to the project, found absolute path "${path}"` };
  }
  // A plain relative path (what listings and manifests hold) joins as it is; anything else is normalised.
  const joined = PLAIN.test(path) && !root.endsWith(sep) ? root + sep + path : join(root, path);
  if (!isWithin(root, joined)) return { ok: false, reason: `path "${path}" leads outside the project` };
  let real: { path: string; info?: Stats };
  try {
    real = realPath(joined);
  } catch {
    // A missing file is reported by the reader; the lexical check above already passed.
    return { ok: true, path: joined };
  }
  if (!isWithin(root, real.path)) return { ok: false, reason: `path "${path}" is a link that leads outside the project` };
  return real.info ? { ok: true, path: real.path, info: real.info } : { ok: true, path: real.path };
}

// Folders' real paths for a moment: thousands of files share a few folders, and realpath walks every
// component each time. Kept for one turn of the event loop, so a long-running watch never sees old links.
let folders: Map<string, string> | undefined;

/** realpath, with the folder's part looked up once per folder: a file that is not itself a link lives where its folder does. */
function realPath(path: string): { path: string; info?: Stats } {
  // With a trailing separator lstat follows a link to a folder, which would then pass for a plain
  // folder here: such a path is resolved whole.
  if (path.endsWith(sep) || path.endsWith('/')) return { path: realpathSync(path) };
  const info = lstatSync(path);
  if (info.isSymbolicLink()) return { path: realpathSync(path) };
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
  return { path: real === dir ? path : join(real, basename(path)), info };
}

function isWithin(root: string, path: string): boolean {
  // Both are normalised here (join's and realpath's output): a prefix at a separator settles it
  // for the thousands of files inside; anything else gets the general test.
  if (path.startsWith(root) && path.charCodeAt(root.length) === SEP && !root.endsWith(sep)) return true;
  return insideRoot(root, path) !== undefined;
}

const SEP = sep.charCodeAt(0);
/** Segments of word characters, dots, dashes and spaces, none of them `.` or `..`, joined by `/`: nothing for join to normalise. */
const PLAIN = sep === '/' ? /^(?!\.\.?(?:\/|$))[\w\- .]+(?:\/(?!\.\.?(?:\/|$))[\w\- .]+)*$/ : /(?!)/;
