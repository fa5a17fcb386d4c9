import { ACCOUNT_FACTS } from './account-facts.js';
import { CLAIM_FACTS } from './claim-facts.js';
import type { FactDefinition, FactInput, FactValue } from './fact-types.js';
import { QUANTITY_FACTS } from './quantity-facts.js';
import { SUPPORT_FACTS } from './support-facts.js';
import { TIME_FACTS } from './time-facts.js';

/** Every fact rules can use, in documentation order. docs/facts.md is generated from this table. */
export const FACTS: readonly FactDefinition[] = [...CLAIM_FACTS, ...SUPPORT_FACTS, ...ACCOUNT_FACTS, ...TIME_FACTS, ...QUANTITY_FACTS];

export const FACTS_BY_NAME: ReadonlyMap<string, FactDefinition> = new Map(FACTS.map((f) => [f.name, f]));

/** Computes every fact for one claim. Pure: the same input gives the same values and evidence. */
export function computeFacts(input: FactInput): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  const kind = input.claim.asserts.kind;
  // A fact meaningless for this kind of claim is null, not computed: a third of them, per claim.
  for (const fact of FACTS) out[fact.name] = fact.kinds && !fact.kinds.includes(kind) ? NOT_APPLICABLE : fact.compute(input);
  return out;
}

const NOT_APPLICABLE: FactValue = Object.freeze({ value: null, evidence: Object.freeze([]) as unknown as string[] });
