import { expandEntity } from '../evidence/find-events.js';
import type { ClaimEvidence, MatchContext } from '../facts/match-evidence.js';
import type { Claim, EvidenceRecord, Ruleset } from '../types.js';

/**
 * Every input a claim's verdict can depend on, as inputHashes keys: the claim's
 * fields, the config, its ruleset and rules, every record matched (cited or
 * not, so that a change to an uncited record is still noticed), the records
 * those answer or contradict, their sources down the relays chains, and every
 * entity named along the way.
 */
export function claimDependencies(claim: Claim, found: ClaimEvidence, ruleset: Ruleset, ctx: MatchContext): string[] {
  const keys = new Set<string>(['config', `claim:${claim.id}`, `ruleset:${ruleset.id}`]);

  const entities = new Set<string>([claim.claimant, ...entitiesOf(claim.asserts)]);
  const sources = new Set<string>([claim.appearance, ...(claim.quoted_in ? [claim.quoted_in] : [])]);
  const records = new Map<string, EvidenceRecord>();
  const addRecord = (r: EvidenceRecord | undefined) => {
    if (r && !records.has(r.id)) records.set(r.id, r);
  };
  for (const m of found.matches) addRecord(m.record);
  for (const r of [...found.assessments, ...found.omittedConduct]) addRecord(r);
  for (const c of found.contradictions) for (const id of c.records) addRecord(ctx.index.get(id));
  for (const r of [...records.values()]) if (r.kind === 'event' && r.in_response_to) addRecord(ctx.index.get(r.in_response_to));
  // Unanswered-request records for omitted conduct are found by the subject's denials.
  if (claim.asserts.kind === 'quantity') for (const r of ctx.index.negatedEvents(claim.asserts.subject)) addRecord(r);

  for (const r of records.values()) {
    keys.add(`evidence:${r.id}`);
    sources.add(r.source);
    if (r.relayed_from) sources.add(r.relayed_from);
    for (const e of recordEntities(r)) entities.add(e);
  }
  for (const id of [...sources]) for (const s of ctx.chainOf(id)) sources.add(s);
  for (const id of sources) {
    keys.add(`source:${id}`);
    const source = ctx.sources.get(id);
    if (source?.publisher) entities.add(source.publisher);
    for (const a of source?.authors ?? []) entities.add(a);
  }
  for (const id of [...entities]) for (const e of expandEntity(id, ctx.entities)) entities.add(e);
  for (const id of entities) keys.add(`entity:${id}`);
  return [...keys].sort();
}

function entitiesOf(a: Claim['asserts']): string[] {
  switch (a.kind) {
    case 'quantity':
      return [a.subject, ...(a.counterpart ? [a.counterpart] : [])];
    case 'event':
    case 'absence':
    case 'timing':
      return [a.event.actor, ...(a.event.target ? [a.event.target] : [])];
    case 'attribution':
      return [a.speaker];
    case 'opinion':
      return [];
  }
}

function recordEntities(r: EvidenceRecord): string[] {
  const own = r.attributed_to ? [r.attributed_to] : [];
  switch (r.kind) {
    case 'event':
      return [...own, r.actor, ...(r.target ? [r.target] : [])];
    case 'quantity':
      return [...own, r.subject, ...(r.counterpart ? [r.counterpart] : [])];
    case 'statement':
      return [...own, r.speaker];
    case 'assessment':
      return [...own, r.assessor, r.subject, ...(r.counterpart ? [r.counterpart] : [])];
  }
}
