import type { EvidenceIndex } from '../evidence/build-index.js';
import type { Contradiction } from '../evidence/detect-contradictions.js';
import { expandEntity, findDenials, findEvents, place } from '../evidence/find-events.js';
import { convert } from '../model/units.js';
import { isKindOf } from '../model/vocabulary.js';
import type {
  AssessmentRecord,
  Claim,
  DateInfo,
  Entity,
  EventRecord,
  EvidenceRecord,
  Source,
  Vocabulary,
} from '../types.js';
import { compareWords } from './compare-words.js';

export type Role = 'support' | 'contradict' | 'neutral';

/** One evidence record as it bears on one claim. */
export interface Match {
  record: EvidenceRecord;
  role: Role;
  /** Why the record has its role, for explanations. */
  reason: string;
  origins: string[];
  /** The record comes from the claimant: it cannot be independent support. */
  selfReported: boolean;
  /** The record comes from the claim's own appearance: it cannot support the claim at all. */
  ownAppearance: boolean;
  /** For quantities: the record's value in the claim's unit. */
  value?: number;
}

export interface ClaimEvidence {
  matches: Match[];
  assessments: AssessmentRecord[];
  /** For quantities that count an action: other responses by the subject that the number leaves out. */
  omittedConduct: EventRecord[];
  /** Contradictions between evidence records that bear on the claim. */
  contradictions: Contradiction[];
}

export { expandEntity };

export interface MatchContext {
  entities: ReadonlyMap<string, Entity>;
  sources: ReadonlyMap<string, Source>;
  vocabulary: Vocabulary;
  index: EvidenceIndex;
  originsOf(record: EvidenceRecord): string[];
  /** A source and every source down its relays chain. */
  chainOf(sourceId: string): ReadonlySet<string>;
  /** The record's quote is located in an archived snapshot. */
  isAnchored(evidenceId: string): boolean;
  contradictionsOf(evidenceId: string): readonly Contradiction[];
}

/** Finds the evidence bearing on a claim, classifies each record, and gathers the contradictions among them. Pure. */
export function matchEvidence(claim: Claim, ctx: MatchContext): ClaimEvidence {
  const found = classify(claim, ctx);
  const seen = new Set<Contradiction>();
  for (const m of found.matches) for (const c of ctx.contradictionsOf(m.record.id)) seen.add(c);
  return { ...found, contradictions: [...seen] };
}

function classify(claim: Claim, ctx: MatchContext): Omit<ClaimEvidence, 'contradictions'> {
  const expand = (id: string) => expandEntity(id, ctx.entities);
  const claimant = expand(claim.claimant);
  const describe = (record: EvidenceRecord, role: Role, reason: string, value?: number): Match => ({
    record,
    role,
    reason,
    origins: ctx.originsOf(record),
    selfReported: isSelfReported(record, claimant, ctx),
    ownAppearance: comesFrom(record, claim.appearance, ctx),
    ...(value === undefined ? {} : { value }),
  });

  const a = claim.asserts;
  switch (a.kind) {
    case 'quantity': {
      const counterparts = a.counterpart === undefined ? undefined : expand(a.counterpart);
      const matches: Match[] = [];
      for (const subject of expand(a.subject)) {
        for (const r of ctx.index.quantities(subject, a.measure)) {
          if (counterparts && (r.counterpart === undefined || !counterparts.has(r.counterpart))) continue;
          const value = convert(r.value, r.unit, a.unit);
          if (value === undefined) continue; // unit mismatch is reported at load
          const holds = compareQuantity(value, a);
          matches.push(describe(r, holds ? 'support' : 'contradict', holds ? `reports ${format(value)} ${a.unit}` : `reports ${format(value)} ${a.unit}, not ${format(a.value)}`, value));
        }
      }
      const counts = ctx.vocabulary.measures.get(a.measure)?.counts;
      return {
        matches,
        assessments: assessmentsFor([...expand(a.subject)], a.measure, counterparts, ctx),
        omittedConduct: counts === undefined ? [] : omittedConduct(expand(a.subject), counterparts, counts, ctx),
      };
    }
    case 'event':
    case 'absence':
    case 'timing': {
      const matches: Match[] = [];
      for (const r of findEvents(a.event, expand, ctx.index)) {
        const [role, reason] = classifyEvent(a.kind, r, a.when, claim.date);
        matches.push(describe(r, role, reason));
      }
      for (const r of findDenials(a.event, expand, ctx.index, ctx.vocabulary)) {
        // "Did not respond to this message" denies one answer, not every one.
        if (r.in_response_to !== undefined) {
          matches.push(describe(r, 'neutral', 'says it did not happen in answer to one particular record'));
          continue;
        }
        const role: Role = a.kind === 'absence' ? 'support' : a.kind === 'event' ? 'contradict' : 'neutral';
        matches.push(describe(r, role, 'says it did not happen'));
      }
      matches.sort((x, y) => compareIds(x.record.id, y.record.id));
      return { matches, assessments: assessmentsFor([...expand(a.event.actor)], a.event.action, undefined, ctx), omittedConduct: [] };
    }
    case 'attribution': {
      const matches: Match[] = [];
      for (const speaker of expand(a.speaker)) {
        for (const r of ctx.index.statements(speaker)) {
          const comparison = compareWords(a.words, r.words);
          if (comparison.contains) matches.push(describe(r, 'support', 'quotes the same words'));
          else if (comparison.similarity >= 0.75) {
            matches.push(describe(r, 'contradict', `quotes different words (${Math.round(comparison.similarity * 100)}% alike)`));
          }
        }
      }
      return { matches, assessments: [], omittedConduct: [] };
    }
    case 'opinion':
      return { matches: [], assessments: [], omittedConduct: [] };
  }
}

function classifyEvent(kind: 'event' | 'absence' | 'timing', r: EventRecord, when: DateInfo | undefined, said: DateInfo): [Role, string] {
  const placement = when === undefined ? 'no-window' : place(r.date, when);
  const dated = r.date ? `dated ${r.date.text}` : 'undated';
  switch (kind) {
    case 'event':
      if (placement === 'no-window' || placement === 'inside') return ['support', `reports it (${dated})`];
      return ['neutral', placement === 'outside' ? `reports it outside the claimed time (${dated})` : `reports it, but cannot be placed in the claimed time (${dated})`];
    case 'absence':
      // A denial speaks up to the moment it is made: what certainly happened later cannot falsify it.
      if (placement === 'no-window' && r.date && r.date.start > said.end) return ['neutral', `reports it after the claim was made (${dated})`];
      if (placement === 'no-window' || placement === 'inside') return ['contradict', `reports it happening (${dated})`];
      return ['neutral', `reports it outside the period denied (${dated})`];
    case 'timing':
      if (placement === 'inside') return ['support', `dated inside the claimed time (${r.date!.text})`];
      // Outside a point in time, or outside a window said to hold every occurrence, contradicts;
      // outside a window that only says "it happened in here" does not.
      if (placement === 'outside' && (when!.precision !== 'range' || when!.complete)) return ['contradict', `dated outside the claimed time (${r.date!.text})`];
      if (placement === 'outside') return ['neutral', `dated outside the claimed window, which does not claim every occurrence (${r.date!.text})`];
      return ['neutral', r.date ? `dated ${r.date.text}, which may or may not fall inside the claimed time` : 'undated'];
  }
}

function compareQuantity(value: number, a: Extract<Claim['asserts'], { kind: 'quantity' }>): boolean {
  const epsilon = 1e-9 * Math.max(1, Math.abs(value));
  switch (a.comparison) {
    case 'equal':
      return Math.abs(value - a.value) <= epsilon;
    case 'at-most':
      return value <= a.value + epsilon;
    case 'at-least':
      return value >= a.value - epsilon;
    case 'more-than':
      return value > a.value + epsilon;
    case 'fewer-than':
    case 'less-than':
      return value < a.value - epsilon;
    case 'between':
      return value >= a.value - epsilon && value <= a.to! + epsilon;
    case 'approximately': {
      const absolute = a.tolerance ?? 0;
      const relative = ((a.tolerance_percent ?? 0) / 100) * Math.abs(value);
      return Math.abs(value - a.value) <= Math.max(absolute, relative) + epsilon;
    }
  }
}

function omittedConduct(subjects: Set<string>, counterparts: Set<string> | undefined, counts: string, ctx: MatchContext): EventRecord[] {
  const out: EventRecord[] = [];
  for (const subject of subjects) {
    for (const r of ctx.index.responsesBy(subject)) {
      if (r.negated || isKindOf(ctx.vocabulary, r.action, counts)) continue;
      const answered = ctx.index.get(r.in_response_to!);
      const from = answered?.kind === 'event' ? answered.actor : undefined;
      if (counterparts && (from === undefined || !counterparts.has(from))) continue;
      out.push(r);
    }
  }
  return out.sort((x, y) => compareIds(x.id, y.id));
}

function assessmentsFor(subjects: string[], topic: string, counterparts: Set<string> | undefined, ctx: MatchContext): AssessmentRecord[] {
  const out: AssessmentRecord[] = [];
  for (const subject of subjects) {
    for (const r of ctx.index.assessments(subject, topic)) {
      if (counterparts && r.counterpart !== undefined && !counterparts.has(r.counterpart)) continue;
      out.push(r);
    }
  }
  return out.sort((x, y) => compareIds(x.id, y.id));
}

/** From the claimant: attributed to them, spoken by them, or from a source they wrote or published. */
function isSelfReported(record: EvidenceRecord, claimant: Set<string>, ctx: MatchContext): boolean {
  if (record.attributed_to !== undefined && claimant.has(record.attributed_to)) return true;
  if (record.kind === 'statement' && claimant.has(record.speaker)) return true;
  // An outlet's other articles are its own word, not independent confirmation of its claim.
  for (const id of new Set([record.source, ...ctx.originsOf(record)])) {
    const source = ctx.sources.get(id);
    if (source?.authors.some((a) => claimant.has(a)) || (source?.publisher !== undefined && claimant.has(source.publisher))) return true;
  }
  return false;
}

function comesFrom(record: EvidenceRecord, appearance: string, ctx: MatchContext): boolean {
  if (record.source === appearance) return true;
  return record.relayed_from !== undefined && ctx.chainOf(record.relayed_from).has(appearance);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function format(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}
