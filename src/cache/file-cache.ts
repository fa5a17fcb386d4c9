import { createHmac } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { FileKind } from '../load/layout.js';
import { isProcessedFile, type ProcessedFile } from '../load/processed-file.js';
import { removeAbandoned } from '../load/write-atomic.js';
import { sha256 } from '../model/hash.js';
import { readBlob, writeBlob } from './signed-blob.js';
import { readRangedBlob, writeRangedBlob, type RangedBlob } from './ranged-blob.js';
import { entryText, readFamily, readPack, readPackHeader, type Pack, type Signer } from './cache-pack.js';
import { PackWriter } from './pack-writer.js';
import { packName, prunePacks, removeFile } from './prune-packs.js';

/** What the cache keeps: each kind of entry in packs of its own, read only by a run that needs that kind. */
export type Family = 'parse' | 'kept' | 'results';
/** Kinds of content found by their own SHA-256: kept results, named in the run manifest. */
export type ContentFamily = Exclude<Family, 'parse'>;

export interface FileCache {
  /** A file's parse and schema result, by its kind and the SHA-256 of its text. */
  get(kind: FileKind, hash: string): ProcessedFile | undefined;
  /** Whether a pack holds an entry for it, not yet read: get may still find it unusable. */
  has(kind: FileKind, hash: string): boolean;
  /** Stores a file's result, given as JSON (processedJson). */
  set(kind: FileKind, hash: string, json: string): void;
  /** Content stored by `putContent`, by the SHA-256 it returned. */
  getContent(family: ContentFamily, hash: string): string | undefined;
  /** Stores content to be found by its SHA-256, which it returns. */
  putContent(family: ContentFamily, text: string): string;
  /** Keeps stored content through `finish` without reading it (content a later run may read). */
  keepContent(family: ContentFamily, hash: string): void;
  /** Named data kept between runs (the last run's manifest), signed like every entry. */
  getBlob(name: string): string | undefined;
  getBlobBytes(name: string): Buffer | undefined; // the same, undecoded
  /** Marks a blob as wanted, unread: a full run's `finish` removes the blobs it neither read, wrote nor kept. */
  keepBlob(name: string): void;
  /** Written by `finish`, after the packs: a blob may name their content, never content not there yet. Given as text, or as its bytes in parts. */
  setBlob(name: string, payload: string | readonly Uint8Array[]): void;
  /** A blob read in parts (ranged-blob.ts): its head, and each part checked when asked. */
  getRangedBlob(name: string): RangedBlob | undefined;
  /** Written by `finish`, as setBlob's are: a head, and parts each read apart. */
  setRangedBlob(name: string, head: string, parts: readonly string[]): void;
  /**
   * Writes this run's new entries, one pack per family, and removes what this
   * run did not use, so the cache does not grow without end: parse entries
   * always; content and blobs only with `blobs`, since only a full verify
   * knows which of them are still wanted. `prune: false` removes nothing: a
   * run that read a few files' parses must not drop the rest.
   */
  finish(options?: { blobs?: boolean; prune?: boolean }): Promise<void>;
  /** Drops what this run would have written: for a run that stopped before it could finish. */
  abandon(): void;
}

export const CACHE_DIR = '.factcheck-cache';
const FORMAT = 3;
export const CACHE_FOLDER = `${CACHE_DIR}/v${FORMAT}`;
const FAMILIES: readonly Family[] = ['parse', 'kept', 'results'];

/**
 * A content-hash cache on disk: an unchanged file is not parsed again. Entries
 * are keyed by the file's kind and bytes, stamped with what made them (tool
 * version, code and schemas), and signed with a key kept outside the project,
 * so an entry that a pull request slips into the project is never trusted. A
 * pack that is corrupt, stale or unsigned is ignored and its entries made
 * again. Writes are atomic, so two runs at once at worst both write the same
 * entries, each in its own pack.
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
  // Remembered: a load asks has, then get, for each of thousands of files.
  const keys = new Map<string, string>();
  const keyOf = (kind: string, hash: string) => {
    const name = `${kind}\0${hash}`;
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = sha256(name)));
    return key;
  };
  // Blobs are named apart from packs, so a prune that keeps blobs can tell them apart.
  const blobKey = (name: string) => `blob-${keyOf('blob', name)}`;
  const signer: Signer = (context) => createHmac('sha256', secret).update(`${FORMAT}\n${context}\n${stamp}\n`);
  const macOf = (key: string, ...parts: readonly Uint8Array[]) => {
    const mac = signer(key);
    for (const part of parts) mac.update(part);
    return mac.digest();
  };

  let ready = false;
  const makeDir = () => {
    if (!ready) mkdirSync(dir, { recursive: true });
    ready = true;
  };
  let listing: string[] | undefined;
  const listed = () => {
    try {
      listing ??= readdirSync(dir);
    } catch {
      listing = [];
    }
    return listing;
  };

  // Each family's packs, read on first use; the entries this run used; the pack this run writes.
  const packs = new Map<Family, Pack[]>();
  // Packs that failed their check (corrupt, from another build or key): removed when their family is pruned.
  const rejected = new Map<Family, string[]>();
  const found = new Map<Family, Map<string, Pack>>();
  const used = new Map<Family, Set<string>>(FAMILIES.map((f) => [f, new Set()]));
  const writers = new Map<Family, PackWriter>();
  // Entries found but unusable: written again, and the new one wins a merge.
  const broken = new Set<string>();
  const usedBlobs = new Set<string>();
  const pendingBlobs = new Map<string, { plain: string | readonly Uint8Array[] } | { head: string; parts: readonly string[] }>();

  const load = (family: Family): Map<string, Pack> => {
    let index = found.get(family);
    if (index) return index;
    const read = readFamily(listed(), family, (name) => readPack(join(dir, name), name, family, signer));
    index = new Map();
    for (const pack of read.packs) for (const key of pack.entries.keys()) if (!index.has(key)) index.set(key, pack);
    packs.set(family, read.packs);
    rejected.set(family, read.refused);
    found.set(family, index);
    return index;
  };
  const readEntry = (family: Family, key: string): string | undefined => {
    used.get(family)!.add(key);
    if (!load(family).has(key)) return undefined;
    // The first whole copy: one unreadable, or not as its header pins it, is passed over for a copy
    // the run that found it broken wrote; with none, it is written again, and the new one wins a merge.
    for (const pack of packs.get(family)!) {
      const text = pack.entries.has(key) ? entryText(pack, key) : undefined;
      if (text !== undefined) return text;
    }
    broken.add(key);
    return undefined;
  };
  // After abandon nothing more is written: a parse still coming in must not start a pack no one finishes.
  let abandoned = false;
  const writeEntry = (family: Family, key: string, text: string | Uint8Array) => {
    if (abandoned) return;
    used.get(family)!.add(key);
    if (load(family).has(key) && !broken.has(key)) return;
    let writer = writers.get(family);
    if (!writer) {
      try {
        makeDir();
      } catch {
        return; // a cache that cannot be written (a read-only checkout) only costs speed
      }
      writers.set(family, (writer = new PackWriter(join(dir, packName(family)), family, signer)));
    }
    writer.add(key, text);
  };

  const cache: FileCache = {
    get(kind, hash) {
      const payload = readEntry('parse', keyOf(kind, hash));
      if (payload === undefined) return undefined;
      try {
        const entry: unknown = JSON.parse(payload);
        if (isProcessedFile(entry)) return entry;
      } catch {
        // as below
      }
      broken.add(keyOf(kind, hash));
      return undefined;
    },
    has(kind, hash) {
      const key = keyOf(kind, hash);
      return load('parse').has(key) && !broken.has(key);
    },
    set(kind, hash, payload) {
      writeEntry('parse', keyOf(kind, hash), payload);
    },
    getContent(family, hash) {
      return readEntry(family, hash);
    },
    putContent(family, text) {
      // Encoded once, for both the hash and the pack: a large run's kept results are 145 MB.
      const bytes = Buffer.from(text, 'utf8');
      const hash = sha256(bytes);
      writeEntry(family, hash, bytes);
      return hash;
    },
    keepContent(family, hash) {
      used.get(family)!.add(hash);
    },
    getBlob: (name) => cache.getBlobBytes(name)?.toString('utf8'),
    getBlobBytes(name) {
      usedBlobs.add(blobKey(name));
      return readBlob(dir, blobKey(name), macOf);
    },
    keepBlob: (name) => void usedBlobs.add(blobKey(name)),
    setBlob(name, payload) {
      if (abandoned) return;
      usedBlobs.add(blobKey(name));
      pendingBlobs.set(blobKey(name), { plain: payload });
    },
    getRangedBlob(name) {
      usedBlobs.add(blobKey(name));
      return readRangedBlob(dir, blobKey(name), macOf);
    },
    setRangedBlob(name, head, parts) {
      if (abandoned) return;
      usedBlobs.add(blobKey(name));
      pendingBlobs.set(blobKey(name), { head, parts });
    },
    async finish(options = {}) {
      const fresh = new Map<Family, { name: string; entries: Pack['entries'] }>();
      let complete = true;
      for (const [family, writer] of writers) {
        const entries = writer.finish();
        if (entries) fresh.set(family, { name: writer.name, entries });
        if (writer.failed) complete = false;
      }
      writers.clear();
      // A blob may name content in the packs: none is written that could name what a failed pack lost.
      if (complete && pendingBlobs.size) {
        try {
          makeDir();
          for (const [key, payload] of pendingBlobs) {
            if ('plain' in payload) writeBlob(dir, key, payload.plain, macOf);
            else writeRangedBlob(dir, key, Buffer.from(payload.head, 'utf8'), payload.parts.map((part) => Buffer.from(part, 'utf8')), macOf);
          }
        } catch {
          // a cache that cannot be written only costs speed
        }
      }
      pendingBlobs.clear();
      await removeAbandoned(dir);
      if (options.prune === false) return;
      // Content nobody read may still be wanted by a later run: only a full verify knows, and it reads every family it prunes.
      for (const family of FAMILIES) {
        if (family !== 'parse' && !options.blobs) continue;
        if (family === 'parse' && !found.has(family)) continue;
        // A family this run read nothing of is pruned from its packs' headers: reading and checking
        // ten megabytes of results a table run never needed cost a tenth of an incremental run.
        const older = found.has(family)
          ? { packs: packs.get(family) ?? [], refused: rejected.get(family) ?? [] }
          : readFamily(listed(), family, (name) => readPackHeader(join(dir, name), name));
        prunePacks({ dir, family, signer, older: older.packs, fresh: fresh.get(family), rejected: older.refused, wanted: used.get(family)! });
      }
      if (!options.blobs) return;
      for (const name of listed()) {
        // Only finished blobs: another run's temporary file is its own to rename or remove.
        const key = name.replace(/\.json$/, '');
        if (/^blob-[0-9a-f]{64}\.json$/.test(name) && !usedBlobs.has(key)) removeFile(dir, name);
      }
    },
    abandon() {
      abandoned = true;
      for (const writer of writers.values()) writer.abandon();
      writers.clear();
      pendingBlobs.clear();
    },
  };
  return { cache, diagnostics: [] };
}
