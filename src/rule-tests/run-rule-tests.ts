import { FACTS } from '../facts/catalogue.js';
import type { FactScalar } from '../facts/fact-types.js';
import { createRunner, type RuleOutcome, type RulesRunner } from '../rules/run-rules.js';
import type { Config, Ruleset } from '../types.js';
import { decide } from '../verdict/decide.js';
import type { RuleTestCase } from './check-rule-tests.js';

export interface CaseResult {
  case: RuleTestCase;
  passed: boolean;
  actual: { rating: string; rule: string | null };
  /** Every rule of the ruleset as it came out: what a failure shows, and what coverage counts. */
  outcomes: readonly RuleOutcome[];
}

/**
 * Runs each case's facts through its ruleset, as verify would: the fired rule
 * with the highest priority decides, else the fallback rating. One engine per
 * ruleset, reused case after case.
 */
export async function runRuleTests(
  cases: readonly RuleTestCase[],
  rulesets: ReadonlyMap<string, Ruleset>,
  config: Pick<Config, 'fallback_rating'>,
  /** The computed facts of the case's claim, for cases that start from one; undefined when they cannot be had (reported). */
  claimFacts: (testCase: RuleTestCase & { claim: string }) => Promise<Record<string, FactScalar> | undefined>,
): Promise<CaseResult[]> {
  const runners = new Map<string, RulesRunner>();
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    const ruleset = rulesets.get(testCase.ruleset)!;
    let runner = runners.get(ruleset.id);
    if (!runner) runners.set(ruleset.id, (runner = createRunner(ruleset)));
    const base = testCase.claim === undefined ? NO_FACTS : await claimFacts({ ...testCase, claim: testCase.claim });
    if (!base) continue;
    const outcomes = await runner({ ...base, ...testCase.facts });
    const decided = decide(outcomes);
    const actual = { rating: decided?.rating ?? config.fallback_rating, rule: decided?.rule ?? null };
    const { expect } = testCase;
    const passed = actual.rating === expect.rating && (expect.rule === undefined || expect.rule === actual.rule);
    results.push({ case: testCase, passed, actual, outcomes });
  }
  return results;
}

/** Without a claim, a case gives the facts it is about and every other fact is unknown. */
const NO_FACTS: Readonly<Record<string, FactScalar>> = Object.fromEntries(FACTS.map((f) => [f.name, null]));
