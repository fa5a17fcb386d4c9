import { realpath } from 'node:fs/promises';
import { type Diagnostic } from '../diagnostics.js';
import { type FileCache } from './file-cache.js';
import { listProjectFiles } from '../load/list-files.js';
import { unchangedSince } from './unchanged-since.js';
import { hydrate } from './result-store.js';
import type { Shard } from '../results/shard.js';
import { readResults } from './kept-claims.js';
import { HASHES_BLOB, MANIFEST_BLOB, parseManifest, TABLE_BLOB, tableOf, type RunManifest } from './run-manifest.js';
import { keptHead } from './manifest-table.js';
import { restamped } from './keep-run.js';
import { keepView, makeView, readView, type ViewOption } from './kept-view.js';
import type { Claim, Project, VerifyResult } from '../types.js';
import { openCache, type Environment } from './cache-stamp.js';
import { compareIds } from '../model/compare.js';
import { readPartialView } from './partial-view.js';

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
  /** What the caller will show of the result, made here and kept with a full run's results; see kept-view.ts. */
  view?: ViewOption;
}

/** What a run through the cache gives. */
export interface CachedVerification {
  result: VerifyResult;
  /** With `view`: its text, made from this result, as UTF-8 bytes (as a kept view comes). Absent when nothing was kept. */
  view?: Uint8Array;
  /** The project, when it had to be loaded. */
  project?: Project;
  /** What was reused: the whole last result when no input changed, else the results whose footprints still held. */
  reused: { whole: boolean; claims: number };
  /** Only evidence was added, and the run loaded only what it could reach (partial-run.ts): this many evidence files, and of their records this many. */
  partial?: { evidenceFiles: number; records: number; rounds: number };
}

/**
 * With `view`, a run with nothing changed may give the view kept by an earlier
 * run, and no result: none was read. So may a partial run, which made its view
 * from the kept one's rows (partial-run.ts). The view comes as UTF-8 bytes,
 * for a caller that writes it out as it is.
 */
export interface KeptView {
  result?: undefined;
  view: Uint8Array;
  /** All the claims the last run kept (whole); or, after a partial run made the view from the kept one, those it did not verify again. */
  reused: { whole: boolean; claims: number };
  partial?: CachedVerification['partial'];
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
export async function verifyWithCache(projectRoot: string, options?: CachedVerifyOptions & { view?: undefined }): Promise<CachedVerification>;
export async function verifyWithCache(projectRoot: string, options: CachedVerifyOptions): Promise<CachedVerification | KeptView>;
export async function verifyWithCache(projectRoot: string, options: CachedVerifyOptions = {}): Promise<CachedVerification | KeptView> {
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

async function verifyThrough(root: string, cache: FileCache | undefined, diagnostics: Diagnostic[], started: number, options: CachedVerifyOptions): Promise<CachedVerification | KeptView> {
  const full = !options.select && !options.shard;
  const manifest = cache ? parseManifest(cache.getBlobBytes(MANIFEST_BLOB), () => cache.getBlob(TABLE_BLOB), () => cache.getBlob(HASHES_BLOB)) : undefined;
  // Read only when wanted, and wanted as long as the manifest is: a full run that keeps nothing new must not prune them.
  if (manifest) {
    cache!.keepBlob(TABLE_BLOB);
    cache!.keepBlob(HASHES_BLOB);
  }
  const listing = await listProjectFiles(root);
  const since = manifest ? await unchangedSince(root, manifest, listing, started) : undefined;
  // A program asks for whole results unless it says otherwise; the CLI asks for the table alone when it prints one.
  const whole = options.whole !== false;

  if (cache && manifest && full && since?.all) {
    const reused = await reuseKept(cache, manifest, since, started, whole, options.view);
    if (reused) return reused;
  }
  if (cache && manifest && full && since && !since.all && options.view && !whole) {
    // Nothing changed since a partial run: its view again, as for a full run's.
    const kept = await readPartialView(cache, root, manifest, listing, since.allInputs, options.view.key);
    if (kept) return { view: kept, reused: { whole: true, claims: manifest.claims } };
  }
  // Past here the project is loaded, in part or whole. Its code is loaded only now: a run with
  // nothing changed is mostly the loading of modules, and needs none of it.
  const { verifyChanged } = await import('./verify-changed.js');
  return verifyChanged({ root, cache, diagnostics, started, options, full, whole, ...(manifest ? { manifest } : {}), listing, ...(since ? { since } : {}) });
}

/**
 * Nothing changed since the manifest's run: the view kept of its result, for
 * a table, which needs none of the result read; else the result again.
 * Undefined when the result cannot be had as asked from what was kept.
 */
async function reuseKept(
  cache: FileCache,
  manifest: RunManifest,
  since: Awaited<ReturnType<typeof unchangedSince>>,
  started: number,
  whole: boolean,
  asked: ViewOption | undefined,
): Promise<CachedVerification | KeptView | undefined> {
  // Whole results are read in any case: only a table can be left unread.
  const kept = asked && !whole ? readView(cache, manifest.table, asked.key)?.bytes : undefined;
  const result = kept === undefined ? reuseWhole(cache, manifest, whole) : undefined;
  if (kept === undefined && !result) return undefined;
  // Files proved unchanged by their content (new stamps after a checkout, a copy, a touch): keep
  // the stamps they have now, or every later run reads and hashes them all again.
  const renewed = since.renewable ? restamped(manifest, since.stamps(), started) : undefined;
  if (renewed !== undefined) cache.setBlob(MANIFEST_BLOB, renewed);
  const view = asked && result ? makeView(asked, result) : undefined;
  if (view !== undefined) keepView(cache, manifest.table, asked!.key, view);
  const made = view?.bytes;
  if (renewed !== undefined || made !== undefined) await cache.finish();
  const reused = { whole: true as const, claims: manifest.claims };
  if (kept !== undefined) return { view: kept, reused };
  return { result: result!, ...(made !== undefined ? { view: made } : {}), reused };
}

/** The last full run's result again, from its manifest, when it kept every claim (and whole, if asked): the same JSON, byte for byte. */
function reuseWhole(cache: FileCache, manifest: RunManifest, whole: boolean): VerifyResult | undefined {
  const table = tableOf(manifest);
  if (!table) return undefined;
  const results = whole ? Object.values(table.claimsFiles).map((f) => readResults(cache, f.results) ?? {}) : [];
  const merged: Record<string, unknown> = Object.assign({}, ...results);
  const claims = Object.values(table.claimsFiles)
    .flatMap((f) => f.ids)
    .sort(compareIds)
    .map((id) => keptHead(table, id, whole, merged));
  if (!claims.every((c) => c !== undefined && (!whole || c.json))) return undefined;
  const { tool, scale, totals, diagnostics } = table.result;
  // The fields in assembleResult's order.
  return { tool, scale, claims: claims.map((c) => hydrate(c!)), totals, diagnostics };
}

