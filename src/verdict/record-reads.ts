import { createHash } from 'node:crypto';
import type { EvidenceIndex } from '../evidence/build-index.js';
import type { Contradiction } from '../evidence/detect-contradictions.js';
import { createNames, type Names } from '../facts/fact-types.js';
import type { ClaimEvidence, MatchContext } from '../facts/match-evidence.js';
import type { Claim, Entity, EvidenceRecord, Source } from '../types.js';

export interface RecordedReads {
  /** The context to verify one claim with: every read through it is recorded. */
  ctx: MatchContext;
  names: Names;
  entities: ReadonlyMap<string, Entity>;
  sources: ReadonlyMap<string, Source>;
  /** Marks everything a claim's result shows whatever the rules decide: its matches and their sources. */
  touchFound(found: ClaimEvidence): void;
  /** The inputs read so far, as lock/hash-inputs keys, sorted. */
  keys(): string[];
  /**
   * What the result was computed from, file by file and query by query, so a
   * later run can tell whether it still holds without computing it again.
   * `files` are the claim's own, its ruleset's and the config's.
   */
  footprint(files: readonly string[], inputs: ReadonlyMap<string, string>): Footprint;
}

/** A claim result's inputs in a form a later run can check cheaply: see cache/result-store. */
export interface Footprint {
  /** Every file an input was read from, snapshots included, with its SHA-256; by path. */
  files: [path: string, hash: string][];
  /** Every index query made (a JSON array: method, then arguments), with a hash of the record ids it returned. */
  queries: Record<string, string>;
  /** Every record whose contradictions were consulted, with a hash of them. */
  contradictions: Record<string, string>;
  /** Items looked up and not found, as lock/hash-inputs keys: if one appears, the result may change. */
  absent: string[];
}

/**
 * A claim's dependencies, recorded rather than listed: every record the index
 * returns, every source and entity looked up, every origin chain followed and
 * every contradiction consulted while matching, computing facts and building
 * the result becomes an input key. A record brings its source, the sources
 * down its chains and the entities it names, since citations show them.
 */
export function recordReads(base: MatchContext, claim: Claim, rulesetId: string): RecordedReads {
  // Reads are noted as cheaply as possible (ids, and whole index buckets by reference);
  // keys, with each record's sources and entities, are built only when asked for.
  const entityIds = new Set<string>();
  const sourceIds = new Set<string>();
  const evidenceIds = new Set<string>();
  const records = new Set<EvidenceRecord>();
  const buckets = new Map<string, readonly EvidenceRecord[]>();
  const consulted = new Set<string>();
  const entity = (id: string | undefined) => {
    if (id !== undefined) entityIds.add(id);
  };
  const source = (id: string | undefined) => {
    if (id !== undefined) sourceIds.add(id);
  };
  const record = (r: EvidenceRecord | undefined): void => {
    if (r) records.add(r);
  };
  const bucket = <T extends EvidenceRecord>(query: Query, list: readonly T[]) => {
    buckets.set(JSON.stringify(query), list);
    return list;
  };

  const index: EvidenceIndex = {
    events: (e, action, asTarget = false) => bucket(['events', e, action, asTarget], base.index.events(e, action, asTarget)),
    negatedEvents: (e) => bucket(['negatedEvents', e], base.index.negatedEvents(e)),
    quantities: (subject, measure) => bucket(['quantities', subject, measure], base.index.quantities(subject, measure)),
    statements: (speaker) => bucket(['statements', speaker], base.index.statements(speaker)),
    statementsSaying: (words) => bucket(['statementsSaying', words], base.index.statementsSaying(words)),
    assessments: (subject, topic) => bucket(['assessments', subject, topic], base.index.assessments(subject, topic)),
    responsesBy: (actor) => bucket(['responsesBy', actor], base.index.responsesBy(actor)),
    get: (id) => {
      evidenceIds.add(id); // even a record not there now: if one appears, it matters
      const r = base.index.get(id);
      record(r);
      return r;
    },
  };
  const sources = watchedMap(base.sources, source);
  const entities = watchedMap(base.entities, entity);
  const ctx: MatchContext = {
    ...base,
    index,
    sources,
    entities,
    originsOf: (r) => {
      record(r);
      return base.originsOf(r);
    },
    chainOf: (id) => {
      source(id);
      return base.chainOf(id);
    },
    isAnchored: (id) => {
      record(base.index.get(id));
      return base.isAnchored(id);
    },
    contradictionsOf: (id) => {
      consulted.add(id);
      const found = base.contradictionsOf(id);
      for (const c of found) for (const other of c.records) record(base.index.get(other));
      return found;
    },
  };

  // What every result shows: the claimant, the appearance and the source that quotes the claim.
  entity(claim.claimant);
  source(claim.appearance);
  source(claim.quoted_in);

  /** Everything read, with each record's sources and entities and each source's chain, publisher and authors. */
  const expand = () => {
    const allRecords = new Set(records);
    for (const list of buckets.values()) for (const r of list) allRecords.add(r);
    const allSources = new Set(sourceIds);
    const allEntities = new Set(entityIds);
    for (const r of allRecords) {
      allSources.add(r.source);
      if (r.relayed_from !== undefined) allSources.add(r.relayed_from);
      if (r.attributed_to !== undefined) allEntities.add(r.attributed_to);
      for (const id of recordEntities(r)) allEntities.add(id);
    }
    for (const id of [...allSources]) for (const next of base.chainOf(id)) allSources.add(next);
    for (const id of allSources) {
      const s = base.sources.get(id);
      if (s?.publisher !== undefined) allEntities.add(s.publisher);
      for (const author of s?.authors ?? []) allEntities.add(author);
    }
    return { allRecords, allSources, allEntities };
  };

  const keys = (): string[] => {
    const { allRecords, allSources, allEntities } = expand();
    const out = new Set<string>(['config', `claim:${claim.id}`, `ruleset:${rulesetId}`]);
    for (const id of evidenceIds) out.add(`evidence:${id}`);
    for (const r of allRecords) out.add(`evidence:${r.id}`);
    for (const id of allSources) out.add(`source:${id}`);
    for (const id of allEntities) out.add(`entity:${id}`);
    return [...out].sort();
  };

  const footprint = (own: readonly string[], inputs: ReadonlyMap<string, string>): Footprint => {
    // Narrower than keys(): a record an index query returned but nothing used counts by its own
    // file only (its fields decided that it did not match); its sources and entities were never
    // read. A record that was used brings its sources, their snapshots and its entities.
    const paths = new Set(own);
    const absent: string[] = [];
    for (const id of evidenceIds) if (!base.index.get(id)) absent.push(`evidence:${id}`);
    for (const list of buckets.values()) for (const file of filesOf(list)) paths.add(file);
    const usedSources = new Set(sourceIds);
    const usedEntities = new Set(entityIds);
    for (const r of records) {
      paths.add(r.ref.file);
      usedSources.add(r.source);
      if (r.relayed_from !== undefined) usedSources.add(r.relayed_from);
      if (r.attributed_to !== undefined) usedEntities.add(r.attributed_to);
      for (const id of recordEntities(r)) usedEntities.add(id);
    }
    for (const id of [...usedSources]) for (const next of base.chainOf(id)) usedSources.add(next);
    for (const id of usedSources) {
      const s = base.sources.get(id);
      if (!s) absent.push(`source:${id}`);
      else {
        paths.add(s.ref.file);
        if (s.snapshot) paths.add(s.snapshot.path);
        if (s.publisher !== undefined) usedEntities.add(s.publisher);
        for (const author of s.authors) usedEntities.add(author);
      }
    }
    for (const id of usedEntities) {
      const e = base.entities.get(id);
      if (!e) absent.push(`entity:${id}`);
      else paths.add(e.ref.file);
    }
    // Whole SHA-256s: a contributor controls both versions of a file, and 64 bits would let one
    // find two with the same hash in an afternoon. Kept blobs store each path's hash once.
    const files = [...paths].sort().map((path): [string, string] => [path, inputs.get(path) ?? '']);
    const queries: Record<string, string> = {};
    for (const [query, list] of [...buckets].sort(([a], [b]) => (a < b ? -1 : 1))) queries[query] = idsHash(list);
    const contradictions: Record<string, string> = {};
    for (const id of [...consulted].sort()) contradictions[id] = contradictionsHash(base.contradictionsOf(id));
    return { files, queries, contradictions, absent: absent.sort() };
  };

  return {
    ctx,
    names: createNames(entities, sources, base.vocabulary),
    entities,
    sources,
    touchFound(found) {
      for (const m of found.matches) record(m.record);
      found.assessments.forEach(record);
      found.omittedConduct.forEach(record);
      for (const c of found.context) record(c.record);
      for (const c of found.contradictions) for (const id of c.records) record(base.index.get(id));
    },
    keys,
    footprint,
  };
}

/** An index query as the footprint writes it: the method's name, then its arguments. */
export type Query = [method: keyof Omit<EvidenceIndex, 'get'>, ...args: (string | boolean)[]];

// An index answers with the same array for the same query, so each is hashed once however many claims ask.
const hashedLists = new WeakMap<readonly unknown[], string>();
const listFiles = new WeakMap<readonly EvidenceRecord[], string[]>();

/** The files a query's records come from, worked out once per answer. */
function filesOf(list: readonly EvidenceRecord[]): string[] {
  let known = listFiles.get(list);
  if (!known) {
    known = [...new Set(list.map((r) => r.ref.file))];
    listFiles.set(list, known);
  }
  return known;
}

/** The ids of a query's records, hashed: equal hashes, the same records. */
export function idsHash(list: readonly { id: string }[]): string {
  let known = hashedLists.get(list);
  if (known === undefined) {
    known = createHash('sha256').update(list.map((r) => r.id).join('\0')).digest('hex');
    hashedLists.set(list, known);
  }
  return known;
}

export function contradictionsHash(list: readonly Contradiction[]): string {
  let known = hashedLists.get(list);
  if (known === undefined) {
    known = createHash('sha256')
      .update(list.map((c) => `${c.kind}:${c.records.join(',')}`).join('\0'))
      .digest('hex');
    hashedLists.set(list, known);
  }
  return known;
}

/** A map whose lookups are reported; everything else passes through. A class, not a Proxy: it sits on every lookup. */
class WatchedMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly map: ReadonlyMap<string, V>,
    private readonly seen: (key: string) => void,
  ) {}
  get(key: string): V | undefined {
    this.seen(key);
    return this.map.get(key);
  }
  has(key: string): boolean {
    this.seen(key);
    return this.map.has(key);
  }
  get size(): number {
    return this.map.size;
  }
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    this.map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }
  entries(): MapIterator<[string, V]> {
    return this.map.entries();
  }
  keys(): MapIterator<string> {
    return this.map.keys();
  }
  values(): MapIterator<V> {
    return this.map.values();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.map[Symbol.iterator]();
  }
}

function watchedMap<V>(map: ReadonlyMap<string, V>, seen: (key: string) => void): ReadonlyMap<string, V> {
  return new WatchedMap(map, seen);
}

function recordEntities(r: EvidenceRecord): string[] {
  switch (r.kind) {
    case 'event':
      return [r.actor, ...(r.target ? [r.target] : [])];
    case 'quantity':
      return [r.subject, ...(r.counterpart ? [r.counterpart] : [])];
    case 'statement':
      return [r.speaker];
    case 'assessment':
      return [r.assessor, r.subject, ...(r.counterpart ? [r.counterpart] : [])];
  }
}
