import type { FactScalar } from '../facts/fact-types.js';
import { factReference, walk } from '../rules/check-rules.js';
import type { Ruleset } from '../types.js';
import type { RuleTestCase } from './check-rule-tests.js';

/** A test file as read, for its header: the ruleset the cases run by default and what the file says it covers. */
export interface TestFileHeader {
  path: string;
  ruleset: string;
  description?: string;
}

/**
 * Rule test files that hold in any project: each case that starts from a claim
 * of this project (its facts computed from this project's evidence) is written
 * with those facts instead, so that a new project, with none of these claims,
 * still runs every case. Only the facts the ruleset's conditions name are
 * written: every other fact is null in a case, and no condition reads it.
 */
export function portableTestFiles(
  headers: readonly TestFileHeader[],
  cases: readonly RuleTestCase[],
  claimFacts: ReadonlyMap<RuleTestCase, Record<string, FactScalar>>,
  rulesets: ReadonlyMap<string, Ruleset>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const header of headers) {
    const name = header.path.split('/').pop()!;
    const lines = [
      `# Cases for the ${header.ruleset} ruleset, run by \`factcheck test\`. Made by factcheck's \`npm run docs\``,
      `# from its own rules/tests/${name}: a case that started from a claim of factcheck's bundled`,
      '# corpus gives that claim\'s facts here, so that every case holds in any project.',
      `ruleset: ${header.ruleset}`,
      ...(header.description ? [`description: ${JSON.stringify(header.description)}`] : []),
      'cases:',
    ];
    for (const testCase of cases.filter((c) => c.file === header.path)) {
      const named = conditionFacts(rulesets.get(testCase.ruleset));
      const base = testCase.claim === undefined ? {} : claimFacts.get(testCase) ?? {};
      const facts = Object.fromEntries(Object.entries({ ...base, ...testCase.facts }).filter(([fact]) => named.has(fact) || fact in testCase.facts).sort(([a], [b]) => (a < b ? -1 : 1)));
      const from = testCase.claim === undefined ? '' : `  # the facts of ${testCase.claim}`;
      lines.push('', `  - name: ${JSON.stringify(testCase.name)}`);
      if (testCase.ruleset !== header.ruleset) lines.push(`    ruleset: ${testCase.ruleset}`);
      lines.push(`    facts: ${flow(facts)}${from}`, `    expect: ${flow({ rating: testCase.expect.rating, ...(testCase.expect.rule === undefined ? {} : { rule: testCase.expect.rule }) })}`);
    }
    out.set(name, `${lines.join('\n')}\n`);
  }
  return out;
}

/** The facts a ruleset's conditions name, on either side of a comparison. */
function conditionFacts(ruleset: Ruleset | undefined): Set<string> {
  const names = new Set<string>();
  for (const rule of ruleset?.rules ?? []) {
    walk(rule.conditions, [], (leaf) => {
      if (typeof leaf.fact === 'string') names.add(leaf.fact);
      const ref = factReference(leaf.value);
      if (ref) names.add(ref);
    });
  }
  return names;
}

/** A YAML flow mapping: JSON values are YAML, and quoted strings keep "true" a string. */
function flow(map: Record<string, unknown>): string {
  return `{ ${Object.entries(map).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(', ')} }`;
}
