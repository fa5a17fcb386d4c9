import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { referencesOf } from '../evidence/referenced-records.js';
import { partnerRoutes, routedIndex } from '../evidence/route-keys.js';
import { createNames } from '../facts/fact-types.js';
import { kindOf } from '../load/layout.js';
import type { ProjectListing } from '../load/list-files.js';
import { buildOnly } from '../load/build-only.js';
import { contradictionWarning, loadWith } from '../load/load-project.js';
import type { KnownFiles } from '../load/read-files.js';
import { compareIds } from '../model/compare.js';
import { assembleResult } from '../results/assemble-result.js';
import type { ClaimResult, EvidenceRecord, Project, VerifyResult } from '../types.js';
import { verifyProject } from '../verdict/verify-project.js';
import { addedCheck } from './added-check.js';
import type { FileCache } from './file-cache.js';
import { readResults } from './kept-claims.js';
import { hashesOf, inputEntry, tableOf, type InputEntry, type RunManifest } from './run-manifest.js';
import { askReads, candidatesOf, keptFootprints } from './partial-claims.js';
import { keptEntry, keptHead } from './manifest-table.js';
import { hydrate, isFresh, type KeptClaim } from './result-store.js';
import type { ViewOption } from './kept-view.js';
import { viewFromKept } from './view-from-kept.js';
import { eachEntryOnce } from './each-entry-once.js';
import { PartialReads } from './partial-reads.js';
import { mergeContradictions, pairKey } from './partial-contradictions.js';
import { filesUnder, type ProjectFacts } from './project-facts.js';

/**
 * Past these, a partial run would load most of the project anyway: a full one is about as fast,
 * and keeps its results for the next run. A partial run keeps only the records it asks for of the
 * files it reads, so it pays off up to three quarters of the archive: at the bench's small size one
 * new file reaches more than half of it, and the partial run took a quarter of the full one's time.
 */
export const PARTIAL_LIMITS = { addedFiles: 20, affectedClaims: 500, rounds: 8, evidenceFiles: 100, evidenceShare: 0.75 };

export interface PartialRun {
  root: string;
  cache: FileCache;
  manifest: RunManifest;
  /** What the manifest's run kept of its project: read only once the change is known to be one a partial run can take. */
  facts: () => ProjectFacts | undefined;
  listing: ProjectListing;
  unchanged: KnownFiles;
  whole: boolean;
  /** The view the caller shows, when it is a table (not `whole`): made from the kept view's rows where it can be. */
  view?: ViewOption;
  workers?: number;
  fastYaml?: boolean;
}

export interface PartialResult {
  /** The result; or, when the view was made from the kept one's rows, the view alone, as UTF-8 bytes. */
  result?: VerifyResult;
  view?: Buffer;
  claims: number;
  /** Claims verified again; the rest are the kept results. */
  verified: number;
  evidenceFiles: number;
  records: number;
  rounds: number;
  /** The files added, each with its hash and stamp as read. */
  added?: InputEntry[];
}

/**
 * verify when the only change since the last full run is evidence files
 * added, loading only what they can reach: the claims whose footprints they
 * move, the records those claims' queries answer with, the records the new
 * ones refer to or could contradict, and the small kinds (config, rules,
 * entities, sources). The rest comes from what the last run kept
 * (project-facts.ts): its results, its contradictions and its diagnostics.
 *
 * Whatever cannot be shown to come out as a full run's does not: the run
 * gives undefined, and the caller loads the whole project. That is so when
 * anything but evidence was added, changed or removed; when the last run
 * had a problem other than a contradiction; when a new file has one, or
 * defines an id already defined; and past PARTIAL_LIMITS.
 */
export async function verifyPartial(run: PartialRun): Promise<PartialResult | undefined> {
  const { manifest } = run;
  const added = addedFiles(run);
  const table = added && tableOf(manifest);
  const facts = table && run.facts();
  if (!added || !table || !facts) return undefined;
  // Only problems a partial run reproduces: contradictions from the load, rules that fired none from each claim.
  if (table.result.diagnostics.some((d) => d.code !== 'evidence/contradiction' && d.code !== 'verify/no-rule-fired')) return undefined;
  const claimFile = new Map<string, string>();
  for (const [file, { ids }] of Object.entries(table.claimsFiles)) for (const id of ids) claimFile.set(id, file);
  // The claims the facts index are the manifest's, all of them.
  if (claimFile.size !== table.result.totals.claims || claimFile.size !== facts.claims.ids.length || !facts.claims.ids.every((id) => claimFile.has(id))) return undefined;
  // Each kept claim's table entry, and with `whole` its whole result: what an unaffected claim shows.
  const results = run.whole ? Object.assign({}, ...Object.values(table.claimsFiles).map((f) => readResults(run.cache, f.results) ?? {})) : undefined;
  // Without `whole` an entry is made only to be shown, if the view is not made from the kept rows.
  const heads = new Map<string, KeptClaim>();
  for (const id of claimFile.keys()) {
    if (!run.whole) {
      if (!keptEntry(table, id)) return undefined;
      continue;
    }
    const head = keptHead(table, id, true, results);
    if (!head) return undefined;
    heads.set(id, head);
  }

  // A footprint names only files the kept run read, all unchanged: their hashes are the manifest's.
  const kept = hashesOf(manifest);
  if (!kept) return undefined;
  const inputs = new Map(manifest.paths.map((path, i) => [path, kept[i]!]));
  const hashOf = (path: string) => inputs.get(path) ?? '';
  const reads = new PartialReads(facts, added);
  const { evidenceFiles, claimsFiles, need, needId } = reads;
  let affected: Set<string> | undefined;
  // Claims whose kept reads were asked for, and how to read their footprints.
  const asked = new Set<string>();
  const footprints = keptFootprints(run.cache, manifest, claimFile);
  let settled = '';
  const firstSeen = new Map<string, string>();
  const cache = eachEntryOnce(run.cache);
  const parsing = { ...(run.workers === undefined ? {} : { workers: run.workers }), ...(run.fastYaml === undefined ? {} : { fastYaml: run.fastYaml }) };
  // A claim the new records may move is loaded with what it read last time, most of what it will
  // read now: the first time in the same round as the new records' partners.
  const prefetch = (id: string) => {
    if (asked.has(id)) return;
    asked.add(id);
    reads.needClaims(claimFile.get(id)!);
    const footprint = footprints(id);
    if (footprint) askReads(footprint, facts, need, needId);
  };
  // The claims the new records may move, by the kept index, and of those the ones whose kept
  // result does not still hold, loaded; false past the limit.
  const prefetchLikely = (fresh: readonly EvidenceRecord[], model: Pick<Project, 'config' | 'entities'> & { sources: { has(id: string): boolean } }) => {
    const likely = candidatesOf(facts, fresh, model, [], heads, run.whole);
    if (likely.size > PARTIAL_LIMITS.affectedClaims) return false;
    const check = addedCheck(fresh, model, hashOf, facts.contradictions);
    for (const id of likely) {
      const footprint = footprints(id);
      if (!footprint || (run.whole && !heads.get(id)!.json) || !check(footprint)) prefetch(id);
    }
    return true;
  };
  // The first round loads what the new records are guessed to reach, from their files built
  // alone, unchecked and undated by other records: a first round that loaded the small kinds to
  // find that out cost about as much as the next. A guess short of it costs a round; every round
  // checks what it reached.
  const scouted = await buildOnly(run.root, { cache, unchanged: run.unchanged, listing: run.listing, ...parsing, loadOnly: (path, kind) => kind === 'config' || kind === 'entities' || added.has(path) });
  if (scouted.config) {
    const fresh = [...scouted.evidence.values()];
    for (const r of fresh) {
      for (const id of referencesOf(r)) needId(id);
      for (const key of partnerRoutes(r, scouted.entities)) need(key);
    }
    // Without the sources, a source a claim found missing is taken as added: its claim is loaded.
    prefetchLikely(fresh, { config: scouted.config, entities: scouted.entities, sources: { has: () => true } });
  }
  reads.another();
  // Most records of a file loaded are not kept, nor even built. The entities are the guess's, read
  // from the same unchanged files as each round's.
  const admitRecord = reads.admit(scouted.entities);

  for (let round = 0; round < PARTIAL_LIMITS.rounds; round++) {
    if (evidenceFiles.size - added.size > Math.max(PARTIAL_LIMITS.evidenceFiles, PARTIAL_LIMITS.evidenceShare * facts.files.length)) return undefined;
    const diagnostics: Diagnostic[] = [];
    const loaded = await loadWith(run.root, diagnostics, {
      cache,
      unchanged: run.unchanged,
      ...parsing,
      // Listed once, at the run's start: the listing a partial run is decided on.
      listing: run.listing,
      loadOnly: (path, kind) => (kind === 'evidence' ? evidenceFiles.has(path) : kind === 'claims' ? claimsFiles.has(path) : true),
      keepRecord: reads.keep,
      admitRecord,
    });
    const project = loaded.project;
    if (!project) return undefined;
    // Every file chosen was read, a new one as it was the first time: one that went or changed
    // between rounds would make a project no full run sees.
    for (const path of [...evidenceFiles, ...claimsFiles]) if (!loaded.inputs.has(path)) return undefined;
    for (const path of added) {
      const hash = loaded.inputs.get(path)!;
      if (!firstSeen.has(path)) firstSeen.set(path, hash);
      else if (firstSeen.get(path) !== hash) return undefined;
    }
    // What the loaded records refer to, loaded too: else they would be left out, as a full run never would.
    for (const r of [...project.evidence.values(), ...project.excludedEvidence]) for (const id of referencesOf(r)) needId(id);
    if (reads.another()) continue;
    if (loaded.diagnostics.some((d) => d.code !== 'evidence/contradiction')) return undefined;
    const fresh = [...project.evidence.values()].filter((r) => added.has(r.ref.file));
    // An id an unchanged file defines too: a full run reports both.
    if (fresh.some((r) => facts.fileOf(r.id) !== undefined)) return undefined;
    for (const r of fresh) for (const key of partnerRoutes(r, project.entities)) need(key);
    // Checked against the kept contradictions alone: claims moved only by a new pair come next round.
    if (!affected && !prefetchLikely(fresh, project)) return undefined;
    if (reads.another()) continue;

    const contradictions = mergeContradictions(project, facts, added);
    if (!contradictions) return undefined;
    project.contradictions = contradictions.all;
    // The affected claims were found with these: more records loaded since must not change them.
    const pairs = contradictions.all.map(pairKey).join('\n');
    if (affected && pairs !== settled) return undefined;
    settled = pairs;

    if (!affected) {
      affected = new Set();
      const check = addedCheck(fresh, project, hashOf, contradictions.all);
      for (const id of candidatesOf(facts, fresh, project, contradictions.added, heads, run.whole)) {
        const footprint = footprints(id);
        if (footprint && (!run.whole || heads.get(id)!.json) && check(footprint)) continue;
        affected.add(id);
        prefetch(id);
      }
      if (affected.size > PARTIAL_LIMITS.affectedClaims) return undefined;
      if (reads.another()) continue;
    }

    // The affected claims verified, every query and record they ask for checked to be loaded.
    project.index = routedIndex(project.index, (key) => filesUnder(facts, key), need, needId);
    const verified = await verifyProject(project, { select: (c) => affected!.has(c.id), store: true, whole: run.whole, dependencies: false });
    if (reads.another()) continue;
    if ([...affected].some((id) => !verified.stored?.has(id))) return undefined;

    // A shard of the facts that did not read back: what was looked up in it is not to be trusted.
    if (facts.broken()) return undefined;
    const load = sortDiagnostics([...facts.load, ...contradictions.added.map((c) => contradictionWarning(c, project.evidence, createNames(project.entities, project.sources, project.config.vocabulary), project.locate))]);
    const ids = [...claimFile.keys()].sort(compareIds);
    const freshOf = (id: string) => {
      const stored = verified.stored!.get(id);
      return stored && isFresh(stored) ? stored : undefined;
    };
    const shown = run.view?.rows && !run.whole ? viewFromKept(run.view, run.cache, manifest.table, table, project, ids, freshOf, load) : undefined;
    let result: VerifyResult | undefined;
    if (!shown) {
      const claims: ClaimResult[] = [];
      const own: Diagnostic[] = [];
      for (const id of ids) {
        const now = freshOf(id);
        const earlier = heads.get(id) ?? keptHead(table, id, false, undefined)!;
        claims.push(now ? now.result : hydrate(earlier));
        own.push(...(now ?? earlier).diagnostics);
      }
      result = assembleResult(project, claims, [...load, ...own]);
    }
    // The new files as this run read them, in the listing's order: what a view kept of it holds for.
    const read = run.listing.paths.filter((p) => added.has(p.path)).map(({ path }) => [path, loaded.inputs.get(path), loaded.stamps.get(path)] as const);
    const addedRead = read.every(([, hash, stamp]) => hash !== undefined && stamp !== undefined) ? read.map(([path, hash, stamp]) => inputEntry(path, hash!, stamp!)) : undefined;
    return {
      ...(result ? { result } : { view: shown! }),
      claims: ids.length,
      verified: affected.size,
      evidenceFiles: evidenceFiles.size,
      records: project.evidence.size,
      rounds: round + 1,
      ...(addedRead ? { added: addedRead } : {}),
    };
  }
  return undefined;
}

/** The evidence files added since the manifest's run, if nothing else changed; undefined otherwise. */
function addedFiles(run: PartialRun): Set<string> | undefined {
  const { manifest, listing, unchanged } = run;
  if (listing.diagnostics.length || manifest.missing.length) return undefined;
  if (!manifest.paths.every((path) => unchanged.has(path))) return undefined;
  const before = new Set(manifest.listed);
  const now = new Set(listing.paths.map((p) => p.path));
  if (![...before].every((path) => now.has(path))) return undefined;
  const added = new Set([...now].filter((path) => !before.has(path)));
  if (!added.size || added.size > PARTIAL_LIMITS.addedFiles || [...added].some((path) => kindOf(path) !== 'evidence')) return undefined;
  return added;
}
