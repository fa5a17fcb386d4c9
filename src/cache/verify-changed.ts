import type { Diagnostic } from '../diagnostics.js';
import type { ProjectListing } from '../load/list-files.js';
import { loadWith } from '../load/load-project.js';
import { exceedsStringLimit } from '../model/string-limit.js';
import { assembleResult } from '../results/assemble-result.js';
import { inShard } from '../results/shard.js';
import type { Claim } from '../types.js';
import { verifyProject, type ProjectVerification } from '../verdict/verify-project.js';
import { evidenceDelta } from './evidence-delta.js';
import type { FileCache } from './file-cache.js';
import { keepResults, readAllKept } from './keep-run.js';
import { keepView, makeView } from './kept-view.js';
import { verifyPartial } from './partial-run.js';
import { keepPartialView } from './partial-view.js';
import { FACTS_BLOB, parseFacts, serializeFacts } from './project-facts.js';
import type { RunManifest } from './run-manifest.js';
import type { unchangedSince } from './unchanged-since.js';
import type { CachedVerification, CachedVerifyOptions, KeptView } from './verify-with-cache.js';

/** A run through the cache that found inputs changed, or nothing kept to compare them with. */
export interface ChangedRun {
  root: string;
  cache: FileCache | undefined;
  diagnostics: Diagnostic[];
  started: number;
  options: CachedVerifyOptions;
  /** Every claim, not a selection or a shard. */
  full: boolean;
  whole: boolean;
  manifest?: RunManifest;
  listing: ProjectListing;
  since?: Awaited<ReturnType<typeof unchangedSince>>;
}

/**
 * verifyWithCache past the warm path: a partial run when only evidence was
 * added, else the project loaded (unchanged files from the parse cache) and
 * each kept result reused while its footprint holds. A full run keeps its
 * results and a manifest of its inputs for the next one.
 */
export async function verifyChanged(run: ChangedRun): Promise<CachedVerification | KeptView> {
  const { root, cache, diagnostics, started, options, full, whole, manifest, listing, since } = run;
  if (cache && manifest && full && since && !since.all) {
    const partial = await verifyPartial({
      root,
      cache,
      manifest,
      facts: () => parseFacts(cache.getRangedBlob(FACTS_BLOB), manifest.table),
      listing,
      unchanged: since.unchanged,
      whole,
      ...(options.view && !whole ? { view: options.view } : {}),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.fastYaml === undefined ? {} : { fastYaml: options.fastYaml }),
    });
    if (partial) {
      const made = partial.view ?? (options.view && !whole ? Buffer.from(options.view.make(partial.result!), 'utf8') : undefined);
      if (made !== undefined && partial.added) keepPartialView(cache, manifest, options.view!.key, started, partial.added, made);
      // The kept results and manifest stay as they were, and every parse too: this run read few of them.
      await cache.finish({ blobs: false, prune: false });
      const reused = { whole: false, claims: partial.claims - partial.verified };
      const stats = { evidenceFiles: partial.evidenceFiles, records: partial.records, rounds: partial.rounds };
      // Made from the kept view's rows: the view alone, as a run with nothing changed gives it.
      if (!partial.result) return { view: made!, reused, partial: stats };
      return { result: partial.result, ...(made !== undefined ? { view: made } : {}), reused, partial: stats };
    }
  }

  // Unchanged files are read only if their parse is not in the cache; the files are those listed
  // at the run's start, which the manifest will name.
  const loaded = await loadWith(root, diagnostics, {
    cache,
    listing,
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
        ...(previous && !ambiguous ? { previous: previous.claims, ...evidenceDelta(cache!, manifest!, since, project) } : {}),
        store: Boolean(cache),
        whole,
        dependencies: false,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      })
    : { claims: [], diagnostics: [], dependencies: new Map(), reused: new Set() };
  const result = assembleResult(project, verification.claims, [...loaded.diagnostics, ...verification.diagnostics], options.shard);

  let view: Uint8Array | undefined;
  if (cache && project && full && verification.stored) {
    let table: string;
    try {
      table = keepResults(cache, { project, loaded, listing, result, started, whole, stored: verification.stored, ...(previous && manifest ? { previous, manifest } : {}) });
      // What a later run that only adds evidence needs of the records it will not load.
      const facts = serializeFacts(project, loaded.diagnostics, table, verification.stored);
      if (facts !== undefined) cache.setRangedBlob(FACTS_BLOB, facts.head, facts.parts);
    } catch (error) {
      // Results too large to keep (thousands of claims each reading thousands of records) only cost speed:
      // the kept results and manifest stay as they were, as after a partial run.
      if (!exceedsStringLimit(error)) throw error;
      await cache.finish({ blobs: false });
      return { result, ...(project ? { project } : {}), reused: { whole: false, claims: verification.reused.size } };
    }
    if (options.view) {
      // Encoded once: kept and printed as the same bytes.
      const made = makeView(options.view, result);
      view = made.bytes;
      keepView(cache, table, options.view.key, made);
    }
  }
  // A partial run leaves the kept results and manifest as they were; only a full run replaces them.
  await cache?.finish({ blobs: full });
  return { result, ...(view !== undefined ? { view } : {}), ...(project ? { project } : {}), reused: { whole: false, claims: verification.reused.size } };
}

function selector(options: CachedVerifyOptions): ((claim: Claim) => boolean) | undefined {
  const { select, shard } = options;
  if (!select && !shard) return undefined;
  return (claim) => (select?.(claim) ?? true) && (!shard || inShard(claim.id, shard));
}
