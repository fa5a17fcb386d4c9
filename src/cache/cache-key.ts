import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { insideRoot } from '../model/paths.js';

const KEY_BYTES = 32;

/** Where the key lives: the user's cache folder, never the project, so no pull request can supply it. */
export function cacheKeyPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'factcheck', 'cache-key');
}

/**
 * The secret that signs this machine's cache entries, created on first use.
 * Undefined when it cannot be read or made, or cannot be trusted: then nothing
 * is cached. A key inside the project (an XDG_CACHE_HOME pointing there) could
 * come from a pull request, and one that others can read or that someone else
 * owns could be known to them; neither is used.
 */
export async function loadCacheKey(path: string = cacheKeyPath(), projectRoot?: string): Promise<Buffer | undefined> {
  if (projectRoot !== undefined && within(await realOrSelf(projectRoot), await realOrSelf(path))) return undefined;
  const existing = await readKey(path);
  if (existing) return existing;
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    await writeFile(temporary, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
    // link fails if another run made the key first; then both use that one.
    await link(temporary, path).catch(() => undefined);
  } catch {
    return undefined;
  } finally {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
  return readKey(path);
}

async function readKey(path: string): Promise<Buffer | undefined> {
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size !== KEY_BYTES) return undefined;
    if ((info.mode & 0o077) !== 0 || (process.getuid && info.uid !== process.getuid())) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended. */
async function realOrSelf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realOrSelf(parent), basename(absolute));
  }
}

function within(root: string, path: string): boolean {
  return insideRoot(root, path) !== undefined;
}
