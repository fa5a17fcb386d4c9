import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { FACTS_BY_NAME } from '../facts/catalogue.js';
import type { ConditionNode, Config, Locator, Ruleset } from '../types.js';
import { didYouMean } from '../validate/suggest.js';
import { OPERATOR_NAMES } from './operators.js';
import { isSafePath } from './resolve-path.js';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Names in a rule that must exist: facts, operators, ratings, placeholders;
 * and the path subset. A ruleset with any problem is broken and is not run.
 */
export function checkRules(
  rulesets: ReadonlyMap<string, Ruleset>,
  config: Config | undefined,
  locate: Locator,
): { diagnostics: Diagnostic[]; broken: Set<string> } {
  const all: Diagnostic[] = [];
  const broken = new Set<string>();
  const ratings = new Set(config?.scale.map((r) => r.id) ?? []);
  const defaults = new Map<string, string>();

  for (const ruleset of rulesets.values()) {
    const out: Diagnostic[] = [];
    ruleset.default_for.forEach((kind, i) => {
      const other = defaults.get(kind);
      if (other !== undefined) {
        out.push(diagnostic('ref/duplicate-id', locate(ruleset.ref, 'default_for', i), `rulesets "${other}" and "${ruleset.id}" are both default_for "${kind}"; keep one`));
      } else defaults.set(kind, ruleset.id);
    });
    const names = new Set<string>();
    ruleset.rules.forEach((rule) => {
      const at = (...path: (string | number)[]) => locate(rule.ref, ...path);
      if (names.has(rule.name)) out.push(diagnostic('rule/duplicate-name', at('name'), `rule name "${rule.name}" is used twice in ruleset "${ruleset.id}"`));
      names.add(rule.name);
      if (config && !ratings.has(rule.rating)) {
        out.push(diagnostic('rule/unknown-rating', at('event', 'params', 'rating'), `unknown rating "${rule.rating}"${didYouMean(rule.rating, ratings)}; the scale has ${[...ratings].join(', ')}`));
      }
      for (const match of rule.explanation.matchAll(PLACEHOLDER)) {
        // A brace pair is a placeholder: {fact}, or {fact|one|many} for a number and its agreeing noun.
        const [, name = '', plural] = /^([^|]*)(\|.*)?$/.exec(match[1]!) ?? [];
        const fact = FACTS_BY_NAME.get(name);
        if (!fact) {
          out.push(diagnostic('rule/unknown-placeholder', at('event', 'params', 'explanation'), `unknown fact "{${name}}" in the explanation${didYouMean(name, FACTS_BY_NAME.keys())}`));
        } else if (plural !== undefined && (fact.type !== 'number' || plural.split('|').length !== 3)) {
          const problem = fact.type !== 'number' ? `"${name}" is not a number` : 'expected {fact|one|many}, a singular and a plural';
          out.push(diagnostic('rule/unknown-placeholder', at('event', 'params', 'explanation'), `"{${match[1]}}" in the explanation: ${problem}`));
        }
      }
      walk(rule.conditions, ['conditions'], (leaf, path) => {
        if (!FACTS_BY_NAME.has(leaf.fact)) {
          out.push(diagnostic('rule/unknown-fact', at(...path, 'fact'), `unknown fact "${leaf.fact}"${didYouMean(leaf.fact, FACTS_BY_NAME.keys())}`));
        }
        if (!OPERATOR_NAMES.has(leaf.operator)) {
          out.push(diagnostic('rule/unknown-operator', at(...path, 'operator'), `unknown operator "${leaf.operator}"${didYouMean(leaf.operator, OPERATOR_NAMES)}; operators are ${[...OPERATOR_NAMES].join(', ')}`));
        }
        if (leaf.path !== undefined && !isSafePath(leaf.path)) {
          out.push(diagnostic('rule/unsafe-path', at(...path, 'path'), `path "${leaf.path}" is outside the safe subset: only dot paths like "$.value" are allowed`));
        }
        const ref = factReference(leaf.value);
        if (ref !== undefined && !FACTS_BY_NAME.has(ref)) {
          out.push(diagnostic('rule/unknown-fact', at(...path, 'value', 'fact'), `unknown fact "${ref}"${didYouMean(ref, FACTS_BY_NAME.keys())}`));
        }
        const refPath = (leaf.value as { path?: unknown } | null)?.path;
        if (ref !== undefined && typeof refPath === 'string' && !isSafePath(refPath)) {
          out.push(diagnostic('rule/unsafe-path', at(...path, 'value', 'path'), `path "${refPath}" is outside the safe subset: only dot paths like "$.value" are allowed`));
        }
      });
    });
    if (out.length) broken.add(ruleset.id);
    all.push(...out);
  }
  return { diagnostics: all, broken };
}

export function factReference(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string') {
    return (value as { fact: string }).fact;
  }
  return undefined;
}

type Leaf = Extract<ConditionNode, { fact: string }>;

/** Visits every leaf condition with its key path. */
export function walk(node: ConditionNode, path: (string | number)[], visit: (leaf: Leaf, path: (string | number)[]) => void): void {
  if ('all' in node) node.all.forEach((c, i) => walk(c, [...path, 'all', i], visit));
  else if ('any' in node) node.any.forEach((c, i) => walk(c, [...path, 'any', i], visit));
  else if ('not' in node) walk(node.not, [...path, 'not'], visit);
  else visit(node, path);
}
