import { lstat, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SnapshotRead } from '../authoring/check-answer.js';
import { LIMITS } from '../load/layout.js';
import { decodeText, readProjectBytes } from '../load/read-files.js';
import { sha256 } from '../model/hash.js';
import { projectPath } from './resolve-project-path.js';

/**
 * Reads the snapshot an answer names. In the project, it must be a .txt file
 * and is pinned where it is; from elsewhere it is copied (later, when the
 * record is written) to evidence/snapshots/<id>.txt, which must not exist.
 */
export async function readSnapshot(root: string, cwd: string, answer: string, id: string | undefined, copies: Map<string, Buffer>): Promise<SnapshotRead> {
  const absolute = resolve(cwd, answer);
  const inside = await projectPath(root, absolute);
  let bytes: Buffer;
  let path: string;
  if (inside !== undefined) {
    if (!inside.endsWith('.txt')) return { ok: false, message: `expected a .txt file, found "${answer}"` };
    const read = await readProjectBytes(root, inside, LIMITS.maxSnapshotBytes);
    if ('diagnostic' in read) return { ok: false, message: `${answer}: ${read.diagnostic.message}` };
    bytes = read.bytes;
    path = inside;
  } else {
    if (id === undefined) return { ok: false, message: 'the source id is needed first, to name the copy' };
    path = `evidence/snapshots/${id}.txt`;
    try {
      await lstat(join(root, path));
      return { ok: false, message: `${path} already exists; move the file into the project and give its path instead` };
    } catch {
      // free: the copy goes there
    }
    try {
      const info = await lstat(absolute);
      if (!info.isFile()) return { ok: false, message: `expected a file, found "${answer}"` };
      if (info.size > LIMITS.maxSnapshotBytes) return { ok: false, message: `${answer} is larger than the ${LIMITS.maxSnapshotBytes / 1024 / 1024} MB cap on snapshots` };
      bytes = await readFile(absolute);
    } catch {
      return { ok: false, message: `expected a readable text file, found no file at "${answer}"` };
    }
    copies.set(path, bytes);
  }
  const decoded = decodeText(bytes, { file: path, line: 1, col: 1 });
  if ('diagnostic' in decoded) return { ok: false, message: `${answer}: ${decoded.diagnostic.message}` };
  return { ok: true, path, sha256: sha256(bytes) };
}
