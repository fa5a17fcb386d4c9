import { realpath } from 'node:fs/promises';
import { type Diagnostic } from '../diagnostics.js';
import { type FileCache } from './file-cache.js';
import { listProjectFiles } from '../load/list-files.js';
import { unchangedSince } from './unchanged-since.js';
import { hydrate, isFresh, type KeptClaim, type StoredClaim } from './result-store.js';
import { inShard, type Shard } from '../results/shard.js';
import { headsOf, inputEntry, keptHead, MANIFEST_BLOB, parseManifest, readKept, readResults, serializeKept, serializeManifest, type RunManifest } from './run-manifest.js';
import type { Claim, LoadResult, Project, VerifyResult } from '../types.js';
import type { FileStamp } from '../load/read-files.js';
import { openCache, type Environment } from './cache-stamp.js';
import { loadWith } from '../load/load-project.js';
import { verifyProject, type ProjectVerification } from '../verdict/verify-project.js';
import { assembleResult } from '../results/assemble-result.js';
import { compareIds } from '../model/compare.js';

export interface CachedVerifyOptions {
  /** Parse threads; see LoadOptions. */
  workers?: number;
  /** false: never the fast YAML path; see LoadOptions. */
  fastYaml?: boolean;
  /** The environment to read; see LoadOptions. */
  env?: Environment;
  /** The clock, in milliseconds: what a run's stamps are compared with. Date.now when absent. */
  now?: () => number;
  /** Verify only the claims this accepts; all by default. */
  select?: (claim: Claim) => boolean;
  /** Set when the selection is one shard of a sharded run. */
  shard?: Shard;
  /**
   * The output shows whole results, not only the verdict table (the default).
   * false: only the table's fields are read, and results come back with those
   * alone. A run that prints the table keeps only what it needs; a later run
   * that needs whole results verifies again the claims it lacks them for, once.
   */
  whole?: boolean;
  /** Told how far parsing, then verifying, has got. */
  onProgress?: (progress: { stage: 'parse' | 'verify'; done: number; total: number }) => void;
}

export interface CachedVerification {
  result: VerifyResult;
  /** The project, when it had to be loaded. */
  project?: Project;
  /** What was reused: the whole last result when no input changed, else the results whose footprints still held. */
  reused: { whole: boolean; claims: number };
}

/**
 * verify through the cache, the fastest way to a result that is exactly what a
 * full run would print. When no file has changed since the last full run (by
 * stamp, or by content where a stamp is too recent to trust), its result is
 * printed again without loading the project. Otherwise the project is loaded
 * (unchanged files from the parse cache) and each claim's earlier result is
 * reused when its footprint still holds; the rest are verified. A full run
 * keeps its results and a manifest of its inputs for the next one.
 */
export async function verifyWithCache(projectRoot: string, options: CachedVerifyOptions = {}): Promise<CachedVerification> {
  const root = await realpath(projectRoot);
  // Stamps taken from now on are compared with this: a write in the same clock tick as a stamp
  // could leave it unchanged, so stamps this recent prove nothing next time.
  const started = (options.now ?? Date.now)();
  const diagnostics: Diagnostic[] = [];
  const cache = await openCache(root, diagnostics, options.env);
  try {
    return await verifyThrough(root, cache, diagnostics, started, options);
  } catch (error) {
    // Stopped half-way (a file changed while it was read): nothing half-made is left in the cache.
    cache?.abandon();
    throw error;
  }
}

async function verifyThrough(root: string, cache: FileCache | undefined, diagnostics: Diagnostic[], started: number, options: CachedVerifyOptions): Promise<CachedVerification> {
  const full = !options.select && !options.shard;
  const manifest = cache ? parseManifest(cache.getBlob(MANIFEST_BLOB)) : undefined;
  const listing = await listProjectFiles(root);
  const since = manifest ? await unchangedSince(root, manifest, listing, started) : undefined;
  // A program asks for whole results unless it says otherwise; the CLI asks for the table alone when it prints one.
  const whole = options.whole !== false;

  if (cache && manifest && full && since?.all) {
    const result = reuseWhole(cache, manifest, whole);
    if (result) {
      // Files proved unchanged by their content (new stamps after a checkout, a copy, a touch): keep
      // the stamps they have now, or every later run reads and hashes them all again.
      if (since.renewable) {
        cache.setBlob(MANIFEST_BLOB, serializeManifest(restamped(manifest, since.unchanged, started)));
        await cache.finish();
      }
      return { result, reused: { whole: true, claims: result.claims.length } };
    }
  }

  // Unchanged files are read only if their parse is not in the cache.
  const loaded = await loadWith(root, diagnostics, {
    cache,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.fastYaml === undefined ? {} : { fastYaml: options.fastYaml }),
    ...(since ? { unchanged: since.unchanged } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const project = loaded.project;
  const claimsFiles = project ? [...new Set(project.claims.map((c) => c.ref.file))] : [];
  // With an id defined twice, which definition wins can change without any file a result read
  // changing: nothing kept is reused until the project is whole again.
  const ambiguous = loaded.diagnostics.some((d) => d.code === 'ref/duplicate-id');
  const previous = cache && project && manifest ? readAllKept(cache, manifest, claimsFiles, whole) : undefined;
  const verification: ProjectVerification = project
    ? await verifyProject(project, {
        select: selector(options),
        ...(previous && !ambiguous ? { previous: previous.claims } : {}),
        store: Boolean(cache),
        whole,
        dependencies: false,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      })
    : { claims: [], diagnostics: [], dependencies: new Map(), reused: new Set() };
  const result = assembleResult(project, verification.claims, [...loaded.diagnostics, ...verification.diagnostics], options.shard);

  if (cache && project && full && verification.stored) {
    keepResults(cache, { project, loaded, listing, result, started, whole, stored: verification.stored, ...(previous && manifest ? { previous, manifest } : {}) });
  }
  // A partial run leaves the kept results and manifest as they were; only a full run replaces them.
  await cache?.finish({ blobs: full });
  return { result, ...(project ? { project } : {}), reused: { whole: false, claims: verification.reused.size } };
}

/** The last full run's result again, from its manifest, when it kept every claim (and whole, if asked): the same JSON, byte for byte. */
function reuseWhole(cache: FileCache, manifest: RunManifest, whole: boolean): VerifyResult | undefined {
  const results = whole ? Object.values(manifest.claimsFiles).map((f) => readResults(cache, f.results) ?? {}) : [];
  const merged: Record<string, unknown> = Object.assign({}, ...results);
  const claims = Object.values(manifest.claimsFiles)
    .flatMap((f) => f.ids)
    .sort(compareIds)
    .map((id) => keptHead(manifest, id, whole, merged));
  if (!claims.every((c) => c !== undefined && (!whole || c.json))) return undefined;
  const { tool, scale, totals, diagnostics } = manifest.result;
  // The fields in assembleResult's order.
  return { tool, scale, claims: claims.map((c) => hydrate({ ...c!, footprint: undefined })), totals, diagnostics };
}

/** The manifest again, with each input's stamp as it is now and the time of this run. */
function restamped(manifest: RunManifest, unchanged: ReadonlyMap<string, { hash: string; stamp: FileStamp }>, started: number): Omit<RunManifest, 'format'> {
  const { format: _format, ...rest } = manifest;
  return { ...rest, written: started, inputs: manifest.inputs.map(([path, hash]) => inputEntry(path, hash, unchanged.get(path)!.stamp)) };
}

interface FullRun {
  project: Project;
  loaded: LoadResult;
  listing: Awaited<ReturnType<typeof listProjectFiles>>;
  result: VerifyResult;
  started: number;
  whole: boolean;
  stored: ReadonlyMap<string, StoredClaim>;
  previous?: ReturnType<typeof readAllKept>;
  /** The manifest the previous results were kept with. */
  manifest?: RunManifest;
}

/** Keeps a full run's results, claims file by claims file, and a manifest of its inputs and table for the next run. */
function keepResults(cache: FileCache, run: FullRun): void {
  const { project, loaded, listing, result } = run;
  const byFile = new Map<string, Map<string, StoredClaim>>();
  for (const claim of [...project.claims].sort((a, b) => compareIds(a.id, b.id))) {
    const kept = run.stored.get(claim.id);
    if (!kept) continue;
    if (!byFile.has(claim.ref.file)) byFile.set(claim.ref.file, new Map());
    byFile.get(claim.ref.file)!.set(claim.id, kept);
  }
  const wholes = new Map<string, string | null>();
  const claimsFiles: RunManifest['claimsFiles'] = {};
  for (const [file, claims] of byFile) claimsFiles[file] = keepFile(cache, file, claims, run, wholes);
  const inputs: RunManifest['inputs'] = [];
  for (const [path, hash] of [...loaded.inputs].sort(([a], [b]) => compareIds(a, b))) {
    const stamp = loaded.stamps.get(path);
    if (stamp) inputs.push(inputEntry(path, hash, stamp));
  }
  // Files that could not be read have no stamp to compare: while any is missing, no run is warm.
  const tried = [...listing.paths.map((p) => p.path), ...[...project.sources.values()].flatMap((s) => (s.snapshot ? [s.snapshot.path] : []))];
  const { claims: _claims, ...rest } = result;
  cache.setBlob(
    MANIFEST_BLOB,
    serializeManifest({
      written: run.started,
      inputs,
      listed: listing.paths.map((p) => p.path),
      missing: [...new Set(tried.filter((path) => !loaded.inputs.has(path)))].sort(compareIds),
      claimsFiles,
      heads: headsOf([...byFile.values()].flatMap((claims) => [...claims].map(([id, claim]) => [id, claim, wholes.get(id) ?? null] as [string, StoredClaim, string | null]))),
      result: rest,
    }),
  );
}

/** Keeps one claims file's claims, unless they are kept as they are already: what the manifest says of the file. */
function keepFile(cache: FileCache, file: string, claims: Map<string, StoredClaim>, run: FullRun, wholes: Map<string, string | null>): RunManifest['claimsFiles'][string] {
  const ids = [...claims.keys()];
  const before = run.manifest?.claimsFiles[file];
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

function selector(options: CachedVerifyOptions): ((claim: Claim) => boolean) | undefined {
  const { select, shard } = options;
  if (!select && !shard) return undefined;
  return (claim) => (select?.(claim) ?? true) && (!shard || inShard(claim.id, shard));
}

/** The claims kept by the manifest's run for these claims files, and which claims each file had. */
function readAllKept(
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

function sameKeys(a: ReadonlySet<string>, b: ReadonlyMap<string, unknown>): boolean {
  return a.size === b.size && [...b.keys()].every((k) => a.has(k));
}

