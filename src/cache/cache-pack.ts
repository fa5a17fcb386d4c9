import { createHash, type createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

/**
 * A pack: many cache entries in one file, signed once. One run writes one
 * pack per kind of entry instead of a file per entry: creating thousands of
 * small files cost more than parsing them. The layout lets a run append
 * entries as they come, and another read only the entries it needs:
 *
 *   entry bytes, back to back
 *   header: JSON [[key, byte length, SHA-256 in base64], ...] in the entries' order
 *   "\n" header byte length " " HMAC-SHA256 in hex "\n"
 *
 * The HMAC covers the context (format, kind, stamp), the header and its
 * length; the header pins each entry by its SHA-256, checked as the entry is
 * read. So a pack from another machine, another build or another kind of
 * entry is not read at all, and an entry altered in any byte is not read.
 * A partial run reads a few hundred entries of a 40 MB pack: reading and
 * signing the whole of it was a tenth of that run.
 */
export interface Pack {
  /** The file's name in the cache folder. */
  name: string;
  /** Each entry's place in the file, and its SHA-256. */
  entries: Map<string, Place>;
  /** An entry's bytes, if the pack has it and they are as the header pins them. */
  read(key: string): Buffer | undefined;
}

export interface Place {
  start: number;
  end: number;
  digest: string;
}

/** Far above any pack a project within the size caps produces; a bigger file is not read. */
const MAX_PACK_BYTES = 1024 * 1024 * 1024;

/** Ten digits, a space and 64 hex digits. */
const TRAILER_MAX = 75;

export type Signer = (context: string) => ReturnType<typeof createHmac>;

/** Reads a pack's header and checks it; undefined for anything that is not a complete pack signed here for this context. */
export function readPack(path: string, name: string, context: string, sign: Signer): Pack | undefined {
  const found = readHeader(path);
  if (!found) return undefined;
  const { size, headerStart, headerText, mac } = found;
  const expected = sign(context).update(headerText).update(`\n${headerText.length}`).digest();
  if (!timingSafeEqual(mac, expected)) return undefined;
  const entries = entriesOf(headerText.toString('utf8'), headerStart);
  return entries ? lazyPack(path, name, size, entries) : undefined;
}

/**
 * A pack's entries, read when asked: each by itself while few are, the
 * whole file once many are (a full load reads them all, and one read of the
 * file is faster than thousands). Each is checked against its digest. The
 * file is held open only until the event loop turns: reads come in bursts
 * (a load takes hundreds of entries at once), and opening and checking the
 * file for each entry was two thirds of reading it; a run that reads a few
 * entries and ends without finishing its cache leaves nothing open.
 */
function lazyPack(path: string, name: string, size: number, entries: Map<string, Place>): Pack {
  let whole: Buffer | undefined;
  let gone = false;
  let reads = 0;
  let open: number | undefined;
  const close = () => {
    if (open !== undefined) closeSync(open);
    open = undefined;
  };
  const bytesOf = (place: Place): Buffer => {
    if (whole) return whole.subarray(place.start, place.end);
    // The file as its header was read: a pack is written once, under a name of its own, and only
    // ever removed. One removed or replaced since is read no more; one altered fails its digests.
    const many = ++reads > Math.max(64, entries.size / 4);
    if (open === undefined) {
      open = openRegular(path, size);
      setImmediate(close);
    }
    if (!many) {
      const bytes = Buffer.allocUnsafe(place.end - place.start);
      readAll(open, bytes, place.start);
      return bytes;
    }
    const all = Buffer.allocUnsafe(size);
    readAll(open, all, 0);
    whole = all;
    close();
    return all.subarray(place.start, place.end);
  };
  return {
    name,
    entries,
    read(key) {
      const place = entries.get(key);
      if (!place || gone) return undefined;
      let bytes: Buffer;
      try {
        bytes = bytesOf(place);
      } catch {
        gone = true; // removed since (another run pruned it), replaced, or unreadable: not tried again
        close();
        return undefined;
      }
      return createHash('sha256').update(bytes).digest('base64') === place.digest ? bytes : undefined;
    },
  };
}

/**
 * Opens a file for reading only if it is still a regular file of the size
 * it had: never blocks on a FIFO put in its place (the open does not wait
 * for a writer), and refuses anything else.
 */
export function openRegular(path: string, size: number): number {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size !== size) throw new Error(`${path} is no longer the pack it was`);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** A pack's entries as its header lists them, for deciding what to prune: read from the file's end, and not checked. */
export interface PackHeader {
  name: string;
  read?: undefined;
  entries: Pack['entries'];
}

/**
 * Reads only a pack's trailer and header, unchecked: what a run that never
 * read the pack needs to tell whether to keep, drop or merge it. Never used
 * to read an entry; a merge reads and checks the pack.
 */
export function readPackHeader(path: string, name: string): PackHeader | undefined {
  const found = readHeader(path);
  if (!found) return undefined;
  const entries = entriesOf(found.headerText.toString('utf8'), found.headerStart);
  return entries ? { name, entries } : undefined;
}

/** A regular file of sane size only, never a FIFO or device that would hang the read: its size, header and HMAC. */
function readHeader(path: string): { size: number; headerStart: number; headerText: Buffer; mac: Buffer } | undefined {
  let fd: number | undefined;
  try {
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (!info?.isFile() || info.size > MAX_PACK_BYTES) return undefined;
    fd = openSync(path, 'r');
    const end = Buffer.alloc(Math.min(info.size, TRAILER_MAX + 2));
    readAll(fd, end, info.size - end.length);
    const tail = trailerOf(end);
    if (!tail) return undefined;
    // Places in `end` are counted from its start; the file's are counted from its own.
    const headerStart = tail.headerStart + info.size - end.length;
    if (headerStart < 0) return undefined;
    const headerText = Buffer.alloc(tail.headerLength);
    readAll(fd, headerText, headerStart);
    return { size: info.size, headerStart, headerText, mac: tail.mac };
  } catch {
    return undefined; // gone since it was listed (another run pruned it), or unreadable
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Where the header is, and the HMAC, from the trailer at the end of `bytes`; undefined when it is not one. */
function trailerOf(bytes: Buffer): { headerStart: number; lineStart: number; headerLength: number; mac: Buffer } | undefined {
  if (bytes.length < 2 || bytes[bytes.length - 1] !== 0x0a) return undefined;
  const lineStart = bytes.lastIndexOf(0x0a, bytes.length - 2);
  // The trailer is a length and a hex HMAC: anything longer is not one, and is not decoded.
  if (lineStart === -1 || bytes.length - 2 - lineStart > TRAILER_MAX) return undefined;
  const trailer = /^(\d{1,10}) ([0-9a-f]{64})$/.exec(bytes.toString('latin1', lineStart + 1, bytes.length - 1));
  if (!trailer) return undefined;
  const headerLength = Number(trailer[1]);
  // Negative only in a buffer holding the file's end alone: the caller checks against the file.
  return { headerStart: lineStart - headerLength, lineStart, headerLength, mac: Buffer.from(trailer[2]!, 'hex') };
}

/** Each entry's place and digest, from the header's JSON; undefined unless the entries end where the header starts. */
function entriesOf(text: string, headerStart: number): Pack['entries'] | undefined {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(header)) return undefined;
  const entries = new Map<string, Place>();
  let at = 0;
  for (const item of header as unknown[]) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !Number.isSafeInteger(item[1]) || (item[1] as number) < 0 || typeof item[2] !== 'string') return undefined;
    const end = at + (item[1] as number);
    entries.set(item[0], { start: at, end, digest: item[2] });
    at = end;
  }
  return at === headerStart ? entries : undefined;
}

export function readAll(fd: number, into: Buffer, position: number): void {
  for (let done = 0; done < into.length; ) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new Error('the file ended early');
    done += n;
  }
}

const PACK_NAME = /^(parse|kept|results)-[0-9a-f]{16}\.pack$/;

/** A family's packs among a cache folder's names, each read by `read`; the names it refused apart, to be removed. */
export function readFamily<T>(names: readonly string[], family: string, read: (name: string) => T | undefined): { packs: T[]; refused: string[] } {
  const packs: T[] = [];
  const refused: string[] = [];
  for (const name of names) {
    if (!PACK_NAME.test(name) || !name.startsWith(`${family}-`)) continue;
    const pack = read(name);
    if (pack) packs.push(pack);
    else refused.push(name);
  }
  return { packs, refused };
}

/** The text of one entry of a pack, if it has it and it is as written. */
export function entryText(pack: Pack, key: string): string | undefined {
  return pack.read(key)?.toString('utf8');
}
