import type { FileCache } from './file-cache.js';
import type { ProjectListing } from '../load/list-files.js';
import { isFresh, type KeptClaim, type StoredClaim } from './result-store.js';
import { headsOf, type ManifestTable } from './manifest-table.js';
import { readKept, serializeKept } from './kept-claims.js';
import { HASHES_BLOB, inputEntry, MANIFEST_BLOB, serializeManifest, serializeStamps, tableOf, TABLE_BLOB, type InputEntry, type RunManifest } from './run-manifest.js';
import type { LoadResult, Project, VerifyResult } from '../types.js';
import { compareIds } from '../model/compare.js';

/**
 * The manifest's stamps again, each input's as it is now (`stamps`, four
 * numbers each by its place), and the time of this run; the same table, and
 * the same hashes, which stay in the inputs' order.
 */
export function restamped(manifest: RunManifest, stamps: Float64Array, started: number): Uint8Array[] {
  const { format: _format, table, hashes, ...rest } = manifest;
  return serializeStamps({ ...rest, written: started, stamps }, table, hashes);
}

export interface FullRun {
  project: Project;
  loaded: LoadResult;
  listing: ProjectListing;
  result: VerifyResult;
  started: number;
  whole: boolean;
  stored: ReadonlyMap<string, StoredClaim>;
  previous?: { files: Map<string, ReadonlySet<string>> };
  /** The manifest the previous results were kept with. */
  manifest?: RunManifest;
}

/**
 * Keeps a full run's results, claims file by claims file, and a manifest of its
 * inputs and table for the next run. Gives the SHA-256 of the table written.
 */
export function keepResults(cache: FileCache, run: FullRun): string {
  const { project, loaded, listing, result } = run;
  const byFile = new Map<string, Map<string, StoredClaim>>();
  for (const claim of [...project.claims].sort((a, b) => compareIds(a.id, b.id))) {
    const kept = run.stored.get(claim.id);
    if (!kept) continue;
    if (!byFile.has(claim.ref.file)) byFile.set(claim.ref.file, new Map());
    byFile.get(claim.ref.file)!.set(claim.id, kept);
  }
  const wholes = new Map<string, string | null>();
  const claimsFiles: ManifestTable['claimsFiles'] = {};
  for (const [file, claims] of byFile) claimsFiles[file] = keepFile(cache, file, claims, run, wholes);
  const inputs: InputEntry[] = [];
  for (const [path, hash] of [...loaded.inputs].sort(([a], [b]) => compareIds(a, b))) {
    const stamp = loaded.stamps.get(path);
    if (stamp) inputs.push(inputEntry(path, hash, stamp));
  }
  // Files that could not be read have no stamp to compare: while any is missing, no run is warm.
  const tried = [...listing.paths.map((p) => p.path), ...[...project.sources.values()].flatMap((s) => (s.snapshot ? [s.snapshot.path] : []))];
  const { claims: _claims, ...rest } = result;
  const manifest = serializeManifest(
    {
      written: run.started,
      inputs,
      listed: listing.paths.map((p) => p.path),
      missing: [...new Set(tried.filter((path) => !loaded.inputs.has(path)))].sort(compareIds),
      claims: [...byFile.values()].reduce((n, claims) => n + claims.size, 0),
    },
    {
      heads: headsOf([...byFile.values()].flatMap((claims) => [...claims].map(([id, claim]) => [id, claim, wholes.get(id) ?? null] as [string, StoredClaim, string | null]))),
      result: rest,
      claimsFiles,
    },
  );
  cache.setBlob(TABLE_BLOB, manifest.table);
  cache.setBlob(HASHES_BLOB, manifest.hashes);
  cache.setBlob(MANIFEST_BLOB, manifest.stamps);
  return manifest.hash;
}

/** Keeps one claims file's claims, unless they are kept as they are already: what the manifest says of the file. */
function keepFile(cache: FileCache, file: string, claims: Map<string, StoredClaim>, run: FullRun, wholes: Map<string, string | null>): ManifestTable['claimsFiles'][string] {
  const ids = [...claims.keys()];
  const before = run.manifest && tableOf(run.manifest)?.claimsFiles[file];
  const keptBefore = run.previous?.files.get(file);
  // A file whose claims were all reused as kept, and are the same claims, is kept as it is.
  if (before && keptBefore && [...claims.values()].every((c) => !isFresh(c)) && sameKeys(keptBefore, claims)) {
    for (const [id, claim] of claims) wholes.set(id, (claim as KeptClaim).wholeHash);
    cache.keepContent('kept', before.kept);
    if (before.results) cache.keepContent('results', before.results);
    return { ids, kept: before.kept, ...(before.results ? { results: before.results } : {}) };
  }
  const texts = serializeKept(claims, run.whole);
  for (const [id, hash] of texts.wholes) wholes.set(id, hash);
  const kept = cache.putContent('kept', texts.kept);
  // Without whole results of its own, a file keeps those it had: its kept claims still name theirs by hash.
  const results = texts.results !== undefined ? cache.putContent('results', texts.results) : before?.results;
  if (texts.results === undefined && results) cache.keepContent('results', results);
  return { ids, kept, ...(results ? { results } : {}) };
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlyMap<string, unknown>): boolean {
  return a.size === b.size && [...b.keys()].every((k) => a.has(k));
}

/** The claims kept by the manifest's run for these claims files, and which claims each file had. */
export function readAllKept(
  cache: FileCache,
  manifest: RunManifest,
  claimsFiles: readonly string[],
  whole: boolean,
): { claims: Map<string, KeptClaim>; files: Map<string, ReadonlySet<string>> } {
  const claims = new Map<string, KeptClaim>();
  const files = new Map<string, ReadonlySet<string>>();
  for (const file of claimsFiles) {
    const kept = readKept(cache, manifest, file, whole);
    if (!kept) continue;
    files.set(file, new Set(kept.keys()));
    for (const [id, claim] of kept) claims.set(id, claim);
  }
  return { claims, files };
}
