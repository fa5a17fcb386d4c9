import { kindOf, LIMITS } from '../load/layout.js';
import type { ProjectListing } from '../load/list-files.js';
import type { Stats } from 'node:fs';
import { decodeText, projectFileStats, readProjectBytes, statsMatch, type FileStamp, type KnownFiles } from '../load/read-files.js';
import { sha256 } from '../model/hash.js';
import { hashesOf, RACY_MS, stampAt, stampNumbers, type RunManifest } from './run-manifest.js';

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
): Promise<{ all: boolean; allInputs: boolean; unchanged: KnownFiles; stamps: () => Float64Array; renewable: boolean }> {
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
  const { paths, stamps } = manifest;
  // Each input's stamp now, by its place: the kept one (true) when its stats prove it unchanged.
  const proved: (FileStamp | true | undefined)[] = new Array(paths.length);
  for (let i = 0; i < paths.length; i++) {
    // Synchronous when the stats tell, with nothing made: this loop is most of a run with nothing changed.
    const info = statsOf(paths[i]!);
    if (info && provedByStats(info, stamps, i * 4, trustedBefore)) {
      proved[i] = true;
      continue;
    }
    const hash = info && hashesOf(manifest)?.[i];
    const now = hash === undefined ? undefined : await sameContent(root, paths[i]!, hash);
    if (!now) {
      all = allInputs = false;
      continue;
    }
    proved[i] = now;
    if (Number(now.mtimeNs) < trustedNext && Number(now.ctimeNs) < trustedNext) renewable = true;
  }
  // Made when asked: a run with nothing changed and no stamp to renew asks for none of it, nor for
  // the hashes. Without the hashes, no file is known: each is read again. Each file's entry is made
  // when it is asked for: a partial run asks for a few hundred of 11,000.
  let unchanged: KnownFiles | undefined;
  const made = (): KnownFiles => {
    const kept = hashesOf(manifest);
    const places = new Map(kept ? paths.map((path, i) => [path, i]) : []);
    const placeOf = (path: string) => {
      const i = places.get(path);
      return i !== undefined && proved[i] ? i : undefined;
    };
    return (unchanged = {
      has: (path) => placeOf(path) !== undefined,
      get(path) {
        const i = placeOf(path);
        if (i === undefined) return undefined;
        const now = proved[i]!;
        return { hash: kept![i]!, stamp: now === true ? stampAt(manifest, i) : now };
      },
    });
  };
  return {
    all,
    allInputs,
    renewable,
    // Each input's stamp now, by its place, without the hashes: what a manifest written again records
    // (only when every input is unchanged; one that is not keeps its kept stamp here).
    stamps: () => {
      const now = stamps.slice();
      proved.forEach((stamp, i) => stamp && stamp !== true && now.set(stampNumbers([stamp]), i * 4));
      return now;
    },
    get unchanged() {
      return unchanged ?? made();
    },
  };
}

/**
 * Whether a file's stats prove it is as its kept stamp (four numbers from
 * `at`, as statsMatch takes them): the same, and older than `trustedBefore`
 * (ns). Else only its content can tell (sameContent).
 */
export function provedByStats(info: Stats, kept: ArrayLike<number>, at: number, trustedBefore: number): boolean {
  return statsMatch(info, kept, at) && kept[at + 2]! < trustedBefore && kept[at + 3]! < trustedBefore;
}

/** A file's stamp now, if its content is as kept: hashed as a load hashes it (YAML as its decoded text, snapshots as bytes). */
export async function sameContent(root: string, path: string, hash: string): Promise<FileStamp | undefined> {
  const read = await readProjectBytes(root, path, LIMITS.maxSnapshotBytes);
  if (!('bytes' in read)) return undefined;
  let nowHash: string | undefined;
  if (kindOf(path)) {
    const text = decodeText(read.bytes, { file: path, line: 1, col: 1 });
    if ('text' in text) nowHash = sha256(text.text);
  } else nowHash = sha256(read.bytes);
  return nowHash === hash ? read.stamp : undefined;
}

/** Stamps before `ms` (ms since the epoch, less the racy margin), in nanoseconds: what provedByStats trusts. */
export function trustedStamps(ms: number): number {
  // Floored: a program's clock may give fractions of a millisecond. Near 2^60, a double is within
  // 256 ns of it, which no margin of seconds minds.
  return (Math.floor(ms) - RACY_MS) * 1_000_000;
}
