import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { LOCK_FILE, parseLock, type Lock } from '../record/lock-file.js';

export type LockRead = { lock: Lock; text: string } | { lock: undefined } | { problem: Diagnostic };

/** The recorded verdicts, if any. Missing is fine for --update; for --check it is an error. */
export async function readLock(root: string, missingIsFine: boolean): Promise<LockRead> {
  const at = { file: LOCK_FILE, line: 1, col: 1 };
  let text: string;
  try {
    text = await readFile(join(root, LOCK_FILE), 'utf8');
  } catch {
    if (missingIsFine) return { lock: undefined };
    return { problem: diagnostic('lock/missing', at, `no recorded verdicts: ${LOCK_FILE} does not exist; run factcheck verify --update and commit it`) };
  }
  const parsed = parseLock(text);
  if ('problem' in parsed) {
    return { problem: diagnostic('lock/invalid', at, `${LOCK_FILE} is not a usable lock file: ${parsed.problem}; fix it or regenerate it with factcheck verify --update`) };
  }
  return { lock: parsed.lock, text };
}
