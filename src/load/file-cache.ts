import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { FileKind } from './layout.js';
import { writeFileAtomic } from './write-atomic.js';

/** What parsing and schema-checking one file produced: everything but the file's path. */
export interface CachedFile {
  value: unknown;
  /** Parse and schema diagnostics, without their file. */
  diagnostics: Omit<Diagnostic, 'file'>[];
  invalidItems: number[];
  fileInvalid: boolean;
  /** Positions of the top-level keys and list items, by "key" or "key/index"; deeper ones are found by re-parsing. */
  positions: Record<string, [number, number]>;
}

export interface FileCache {
  get(kind: FileKind, text: string): Promise<CachedFile | undefined>;
  set(kind: FileKind, text: string, entry: CachedFile): Promise<void>;
  /** Removes entries this run did not use, so the cache does not grow without end. */
  prune(): Promise<void>;
}

export const CACHE_DIR = '.factcheck-cache';
const FORMAT = 1;

/**
 * A content-hash cache on disk: an unchanged file is not parsed again. Entries
 * are keyed by the file's kind and bytes, and stamped with the tool version and
 * a hash of the schemas; an entry that is corrupt, stale or fails its checksum
 * is ignored and rewritten, never trusted. Writes are atomic, so two runs at
 * once at worst both write the same entry.
 */
export function openFileCache(root: string, stamp: string): FileCache {
  const dir = join(root, CACHE_DIR, `v${FORMAT}`);
  const used = new Set<string>();
  let ready: Promise<unknown> | undefined;
  const keyOf = (kind: FileKind, text: string) => createHash('sha256').update(`${kind}\0${text}`).digest('hex');
  return {
    async get(kind, text) {
      const key = keyOf(kind, text);
      used.add(key);
      let raw: string;
      try {
        raw = await readFile(join(dir, `${key}.json`), 'utf8');
      } catch {
        return undefined;
      }
      try {
        const entry = JSON.parse(raw) as { format?: unknown; key?: unknown; stamp?: unknown; payload?: unknown; check?: unknown };
        if (entry.format !== FORMAT || entry.key !== key || entry.stamp !== stamp) return undefined;
        if (entry.check !== checksum(entry.payload)) return undefined;
        return isCachedFile(entry.payload) ? entry.payload : undefined;
      } catch {
        return undefined;
      }
    },
    async set(kind, text, payload) {
      const key = keyOf(kind, text);
      used.add(key);
      try {
        ready ??= mkdir(dir, { recursive: true });
        await ready;
        await writeFileAtomic(join(dir, `${key}.json`), JSON.stringify({ format: FORMAT, key, stamp, payload, check: checksum(payload) }));
      } catch {
        // A cache that cannot be written (a read-only checkout) only costs speed.
      }
    },
    async prune() {
      try {
        for (const name of await readdir(dir)) {
          const key = name.replace(/\.json$/, '');
          // Only finished entries: another run's temporary file is its own to rename or remove.
          if (!used.has(key) && /^[0-9a-f]{64}\.json$/.test(name)) await rm(join(dir, name), { force: true });
        }
      } catch {
        // Nothing to prune.
      }
    },
  };
}

function checksum(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload) ?? '').digest('hex');
}

function isCachedFile(value: unknown): value is CachedFile {
  const v = value as Partial<CachedFile> | null;
  return (
    v !== null &&
    typeof v === 'object' &&
    'value' in v &&
    Array.isArray(v.diagnostics) &&
    Array.isArray(v.invalidItems) &&
    typeof v.fileInvalid === 'boolean' &&
    v.positions !== null &&
    typeof v.positions === 'object'
  );
}
