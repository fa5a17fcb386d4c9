import type { FactValue } from '../facts/fact-types.js';
import type { RuleFiring } from '../rules/run-rules.js';
import type { Position } from '../diagnostics.js';
import type { ClaimResult, Config } from '../types.js';
import type { KeptClaim } from '../cache/result-store.js';
import { decide } from './decide.js';
import { fillExplanation } from './fill-explanation.js';

/** The rule that decided, the rating and the reason: what the verdict table shows of a result. */
export function verdictOf<T extends RuleFiring>(outcomes: readonly T[], facts: Record<string, FactValue>, config: Config, ruleset: string) {
  const decider = decide(outcomes);
  const rating = decider?.rating ?? config.fallback_rating;
  const explanation = decider ? fillExplanation(decider.explanation, facts) : `No rule in ruleset "${ruleset}" fired, so the fallback rating applies.`;
  const rating_label = config.scale.find((r) => r.id === rating)?.label ?? rating;
  return { decider, rating, rating_label, explanation };
}

/** A result's fields in the order buildClaimResult writes them, which every output keeps. */
export const RESULT_FIELDS: readonly (keyof ClaimResult)[] = [
  'id', 'file', 'line', 'col', 'text', 'claimant', 'date', 'reviewed', 'appearance', 'kind', 'summary', 'context', 'interpretation', 'anchor', 'tags',
  'ruleset', 'rating', 'rating_label', 'rule', 'priority', 'explanation', 'conditions', 'citations', 'contradictions', 'set_aside', 'also_fired',
  'rules_not_fired', 'facts',
];

/**
 * A result's table entry, made without the rest of the result: a run that
 * prints only the table would build ten thousand citation trails and throw
 * them away (a tenth of a cold run's CPU at the large bench size).
 */
export function claimHead(id: string, at: Position, verdict: ReturnType<typeof verdictOf>): KeptClaim['summary'] {
  // In SUMMARY's order, as headOf takes it from a whole result.
  return {
    id,
    file: at.file,
    line: at.line,
    col: at.col,
    rating: verdict.rating,
    rating_label: verdict.rating_label,
    rule: verdict.decider?.rule ?? null,
    explanation: verdict.explanation,
  };
}
