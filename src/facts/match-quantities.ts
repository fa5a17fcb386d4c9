import { expandEntity } from '../evidence/find-events.js';
import { convert } from '../model/units.js';
import { isKindOf } from '../model/vocabulary.js';
import type { AssessmentRecord, Claim, EventRecord } from '../types.js';
import { claimedValue } from './claim-facts.js';
import { compareIds, formatNumber, type ClaimEvidence, type Describe, type Match, type MatchContext } from './match-evidence.js';

type QuantityAssertion = Extract<Claim['asserts'], { kind: 'quantity' }>;

/**
 * Records of the claim's number: each supports or contradicts it by its value.
 * One that the subject reports about its own conduct is marked: it is that
 * party's account, not independent confirmation.
 */
export function matchQuantities(a: QuantityAssertion, ctx: MatchContext, describe: Describe): Omit<ClaimEvidence, 'contradictions'> {
  const expand = (id: string) => expandEntity(id, ctx.entities);
  const subjects = expand(a.subject);
  const counterparts = a.counterpart === undefined ? undefined : expand(a.counterpart);
  const matches: Match[] = [];
  for (const subject of subjects) {
    for (const r of ctx.index.quantities(subject, a.measure)) {
      if (counterparts && (r.counterpart === undefined || !counterparts.has(r.counterpart))) continue;
      const value = convert(r.value, r.unit, a.unit);
      if (value === undefined) continue; // unit mismatch is reported at load
      const holds = compareQuantity(value, a);
      const participant = r.attributed_to !== undefined && subjects.has(r.attributed_to);
      const own = participant ? `, by ${ctx.entities.get(r.attributed_to!)?.name ?? r.attributed_to}'s own account` : '';
      const reason = holds ? `reports ${formatNumber(value)} ${a.unit}${own}` : `reports ${formatNumber(value)} ${a.unit}, not ${claimedValue(a)}${own}`;
      matches.push(describe(r, holds ? 'support' : 'contradict', reason, { value, participant, ...(holds ? {} : { mismatch: 'count' as const }) }));
    }
  }
  const counts = ctx.vocabulary.measures.get(a.measure)?.counts;
  return {
    matches,
    assessments: assessmentsFor([...subjects], a.measure, counterparts, ctx),
    omittedConduct: counts === undefined ? [] : omittedConduct(subjects, counterparts, counts, ctx),
    context: [],
  };
}

export function compareQuantity(value: number, a: QuantityAssertion): boolean {
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

/**
 * The subject's other responses to the counterpart that the count leaves out,
 * one record per happening: two reports of one tweet are one response.
 */
function omittedConduct(subjects: Set<string>, counterparts: Set<string> | undefined, counts: string, ctx: MatchContext): EventRecord[] {
  const byHappening = new Map<string, EventRecord>();
  for (const subject of subjects) {
    for (const r of ctx.index.responsesBy(subject)) {
      if (r.negated || isKindOf(ctx.vocabulary, r.action, counts)) continue;
      const answered = ctx.index.get(r.in_response_to!);
      const from = answered?.kind === 'event' ? answered.actor : undefined;
      if (counterparts && (from === undefined || !counterparts.has(from))) continue;
      const answeredOccurrence = answered?.kind === 'event' ? answered.occurrence : undefined;
      const key = r.occurrence ?? (answeredOccurrence ? `${answeredOccurrence}\0${r.actor}\0${r.action}` : r.id);
      const kept = byHappening.get(key);
      if (!kept || r.id < kept.id) byHappening.set(key, r);
    }
  }
  return [...byHappening.values()].sort((x, y) => compareIds(x.id, y.id));
}

export function assessmentsFor(subjects: string[], topic: string, counterparts: Set<string> | undefined, ctx: MatchContext): AssessmentRecord[] {
  const out: AssessmentRecord[] = [];
  for (const subject of subjects) {
    for (const r of ctx.index.assessments(subject, topic)) {
      if (counterparts && r.counterpart !== undefined && !counterparts.has(r.counterpart)) continue;
      out.push(r);
    }
  }
  return out.sort((x, y) => compareIds(x.id, y.id));
}
