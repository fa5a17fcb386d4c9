import type { FormatContext } from './format-context.js';
import type { RuleTestRun } from '../../pipeline.js';

/** factcheck test --format json: every case with its verdict and, on failure, every rule's conditions; coverage; problems. */
export function formatRuleTestsJson(run: RuleTestRun, ctx: FormatContext = { color: false }): string {
  const options = { coverage: ctx.coverage };
  const failed = run.results.filter((r) => !r.passed).length;
  const doc = {
    summary: { cases: run.results.length, passed: run.results.length - failed, failed },
    cases: run.results.map((r) => ({
      file: r.case.file,
      line: r.case.line,
      col: r.case.col,
      name: r.case.name,
      ruleset: r.case.ruleset,
      claim: r.case.claim ?? null,
      passed: r.passed,
      expected: { rating: r.case.expect.rating, rule: r.case.expect.rule === undefined ? 'any' : r.case.expect.rule },
      actual: r.actual,
      ...(r.passed
        ? {}
        : {
            rules: r.outcomes.map((o) => ({
              rule: o.rule,
              priority: o.priority,
              rating: o.rating,
              fired: o.fired,
              conditions: o.leaves.map((l) => ({
                path: l.path,
                fact: l.fact,
                operator: l.operator,
                value: l.thresholdValue ?? l.threshold ?? null,
                actual: l.actual ?? null,
                passed: l.passed,
                negated: l.negated,
              })),
            })),
          }),
    })),
    ...(options.coverage ? { coverage: run.coverage } : {}),
    diagnostics: run.diagnostics,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
