import { createHmac, timingSafeEqual } from 'node:crypto';
import { lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { sha256 } from '../model/hash.js';
import { temporaryFor } from '../load/write-atomic.js';
// As for the run manifest: a file changed this recently may change again within the same clock tick.
import { RACY_MS } from './run-manifest.js';

export interface StampMemo {
  /** The memo file, beside the cache key. */
  path: string;
  /** The cache key: only a run holding it can write a memo the next run believes. */
  secret: Buffer;
  /** The clock, in milliseconds, that files' times are compared with. */
  now: number;
}

const MAX_MEMO_BYTES = 4096;

/**
 * A value worked out from files' contents, remembered against their stats: a
 * run whose files all have the size, inode and times they had when it was
 * worked out takes it from the memo instead of reading and hashing them again
 * (factcheck's own code and schemas: about 30 ms of every run, a tenth of a
 * run with nothing changed). Files touched in the last two seconds are hashed
 * and not remembered, since a rewrite within one tick of the clock keeps the
 * times.
 */
export function remembered(files: readonly string[], memo: StampMemo, compute: () => string): string {
  const stats = statsOf(files, memo.now);
  if (stats === undefined) return compute();
  const kept = readMemo(memo, stats.key);
  if (kept !== undefined) return kept;
  const value = compute();
  if (stats.settled) writeMemo(memo, stats.key, value);
  return value;
}

/** A hash of every file's path, size, inode and times; undefined when one cannot be statted. */
function statsOf(files: readonly string[], now: number): { key: string; settled: boolean } | undefined {
  const recent = BigInt(Math.floor(now - RACY_MS)) * 1_000_000n;
  let text = '';
  let settled = true;
  for (const file of files) {
    const info = lstatSync(file, { bigint: true, throwIfNoEntry: false });
    if (!info?.isFile()) return undefined;
    if (info.mtimeNs >= recent || info.ctimeNs >= recent) settled = false;
    text += `${file}\0${info.size}\0${info.ino}\0${info.mtimeNs}\0${info.ctimeNs}\n`;
  }
  return { key: sha256(text), settled };
}

const macOf = (memo: StampMemo, key: string, value: string) => createHmac('sha256', memo.secret).update(`factcheck stamp memo\n${key}\n${value}`).digest('hex');

function readMemo(memo: StampMemo, key: string): string | undefined {
  try {
    const info = lstatSync(memo.path, { throwIfNoEntry: false });
    if (!info?.isFile() || info.size > MAX_MEMO_BYTES) return undefined;
    const [mac, stats, value, ...rest] = readFileSync(memo.path, 'utf8').split('\n');
    if (rest.length !== 1 || rest[0] !== '' || stats !== key || mac === undefined || value === undefined) return undefined;
    const expected = Buffer.from(macOf(memo, key, value));
    return mac.length === expected.length && timingSafeEqual(Buffer.from(mac), expected) ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeMemo(memo: StampMemo, key: string, value: string): void {
  const temporary = temporaryFor(memo.path);
  try {
    writeFileSync(temporary, `${macOf(memo, key, value)}\n${key}\n${value}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, memo.path);
  } catch {
    // Only speed is lost: the next run hashes again.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // left for the user's cache folder; never a failed run
    }
  }
}
