import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A file that cannot be written, for a reason of use or of the machine (no
 * such folder, a device, no permission), said plainly with the path: exit 2,
 * never "a bug in factcheck".
 */
export class WriteError extends Error {}

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
  await checkTarget(path);
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
    throw writeError(path, error);
  }
  await removeAbandoned(dirname(path), basename(path));
}

/** Makes a folder and those above it; a failure is a WriteError naming the folder. */
export async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new WriteError(`cannot make the folder ${path}: a file is in the way; give another path`);
    throw writeError(join(path, '.'), error);
  }
}

/**
 * Only a regular file is replaced: renaming over /dev/null, a FIFO or a link
 * would replace the device or the link itself with a file holding the text.
 */
async function checkTarget(path: string): Promise<void> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // a new file: the folder is checked by the write itself
    throw writeError(path, error);
  }
  if (info.isFile()) return;
  const what = info.isDirectory()
    ? 'a folder'
    : info.isSymbolicLink()
      ? 'a link'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : info.isFIFO()
          ? 'a named pipe'
          : 'not a regular file';
  const hint = info.isDirectory() ? 'give the path of a file in it' : 'give the path of a regular file (to print to the terminal, leave out the output path)';
  throw new WriteError(`cannot write ${path}: it is ${what}, and only regular files are written; ${hint}`);
}

/** An IO failure as a plain sentence with the path and what to do. */
export function writeError(path: string, error: unknown): WriteError {
  const code = (error as NodeJS.ErrnoException).code;
  const folder = dirname(path);
  const reasons: Record<string, string> = {
    ENOENT: `the folder ${folder} does not exist; create it first, or write somewhere else`,
    ENOTDIR: `a part of ${folder} is a file, not a folder; write somewhere else`,
    EISDIR: `${path} is a folder; give the path of a file in it`,
    EACCES: `permission denied in ${folder}; check its permissions, or write somewhere else`,
    EPERM: `permission denied in ${folder}; check its permissions, or write somewhere else`,
    EROFS: `${folder} is on a read-only file system; write somewhere else`,
    ENOSPC: `no space left on the device that holds ${folder}`,
    EDQUOT: `the disk quota is used up for ${folder}`,
  };
  const reason = (code && reasons[code]) ?? `the system refused (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return new WriteError(`cannot write ${path}: ${reason}`);
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
    // Only a regular file: whatever else has such a name was not left by a writer, and clearing up never fails a run.
    const info = await lstat(join(dir, entry)).catch(() => undefined);
    if (info?.isFile()) await rm(join(dir, entry), { force: true }).catch(() => undefined);
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
