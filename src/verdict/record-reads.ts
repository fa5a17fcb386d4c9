import { answerHash, contradictionsHash, fileEntries } from './hash-reads.js';
import { forEachReferenced } from '../evidence/referenced-records.js';
import { addRecordRefs, dependsOn, keysOf, type ChangedKeys } from './read-keys.js';
import { watchedMap } from './watched-map.js';
import type { EvidenceIndex } from '../evidence/build-index.js';
import { createNames, type Names } from '../facts/fact-types.js';
import type { ClaimEvidence, MatchContext } from '../facts/match-evidence.js';
import type { Claim, Entity, EvidenceRecord, Source } from '../types.js';

export { answerHash, contradictionsHash };

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
  /** Whether keys() would name one of these, found without building it. */
  dependsOn(changed: ChangedKeys): boolean;
  /**
   * What the result was computed from, file by file and query by query, so a
   * later run can tell whether it still holds without computing it again.
   * `files` are the claim's own, its ruleset's and the config's.
   */
  footprint(files: readonly string[], inputs: ReadonlyMap<string, string>): Footprint;
}

/** A claim result's inputs in a form a later run can check cheaply: see cache/result-store. */
export interface Footprint {
  // Files and queries in the order first read, which is the same every run: sorting them was a
  // fifth of what a footprint cost, and nothing reads them in order.
  /** Every file an input other than an index answer was read from, snapshots included, with its SHA-256. */
  files: [path: string, hash: string][];
  // Pairs, not objects keyed by query or id: thousands of distinct keys made each object one of
  // thousands of shapes, and building them was most of what a footprint cost.
  /** Every index query made (a JSON array: method, then arguments), with the hash of its answer: its records and those they refer to, by id and file (answerHash). */
  queries: [query: string, hash: string][];
  /** Every record whose contradictions were consulted, with a hash of them; by id. */
  contradictions: [id: string, hash: string][];
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
  const log = new ReadLog();
  const sources = watchedMap(base.sources, (id) => log.source(id));
  const entities = watchedMap(base.entities, (id) => log.entity(id));
  // What every result shows: the claimant, the appearance and the source that quotes the claim.
  log.entity(claim.claimant);
  log.source(claim.appearance);
  log.source(claim.quoted_in);
  return {
    ctx: watchedContext(base, log, sources, entities),
    names: createNames(entities, sources, base.vocabulary),
    entities,
    sources,
    touchFound(found) {
      for (const m of found.matches) log.record(m.record);
      found.assessments.forEach((r) => log.record(r));
      found.omittedConduct.forEach((r) => log.record(r));
      for (const c of found.context) log.record(c.record);
      for (const c of found.contradictions) for (const id of c.records) log.record(base.index.get(id));
    },
    keys: () => keysOf(log, base, claim.id, rulesetId),
    dependsOn: (changed) => dependsOn(log, base, claim.id, rulesetId, changed),
    footprint: (own, inputs) => footprintOf(log, base, own, inputs),
  };
}

/**
 * What one claim's verification read, noted as cheaply as possible (ids, and
 * whole index answers by reference); keys, with each record's sources and
 * entities, are built only when asked for.
 */
class ReadLog {
  readonly entityIds = new Set<string>();
  readonly sourceIds = new Set<string>();
  readonly evidenceIds = new Set<string>();
  readonly records = new Set<EvidenceRecord>();
  readonly buckets = new Map<string, readonly EvidenceRecord[]>();
  readonly consulted = new Set<string>();

  entity(id: string | undefined): void {
    if (id !== undefined) this.entityIds.add(id);
  }

  source(id: string | undefined): void {
    if (id !== undefined) this.sourceIds.add(id);
  }

  record(r: EvidenceRecord | undefined): void {
    if (r) this.records.add(r);
  }

  bucket<T extends EvidenceRecord>(query: Query, list: readonly T[]): readonly T[] {
    this.buckets.set(JSON.stringify(query), list);
    return list;
  }
}

/** The match context with every read through it noted in the log. */
function watchedContext(base: MatchContext, log: ReadLog, sources: MatchContext['sources'], entities: MatchContext['entities']): MatchContext {
  const index: EvidenceIndex = {
    events: (e, action, asTarget = false) => log.bucket(['events', e, action, asTarget], base.index.events(e, action, asTarget)),
    negatedEvents: (e) => log.bucket(['negatedEvents', e], base.index.negatedEvents(e)),
    quantities: (subject, measure) => log.bucket(['quantities', subject, measure], base.index.quantities(subject, measure)),
    statements: (speaker) => log.bucket(['statements', speaker], base.index.statements(speaker)),
    statementsSaying: (words) => log.bucket(['statementsSaying', words], base.index.statementsSaying(words)),
    assessments: (subject, topic) => log.bucket(['assessments', subject, topic], base.index.assessments(subject, topic)),
    responsesBy: (actor) => log.bucket(['responsesBy', actor], base.index.responsesBy(actor)),
    get: (id) => {
      log.evidenceIds.add(id); // even a record not there now: if one appears, it matters
      const r = base.index.get(id);
      log.record(r);
      return r;
    },
  };
  return {
    ...base,
    index,
    sources,
    entities,
    originsOf: (r) => {
      log.record(r);
      return base.originsOf(r);
    },
    chainHas: (id, other) => {
      log.source(id);
      return base.chainHas(id, other);
    },
    chainsOf: (ids) => {
      const list = [...ids];
      for (const id of list) log.source(id);
      return base.chainsOf(list);
    },
    isAnchored: (id) => {
      log.record(base.index.get(id));
      return base.isAnchored(id);
    },
    contradictionsOf: (id) => {
      log.consulted.add(id);
      const found = base.contradictionsOf(id);
      for (const c of found) for (const other of c.records) log.record(base.index.get(other));
      return found;
    },
  };
}

/**
 * Narrower than keysOf: a record an index query returned but nothing used
 * counts through the query's answer hash only (its fields decided that it
 * did not match); its sources and entities were never read. A record that
 * was used brings its sources, their snapshots and its entities; every
 * record read brings the records it refers to (its relations, what it is
 * dated by and what it answers).
 */
function footprintOf(log: ReadLog, base: MatchContext, own: readonly string[], inputs: ReadonlyMap<string, string>): Footprint {
  // Whole SHA-256s: a contributor controls both versions of a file, and 64 bits would let one
  // find two with the same hash in an afternoon. Kept blobs store each path's hash once.
  const entry = fileEntries(inputs);
  // A set of the run's shared [path, hash] pairs: one lookup a path, none to compare.
  const files = new Set<readonly [string, string]>();
  for (const path of own) files.add(entry(path));
  const absent: string[] = [];
  for (const id of log.evidenceIds) if (!base.index.get(id)) absent.push(`evidence:${id}`);
  const usedSources = new Set(log.sourceIds);
  const usedEntities = new Set(log.entityIds);
  const get = (id: string) => base.index.get(id);
  for (const r of log.records) {
    files.add(entry(r.ref.file));
    addRecordRefs(r, usedSources, usedEntities);
    forEachReferenced(r, get, (id, found) => (found ? files.add(entry(found.ref.file)) : absent.push(`evidence:${id}`)));
  }
  for (const next of base.chainsOf([...usedSources])) usedSources.add(next);
  for (const id of usedSources) {
    const s = base.sources.get(id);
    if (!s) absent.push(`source:${id}`);
    else {
      files.add(entry(s.ref.file));
      if (s.snapshot) files.add(entry(s.snapshot.path));
      if (s.publisher !== undefined) usedEntities.add(s.publisher);
      for (const author of s.authors) usedEntities.add(author);
    }
  }
  for (const id of usedEntities) {
    const e = base.entities.get(id);
    if (!e) absent.push(`entity:${id}`);
    else files.add(entry(e.ref.file));
  }
  const queries: [string, string][] = [];
  for (const [query, list] of log.buckets) queries.push([query, answerHash(list, inputs, get)]);
  const contradictions = [...log.consulted].sort().map((id): [string, string] => [id, contradictionsHash(base.contradictionsOf(id))]);
  return { files: [...files] as [string, string][], queries, contradictions, absent: [...new Set(absent)].sort() };
}

/** An index query as the footprint writes it: the method's name, then its arguments. */
export type Query = [method: keyof Omit<EvidenceIndex, 'get'>, ...args: (string | boolean)[]];
