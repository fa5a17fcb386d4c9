import { Engine, type RuleResult } from 'json-rules-engine';
import type { FactScalar } from '../facts/fact-types.js';
import type { Ruleset } from '../types.js';
import { resolvePath } from './resolve-path.js';
import { factsKey, shared } from './shared-runs.js';
import { forEachLeaf, nearMissesOf, type EvaluatedNode } from './condition-tree.js';

/** One leaf condition as the engine evaluated it. */
export interface LeafOutcome {
  /** Where the condition sits in the rule, such as "all[1].any[0]". */
  path: string;
  fact: string;
  operator: string;
  /** The threshold as written: a value, or {fact: name}. */
  threshold: unknown;
  /** The threshold's value after resolving a {fact} reference. */
  thresholdValue: unknown;
  actual: FactScalar | undefined;
  passed: boolean;
  /** Under an odd number of `not`s: the condition counts for the rule when the comparison fails. */
  negated: boolean;
  /** False only if the engine skipped the condition; rules are loaded so that it never does. */
  evaluated: boolean;
}

export interface RuleOutcome {
  rule: string;
  priority: number;
  rating: string;
  explanation: string;
  fired: boolean;
  /** Every condition, in rule order. */
  leaves: LeafOutcome[];
  /** The conditions that decided the outcome: for a rule that failed, the ones that made it fail. */
  deciding: LeafOutcome[];
  /** For a rule that failed: each condition that, had it gone the other way on its own, would have fired it. */
  nearMisses: LeafOutcome[];
}

/** What a verdict alone needs of a rule's run: whether it fired, and what it rates. */
export type RuleFiring = Pick<RuleOutcome, 'rule' | 'priority' | 'rating' | 'explanation' | 'fired'>;

/** Runs a claim's facts through a ruleset. The outcomes are frozen: claims with the same facts share them. */
export type RulesRunner = (facts: Record<string, FactScalar>) => Promise<readonly RuleOutcome[]>;
/** The same, with each rule's firing alone: for a table, which shows no conditions. */
export type FiringRunner = (facts: Record<string, FactScalar>) => Promise<readonly RuleFiring[]>;

/**
 * One engine per ruleset, its runs queued one after another: concurrent
 * `run()` calls on one json-rules-engine Engine share its status and silently
 * skip rules.
 */
export function createRunner(ruleset: Ruleset): RulesRunner;
export function createRunner(ruleset: Ruleset, detail: false): FiringRunner;
export function createRunner(ruleset: Ruleset, detail = true): RulesRunner | FiringRunner {
  let engine = engineFor(ruleset);
  // Only the facts the rules name go to the engine: its almanac hashes and clones every fact it is
  // given, and a claim has some sixty, of which a ruleset reads a dozen.
  const used = new Set<string>();
  for (const rule of ruleset.rules) {
    forEachLeaf(rule.conditions as EvaluatedNode, (leaf) => {
      used.add(leaf.fact!);
      const ref = leaf.value as { fact?: unknown } | null;
      if (ref !== null && typeof ref === 'object' && typeof ref.fact === 'string') used.add(ref.fact);
    });
  }
  const names = [...used];
  // The engine's answer depends on nothing but the facts its rules read: it runs once for each
  // combination of them, however many claims share it (the bench corpus's 10,000 claims have 233).
  const answers = new Map<string, Promise<readonly (RuleOutcome | RuleFiring)[]>>();
  let queue: Promise<unknown> = Promise.resolve();
  return ((facts) => {
    const key = factsKey(names, facts);
    const known = key === undefined ? undefined : answers.get(key);
    if (known) return known;
    const run = queue.then(async () => {
      const given: Record<string, FactScalar> = {};
      for (const name of names) if (name in facts) given[name] = facts[name]!;
      let evaluated;
      try {
        evaluated = await engine.run(given);
      } catch (error) {
        // A run that throws (an undefined fact) leaves the engine half-way, and the next run on it
        // silently skips rules: the next claim gets a new engine.
        engine = engineFor(ruleset);
        throw error;
      }
      const { results, failureResults } = evaluated;
      // Each condition's outcome, the conditions that decided and the near misses were a tenth of
      // what verifying a claim allocated: only for output that shows them.
      return shared([...results, ...failureResults].map(detail ? toOutcome : toFiring).sort(byName));
    });
    queue = run.catch(() => undefined);
    if (key !== undefined) answers.set(key, run);
    return run;
  }) as RulesRunner | FiringRunner;
}

function engineFor(ruleset: Ruleset): Engine {
  const engine = new Engine([], {
    allowUndefinedFacts: false,
    allowUndefinedConditions: false,
    replaceFactsInEventParams: false,
    pathResolver: resolvePath,
  });
  for (const rule of ruleset.rules) {
    engine.addRule({
      name: rule.name,
      priority: rule.priority,
      // The engine decorates condition objects as it runs; give it its own copy.
      conditions: structuredClone(rule.conditions) as never,
      event: { type: 'verdict', params: { rating: rule.rating, explanation: rule.explanation } },
    });
  }
  return engine;
}

function toFiring(result: RuleResult): RuleFiring {
  const params = (result.event?.params ?? {}) as { rating: string; explanation: string };
  return { rule: String(result.name), priority: result.priority ?? 1, rating: params.rating, explanation: params.explanation, fired: result.result === true };
}

function toOutcome(result: RuleResult): RuleOutcome {
  const root = result.conditions as unknown as EvaluatedNode;
  const leaves: LeafOutcome[] = [];
  const nodes = new Map<EvaluatedNode, LeafOutcome>();
  collect(root, (node, leaf) => {
    leaves.push(leaf);
    nodes.set(node, leaf);
  });
  const params = (result.event?.params ?? {}) as { rating: string; explanation: string };
  // Listed, not spread from toFiring: a spread here made runs a half slower and outcomes far larger.
  return {
    rule: String(result.name),
    priority: result.priority ?? 1,
    rating: params.rating,
    explanation: params.explanation,
    fired: result.result === true,
    leaves,
    // The engine records results on nested boolean nodes only; the rule's result is the root's.
    deciding: decidingNodes({ ...root, result: result.result === true }).map((node) => nodes.get(node)!),
    nearMisses: result.result === true ? [] : nearMissesOf(root, nodes),
  };
}

function collect(root: EvaluatedNode, visit: (node: EvaluatedNode, leaf: LeafOutcome) => void): void {
  forEachLeaf(root, (node, path, negated) =>
    visit(node, {
      path,
      fact: node.fact!,
      operator: node.operator!,
      threshold: node.value,
      thresholdValue: node.valueResult,
      actual: node.factResult,
      passed: node.result === true,
      negated,
      evaluated: node.result !== undefined,
    }),
  );
}

/**
 * The leaves that explain a node's outcome: for an `all` that failed, its failed
 * children; for an `any` that held, its children that held; a `not` passes the
 * question to its child, whose outcome is the opposite.
 */
function decidingNodes(node: EvaluatedNode): EvaluatedNode[] {
  const held = (n: EvaluatedNode) => n.result === true;
  if (node.all) return (held(node) ? node.all : node.all.filter((c) => !held(c))).flatMap(decidingNodes);
  if (node.any) return (held(node) ? node.any.filter(held) : node.any).flatMap(decidingNodes);
  if (node.not) return decidingNodes(node.not);
  return [node];
}

function byName(a: RuleFiring, b: RuleFiring): number {
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
