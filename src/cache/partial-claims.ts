import { recordRoutes, queryRoutes } from '../evidence/route-keys.js';
import type { Contradiction, EvidenceRecord, Project } from '../types.js';
import type { Footprint, Query } from '../verdict/record-reads.js';
import type { FileCache } from './file-cache.js';
import type { KeptClaim } from './result-store.js';
import { filesUnder, type ProjectFacts } from './project-facts.js';
import { readKept } from './kept-claims.js';
import type { RunManifest } from './run-manifest.js';

/**
 * The kept claims new records may move, found in the claims index
 * (ProjectFacts.claims) without reading a footprint: those with a query
 * routed under a new record's key, those that found its id missing, those
 * that consulted the contradictions of a record in a new pair, those the
 * index cannot rule out, and, for whole results, those kept without one.
 */
export function candidatesOf(
  facts: ProjectFacts,
  fresh: readonly EvidenceRecord[],
  project: Pick<Project, 'config' | 'entities'>,
  pairs: readonly Contradiction[],
  heads: ReadonlyMap<string, Omit<KeptClaim, 'footprint'>>,
  whole: boolean,
): Set<string> {
  const { claims } = facts;
  const out = new Set<string>();
  const add = (list: readonly number[] | undefined) => list?.forEach((i) => out.add(claims.ids[i]!));
  add(claims.always);
  for (const r of fresh) {
    for (const key of recordRoutes(r, project.config.vocabulary, project.entities)) add(claims.byRoute(key));
    add(claims.byAbsent(r.id));
  }
  for (const c of pairs) for (const id of c.records) add(claims.byRecord(id));
  if (whole) for (const [id, head] of heads) if (!head.json) out.add(id);
  return out;
}

/** Kept footprints by claim id, each claims file's read once, when first asked for. */
export function keptFootprints(cache: FileCache, manifest: RunManifest, claimFile: ReadonlyMap<string, string>): (id: string) => Footprint | undefined {
  const files = new Map<string, ReadonlyMap<string, KeptClaim> | undefined>();
  return (id) => {
    const file = claimFile.get(id);
    if (file === undefined) return undefined;
    if (!files.has(file)) files.set(file, readKept(cache, manifest, file, false));
    return files.get(file)?.get(id)?.footprint;
  };
}

/**
 * What a footprint read, asked for as route keys and record ids: most of
 * what its claim reads when verified again. Records it read by id from a
 * file, not by query, are asked for when the claim asks again.
 */
export function askReads(footprint: Footprint, facts: ProjectFacts, need: (key: string) => void, needId: (id: string) => void): void {
  for (const [query] of footprint.queries) {
    const [method, ...args] = JSON.parse(query) as Query;
    for (const key of queryRoutes(method, args, (key) => filesUnder(facts, key)) ?? []) need(key);
  }
  for (const [id] of footprint.contradictions) needId(id);
}
