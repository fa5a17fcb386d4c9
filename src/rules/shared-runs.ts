import type { FactScalar } from '../facts/fact-types.js';
import type { RuleFiring, RuleOutcome } from './run-rules.js';

/**
 * The facts a ruleset reads, as one string: equal strings, equal values (null,
 * a missing fact, NaN and -0 each apart). Undefined for a value that is not a
 * fact's kind (a number, a boolean, a string, a list of strings, null): such a
 * value is never read to make a key, and its run is not shared.
 */
export function factsKey(names: readonly string[], facts: Record<string, FactScalar>): string | undefined {
  let key = '';
  for (const name of names) {
    const part = name in facts ? encode(facts[name]) : '-';
    if (part === undefined) return undefined;
    key += `${part}\u0000`;
  }
  return key;
}

function encode(value: unknown): string | undefined {
  if (typeof value === 'number') return Object.is(value, -0) ? 'n-0' : `n${value}`;
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return `[${value.map((v) => JSON.stringify(v)).join(',')}]`;
  return undefined;
}

/** Outcomes go to every claim with the same facts: frozen, so that no reader can change another claim's. */
export function shared<T extends RuleOutcome | RuleFiring>(outcomes: T[]): readonly T[] {
  for (const o of outcomes) {
    if ('leaves' in o) for (const list of [o.leaves, o.deciding, o.nearMisses]) Object.freeze(list).forEach((leaf) => Object.freeze(leaf));
    Object.freeze(o);
  }
  return Object.freeze(outcomes);
}
