import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
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
const FORMAT = 2;
export const CACHE_FOLDER = `${CACHE_DIR}/v${FORMAT}`;
/** Far above any entry a project file within the size cap produces; a bigger file is not read. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/**
 * A content-hash cache on disk: an unchanged file is not parsed again. Entries
 * are keyed by the file's kind and bytes, stamped with what made them (tool
 * version, code and schemas), and signed with a key kept outside the project,
 * so an entry that a pull request slips into the project is never trusted. An
 * entry that is corrupt, stale or unsigned is ignored and rewritten. Writes are
 * atomic, so two runs at once at worst both write the same entry.
 *
 * The cache folder must be a real folder in the project: a link is refused,
 * since writing and pruning through it would touch files elsewhere.
 */
export async function openFileCache(
  root: string,
  stamp: string,
  secret: Buffer,
): Promise<{ cache?: FileCache; diagnostics: Diagnostic[] }> {
  for (const path of [CACHE_DIR, CACHE_FOLDER]) {
    const info = await lstat(join(root, path)).catch(() => undefined);
    if (info && !info.isDirectory()) {
      const found = info.isSymbolicLink() ? 'a symbolic link' : 'something that is not a folder';
      const message = `cache not used: expected ${path} to be a folder, found ${found}; remove it to use the cache again`;
      return { diagnostics: [diagnostic('cache/refused', { file: path, line: 1, col: 1 }, message, 'warning')] };
    }
  }
  const dir = join(root, CACHE_FOLDER);
  const used = new Set<string>();
  let ready: Promise<unknown> | undefined;
  const keyOf = (kind: FileKind, text: string) => createHash('sha256').update(`${kind}\0${text}`).digest('hex');
  const macOf = (key: string, payload: string) => createHmac('sha256', secret).update(`${FORMAT}\n${key}\n${stamp}\n`).update(payload).digest();

  const cache: FileCache = {
    async get(kind, text) {
      const key = keyOf(kind, text);
      used.add(key);
      const path = join(dir, `${key}.json`);
      try {
        // A regular file of sane size only: never a FIFO or device that would hang the read.
        const info = await lstat(path);
        if (!info.isFile() || info.size > MAX_ENTRY_BYTES) return undefined;
        const raw = await readFile(path, 'utf8');
        const newline = raw.indexOf('\n');
        if (newline === -1) return undefined;
        const mac = Buffer.from(raw.slice(0, newline), 'hex');
        const payload = raw.slice(newline + 1);
        const expected = macOf(key, payload);
        if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
        const entry: unknown = JSON.parse(payload);
        return isCachedFile(entry) ? entry : undefined;
      } catch {
        return undefined;
      }
    },
    async set(kind, text, entry) {
      const key = keyOf(kind, text);
      used.add(key);
      try {
        ready ??= mkdir(dir, { recursive: true });
        await ready;
        const payload = JSON.stringify(entry);
        await writeFileAtomic(join(dir, `${key}.json`), `${macOf(key, payload).toString('hex')}\n${payload}`);
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
  return { cache, diagnostics: [] };
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
