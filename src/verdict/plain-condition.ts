import { FACTS_BY_NAME } from '../facts/catalogue.js';
import { formatPoint } from '../model/format-date.js';
import type { ConditionTrail } from '../types.js';

/**
 * A condition a rule needed and did not get, in an editor's words, built from
 * the fact catalogue's labels: "the records that contradict it: at least 1
 * needed; there are none" instead of "contradicting_count ≥ 1, but it is 0".
 */
export function plainCondition(t: ConditionTrail): string {
  const fact = FACTS_BY_NAME.get(t.fact);
  const label = fact?.label ?? t.fact.replace(/_/g, ' ');
  if (fact?.type === 'boolean' && typeof t.threshold === 'boolean' && (t.operator === 'equal' || t.operator === 'notEqual')) {
    // A yes-or-no fact is a clause: "all its support comes from the claimant".
    const wanted = ((t.operator === 'equal') === t.threshold) !== t.negated;
    if (t.actual === null || t.actual === undefined) return `${label}: ${wanted ? 'needed' : 'must not hold'}, and it is unknown`;
    return wanted ? `${label}: needed, but it does not hold` : `${label}: must not hold, but it does`;
  }
  const counted = fact?.type === 'number' && typeof t.threshold === 'number';
  if (counted && t.operator === 'equal' && t.threshold === 0 && !t.negated) return `${label}: none needed; ${countWords(t.actual)}`;
  const wanted = `${t.negated ? 'not ' : ''}${OPERATORS[t.operator] ?? t.operator} ${thresholdWords(t.threshold)}`.replace(/\s+/g, ' ').trim();
  return `${label}: ${wanted} needed; ${counted ? countWords(t.actual) : `it is ${valueWords(t.actual)}`}`;
}

const OPERATORS: Record<string, string> = {
  equal: 'exactly',
  notEqual: 'other than',
  lessThan: 'less than',
  lessThanInclusive: 'at most',
  greaterThan: 'more than',
  greaterThanInclusive: 'at least',
  in: 'one of',
  notIn: 'none of',
  contains: 'a list including',
  doesNotContain: 'a list without',
};

function thresholdWords(threshold: unknown): string {
  if (threshold !== null && typeof threshold === 'object' && 'fact' in threshold) {
    const name = String((threshold as { fact: unknown }).fact);
    return FACTS_BY_NAME.get(name)?.label ?? name.replace(/_/g, ' ');
  }
  return valueWords(threshold);
}

function countWords(actual: unknown): string {
  if (actual === null || actual === undefined) return 'unknown';
  if (actual === 0) return 'there are none';
  return actual === 1 ? 'there is 1' : `there are ${String(actual)}`;
}

function valueWords(value: unknown): string {
  if (value === null || value === undefined) return 'unknown';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.map(valueWords).join(', ') : 'none';
  if (typeof value === 'string') return /^\d{4}(-\d{2}){0,2}$/.test(value) ? formatPoint(value) : `“${value}”`;
  return String(value);
}
