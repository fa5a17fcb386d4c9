import { forEachLeaf } from '../rules/condition-tree.js';
import type { RuleSpec, Ruleset } from '../types.js';

type ConditionNode = { all?: ConditionNode[]; any?: ConditionNode[]; not?: ConditionNode; fact?: string; operator?: string };
import type { CaseResult } from './run-rule-tests.js';
import { byId } from '../model/compare.js';

/** How often the cases saw one condition hold and fail. */
export interface ConditionCoverage {
  path: string;
  fact: string;
  operator: string;
  held: number;
  failed: number;
}

export interface RuleCoverage {
  ruleset: string;
  rule: string;
  /** Cases in which it fired and decided the verdict. */
  decided: number;
  /** Cases in which it fired but a rule of higher priority decided. */
  overruled: number;
  /** Cases in which its conditions did not hold. */
  failed: number;
  conditions: ConditionCoverage[];
}

/** A rule or condition the cases do not exercise both ways. */
export interface CoverageGap {
  ruleset: string;
  rule: string;
  /** The condition, when the gap is in one. */
  condition?: { path: string; fact: string; operator: string };
  /**
   * What no case shows: the rule deciding, the rule failing (for a rule with no
   * conditions, which cannot fail: being overruled), the condition holding or failing.
   */
  missing: 'decide' | 'fail' | 'overrule' | 'hold';
}

export interface Coverage {
  rules: RuleCoverage[];
  gaps: CoverageGap[];
}

/**
 * What the cases exercise: a rule is covered when it decides some case and
 * fails in another (a catch-all with no conditions: is overruled in another);
 * a condition when some case sees it hold and some sees it fail. Every ruleset
 * of the project counts, so an untested one shows as gaps.
 */
export function measureCoverage(results: readonly CaseResult[], rulesets: ReadonlyMap<string, Ruleset>): Coverage {
  const rules: RuleCoverage[] = [];
  const byKey = new Map<string, RuleCoverage>();
  for (const ruleset of [...rulesets.values()].sort(byId)) {
    for (const rule of ruleset.rules) {
      // Every condition of the rule, so that one no case reaches still counts.
      const conditions = leavesOf(rule.conditions).map((leaf) => ({ ...leaf, held: 0, failed: 0 }));
      const entry: RuleCoverage = { ruleset: ruleset.id, rule: rule.name, decided: 0, overruled: 0, failed: 0, conditions };
      rules.push(entry);
      byKey.set(`${ruleset.id}\0${rule.name}`, entry);
    }
  }
  for (const result of results) {
    for (const outcome of result.outcomes) {
      const entry = byKey.get(`${result.case.ruleset}\0${outcome.rule}`);
      if (!entry) continue;
      if (!outcome.fired) entry.failed++;
      else if (outcome.rule === result.actual.rule) entry.decided++;
      else entry.overruled++;
      for (const leaf of outcome.leaves) {
        const condition = entry.conditions.find((c) => c.path === leaf.path);
        // A condition under a `not` holds for the rule when its comparison fails.
        if (!condition || !leaf.evaluated) continue;
        if (leaf.passed !== leaf.negated) condition.held++;
        else condition.failed++;
      }
    }
  }

  const gaps: CoverageGap[] = [];
  for (const entry of rules) {
    const rule = { ruleset: entry.ruleset, rule: entry.rule };
    if (entry.decided === 0) gaps.push({ ...rule, missing: 'decide' });
    if (entry.conditions.length === 0 ? entry.overruled === 0 : entry.failed === 0) {
      gaps.push({ ...rule, missing: entry.conditions.length === 0 ? 'overrule' : 'fail' });
    }
    for (const seen of entry.conditions) {
      const condition = { path: seen.path, fact: seen.fact, operator: seen.operator };
      if (seen.held === 0) gaps.push({ ...rule, condition, missing: 'hold' });
      if (seen.failed === 0) gaps.push({ ...rule, condition, missing: 'fail' });
    }
  }
  return { rules, gaps };
}

/** The leaf conditions of a rule with their paths, named as the runner names them. */
function leavesOf(conditions: RuleSpec['conditions']): { path: string; fact: string; operator: string }[] {
  const leaves: { path: string; fact: string; operator: string }[] = [];
  forEachLeaf(conditions as ConditionNode, (leaf, path) => leaves.push({ path, fact: leaf.fact ?? '', operator: leaf.operator ?? '' }));
  return leaves;
}
