import { kindOf, LIMITS } from '../load/layout.js';
import type { ProjectListing } from '../load/list-files.js';
import { decodeText, projectFileStamper, readProjectBytes, type FileStamp } from '../load/read-files.js';
import { sha256 } from '../model/hash.js';
import { RACY_MS, type RunManifest } from './run-manifest.js';

/**
 * The manifest run's inputs that are as they were, with their hash and stamp,
 * and whether that is all of them, with no YAML file added or removed.
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
): Promise<{ all: boolean; unchanged: Map<string, { hash: string; stamp: FileStamp }>; renewable: boolean }> {
  const unchanged = new Map<string, { hash: string; stamp: FileStamp }>();
  const listed = listing.paths.map((p) => p.path);
  let all =
    !listing.diagnostics.length &&
    !manifest.missing.length &&
    listed.length === manifest.listed.length &&
    listed.every((p, i) => p === manifest.listed[i]);
  let renewable = false;
  // Floored: a program's clock may give fractions of a millisecond, and a BigInt takes none.
  const trustedBefore = String(BigInt(Math.floor(manifest.written) - RACY_MS) * 1_000_000n);
  const trustedNext = String(BigInt(Math.floor(started) - RACY_MS) * 1_000_000n);
  const stampOf = projectFileStamper(root);
  for (const [path, hash, size, ino, mtimeNs, ctimeNs] of manifest.inputs) {
    const now = stampOf(path);
    const same = now !== undefined && now.size === size && now.ino === ino && now.mtimeNs === mtimeNs && now.ctimeNs === ctimeNs;
    if (same && before(now.mtimeNs, trustedBefore) && before(now.ctimeNs, trustedBefore)) {
      unchanged.set(path, { hash, stamp: now });
      continue;
    }
    // A changed stamp, or one too recent to prove anything: compare the content, hashed as a load
    // hashes it (YAML as its decoded text, snapshots as bytes).
    const read = now ? await readProjectBytes(root, path, LIMITS.maxSnapshotBytes) : undefined;
    let nowHash: string | undefined;
    if (read && 'bytes' in read) {
      if (kindOf(path)) {
        const text = decodeText(read.bytes, { file: path, line: 1, col: 1 });
        if ('text' in text) nowHash = sha256(text.text);
      } else nowHash = sha256(read.bytes);
    }
    if (read && 'bytes' in read && nowHash === hash) {
      unchanged.set(path, { hash, stamp: read.stamp });
      if (before(read.stamp.mtimeNs, trustedNext) && before(read.stamp.ctimeNs, trustedNext)) renewable = true;
    } else all = false;
  }
  return { all, unchanged, renewable };
}

/** a < b for integers in decimal (stamps' times, String(bigint)), b not negative: no BigInt for each of 11,000 files. */
function before(a: string, b: string): boolean {
  if (a.startsWith('-')) return true;
  return a.length !== b.length ? a.length < b.length : a < b;
}
