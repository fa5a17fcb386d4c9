import type { RuleOutcome } from '../rules/run-rules.js';

/** The deciding rule: the fired rule with the highest priority; ties go to the name that sorts first. */
export function decide(outcomes: readonly RuleOutcome[]): RuleOutcome | undefined {
  return [...outcomes].filter((o) => o.fired).sort(byPriorityThenName)[0];
}

export function byPriorityThenName(a: RuleOutcome, b: RuleOutcome): number {
  return b.priority - a.priority || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
