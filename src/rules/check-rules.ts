import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { FACTS_BY_NAME } from '../facts/catalogue.js';
import type { Config, Locator, NodeRef, Ruleset } from '../types.js';
import { didYouMean } from '../model/suggest.js';
import { OPERATOR_NAMES } from './operators.js';
import { isSafePath } from './resolve-path.js';
import { append } from '../model/append.js';

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
      if (names.has(rule.name)) out.push(diagnostic('rule/duplicate-name', locate(rule.ref, 'name'), `rule name "${rule.name}" is used twice in ruleset "${ruleset.id}"`));
      names.add(rule.name);
      append(out, checkRule(rule, config ? ratings : undefined, locate));
    });
    if (out.length) broken.add(ruleset.id);
    append(all, out);
  }
  return { diagnostics: all, broken };
}

/**
 * The names of a ruleset whose file failed its schema, read as far as they go:
 * one schema error must not hide an unsafe path or an unknown fact beside it.
 * The ruleset itself stays out of the run.
 */
export function checkBrokenRules(file: { path: string; value: unknown }, config: Config | undefined, locate: Locator): Diagnostic[] {
  const rules = (file.value as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return [];
  const ratings = config ? new Set(config.scale.map((r) => r.id)) : undefined;
  return rules.flatMap((raw: unknown, i) => {
    if (!isObject(raw)) return [];
    const params = isObject(raw.event) && isObject(raw.event.params) ? raw.event.params : {};
    return checkRule({ rating: params.rating, explanation: params.explanation, conditions: raw.conditions, ref: { file: file.path, path: ['rules', i] } }, ratings, locate);
  });
}

/** A rule's parts as found: typed when its file passed the schema, anything when it did not. */
interface RuleParts {
  rating: unknown;
  explanation: unknown;
  conditions: unknown;
  ref: NodeRef;
}

/** The names one rule uses (rating, placeholders, facts, operators) and its paths. */
function checkRule(rule: RuleParts, ratings: ReadonlySet<string> | undefined, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (...path: (string | number)[]) => locate(rule.ref, ...path);
  if (ratings && typeof rule.rating === 'string' && !ratings.has(rule.rating)) {
    out.push(diagnostic('rule/unknown-rating', at('event', 'params', 'rating'), `unknown rating "${rule.rating}"${didYouMean(rule.rating, ratings)}; the scale has ${[...ratings].join(', ')}`));
  }
  for (const match of typeof rule.explanation === 'string' ? rule.explanation.matchAll(PLACEHOLDER) : []) {
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
    if (typeof leaf.fact === 'string' && !FACTS_BY_NAME.has(leaf.fact)) {
      out.push(diagnostic('rule/unknown-fact', at(...path, 'fact'), `unknown fact "${leaf.fact}"${didYouMean(leaf.fact, FACTS_BY_NAME.keys())}`));
    }
    if (typeof leaf.operator === 'string' && !OPERATOR_NAMES.has(leaf.operator)) {
      out.push(diagnostic('rule/unknown-operator', at(...path, 'operator'), `unknown operator "${leaf.operator}"${didYouMean(leaf.operator, OPERATOR_NAMES)}; operators are ${[...OPERATOR_NAMES].join(', ')}`));
    }
    if (typeof leaf.path === 'string' && !isSafePath(leaf.path)) {
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
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function factReference(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string') {
    return (value as { fact: string }).fact;
  }
  return undefined;
}

/** A leaf condition as found: its fields are checked for type before use. */
type Leaf = Record<string, unknown>;

/**
 * Visits every leaf condition with its key path. Takes anything: a rule that
 * failed its schema is walked as far as it is well formed. Depth is bounded by
 * the nesting limit the parser enforces.
 */
export function walk(node: unknown, path: (string | number)[], visit: (leaf: Leaf, path: (string | number)[]) => void): void {
  if (!isObject(node)) return;
  const branch = (['all', 'any'] as const).find((key) => Array.isArray(node[key]));
  if (branch) (node[branch] as unknown[]).forEach((c, i) => walk(c, [...path, branch, i], visit));
  else if ('not' in node) walk(node.not, [...path, 'not'], visit);
  else visit(node, path);
}
