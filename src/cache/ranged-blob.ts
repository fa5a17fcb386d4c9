import { createHash, timingSafeEqual } from 'node:crypto';
import { closeSync, lstatSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryFor } from '../load/write-atomic.js';
import { openRegular, readAll } from './cache-pack.js';

/** Far above any blob a project within the size caps produces; a bigger file is not read. */
const MAX_BLOB_BYTES = 256 * 1024 * 1024;
/** A part's length (uint32, little-endian) and SHA-256, in the signed table after the head. */
const PART_ENTRY = 4 + 32;
/** 64 hex digits, a space, two numbers of at most ten digits, a space and the line break. */
const LINE_MAX = 64 + 1 + 10 + 1 + 10 + 1;

type Mac = (key: string, ...parts: readonly Uint8Array[]) => Buffer;

/**
 * A named blob read in parts: a signed head, and parts each pinned by its
 * SHA-256 in the signed table, read and checked only when asked for. A
 * partial run reads a few hundred of the 6,000 shards of the last run's facts
 * (8 MB at the large bench size): reading and signing all of them was a
 * tenth of the run. The file:
 *
 *   HMAC in hex " " head byte length " " part count "\n"
 *   head bytes
 *   for each part: its byte length (uint32 LE) and its SHA-256
 *   the parts, back to back
 *
 * The HMAC covers the line's numbers, the head and the table.
 */
export interface RangedBlob {
  head: Buffer;
  count: number;
  /** Part `i`'s bytes, if they are as the table pins them; undefined for a part gone or altered since. */
  part(i: number): Buffer | undefined;
}

export function writeRangedBlob(dir: string, key: string, head: Uint8Array, parts: readonly Uint8Array[], macOf: Mac): void {
  const path = join(dir, `${key}.json`);
  const temporary = temporaryFor(path);
  try {
    const table = Buffer.alloc(parts.length * PART_ENTRY);
    parts.forEach((part, i) => {
      table.writeUInt32LE(part.length, i * PART_ENTRY);
      createHash('sha256').update(part).digest().copy(table, i * PART_ENTRY + 4);
    });
    const numbers = `${head.length} ${parts.length}`;
    const fd = openSync(temporary, 'wx');
    try {
      writeFileSync(fd, `${macOf(key, Buffer.from(numbers), head, table).toString('hex')} ${numbers}\n`);
      writeFileSync(fd, head);
      writeFileSync(fd, table);
      for (const part of parts) writeFileSync(fd, part);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch {
    rmSync(temporary, { force: true }); // a blob that cannot be written (a read-only checkout) only costs speed
  }
}

/**
 * A ranged blob's head, checked, and its parts to read; undefined for
 * anything but a complete ranged blob signed here under this key. Only a
 * regular file of sane size is opened: never a FIFO or device that would hang.
 */
export function readRangedBlob(dir: string, key: string, macOf: Mac): RangedBlob | undefined {
  const path = join(dir, `${key}.json`);
  let fd: number | undefined;
  try {
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (!info?.isFile() || info.size > MAX_BLOB_BYTES) return undefined;
    fd = openSync(path, 'r');
    const first = Buffer.alloc(Math.min(info.size, LINE_MAX));
    readAll(fd, first, 0);
    const newline = first.indexOf(10);
    const line = newline === -1 ? undefined : /^([0-9a-f]{64}) (\d{1,10}) (\d{1,10})$/.exec(first.toString('latin1', 0, newline));
    if (!line) return undefined;
    const headLength = Number(line[2]);
    const count = Number(line[3]);
    const signedEnd = newline + 1 + headLength + count * PART_ENTRY;
    if (signedEnd > info.size) return undefined;
    const signed = Buffer.alloc(signedEnd - newline - 1);
    readAll(fd, signed, newline + 1);
    const head = signed.subarray(0, headLength);
    const table = signed.subarray(headLength);
    const expected = macOf(key, Buffer.from(`${headLength} ${count}`), head, table);
    if (!timingSafeEqual(Buffer.from(line[1]!, 'hex'), expected)) return undefined;
    // Each part's place; the parts end the file, or it is not the blob the table describes.
    const starts = new Float64Array(count + 1);
    starts[0] = signedEnd;
    for (let i = 0; i < count; i++) starts[i + 1] = starts[i]! + table.readUInt32LE(i * PART_ENTRY);
    if (starts[count] !== info.size) return undefined;
    return { head, count, part: partReader(path, info.size, table, starts) };
  } catch {
    return undefined; // gone since (another run replaced it), or unreadable
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads parts of the file as the table pins them. The file is held open only
 * until the event loop turns, as a pack is (cache-pack.ts): lookups come in
 * bursts. One replaced since is read no more.
 */
function partReader(path: string, size: number, table: Buffer, starts: Float64Array): RangedBlob['part'] {
  let open: number | undefined;
  let gone = false;
  const close = () => {
    if (open !== undefined) closeSync(open);
    open = undefined;
  };
  return (i) => {
    if (gone || !Number.isInteger(i) || i < 0 || i >= starts.length - 1) return undefined;
    const bytes = Buffer.allocUnsafe(starts[i + 1]! - starts[i]!);
    try {
      if (open === undefined) {
        open = openRegular(path, size);
        setImmediate(close);
      }
      readAll(open, bytes, starts[i]!);
    } catch {
      gone = true;
      close();
      return undefined;
    }
    const digest = createHash('sha256').update(bytes).digest();
    return digest.equals(table.subarray(i * PART_ENTRY + 4, (i + 1) * PART_ENTRY)) ? bytes : undefined;
  };
}
