import { kindOf, LIMITS } from '../load/layout.js';
import type { ProjectListing } from '../load/list-files.js';
import type { Stats } from 'node:fs';
import { decodeText, projectFileStats, readProjectBytes, statsMatch, type FileStamp } from '../load/read-files.js';
import { sha256 } from '../model/hash.js';
import { entryStamp, inputsOf, RACY_MS, type RunManifest } from './run-manifest.js';

/**
 * The manifest run's inputs that are as they were, with their hash and stamp;
 * whether that is every input (`allInputs`), and whether it is, with no YAML
 * file added or removed either (`all`).
 * `renewable`: some were proved unchanged by their content (their stamps new,
 * or too recent to trust), and a manifest written at `started` would trust the
 * stamp of at least one of them: worth writing again. A file dated in the
 * future, or touched a moment ago, is never trusted, so it renews nothing.
 */
export async function unchangedSince(
  root: string,
  manifest: RunManifest,
  listing: ProjectListing,
  started: number,
): Promise<{ all: boolean; allInputs: boolean; unchanged: Map<string, { hash: string; stamp: FileStamp }>; stamps: () => (FileStamp | undefined)[]; renewable: boolean }> {
  const listed = listing.paths.map((p) => p.path);
  let all =
    !listing.diagnostics.length &&
    !manifest.missing.length &&
    listed.length === manifest.listed.length &&
    listed.every((p, i) => p === manifest.listed[i]);
  let renewable = false;
  let allInputs = true;
  const trustedBefore = trustedStamps(manifest.written);
  const trustedNext = trustedStamps(started);
  const statsOf = projectFileStats(root);
  // Each input's stamp now, by its place: the kept one (true) when its stats prove it unchanged.
  const proved: (FileStamp | true | undefined)[] = new Array(manifest.inputs.length);
  const hashOf = (i: number) => inputsOf(manifest)?.[i]?.[1];
  for (let i = 0; i < manifest.inputs.length; i++) {
    const [path, ...stamp] = manifest.inputs[i]!;
    const check = stillAsKept(root, statsOf, path, stamp, () => hashOf(i), trustedBefore);
    const now = check instanceof Promise ? await check : check;
    if (!now) {
      all = allInputs = false;
      continue;
    }
    proved[i] = now.byContent ? now.stamp : true;
    if (now.byContent && before(now.stamp.mtimeNs, trustedNext) && before(now.stamp.ctimeNs, trustedNext)) renewable = true;
  }
  // Made when asked: a run with nothing changed and no stamp to renew asks for none of it, nor for
  // the hashes. Without the hashes, no file is known: each is read again.
  let unchanged: Map<string, { hash: string; stamp: FileStamp }> | undefined;
  const made = () => {
    unchanged = new Map();
    const kept = inputsOf(manifest);
    if (kept) proved.forEach((now, i) => now && unchanged!.set(kept[i]![0], { hash: kept[i]![1], stamp: now === true ? entryStamp(manifest.inputs[i]!) : now }));
    return unchanged;
  };
  return {
    all,
    allInputs,
    renewable,
    // Each input's stamp now, by its place, without the hashes: what a manifest written again records.
    stamps: () => proved.map((now, i) => (now === true ? entryStamp(manifest.inputs[i]!) : now)),
    get unchanged() {
      return unchanged ?? made();
    },
  };
}

/**
 * A file's stamp now, if it is as its kept stamp: by its stats, when they are
 * the kept stamp's and older than `trustedBefore` (ns); else by its content,
 * hashed as a load hashes it (YAML as its decoded text, snapshots as bytes),
 * against the kept hash, asked for only then. Synchronous when the stats
 * tell: 11,000 awaits cost a warm run a tenth.
 */
export function stillAsKept(
  root: string,
  statsOf: (path: string) => Stats | undefined,
  path: string,
  [size, ino, mtimeNs, ctimeNs]: [size: number, ino: string, mtimeNs: string, ctimeNs: string],
  hashOf: () => string | undefined,
  trustedBefore: string,
): { stamp: FileStamp; byContent: false } | Promise<{ stamp: FileStamp; byContent: boolean } | undefined> | undefined {
  const info = statsOf(path);
  if (info === undefined) return undefined;
  const kept = { size, ino, mtimeNs, ctimeNs };
  // The same stats as the kept stamp, which is kept as it is: no stamp is made to compare.
  if (statsMatch(info, kept) && before(mtimeNs, trustedBefore) && before(ctimeNs, trustedBefore)) return { stamp: kept, byContent: false };
  const hash = hashOf();
  return hash === undefined ? undefined : sameContent(root, path, hash);
}

async function sameContent(root: string, path: string, hash: string): Promise<{ stamp: FileStamp; byContent: true } | undefined> {
  const read = await readProjectBytes(root, path, LIMITS.maxSnapshotBytes);
  if (!('bytes' in read)) return undefined;
  let nowHash: string | undefined;
  if (kindOf(path)) {
    const text = decodeText(read.bytes, { file: path, line: 1, col: 1 });
    if ('text' in text) nowHash = sha256(text.text);
  } else nowHash = sha256(read.bytes);
  return nowHash === hash ? { stamp: read.stamp, byContent: true } : undefined;
}

/** Stamps before `ms` (ms since the epoch, less the racy margin), as a stamp's nanoseconds: what stillAsKept trusts. */
export function trustedStamps(ms: number): string {
  // Floored: a program's clock may give fractions of a millisecond, and a BigInt takes none.
  return String(BigInt(Math.floor(ms) - RACY_MS) * 1_000_000n);
}

/** a < b for integers in decimal (stamps' times, String(bigint)), b not negative: no BigInt for each of 11,000 files. */
function before(a: string, b: string): boolean {
  if (a.startsWith('-')) return true;
  return a.length !== b.length ? a.length < b.length : a < b;
}
