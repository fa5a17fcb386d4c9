import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { FileKind } from '../load/layout.js';
import type { ProcessedFile } from '../load/process-file.js';
import { removeAbandoned, temporaryFor } from '../load/write-atomic.js';
import { sha256 } from '../model/hash.js';
import { entryText, PackWriter, readPack, type Pack, type Signer } from './cache-pack.js';

/** What the cache keeps: each kind of entry in packs of its own, read only by a run that needs that kind. */
export type Family = 'parse' | 'kept' | 'results';
/** Kinds of content found by their own SHA-256: kept results, named in the run manifest. */
export type ContentFamily = Exclude<Family, 'parse'>;

export interface FileCache {
  /** A file's parse and schema result, by its kind and the SHA-256 of its text. */
  get(kind: FileKind, hash: string): ProcessedFile | undefined;
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
  /** Written by `finish`, after the packs: a blob may name their content, never content not there yet. */
  setBlob(name: string, text: string): void;
  /**
   * Writes this run's new entries, one pack per family, and removes what this
   * run did not use, so the cache does not grow without end: parse entries
   * always; content and blobs only with `blobs`, since only a full verify
   * knows which of them are still wanted.
   */
  finish(options?: { blobs?: boolean }): Promise<void>;
  /** Drops what this run would have written: for a run that stopped before it could finish. */
  abandon(): void;
}

export const CACHE_DIR = '.factcheck-cache';
const FORMAT = 3;
export const CACHE_FOLDER = `${CACHE_DIR}/v${FORMAT}`;
/** Far above any entry a project file within the size cap produces; a bigger file is not read. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
/** More packs than this in a family, or more unused bytes than used ones, and its packs are merged into one. */
const MAX_PACKS = 8;
const FAMILIES: readonly Family[] = ['parse', 'kept', 'results'];
const PACK_NAME = /^(parse|kept|results)-[0-9a-f]{16}\.pack$/;

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
  const keyOf = (kind: string, hash: string) => sha256(`${kind}\0${hash}`);
  // Blobs are named apart from packs, so a prune that keeps blobs can tell them apart.
  const blobKey = (name: string) => `blob-${keyOf('blob', name)}`;
  const signer: Signer = (context) => createHmac('sha256', secret).update(`${FORMAT}\n${context}\n${stamp}\n`);
  const macOf = (key: string, payload: string) => signer(key).update(payload).digest();

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
  const pendingBlobs = new Map<string, string>();

  const load = (family: Family): Map<string, Pack> => {
    let index = found.get(family);
    if (index) return index;
    const loaded: Pack[] = [];
    const refused: string[] = [];
    index = new Map();
    for (const name of listed()) {
      if (!PACK_NAME.test(name) || !name.startsWith(`${family}-`)) continue;
      const pack = readPack(join(dir, name), name, family, signer);
      if (!pack) {
        refused.push(name);
        continue;
      }
      loaded.push(pack);
      for (const key of pack.entries.keys()) if (!index.has(key)) index.set(key, pack);
    }
    packs.set(family, loaded);
    rejected.set(family, refused);
    found.set(family, index);
    return index;
  };
  const readEntry = (family: Family, key: string): string | undefined => {
    used.get(family)!.add(key);
    const pack = load(family).get(key);
    return pack ? entryText(pack, key) : undefined;
  };
  const writeEntry = (family: Family, key: string, text: string) => {
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

  const readBlob = (key: string): string | undefined => {
    usedBlobs.add(key);
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
  const writeBlob = (key: string, payload: string) => {
    usedBlobs.add(key);
    const path = join(dir, `${key}.json`);
    const temporary = temporaryFor(path);
    try {
      makeDir();
      writeFileSync(temporary, `${macOf(key, payload).toString('hex')}\n${payload}`, { flag: 'wx' });
      renameSync(temporary, path);
    } catch {
      // A cache that cannot be written (a read-only checkout) only costs speed.
      rmSync(temporary, { force: true });
    }
  };

  /**
   * Merges a family's packs into one when there are too many or most of their
   * bytes are unused; drops packs nothing uses. This run's own pack is read
   * back, and checked like any other, only to be merged.
   */
  const prune = (family: Family, fresh: { name: string; entries: Pack['entries'] } | undefined) => {
    for (const name of rejected.get(family) ?? []) remove(name);
    const older = packs.get(family) ?? [];
    const all = [...(fresh ? [fresh] : []), ...older];
    const wanted = used.get(family)!;
    let live = 0;
    let total = 0;
    const seen = new Set<string>();
    for (const pack of all) {
      for (const [key, { start, end }] of pack.entries) {
        total += end - start;
        if (wanted.has(key) && !seen.has(key)) {
          seen.add(key);
          live += end - start;
        }
      }
    }
    if (all.length > MAX_PACKS || total - live > live) {
      const writer = new PackWriter(join(dir, packName(family)), family, signer);
      // This run's entries first: where an older pack holds a broken copy of one, the new one wins.
      const sources = [...(fresh ? [readPack(join(dir, fresh.name), fresh.name, family, signer)] : []), ...older];
      for (const pack of sources) if (pack) for (const [key, { start, end }] of pack.entries) if (wanted.has(key)) writer.add(key, pack.bytes.subarray(start, end));
      // Only a merged pack in place may replace the packs it holds.
      writer.finish();
      if (writer.failed) return;
      for (const pack of all) remove(pack.name);
      return;
    }
    for (const pack of all) if (![...pack.entries.keys()].some((key) => wanted.has(key))) remove(pack.name);
  };
  /** Removes a file of the cache folder, if it is a regular file; clearing up never fails a run, whatever the folder holds. */
  const remove = (name: string) => {
    try {
      if (lstatSync(join(dir, name), { throwIfNoEntry: false })?.isFile()) rmSync(join(dir, name), { force: true });
    } catch {
      // a folder this run may read but not write, or a file gone already
    }
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
    set(kind, hash, payload) {
      writeEntry('parse', keyOf(kind, hash), payload);
    },
    getContent(family, hash) {
      return readEntry(family, hash);
    },
    putContent(family, text) {
      const hash = sha256(text);
      writeEntry(family, hash, text);
      return hash;
    },
    keepContent(family, hash) {
      used.get(family)!.add(hash);
    },
    getBlob(name) {
      return readBlob(blobKey(name));
    },
    setBlob(name, text) {
      usedBlobs.add(blobKey(name));
      pendingBlobs.set(blobKey(name), text);
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
      if (complete) for (const [key, text] of pendingBlobs) writeBlob(key, text);
      pendingBlobs.clear();
      await removeAbandoned(dir);
      // Content nobody read may still be wanted by a later run: only a full verify knows, and it reads every family it prunes.
      for (const family of FAMILIES) {
        if (family !== 'parse' && !options.blobs) continue;
        if (family === 'parse' && !found.has(family)) continue;
        load(family);
        prune(family, fresh.get(family));
      }
      if (!options.blobs) return;
      for (const name of listed()) {
        // Only finished blobs: another run's temporary file is its own to rename or remove.
        const key = name.replace(/\.json$/, '');
        if (/^blob-[0-9a-f]{64}\.json$/.test(name) && !usedBlobs.has(key)) remove(name);
      }
    },
    abandon() {
      for (const writer of writers.values()) writer.abandon();
      writers.clear();
      pendingBlobs.clear();
    },
  };
  return { cache, diagnostics: [] };
}

/** A new pack's name: random, so that runs at once never write the same file. */
function packName(family: Family): string {
  return `${family}-${randomBytes(8).toString('hex')}.pack`;
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
