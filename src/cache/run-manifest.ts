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
   * Every file read, YAML and snapshots, by path: its stamp before reading.
   * Their SHA-256s are kept apart (`hashes`) and read only when a file must be
   * compared by content or loaded: a run with nothing changed needs none, and
   * parsing 11,000 of them was half of parsing the stamps.
   */
  inputs: StampEntry[];
  /** Every YAML file listed: one added or removed is a change too. */
  listed: string[];
  /** Files it tried and could not read (too large, not text, missing, outside the project): nothing proves them unchanged. */
  missing: string[];
  /**
   * By claims file, the claims whose results are kept, and the SHA-256 of the
   * cache content that holds their footprints and, when any were kept, their
   * whole results.
   */
  claimsFiles: Record<string, { ids: string[]; kept: string; results?: string }>;
  /** The SHA-256 of the table part: what a view kept beside the manifest names (kept-view.ts). */
  table: string;
  /** The SHA-256 of the hashes part: each input's SHA-256, in the order of `inputs` (inputsOf). */
  hashes: string;
}

// Arrays, not objects: a run with nothing changed parses one for each of 11,000 files and 10,000
// claims, and field names were a third of the manifest.
/** A file read: path, then its stamp's size, inode, mtimeNs and ctimeNs. */
export type StampEntry = [path: string, size: number, ino: string, mtimeNs: string, ctimeNs: string];
/** The same with its SHA-256 after the path. */
export type InputEntry = [path: string, hash: string, size: number, ino: string, mtimeNs: string, ctimeNs: string];

const FORMAT = 11;
export const MANIFEST_BLOB = 'run-manifest';
export const TABLE_BLOB = 'run-table';
export const HASHES_BLOB = 'run-hashes';
/** Stamps newer than this before the manifest are not trusted: coarse file systems tick in seconds. */
export const RACY_MS = 2000;

export function inputEntry(path: string, hash: string, stamp: FileStamp): InputEntry {
  return [path, hash, stamp.size, stamp.ino, stamp.mtimeNs, stamp.ctimeNs];
}

export function stampEntry(path: string, stamp: FileStamp): StampEntry {
  return [path, stamp.size, stamp.ino, stamp.mtimeNs, stamp.ctimeNs];
}

/** A stamp entry's stamp. */
export function entryStamp([, size, ino, mtimeNs, ctimeNs]: StampEntry): FileStamp {
  return { size, ino, mtimeNs, ctimeNs };
}

/**
 * The manifest as JSON in ASCII, anything else escaped: a few curly quotes in explanations made
 * every warm run decode and parse megabytes of two-byte text, at twice the cost. Three blobs: the
 * stamps, which name the other two by their SHA-256; the table, and the inputs' hashes, each after
 * a line with its SHA-256.
 */
export function serializeManifest(
  stamps: Omit<RunManifest, 'format' | 'table' | 'hashes' | 'inputs'> & { inputs: InputEntry[] },
  table: ManifestTable,
): { stamps: string; table: string; hashes: string; hash: string } {
  const text = asciiJson(table);
  const hash = hashText(text);
  const hashesText = JSON.stringify(stamps.inputs.map(([, h]) => h));
  const hashesHash = hashText(hashesText);
  const inputs = stamps.inputs.map(([path, , ...stamp]) => [path, ...stamp] as StampEntry);
  return { stamps: serializeStamps({ ...stamps, inputs }, hash, hashesHash), table: `${hash}\n${text}`, hashes: `${hashesHash}\n${hashesText}`, hash };
}

/** The stamps alone, naming a table and hashes already kept: for a run that only has new stamps to record. */
export function serializeStamps(stamps: Omit<RunManifest, 'format' | 'table' | 'hashes'>, table: string, hashes: string): string {
  return asciiJson({ format: FORMAT, ...stamps, table, hashes });
}

// How to read each manifest's table and hashes, then what was read (undefined if not the one named).
const tables = new WeakMap<RunManifest, { read: () => string | undefined; parsed?: ManifestTable | undefined }>();
const hashes = new WeakMap<RunManifest, { read: () => string | undefined; inputs?: InputEntry[] | undefined }>();

/**
 * A manifest read back, with how to read its table and hashes when they are
 * wanted; anything unexpected in its stamps is no manifest at all, never a
 * half-trusted one.
 */
export function parseManifest(text: string | undefined, readTable: () => string | undefined, readHashes: () => string | undefined): RunManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const m = JSON.parse(text) as Partial<RunManifest>;
    const ok =
      isObject(m) &&
      m.format === FORMAT &&
      typeof m.written === 'number' &&
      typeof m.table === 'string' &&
      typeof m.hashes === 'string' &&
      Array.isArray(m.inputs) &&
      m.inputs.every((e) => Array.isArray(e) && e.length === 5 && typeof e[0] === 'string') &&
      Array.isArray(m.listed) &&
      Array.isArray(m.missing) &&
      isObject(m.claimsFiles) &&
      Object.values(m.claimsFiles).every((f) => isObject(f) && Array.isArray(f.ids) && typeof f.kept === 'string' && (f.results === undefined || typeof f.results === 'string'));
    if (!ok) return undefined;
    tables.set(m as RunManifest, { read: readTable });
    hashes.set(m as RunManifest, { read: readHashes });
    return m as RunManifest;
  } catch {
    return undefined;
  }
}

/**
 * The manifest's inputs with their SHA-256s, read on first use. Undefined
 * when the hashes are not those the stamps name, or not one for each input:
 * then no file can be proved unchanged by its content, nor its parse found.
 */
export function inputsOf(manifest: RunManifest): InputEntry[] | undefined {
  const part = hashes.get(manifest);
  if (!part) return undefined;
  if (!('inputs' in part)) {
    const text = part.read();
    const newline = text?.indexOf('\n') ?? -1;
    let inputs: InputEntry[] | undefined;
    if (newline !== -1 && text!.slice(0, newline) === manifest.hashes) {
      try {
        const list: unknown = JSON.parse(text!.slice(newline + 1));
        if (Array.isArray(list) && list.length === manifest.inputs.length && list.every((h) => typeof h === 'string')) {
          inputs = manifest.inputs.map(([path, ...stamp], i) => [path, list[i] as string, ...stamp]);
        }
      } catch {
        // as below
      }
    }
    part.inputs = inputs;
  }
  return part.inputs;
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
