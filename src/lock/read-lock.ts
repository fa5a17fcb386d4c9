import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { LIMITS } from '../load/layout.js';
import { readProjectText } from '../load/read-files.js';
import { LOCK_FILE, parseLock, type Lock } from './lock-file.js';

export type LockRead = { lock: Lock; text: string } | { lock: undefined } | { problem: Diagnostic };

/**
 * The recorded verdicts, if any: read with every check a project file gets
 * (inside the project, a regular file, under the size cap, UTF-8), so a lock
 * that is a link out of the project, a FIFO or a device is refused, never read.
 * Missing is fine for --update; for --check it is an error.
 */
export async function readLock(root: string, missingIsFine: boolean): Promise<LockRead> {
  const at = { file: LOCK_FILE, line: 1, col: 1 };
  const read = await readProjectText(root, LOCK_FILE, LIMITS.maxFileBytes);
  if ('diagnostic' in read) {
    if (read.diagnostic.code === 'file/missing') {
      if (missingIsFine) return { lock: undefined };
      return { problem: diagnostic('lock/missing', at, `no recorded verdicts: ${LOCK_FILE} does not exist; run factcheck verify --update and commit it`) };
    }
    return { problem: diagnostic('lock/invalid', at, `${LOCK_FILE} cannot be read: ${read.diagnostic.message}; replace it with a regular file, or regenerate it with factcheck verify --update`) };
  }
  const parsed = parseLock(read.text);
  if ('problem' in parsed) {
    return { problem: diagnostic('lock/invalid', at, `${LOCK_FILE} is not a usable lock file: ${parsed.problem}; fix it or regenerate it with factcheck verify --update`) };
  }
  return { lock: parsed.lock, text: read.text };
}
