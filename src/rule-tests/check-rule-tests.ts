import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { FACTS_BY_NAME } from '../facts/catalogue.js';
import type { FactScalar, FactType } from '../facts/fact-types.js';
import type { ParsedFile } from '../load/parse-yaml.js';
import type { Config, Ruleset } from '../types.js';
import { describe } from '../validate/validate-schema.js';
import { didYouMean } from '../model/suggest.js';
import { append } from '../model/append.js';

/** One test case, checked: every name in it exists. */
export interface RuleTestCase {
  file: string;
  line: number;
  col: number;
  name: string;
  ruleset: string;
  /** A claim of the project (or of the corpus) whose computed facts the case starts from. */
  claim?: string;
  /** An inline corpus, as files to load with the project, positioned in the test file. */
  corpus?: ParsedFile[];
  facts: Record<string, FactScalar>;
  expect: { rating: string; rule?: string | null };
}

/** A rule test file as its schema describes it. */
interface RuleTestFile {
  ruleset?: string;
  cases: {
    name: string;
    ruleset?: string;
    claim?: string;
    corpus?: Partial<Record<CorpusKind, Record<string, unknown>[]>>;
    facts?: Record<string, FactScalar>;
    expect: { rating: string; rule?: string | null };
  }[];
}

/** What the cases are checked against. */
export interface TestContext {
  rulesets: ReadonlyMap<string, Ruleset>;
  config: Pick<Config, 'scale'>;
  /** Every claim id, with the ruleset each is verified by (undefined when none applies). */
  claims: ReadonlyMap<string, string | undefined>;
  /** The ruleset each claim kind gets by default. */
  defaults: ReadonlyMap<string, string>;
}

type CorpusKind = 'entities' | 'sources' | 'evidence' | 'claims';

/**
 * Checks the names in a schema-valid rule test file: rulesets, claims, rules,
 * facts and ratings, each with a did-you-mean, and fact values against their
 * types. A case with a problem is left out; the others still run.
 */
export function checkRuleTests(file: ParsedFile, invalidItems: ReadonlySet<number>, ctx: TestContext): { cases: RuleTestCase[]; diagnostics: Diagnostic[] } {
  const data = file.value as RuleTestFile;
  const diagnostics: Diagnostic[] = [];
  const cases: RuleTestCase[] = [];
  const names = new Map<string, number>();
  const ratings = ctx.config.scale.map((r) => r.id);

  if (data.ruleset !== undefined && !ctx.rulesets.has(data.ruleset)) {
    diagnostics.push(unknownRuleset(file.locate(['ruleset']), data.ruleset, ctx));
  }
  data.cases.forEach((item, i) => {
    if (invalidItems.has(i)) return;
    const at = (...path: (string | number)[]) => file.locate(['cases', i, ...path]);
    const atKey = (...path: (string | number)[]) => file.locate(['cases', i, ...path], 'key');
    const problems: Diagnostic[] = [];
    const first = names.get(item.name);
    if (first !== undefined) {
      problems.push(diagnostic('test/duplicate-name', at('name'), `a case named "${item.name}" is already at line ${file.locate(['cases', first]).line}; give each case its own name`));
    } else {
      names.set(item.name, i);
    }

    // A claim of the corpus takes its ruleset as the loader would: its own, or its kind's default.
    const inline = new Map(
      (item.corpus?.claims ?? []).map((c) => {
        const kind = (c.asserts as { kind?: string } | undefined)?.kind;
        return [String(c.id), typeof c.ruleset === 'string' ? c.ruleset : kind === undefined ? undefined : ctx.defaults.get(kind)] as const;
      }),
    );
    const known = (id: string) => ctx.claims.has(id) || inline.has(id);
    const claimRuleset = item.claim === undefined ? undefined : inline.has(item.claim) ? inline.get(item.claim) : ctx.claims.get(item.claim);
    if (item.claim !== undefined && !known(item.claim)) {
      problems.push(diagnostic('ref/unknown-claim', at('claim'), `unknown claim "${item.claim}"${didYouMean(item.claim, [...ctx.claims.keys(), ...inline.keys()])}`));
    }
    if (item.corpus && item.claim === undefined) {
      problems.push(diagnostic('schema/required', at('corpus'), 'expected `claim` with `corpus`: the claim whose facts the corpus changes'));
    }
    const rulesetId = item.ruleset ?? claimRuleset ?? data.ruleset;
    const ruleset = rulesetId === undefined ? undefined : ctx.rulesets.get(rulesetId);
    if (rulesetId === undefined) {
      if (item.claim === undefined || known(item.claim)) {
        problems.push(diagnostic('schema/required', at(), 'expected a ruleset: give `ruleset` in the file or in the case, or a `claim` to take it from'));
      }
    } else if (!ruleset) {
      // Wherever the id came from, say so there: a case is never dropped without a word.
      const own = (item.corpus?.claims ?? []).findIndex((c) => c.id === item.claim);
      const where =
        item.ruleset !== undefined ? at('ruleset') : own !== -1 ? at('corpus', 'claims', own, 'ruleset') : item.claim !== undefined ? at('claim') : file.locate(['ruleset']);
      problems.push(unknownRuleset(where, rulesetId, ctx));
    }

    for (const [name, value] of Object.entries(item.facts ?? {})) {
      const fact = FACTS_BY_NAME.get(name);
      if (!fact) {
        problems.push(diagnostic('rule/unknown-fact', atKey('facts', name), `unknown fact "${name}"${didYouMean(name, FACTS_BY_NAME.keys())}; the facts are listed in docs/facts.md`));
      } else if (!fits(value, fact.type)) {
        problems.push(diagnostic('schema/type', at('facts', name), `fact "${name}" is ${article(fact.type)}; found ${describe(value)}`));
      }
    }

    if (!ratings.includes(item.expect.rating)) {
      problems.push(diagnostic('rule/unknown-rating', at('expect', 'rating'), `unknown rating "${item.expect.rating}"${didYouMean(item.expect.rating, ratings)}; the scale is ${ratings.join(', ')}`));
    }
    const rule = item.expect.rule;
    if (ruleset && typeof rule === 'string' && !ruleset.rules.some((r) => r.name === rule)) {
      const rules = ruleset.rules.map((r) => r.name);
      problems.push(diagnostic('ref/unknown-rule', at('expect', 'rule'), `ruleset "${ruleset.id}" has no rule "${rule}"${didYouMean(rule, rules)}`));
    }

    append(diagnostics, problems);
    if (problems.length || !ruleset) return;
    const where = at();
    cases.push({
      file: file.path,
      line: where.line,
      col: where.col,
      name: item.name,
      ruleset: ruleset.id,
      ...(item.claim !== undefined ? { claim: item.claim } : {}),
      ...(item.corpus ? { corpus: corpusFiles(file, i, item.corpus) } : {}),
      facts: { ...item.facts },
      expect: { rating: item.expect.rating, ...('rule' in item.expect ? { rule: item.expect.rule ?? null } : {}) },
    });
  });
  return { cases, diagnostics };
}

/**
 * The corpus as files the loader takes: one per kind, shaped like a file of
 * that kind, each position looked up in the test file where the item sits.
 */
function corpusFiles(file: ParsedFile, index: number, corpus: Partial<Record<CorpusKind, unknown[]>>): ParsedFile[] {
  return (Object.entries(corpus) as [CorpusKind, unknown[]][]).map(([kind, items]) => ({
    path: `${file.path}#cases/${index}/corpus/${kind}`,
    kind,
    value: { [kind]: items },
    locate: (path, where) => file.locate(['cases', index, 'corpus', kind, ...path.slice(1)], where),
  }));
}

function unknownRuleset(at: ReturnType<ParsedFile['locate']>, id: string, ctx: TestContext): Diagnostic {
  return diagnostic('ref/unknown-ruleset', at, `unknown ruleset "${id}"${didYouMean(id, ctx.rulesets.keys())}`);
}

/** null stands for "no value", which every fact can have. */
function fits(value: FactScalar, type: FactType): boolean {
  if (value === null) return true;
  switch (type) {
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'string':
    case 'date':
      return typeof value === 'string';
  }
}

function article(type: FactType): string {
  return { number: 'a number', boolean: 'true or false', list: 'a list of strings', string: 'a string', date: 'a date string' }[type];
}
