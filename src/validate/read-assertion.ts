import type { Assertion, ClaimKind, EventPattern, PatternRelation } from '../types.js';
import { readDuration } from './read-duration.js';
import type { ReadDate } from './read-record.js';

type Raw = Record<string, any>;

/** What a claim asserts, as typed data; `when` read by `date`, which reports what it cannot read. */
export function readAssertion(a: Raw, date: ReadDate): Assertion {
  switch (a.kind as ClaimKind) {
    case 'quantity':
      return {
        kind: 'quantity',
        subject: a.subject,
        measure: a.measure,
        counterpart: a.counterpart,
        value: a.value,
        to: a.to,
        unit: a.unit,
        comparison: a.comparison ?? 'equal',
        tolerance: a.tolerance,
        tolerance_percent: a.tolerance_percent,
      };
    case 'event':
    case 'absence':
      return { kind: a.kind, event: readPattern(a.event), patterns: readPatterns(a.patterns), when: date('when', a.when) };
    case 'timing':
      // An unreadable window was reported by `date`, which drops the claim.
      return { kind: 'timing', event: readPattern(a.event), patterns: readPatterns(a.patterns), when: date('when', a.when)! };
    case 'attribution':
      return { kind: 'attribution', speaker: a.speaker, words: a.words };
    case 'opinion':
      return { kind: 'opinion', reason: a.reason };
  }
}

export function readPattern(p: Raw): EventPattern {
  return {
    actor: p.actor,
    action: p.action,
    target: p.target,
    channel: p.channel,
    mutual: p.mutual === true,
    about: p.about,
    once: p.once === true,
    answers: p.answers,
    after: relation(p.after),
    before: relation(p.before),
  };
}

function readPatterns(raw: Raw | undefined): ReadonlyMap<string, EventPattern> {
  return new Map(Object.entries(raw ?? {}).map(([name, p]) => [name, readPattern(p as Raw)]));
}

function relation(value: unknown): PatternRelation | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { pattern: value };
  const { event, by } = value as { event: string; by?: string };
  return by === undefined ? { pattern: event } : { pattern: event, by: readDuration(by) };
}
