import { verifyWithCache, type CachedVerifyOptions } from './cache/verify-with-cache.js';
import type { VerifyReport } from './results/verify-report.js';
import type { LoadResult } from './types.js';

/** Everything `factcheck verify` can be asked to do, for a program as for the CLI: what a cached run takes, and more. */
export interface RunOptions extends CachedVerifyOptions {
  /** The parse cache (and, for a plain run, the result cache). */
  cache?: boolean;
  /** Compare with the recorded verdicts (--check). */
  check?: boolean;
  /** Record the verdicts (--update): the run returns the lock to write. */
  update?: boolean;
  /** Verify only the claims a change since this git ref could affect (--changed-since). */
  changedSince?: string;
}

/** What a run found, and what it asks its caller to do: print the report and notices, write the lock. */
export interface VerifyRun {
  report: VerifyReport;
  /** The project, when it was loaded (a run that reused the last result whole has none). */
  loaded?: LoadResult;
  /** What to tell the user beside the report: "3 of 11 claims depend on what changed since main". */
  notices: string[];
  /** With the `view` option, on a run through the cache: the view's text as UTF-8 bytes, made from this report (see cache/kept-view.ts). */
  view?: Uint8Array;
  /** With `update`: the lock file's new text, whether it differs, and how many verdicts it records; or the errors that keep it from being written. */
  lock?: { text: string; changed: boolean; verdicts: number } | { refused: number };
}

/** With the `view` option, a run with nothing changed: the view kept by an earlier run, and no report, since none was read. */
export interface ViewRun {
  /** The kept view's text, as its UTF-8 bytes. */
  view: Uint8Array;
  notices: string[];
  report?: undefined;
  lock?: undefined;
}

/**
 * `factcheck verify` as a library call. A plain run goes through the result
 * cache; a run that checks, records or selects by change verifies afresh. No
 * file is written: the caller writes `lock.text` to LOCK_FILE when it wants to.
 */
export async function runVerify(root: string, options?: RunOptions & { view?: undefined }): Promise<VerifyRun | { problem: string }>;
export async function runVerify(root: string, options: RunOptions): Promise<VerifyRun | ViewRun | { problem: string }>;
export async function runVerify(root: string, options: RunOptions = {}): Promise<VerifyRun | ViewRun | { problem: string }> {
  const notices: string[] = [];
  if (options.cache && !options.check && !options.update && options.changedSince === undefined) {
    // Everything but what only a fresh run takes: a new option reaches the cached run without being copied by name.
    const { cache: _cache, check: _check, update: _update, changedSince: _since, ...cached } = options;
    const run = await verifyWithCache(root, cached);
    if (run.result === undefined) return { view: run.view, notices };
    const loaded = run.project ? { loaded: { project: run.project, diagnostics: run.result.diagnostics, inputs: new Map(), stamps: new Map() } } : {};
    return { report: { result: run.result }, ...loaded, ...(run.view !== undefined ? { view: run.view } : {}), notices };
  }

  // A fresh run's code is loaded only for one: a cached run with nothing changed needs none of it.
  const { verifyFresh } = await import('./verify-fresh.js');
  return verifyFresh(root, options, notices);
}
