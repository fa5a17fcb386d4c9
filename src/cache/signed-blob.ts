import { timingSafeEqual } from 'node:crypto';
import { closeSync, lstatSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryFor } from '../load/write-atomic.js';

/** Far above any blob a project within the size caps produces; a bigger file is not read. */
const MAX_BLOB_BYTES = 256 * 1024 * 1024;

type Mac = (key: string, ...parts: readonly Uint8Array[]) => Buffer;

/**
 * A named blob: one file, a line with its HMAC in hex, then the payload, given
 * back as its UTF-8 bytes. Read only if it is a regular file of sane size
 * (never a FIFO or device that would hang the read) and its HMAC checks.
 */
export function readBlob(dir: string, key: string, macOf: Mac): Buffer | undefined {
  const path = join(dir, `${key}.json`);
  try {
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (!info?.isFile() || info.size > MAX_BLOB_BYTES) return undefined;
    // Checked as bytes, and decoded at most once: a manifest is megabytes, read by every warm run.
    const raw = readFileSync(path);
    const newline = raw.indexOf(10);
    if (newline === -1) return undefined;
    const mac = Buffer.from(raw.subarray(0, newline).toString('latin1'), 'hex');
    const payload = raw.subarray(newline + 1);
    const expected = macOf(key, payload);
    return mac.length === expected.length && timingSafeEqual(mac, expected) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a blob atomically, its payload given as text or as the bytes of its
 * parts in order; a blob that cannot be written (a read-only checkout) only
 * costs speed.
 */
export function writeBlob(dir: string, key: string, payload: string | readonly Uint8Array[], macOf: Mac): void {
  const path = join(dir, `${key}.json`);
  const temporary = temporaryFor(path);
  try {
    // Encoded once, signed and written as bytes: a manifest is megabytes, and a copy of it joined
    // to its MAC line, then encoded again to write, was the largest thing a run allocated at its end.
    const parts = typeof payload === 'string' ? [Buffer.from(payload, 'utf8')] : payload;
    const fd = openSync(temporary, 'wx');
    try {
      writeFileSync(fd, `${macOf(key, ...parts).toString('hex')}\n`);
      for (const part of parts) writeFileSync(fd, part);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch {
    rmSync(temporary, { force: true });
  }
}
