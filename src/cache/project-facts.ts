import type { Diagnostic } from '../diagnostics.js';
import { forEachCheckRoute, queryRoutes, routeParts } from '../evidence/route-keys.js';
import type { Contradiction, EvidenceRecord, Project } from '../types.js';
import { asciiJson } from './run-manifest.js';
import { isObject } from './manifest-table.js';
import type { StoredClaim } from './result-store.js';
import type { Query } from '../verdict/record-reads.js';

export const FACTS_BLOB = 'run-facts';
const FORMAT = 2;

/**
 * What a partial run (partial-run.ts) needs to know of the records it does
 * not load, kept by a full run whose project had no error: every record id
 * and its file, where each query's answers are filed (route-keys.ts), the
 * contradictions found and what the check cost, and the load's diagnostics.
 */
export interface ProjectFacts {
  /** The SHA-256 of the manifest table of the run that kept these: facts of another run are not these. */
  table: string;
  /** The load's diagnostics, sorted: every one a contradiction warning. */
  load: Diagnostic[];
  contradictions: Contradiction[];
  /** What the contradiction check took, against its limits. */
  check: { comparisons: number; counted: number };
  /** Evidence files, and the ids each defines, in the same order. */
  files: string[];
  ids: string[][];
  /** By route key's parts (routeParts; a missing second part is ''), the files (by their place in `files`) with a record filed under it. */
  routes: Nested;
  /**
   * Which kept claims a new record can move, without reading their
   * footprints: by place in `ids`, the claims with a query routed under each
   * key, those that consulted each record's contradictions, and those that
   * found each evidence id missing. `always`: claims to verify again
   * whatever was added (a footprint missing, or an item of a kind this
   * version does not know looked up).
   */
  claims: { ids: string[]; byRoute: Nested; byRecord: Record<string, number[]>; byAbsent: Record<string, number[]>; always: number[] };
}

/** Lists by a route key's three parts. */
type Nested = Record<string, Record<string, Record<string, number[]>>>;

/** What is filed under a route key: files for `routes`, claims for `claims.byRoute`. */
export function filedUnder(nested: Nested, key: string): readonly number[] | undefined {
  const [kind, a, b] = routeParts(key);
  return own(own(own(nested, kind), a), b);
}

/** How many files a route key has: what queryRoutes picks the rarest key by. */
export function filesUnder(facts: ProjectFacts, key: string): number {
  return filedUnder(facts.routes, key)?.length ?? 0;
}

/**
 * A key's own entry in an object read back from JSON, never one it inherits:
 * `constructor` is a valid id, and a word, and Object.prototype has one.
 */
export function own<T>(object: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Nested lists built by adding each number once in a row, as each file or claim is filed in turn. */
class NestedLists {
  private readonly top = new Map<string, Map<string, Map<string, number[]>>>();
  add(kind: string, a: string, b: string, i: number): void {
    let first = this.top.get(kind);
    if (!first) this.top.set(kind, (first = new Map()));
    let second = first.get(a);
    if (!second) first.set(a, (second = new Map()));
    const list = second.get(b);
    if (!list) second.set(b, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  }
  /** A list made whole elsewhere. */
  set(kind: string, a: string, b: string, list: number[]): void {
    let first = this.top.get(kind);
    if (!first) this.top.set(kind, (first = new Map()));
    let second = first.get(a);
    if (!second) first.set(a, (second = new Map()));
    second.set(b, list);
  }
  count(kind: string, a: string, b: string): number {
    return this.top.get(kind)?.get(a)?.get(b)?.length ?? 0;
  }
  toJSON(): Nested {
    const out: Nested = {};
    for (const [kind, first] of this.top) {
      // Entries made as own properties, whatever the key: an assignment to `__proto__` would make none.
      out[kind] = Object.fromEntries([...first].map(([a, second]) => [a, Object.fromEntries(second)]));
    }
    return out;
  }
}

/**
 * The facts of a loaded project, as a blob's text; undefined when a partial
 * run could not build on them: a load with a problem other than a
 * contradiction, or a record left out.
 */
export function serializeFacts(project: Project, load: readonly Diagnostic[], table: string, stored: ReadonlyMap<string, StoredClaim>): string | undefined {
  const check = project.contradictionCheck;
  if (!check || project.excludedEvidence.length || load.some((d) => d.code !== 'evidence/contradiction')) return undefined;
  const byFile = new Map<string, EvidenceRecord[]>();
  for (const r of project.evidence.values()) {
    const list = byFile.get(r.ref.file);
    if (list) list.push(r);
    else byFile.set(r.ref.file, [r]);
  }
  const files = [...byFile.keys()].sort();
  const ids = files.map((file) => byFile.get(file)!.map((r) => r.id));
  const routes = routesOf(project, files, byFile);
  if (!routes) return undefined;
  const filesOf = (key: string) => routes.count(...routeParts(key));
  const facts: ProjectFacts = {
    table,
    claims: claimsIndex(stored, filesOf),
    load: [...load],
    contradictions: project.contradictions,
    check,
    files,
    ids,
    routes: routes.toJSON(),
  };
  // The diagnostics quote the evidence, curly quotes and all; the rest is ASCII as a rule, which
  // asciiJson finds at a glance rather than walking 8 MB for it.
  const { load: diagnostics, ...rest } = facts;
  return `${asciiJson({ format: FORMAT, ...rest }).slice(0, -1)},"load":${asciiJson(diagnostics)}}`;
}

/** Facts read back, if they are of the run whose table is `table` and hold together; else undefined. */
export function parseFacts(text: string | undefined, table: string): ProjectFacts | undefined {
  if (text === undefined) return undefined;
  try {
    const f = JSON.parse(text) as Partial<ProjectFacts> & { format?: unknown };
    const ok =
      isObject(f) &&
      f.format === FORMAT &&
      f.table === table &&
      Array.isArray(f.load) &&
      Array.isArray(f.contradictions) &&
      isObject(f.check) &&
      typeof f.check.comparisons === 'number' &&
      typeof f.check.counted === 'number' &&
      Array.isArray(f.files) &&
      Array.isArray(f.ids) &&
      f.ids.length === f.files.length &&
      isObject(f.routes) &&
      isObject(f.claims) &&
      Array.isArray(f.claims.ids) &&
      isObject(f.claims.byRoute) &&
      isObject(f.claims.byRecord) &&
      isObject(f.claims.byAbsent) &&
      Array.isArray(f.claims.always);
    return ok ? (f as ProjectFacts) : undefined;
  } catch {
    return undefined;
  }
}

/** The claims by what they read: see ProjectFacts.claims. */
function claimsIndex(stored: ReadonlyMap<string, StoredClaim>, filesOf: (key: string) => number): ProjectFacts['claims'] {
  const ids = [...stored.keys()];
  const byRoute = new NestedLists();
  const byRecord = new Map<string, number[]>();
  const byAbsent = new Map<string, number[]>();
  const always: number[] = [];
  // Each claim once under a key: its own queries repeat keys.
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  ids.forEach((id, i) => {
    const footprint = stored.get(id)!.footprint;
    if (!footprint) return void always.push(i);
    let known = true;
    for (const [query] of footprint.queries) {
      const [method, ...args] = JSON.parse(query) as Query;
      const keys = queryRoutes(method, args, filesOf);
      if (!keys) known = false;
      for (const key of keys ?? []) byRoute.add(...routeParts(key), i);
    }
    for (const [record] of footprint.contradictions) add(byRecord, record, i);
    for (const key of footprint.absent) {
      if (key.startsWith('evidence:')) add(byAbsent, key.slice('evidence:'.length), i);
      else if (!key.startsWith('source:') && !key.startsWith('entity:')) known = false;
    }
    if (!known) always.push(i);
  });
  return { ids, byRoute: byRoute.toJSON(), byRecord: Object.fromEntries(byRecord), byAbsent: Object.fromEntries(byAbsent), always };
}

/**
 * Each route key's files, from the index's own buckets (and the check's keys,
 * which no bucket has): the same as filing every record under recordRoutes,
 * without making and hashing half a million keys. Undefined for an index
 * that has no buckets to give.
 */
function routesOf(project: Project, files: readonly string[], byFile: ReadonlyMap<string, readonly EvidenceRecord[]>): NestedLists | undefined {
  if (!project.index.buckets) return undefined;
  const place = new Map(files.map((file, i) => [file, i]));
  const routes = new NestedLists();
  // Each bucket's files once, in order: a stamp per file says which bucket last took it.
  const stamp = new Int32Array(files.length).fill(-1);
  let bucket = 0;
  project.index.buckets((kind, a, b, records) => {
    const list: number[] = [];
    for (const r of records) {
      const i = place.get(r.ref.file)!;
      if (stamp[i] !== bucket) list.push(i);
      stamp[i] = bucket;
    }
    routes.set(kind, a, b, list.sort((x, y) => x - y));
    bucket++;
  });
  // File by file, so that each list comes out in order and once.
  files.forEach((file, i) => {
    for (const r of byFile.get(file)!) forEachCheckRoute(r, project.entities, (kind, a) => routes.add(kind, a, '', i));
  });
  return routes;
}
