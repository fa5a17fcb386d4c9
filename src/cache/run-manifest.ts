import { endianness } from 'node:os';
import type { FileStamp } from '../load/read-files.js';
import { asciiJson } from './ascii-json.js';
import { hashText, isObject, parseTable, type ManifestTable } from './manifest-table.js';

/**
 * What the last full verify read and printed, kept in the cache: when no input
 * has changed since, its result is printed again from this alone. Three blobs:
 * the stamps, read by every run to tell whether anything changed; the table
 * (manifest-table.ts) and the inputs' hashes, each read only when needed.
 */
export interface RunManifest {
  format: typeof FORMAT;
  /** When its run began, before any file was stamped (ms since the epoch). A stamp this recent may hide a write in the same clock tick: such a file is read again. */
  written: number;
  /**
   * Every file read, YAML and snapshots, by path; with `stamps`, its stamp
   * before reading. Their SHA-256s are kept apart (`hashes`) and read only
   * when a file must be compared by content or loaded: a run with nothing
   * changed needs none.
   */
  paths: string[];
  /** Each input's stamp, four numbers by its place (stampAt): size, inode, and the modification and change times in nanoseconds. */
  stamps: Float64Array;
  /** Every YAML file listed: one added or removed is a change too. */
  listed: string[];
  /** Files it tried and could not read (too large, not text, missing, outside the project): nothing proves them unchanged. */
  missing: string[];
  /** How many claims its run kept results for; which, by claims file, is in the table. */
  claims: number;
  /** The SHA-256 of the table part: what a view kept beside the manifest names (kept-view.ts). */
  table: string;
  /** The SHA-256 of the hashes part: each input's SHA-256, in the order of `paths` (hashesOf). */
  hashes: string;
}

/** A file read, with its SHA-256 and its stamp's size, inode, mtimeNs and ctimeNs. */
export type InputEntry = [path: string, hash: string, size: number, ino: string, mtimeNs: string, ctimeNs: string];

const FORMAT = 12;
export const MANIFEST_BLOB = 'run-manifest';
export const TABLE_BLOB = 'run-table';
export const HASHES_BLOB = 'run-hashes';
/** Stamps newer than this before the manifest are not trusted: coarse file systems tick in seconds. */
export const RACY_MS = 2000;
// Paths are kept joined by NUL, which no path holds, and stamps as doubles in this machine's byte
// order, which the head names: the cache is this machine's, signed with its key.
const SEPARATOR = '\0';
const ORDER = endianness();

export function inputEntry(path: string, hash: string, stamp: FileStamp): InputEntry {
  return [path, hash, stamp.size, stamp.ino, stamp.mtimeNs, stamp.ctimeNs];
}

/** The manifest's stamp of its input at `index`, as a stamp is written. */
export function stampAt(manifest: Pick<RunManifest, 'stamps'>, index: number): FileStamp {
  const at = index * 4;
  const { stamps } = manifest;
  // A stamp's times are integers as doubles, written out whole (read-files.ts, stampOf).
  return { size: stamps[at]!, ino: String(stamps[at + 1]), mtimeNs: String(BigInt(stamps[at + 2]!)), ctimeNs: String(BigInt(stamps[at + 3]!)) };
}

/** Stamps as the manifest keeps them: four numbers each, by place. */
export function stampNumbers(stamps: readonly FileStamp[]): Float64Array {
  const numbers = new Float64Array(stamps.length * 4);
  stamps.forEach((s, i) => numbers.set([s.size, Number(s.ino), Number(s.mtimeNs), Number(s.ctimeNs)], i * 4));
  return numbers;
}

type Stamps = Omit<RunManifest, 'format' | 'table' | 'hashes'>;

/**
 * The manifest in three blobs: the stamps, which name the other two by their
 * SHA-256; the table, and the inputs' hashes, each after a line with its
 * SHA-256. JSON in ASCII, anything else escaped: a few curly quotes in
 * explanations made every warm run decode and parse megabytes of two-byte text.
 */
export function serializeManifest(
  stamps: Omit<Stamps, 'paths' | 'stamps'> & { inputs: InputEntry[] },
  table: ManifestTable,
): { stamps: Uint8Array[]; table: string; hashes: string; hash: string } {
  const text = asciiJson(table);
  const hash = hashText(text);
  const { inputs, ...rest } = stamps;
  const hashesText = JSON.stringify(inputs.map(([, h]) => h));
  const hashesHash = hashText(hashesText);
  const kept = { ...rest, paths: inputs.map(([path]) => path), stamps: stampNumbers(inputs.map(([, , size, ino, mtimeNs, ctimeNs]) => ({ size, ino, mtimeNs, ctimeNs }))) };
  return { stamps: serializeStamps(kept, hash, hashesHash), table: `${hash}\n${text}`, hashes: `${hashesHash}\n${hashesText}`, hash };
}

/**
 * The stamps alone, naming a table and hashes already kept: for a run that
 * only has new stamps to record. A line of JSON, then the paths and the
 * listing as text, then the stamps as bytes: every run with nothing changed
 * reads them, and as JSON, 11,000 files' stamps took 40 ms to parse.
 */
export function serializeStamps({ paths, stamps, listed, ...rest }: Stamps, table: string, hashes: string): Uint8Array[] {
  const pathBytes = Buffer.from(paths.join(SEPARATOR), 'utf8');
  const listedBytes = Buffer.from(listed.join(SEPARATOR), 'utf8');
  const head: Head = { format: FORMAT, ...rest, table, hashes, order: ORDER, inputs: paths.length, listed: listed.length, bytes: [pathBytes.length, listedBytes.length] };
  return [Buffer.from(`${asciiJson(head)}\n`, 'latin1'), pathBytes, listedBytes, new Uint8Array(stamps.buffer, stamps.byteOffset, stamps.byteLength)];
}

/** The stamps' first line: the manifest less its paths, listing and stamps, with how many of each and their bytes. */
interface Head extends Omit<RunManifest, 'paths' | 'stamps' | 'listed'> {
  order: string;
  inputs: number;
  listed: number;
  bytes: [paths: number, listed: number];
}

// How to read each manifest's table and hashes, then what was read (undefined if not the one named).
const tables = new WeakMap<RunManifest, { read: () => string | undefined; parsed?: ManifestTable | undefined }>();
const hashes = new WeakMap<RunManifest, { read: () => string | undefined; list?: string[] | undefined }>();

/**
 * A manifest read back, with how to read its table and hashes when they are
 * wanted; anything unexpected in its stamps is no manifest at all, never a
 * half-trusted one.
 */
export function parseManifest(bytes: Uint8Array | undefined, readTable: () => string | undefined, readHashes: () => string | undefined): RunManifest | undefined {
  if (bytes === undefined) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const newline = buffer.indexOf(10);
  if (newline === -1) return undefined;
  let head: Partial<Head>;
  try {
    head = JSON.parse(buffer.toString('latin1', 0, newline)) as Partial<Head>;
  } catch {
    return undefined;
  }
  const ok =
    isObject(head) &&
    head.format === FORMAT &&
    head.order === ORDER &&
    typeof head.written === 'number' &&
    typeof head.table === 'string' &&
    typeof head.hashes === 'string' &&
    Number.isSafeInteger(head.claims) &&
    Array.isArray(head.missing) &&
    head.missing.every((p) => typeof p === 'string') &&
    Number.isSafeInteger(head.inputs) &&
    head.inputs! >= 0 &&
    Number.isSafeInteger(head.listed) &&
    head.listed! >= 0 &&
    Array.isArray(head.bytes) &&
    head.bytes.length === 2 &&
    head.bytes.every((n) => Number.isSafeInteger(n) && n >= 0);
  if (!ok) return undefined;
  const { order: _order, inputs, listed: count, bytes: [pathBytes, listedBytes], ...rest } = head as Head;
  const start = newline + 1;
  if (buffer.length !== start + pathBytes + listedBytes + inputs * 32) return undefined;
  const paths = split(buffer.toString('utf8', start, start + pathBytes), inputs);
  const listed = split(buffer.toString('utf8', start + pathBytes, start + pathBytes + listedBytes), count);
  // Copied out: a Float64Array must start at a multiple of 8 bytes.
  const stamps = new Float64Array(inputs * 4);
  new Uint8Array(stamps.buffer).set(buffer.subarray(start + pathBytes + listedBytes));
  if (!paths || !listed || !stamps.every(Number.isInteger)) return undefined;
  const manifest: RunManifest = { ...rest, paths, stamps, listed };
  tables.set(manifest, { read: readTable });
  hashes.set(manifest, { read: readHashes });
  return manifest;
}

/** `count` strings joined by the separator, or undefined when there are not that many. */
function split(text: string, count: number): string[] | undefined {
  const parts = count === 0 ? (text === '' ? [] : undefined) : text.split(SEPARATOR);
  return parts?.length === count ? parts : undefined;
}

/**
 * The manifest's inputs' SHA-256s, by their place, read on first use.
 * Undefined when the hashes are not those the stamps name, or not one for
 * each input: then no file can be proved unchanged by its content, nor its
 * parse found.
 */
export function hashesOf(manifest: RunManifest): readonly string[] | undefined {
  const part = hashes.get(manifest);
  if (!part) return undefined;
  if (!('list' in part)) {
    const text = part.read();
    const newline = text?.indexOf('\n') ?? -1;
    let list: unknown;
    if (newline !== -1 && text!.slice(0, newline) === manifest.hashes) {
      try {
        list = JSON.parse(text!.slice(newline + 1));
      } catch {
        // as below
      }
    }
    part.list = Array.isArray(list) && list.length === manifest.paths.length && list.every((h) => typeof h === 'string') ? (list as string[]) : undefined;
  }
  return part.list;
}

/**
 * The manifest's table, read on first use. Undefined, and nothing reused,
 * when it is not the table the stamps name (two runs' blobs crossed) or does
 * not hold together.
 */
export function tableOf(manifest: RunManifest): ManifestTable | undefined {
  const part = tables.get(manifest);
  if (!part) return undefined;
  if (!('parsed' in part)) {
    // The blob names its table's SHA-256 on its first line, signed with it: not hashed again here.
    const text = part.read();
    const newline = text?.indexOf('\n') ?? -1;
    part.parsed = newline !== -1 && text!.slice(0, newline) === manifest.table ? parseTable(text!.slice(newline + 1)) : undefined;
  }
  return part.parsed;
}
