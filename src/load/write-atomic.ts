import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temporary file beside `path` that one writer uses: its process id names its owner. */
export function temporaryFor(path: string): string {
  // Random once per process, then a counter: thousands of cache writes need no random bytes each.
  return `${path}.${process.pid}.${RUN}.${(written++).toString(36)}.tmp`;
}

const RUN = randomBytes(6).toString('hex');
let written = 0;

/**
 * Writes a file so that readers only ever see the old bytes or the new ones:
 * a temporary file in the same folder, flushed to disk, then renamed over the
 * target (rename is atomic within a file system). Two writers at once each
 * rename a complete file; the last one wins. Temporary files left by a writer
 * that died are removed by the next one.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = temporaryFor(path);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await removeAbandoned(dirname(path), basename(path));
}

/** Removes temporary files of `name` (or of any file, without a name) whose writing process is gone. */
export async function removeAbandoned(dir: string, name?: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = /^(.*)\.(\d+)\.[0-9a-f]{12}(?:\.[0-9a-z]+)?\.tmp$/.exec(entry);
    if (!match || (name !== undefined && match[1] !== name)) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isAlive(pid)) continue;
    await rm(join(dir, entry), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
