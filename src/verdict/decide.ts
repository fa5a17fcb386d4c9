import type { RuleFiring } from '../rules/run-rules.js';

/** The deciding rule: the fired rule with the highest priority; ties go to the name that sorts first. */
export function decide<T extends RuleFiring>(outcomes: readonly T[]): T | undefined {
  return [...outcomes].filter((o) => o.fired).sort(byPriorityThenName)[0];
}

export function byPriorityThenName(a: RuleFiring, b: RuleFiring): number {
  return b.priority - a.priority || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
