import { forEachReferenced } from '../evidence/referenced-records.js';
import type { MatchContext } from '../facts/match-evidence.js';
import type { EvidenceRecord } from '../types.js';

/** What a claim's verification read, as record-reads.ts notes it. */
export interface ReadsSeen {
  readonly entityIds: ReadonlySet<string>;
  readonly sourceIds: ReadonlySet<string>;
  readonly evidenceIds: ReadonlySet<string>;
  readonly records: ReadonlySet<EvidenceRecord>;
  readonly buckets: ReadonlyMap<string, readonly EvidenceRecord[]>;
}

/** Changed input keys (lock/hash-inputs), split by kind once for every claim asked about. */
export interface ChangedKeys {
  keys: ReadonlySet<string>;
  evidence: ReadonlySet<string>;
  sources: ReadonlySet<string>;
  entities: ReadonlySet<string>;
}

export function changedKeys(keys: ReadonlySet<string>): ChangedKeys {
  const split = { evidence: new Set<string>(), sources: new Set<string>(), entities: new Set<string>() };
  for (const key of keys) {
    const colon = key.indexOf(':');
    const id = key.slice(colon + 1);
    const kind = key.slice(0, colon);
    if (kind === 'evidence') split.evidence.add(id);
    else if (kind === 'source') split.sources.add(id);
    else if (kind === 'entity') split.entities.add(id);
  }
  return { keys, ...split };
}

/** The input keys of everything read, with each record's sources, entities and the records it refers to, and each source's chain, publisher and authors. */
export function keysOf(log: ReadsSeen, base: MatchContext, claimId: string, rulesetId: string): string[] {
  const allRecords = recordsOf(log);
  const { sources, entities } = sourcesAndEntities(log, allRecords, base);
  const out = new Set<string>(['config', `claim:${claimId}`, `ruleset:${rulesetId}`]);
  for (const id of log.evidenceIds) out.add(`evidence:${id}`);
  const get = (id: string) => base.index.get(id);
  for (const r of allRecords) {
    out.add(`evidence:${r.id}`);
    forEachReferenced(r, get, (id) => out.add(`evidence:${id}`));
  }
  for (const id of sources) out.add(`source:${id}`);
  for (const id of entities) out.add(`entity:${id}`);
  return [...out].sort();
}

/**
 * Whether keysOf would name one of the changed keys: the same reads, asked
 * without building ten thousand claims' sorted lists of keys, and without
 * following any source's chain when no source or entity changed.
 */
export function dependsOn(log: ReadsSeen, base: MatchContext, claimId: string, rulesetId: string, changed: ChangedKeys): boolean {
  const { keys } = changed;
  if (keys.has('config') || keys.has(`claim:${claimId}`) || keys.has(`ruleset:${rulesetId}`)) return true;
  const allRecords = recordsOf(log);
  if (changed.evidence.size) {
    for (const id of log.evidenceIds) if (changed.evidence.has(id)) return true;
    const get = (id: string) => base.index.get(id);
    let hit = false;
    for (const r of allRecords) {
      if (changed.evidence.has(r.id)) return true;
      forEachReferenced(r, get, (id) => (hit ||= changed.evidence.has(id)));
      if (hit) return true;
    }
  }
  if (!changed.sources.size && !changed.entities.size) return false;
  const { sources, entities } = sourcesAndEntities(log, allRecords, base);
  for (const id of sources) if (changed.sources.has(id)) return true;
  for (const id of entities) if (changed.entities.has(id)) return true;
  return false;
}

/** Every record read, and every record an index answer brought. */
function recordsOf(log: ReadsSeen): Set<EvidenceRecord> {
  const all = new Set(log.records);
  for (const list of log.buckets.values()) for (const r of list) all.add(r);
  return all;
}

function sourcesAndEntities(log: ReadsSeen, records: Iterable<EvidenceRecord>, base: MatchContext): { sources: Set<string>; entities: Set<string> } {
  const sources = new Set(log.sourceIds);
  const entities = new Set(log.entityIds);
  for (const r of records) addRecordRefs(r, sources, entities);
  addSourceRefs(base, sources, entities);
  return { sources, entities };
}

/** A record's source, the source it relays and the entities it names. */
export function addRecordRefs(r: EvidenceRecord, sources: Set<string>, entities: Set<string>): void {
  sources.add(r.source);
  if (r.relayed_from !== undefined) sources.add(r.relayed_from);
  if (r.attributed_to !== undefined) entities.add(r.attributed_to);
  for (const id of recordEntities(r)) entities.add(id);
}

/** The sources down each source's chain, and every source's publisher and authors. */
function addSourceRefs(base: MatchContext, sources: Set<string>, entities: Set<string>): void {
  for (const next of base.chainsOf([...sources])) sources.add(next);
  for (const id of sources) {
    const s = base.sources.get(id);
    if (s?.publisher !== undefined) entities.add(s.publisher);
    for (const author of s?.authors ?? []) entities.add(author);
  }
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
