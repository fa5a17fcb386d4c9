import type { Diagnostic } from '../diagnostics.js';
import { forEachCheckRoute, queryRoutes, routeParts } from '../evidence/route-keys.js';
import type { Contradiction, EvidenceRecord, Project } from '../types.js';
import { asciiJson } from './ascii-json.js';
import { idPlaceReader, writeIdPlaces } from './id-places.js';
import { isObject } from './manifest-table.js';
import type { RangedBlob } from './ranged-blob.js';
import { backToBack, isTableMeta, readTable, writeTable, type ShardSource, type TableMeta } from './sharded-table.js';
import { NestedLists } from './nested-lists.js';
import type { StoredClaim } from './result-store.js';
import type { Query } from '../verdict/record-reads.js';

export const FACTS_BLOB = 'run-facts';
const FORMAT = 6;

/**
 * What a partial run (partial-run.ts) needs to know of the records it does
 * not load, kept by a full run whose project had no error: every record id
 * and its file, where each query's answers are filed (route-keys.ts), the
 * contradictions found and what the check cost, and the load's diagnostics.
 * The lookups are sharded tables (sharded-table.ts), each shard parsed when
 * first asked: a partial run asks for a few hundred keys of half a million.
 */
export interface ProjectFacts {
  /** The SHA-256 of the manifest table of the run that kept these: facts of another run are not these. */
  table: string;
  /** The load's diagnostics, sorted: every one a contradiction warning. */
  load: Diagnostic[];
  contradictions: Contradiction[];
  /** What the contradiction check took, against its limits. */
  check: { comparisons: number; counted: number };
  /** Evidence files, each with a record, sorted. */
  files: string[];
  /** The file (by its place in `files`) that defines each record id. */
  fileOf(id: string): number | undefined;
  /** By route key, the files (by their place in `files`) with a record filed under it, in order. */
  routes(key: string): readonly number[] | undefined;
  /**
   * Which kept claims a new record can move, without reading their
   * footprints: by place in `ids`, the claims with a query routed under each
   * key, those that consulted each record's contradictions, and those that
   * found each evidence id missing. `always`: claims to verify again
   * whatever was added (a footprint missing, or an item of a kind this
   * version does not know looked up).
   */
  claims: {
    ids: string[];
    always: number[];
    byRoute(key: string): readonly number[] | undefined;
    byRecord(id: string): readonly number[] | undefined;
    byAbsent(id: string): readonly number[] | undefined;
  };
  /** Whether a lookup met a shard that did not read as it was written: nothing found is then to be trusted. */
  broken(): boolean;
}

/** How many files a route key has: what queryRoutes picks the rarest key by. */
export function filesUnder(facts: ProjectFacts, key: string): number {
  return facts.routes(key)?.length ?? 0;
}


/** The lookup tables, in the order they follow the head. */
const TABLES = ['routes', 'byRoute', 'byRecord', 'byAbsent'] as const;
type TableName = (typeof TABLES)[number];

/**
 * The facts of a loaded project, as a ranged blob's head and parts
 * (ranged-blob.ts); undefined when a partial run could not build on them: a
 * load with a problem other than a contradiction, or a record left out. The
 * parts are the tables' shards, then the ids'.
 */
export function serializeFacts(project: Project, load: readonly Diagnostic[], table: string, stored: ReadonlyMap<string, StoredClaim>): { head: string; parts: string[] } | undefined {
  const check = project.contradictionCheck;
  if (!check || project.excludedEvidence.length || load.some((d) => d.code !== 'evidence/contradiction')) return undefined;
  const byFile = new Map<string, EvidenceRecord[]>();
  for (const r of project.evidence.values()) {
    const list = byFile.get(r.ref.file);
    if (list) list.push(r);
    else byFile.set(r.ref.file, [r]);
  }
  const files = [...byFile.keys()].sort();
  const routes = routesOf(project, files, byFile);
  if (!routes) return undefined;
  const claims = claimsIndex(stored, (key) => routes.count(...routeParts(key)));
  const entries: Record<TableName, readonly (readonly [string, readonly number[]])[]> = { routes: routes.entries(), byRoute: [...claims.byRoute], byRecord: [...claims.byRecord], byAbsent: [...claims.byAbsent] };
  const parts: string[] = [];
  const tables: Partial<Record<TableName, TableMeta>> = {};
  for (const name of TABLES) {
    const shards = writeTable(entries[name]);
    tables[name] = { first: parts.length, count: shards.length };
    for (const shard of shards) parts.push(shard);
  }
  // Each id's file, as shards of text after the tables (id-places.ts): a table of 100,000 ids cost a
  // full run a tenth of a second to write, and a map of them a partial run 20 to 30 ms to make.
  const idShards = writeIdPlaces(files.map((file) => byFile.get(file)!.map((r) => r.id)));
  if (!idShards) return undefined;
  const ids: TableMeta = { first: parts.length, count: idShards.length };
  for (const shard of idShards) parts.push(shard);
  const head = { format: FORMAT, table, contradictions: project.contradictions, check, files, ids, claims: { ids: claims.ids, always: claims.always }, tables };
  // All of it ASCII (asciiJson, and shards written so). The diagnostics quote the evidence, curly
  // quotes and all; the rest is ASCII as a rule, which asciiJson finds at a glance rather than
  // walking megabytes for it.
  return { head: `${asciiJson(head).slice(0, -1)},"load":${asciiJson([...load])}}`, parts };
}

/**
 * Facts read back, if they are of the run whose table is `table` and hold
 * together; else undefined. Only the head is read at once, and each shard
 * when first asked: reading and checking the 8 MB of shards a partial run
 * mostly never reads was about 40 ms of it, and decoding them 20 ms more.
 */
export function parseFacts(kept: RangedBlob | undefined, table: string): ProjectFacts | undefined {
  if (kept === undefined) return undefined;
  let f: Record<string, unknown>;
  try {
    const head: unknown = JSON.parse(kept.head.toString('utf8'));
    if (!isObject(head)) return undefined;
    f = head;
  } catch {
    return undefined;
  }
  const { check, claims, tables } = f;
  const ok =
    f.format === FORMAT &&
    f.table === table &&
    Array.isArray(f.load) &&
    Array.isArray(f.contradictions) &&
    isObject(check) &&
    typeof check.comparisons === 'number' &&
    typeof check.counted === 'number' &&
    Array.isArray(f.files) &&
    isTableMeta(f.ids, kept.count) &&
    isObject(claims) &&
    Array.isArray(claims.ids) &&
    Array.isArray(claims.always) &&
    isObject(tables) &&
    TABLES.every((name) => isTableMeta(tables[name], kept.count)) &&
    // The parts are the tables' shards, then the ids', and nothing else.
    backToBack([...TABLES.map((name) => tables[name] as TableMeta), f.ids as TableMeta], kept.count);
  if (!ok) return undefined;
  let broken = false;
  const source: ShardSource = (i) => kept.part(i)?.toString('utf8');
  const lookup = <T>(name: TableName, valid: (value: unknown) => value is T) => {
    const get = readTable<unknown>(source, tables[name] as TableMeta, () => void (broken = true));
    return (key: string): T | undefined => {
      const value = get(key);
      if (value === undefined || valid(value)) return value;
      broken = true;
      return undefined;
    };
  };
  return {
    table,
    load: f.load as Diagnostic[],
    contradictions: f.contradictions as Contradiction[],
    check: { comparisons: check.comparisons as number, counted: check.counted as number },
    files: f.files as string[],
    fileOf: idPlaceReader(source, f.ids as TableMeta, (f.files as string[]).length, () => void (broken = true)),
    routes: lookup('routes', isPlaces),
    claims: { ids: claims.ids as string[], always: claims.always as number[], byRoute: lookup('byRoute', isPlaces), byRecord: lookup('byRecord', isPlaces), byAbsent: lookup('byAbsent', isPlaces) },
    broken: () => broken,
  };
}

function isPlace(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isPlaces(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isPlace);
}

/** The claims by what they read: see ProjectFacts.claims. */
function claimsIndex(stored: ReadonlyMap<string, StoredClaim>, filesOf: (key: string) => number) {
  const ids = [...stored.keys()];
  // By the route keys themselves, as queryRoutes joins them and the table keeps them: splitting
  // each into parts for nested maps, only to join them again, was most of this.
  const byRoute = new Map<string, number[]>();
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
      for (const key of keys ?? []) add(byRoute, key, i);
    }
    for (const [record] of footprint.contradictions) add(byRecord, record, i);
    for (const key of footprint.absent) {
      if (key.startsWith('evidence:')) add(byAbsent, key.slice('evidence:'.length), i);
      else if (!key.startsWith('source:') && !key.startsWith('entity:')) known = false;
    }
    if (!known) always.push(i);
  });
  return { ids, byRoute, byRecord, byAbsent, always };
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
    // Records come in id order, which is mostly file order: a list already ascending is not sorted.
    let ascending = true;
    for (const r of records) {
      const i = place.get(r.ref.file)!;
      if (stamp[i] !== bucket) {
        if (list.length && i < list[list.length - 1]!) ascending = false;
        list.push(i);
      }
      stamp[i] = bucket;
    }
    routes.set(kind, a, b, ascending ? list : list.sort((x, y) => x - y));
    bucket++;
  });
  // File by file, so that each list comes out in order and once.
  files.forEach((file, i) => {
    for (const r of byFile.get(file)!) forEachCheckRoute(r, project.entities, (kind, a) => routes.add(kind, a, '', i));
  });
  return routes;
}
