import { createHmac, timingSafeEqual } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { FileKind } from '../load/layout.js';
import type { ProcessedFile } from '../load/process-file.js';
import { removeAbandoned, temporaryFor } from '../load/write-atomic.js';
import { sha256 } from '../model/hash.js';

export interface FileCache {
  /** A file's parse and schema result, by its kind and the SHA-256 of its text. */
  get(kind: FileKind, hash: string): Promise<ProcessedFile | undefined>;
  /** Stores a file's result, given as JSON (processedJson). */
  set(kind: FileKind, hash: string, json: string): Promise<void>;
  /** Named data kept between runs (results, the last run's inputs), signed like every entry. */
  getBlob(name: string): string | undefined;
  setBlob(name: string, text: string): Promise<void>;
  /** Keeps a blob through prune without reading it (one that may be read later, or by a later run). */
  keepBlob(name: string): void;
  /**
   * Removes parse entries this run did not use, so the cache does not grow
   * without end; with `blobs`, unused blobs too. Only a full verify knows
   * which blobs are still wanted: other commands keep them all.
   */
  prune(options?: { blobs?: boolean }): Promise<void>;
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
  const keyOf = (kind: string, hash: string) => sha256(`${kind}\0${hash}`);
  // Blobs are named apart from parse entries, so a prune that keeps blobs can tell them apart.
  const blobKey = (name: string) => `blob-${keyOf('blob', name)}`;
  const macOf = (key: string, payload: string) => createHmac('sha256', secret).update(`${FORMAT}\n${key}\n${stamp}\n`).update(payload).digest();

  const read = (key: string): string | undefined => {
    used.add(key);
    const path = join(dir, `${key}.json`);
    try {
      // A regular file of sane size only: never a FIFO or device that would hang the read.
      const info = lstatSync(path, { throwIfNoEntry: false });
      if (!info?.isFile() || info.size > MAX_ENTRY_BYTES) return undefined;
      const raw = readFileSync(path, 'utf8');
      const newline = raw.indexOf('\n');
      if (newline === -1) return undefined;
      const mac = Buffer.from(raw.slice(0, newline), 'hex');
      const payload = raw.slice(newline + 1);
      const expected = macOf(key, payload);
      return mac.length === expected.length && timingSafeEqual(mac, expected) ? payload : undefined;
    } catch {
      return undefined;
    }
  };
  let ready = false;
  const write = async (key: string, payload: string) => {
    used.add(key);
    // Synchronous: thousands of small writes cost less CPU this way than through promises, and
    // they happen while worker threads parse, when this thread would only wait.
    const path = join(dir, `${key}.json`);
    const temporary = temporaryFor(path);
    try {
      if (!ready) mkdirSync(dir, { recursive: true });
      ready = true;
      // A torn entry after a power cut fails its check, so no fsync: atomic rename is enough.
      writeFileSync(temporary, `${macOf(key, payload).toString('hex')}\n${payload}`, { flag: 'wx' });
      renameSync(temporary, path);
    } catch {
      // A cache that cannot be written (a read-only checkout) only costs speed.
      rmSync(temporary, { force: true });
    }
  };

  const cache: FileCache = {
    async get(kind, hash) {
      const payload = read(keyOf(kind, hash));
      if (payload === undefined) return undefined;
      try {
        const entry: unknown = JSON.parse(payload);
        return isProcessedFile(entry) ? entry : undefined;
      } catch {
        return undefined;
      }
    },
    async set(kind, hash, payload) {
      await write(keyOf(kind, hash), payload);
    },
    getBlob(name) {
      return read(blobKey(name));
    },
    async setBlob(name, text) {
      await write(blobKey(name), text);
    },
    keepBlob(name) {
      used.add(blobKey(name));
    },
    async prune(options = {}) {
      await removeAbandoned(dir);
      const prunable = options.blobs ? /^(blob-)?[0-9a-f]{64}\.json$/ : /^[0-9a-f]{64}\.json$/;
      try {
        for (const name of await readdir(dir)) {
          const key = name.replace(/\.json$/, '');
          // Only finished entries: another run's temporary file is its own to rename or remove.
          if (!used.has(key) && prunable.test(name)) await rm(join(dir, name), { force: true });
        }
      } catch {
        // Nothing to prune.
      }
    },
  };
  return { cache, diagnostics: [] };
}

function isProcessedFile(value: unknown): value is ProcessedFile {
  const v = value as Partial<ProcessedFile> | null;
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
