import { randomBytes } from 'node:crypto';
import { lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readPack, type Pack, type PackHeader, type Signer } from './cache-pack.js';
import { PackWriter } from './pack-writer.js';

/** More packs than this in a family, or more unused bytes than used ones, and its packs are merged into one. */
export const MAX_PACKS = 8;

/** A family's packs as a run ends: those it read, the one it wrote, those that failed their check, and the keys it used. */
export interface FamilyPacks {
  dir: string;
  family: string;
  signer: Signer;
  /** Read whole, or only their headers when this run read nothing of the family: a merge reads and checks those whole. */
  older: readonly (Pack | PackHeader)[];
  fresh: { name: string; entries: Pack['entries'] } | undefined;
  rejected: readonly string[];
  wanted: ReadonlySet<string>;
}

/**
 * Merges a family's packs into one when there are too many or most of their
 * bytes are unused; drops packs nothing uses, and packs that failed their
 * check. This run's own pack is read back, and checked like any other, only
 * to be merged.
 */
export function prunePacks({ dir, family, signer, older, fresh, rejected, wanted }: FamilyPacks): void {
  for (const name of rejected) removeFile(dir, name);
  const all = [...(fresh ? [fresh] : []), ...older];
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
    const whole = (pack: { name: string }): Pack | undefined => readPack(join(dir, pack.name), pack.name, family, signer);
    // One that fails its check now is left out, and removed with the rest.
    const sources = [...(fresh ? [whole(fresh)] : []), ...older.map((pack) => (pack.read ? pack : whole(pack)))];
    for (const pack of sources) {
      if (!pack) continue;
      // An entry that fails its digest is left out: a later run parses its file again.
      for (const key of pack.entries.keys()) {
        if (!wanted.has(key) || writer.has(key)) continue;
        const bytes = pack.read(key);
        if (bytes) writer.add(key, bytes);
      }
    }
    // Only a merged pack in place may replace the packs it holds.
    writer.finish();
    if (writer.failed) return;
    for (const pack of all) removeFile(dir, pack.name);
    return;
  }
  for (const pack of all) if (![...pack.entries.keys()].some((key) => wanted.has(key))) removeFile(dir, pack.name);
}

/** A new pack's name: random, so that runs at once never write the same file. */
export function packName(family: string): string {
  return `${family}-${randomBytes(8).toString('hex')}.pack`;
}

/** Removes a file of the cache folder, if it is a regular file; clearing up never fails a run, whatever the folder holds. */
export function removeFile(dir: string, name: string): void {
  try {
    if (lstatSync(join(dir, name), { throwIfNoEntry: false })?.isFile()) rmSync(join(dir, name), { force: true });
  } catch {
    // a folder this run may read but not write, or a file gone already
  }
}
