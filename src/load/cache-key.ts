import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

const KEY_BYTES = 32;

/** Where the key lives: the user's cache folder, never the project, so no pull request can supply it. */
export function cacheKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'factcheck', 'cache-key');
}

/**
 * The secret that signs this machine's cache entries, created on first use.
 * Undefined when it cannot be read or made: then nothing is cached.
 */
export async function loadCacheKey(path: string = cacheKeyPath()): Promise<Buffer | undefined> {
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
    return await readFile(path);
  } catch {
    return undefined;
  }
}
