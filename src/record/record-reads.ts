import type { EvidenceIndex } from '../evidence/build-index.js';
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
  /** The inputs read so far, as record/hash-inputs keys, sorted. */
  keys(): string[];
}

/**
 * A claim's dependencies, recorded rather than listed: every record the index
 * returns, every source and entity looked up, every origin chain followed and
 * every contradiction consulted while matching, computing facts and building
 * the result becomes an input key. A record brings its source, the sources
 * down its chains and the entities it names, since citations show them.
 */
export function recordReads(base: MatchContext, claim: Claim, rulesetId: string): RecordedReads {
  const keys = new Set<string>(['config', `claim:${claim.id}`, `ruleset:${rulesetId}`]);
  const entity = (id: string | undefined) => {
    if (id !== undefined) keys.add(`entity:${id}`);
  };
  const source = (id: string | undefined) => {
    if (id === undefined || keys.has(`source:${id}`)) return;
    keys.add(`source:${id}`);
    const s = base.sources.get(id);
    entity(s?.publisher);
    s?.authors.forEach(entity);
    for (const next of base.chainOf(id)) source(next);
  };
  const record = (r: EvidenceRecord | undefined): void => {
    if (!r || keys.has(`evidence:${r.id}`)) return;
    keys.add(`evidence:${r.id}`);
    source(r.source);
    source(r.relayed_from);
    entity(r.attributed_to);
    for (const id of recordEntities(r)) entity(id);
  };
  const records = <T extends EvidenceRecord>(list: readonly T[]) => {
    list.forEach(record);
    return list;
  };

  const index: EvidenceIndex = {
    events: (e, action, asTarget) => records(base.index.events(e, action, asTarget)),
    negatedEvents: (e) => records(base.index.negatedEvents(e)),
    quantities: (subject, measure) => records(base.index.quantities(subject, measure)),
    statements: (speaker) => records(base.index.statements(speaker)),
    assessments: (subject, topic) => records(base.index.assessments(subject, topic)),
    responsesBy: (actor) => records(base.index.responsesBy(actor)),
    get: (id) => {
      keys.add(`evidence:${id}`); // even a record not there now: if one appears, it matters
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
      const found = base.contradictionsOf(id);
      for (const c of found) for (const other of c.records) record(base.index.get(other));
      return found;
    },
  };

  // What every result shows: the claimant, the appearance and the source that quotes the claim.
  entity(claim.claimant);
  source(claim.appearance);
  source(claim.quoted_in);
  return {
    ctx,
    names: createNames(entities, sources, base.vocabulary),
    entities,
    sources,
    touchFound(found) {
      for (const m of found.matches) record(m.record);
      found.assessments.forEach(record);
      found.omittedConduct.forEach(record);
      for (const c of found.contradictions) for (const id of c.records) record(base.index.get(id));
    },
    keys: () => [...keys].sort(),
  };
}

/** A map whose lookups are reported; everything else passes through. */
function watchedMap<V>(map: ReadonlyMap<string, V>, seen: (key: string) => void): ReadonlyMap<string, V> {
  return new Proxy(map, {
    get(target, property) {
      if (property === 'get' || property === 'has') {
        return (key: string) => {
          seen(key);
          return property === 'get' ? target.get(key) : target.has(key);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
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
