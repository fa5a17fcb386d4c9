import type { RuleTestRun } from '../../pipeline.js';
import type { LeafOutcome, RuleOutcome } from '../../rules/run-rules.js';
import type { CaseResult } from '../../rule-tests/run-rule-tests.js';
import { clean, paint, type FormatContext } from './format-context.js';
import { append } from '../../model/append.js';

/** factcheck test: a line per case, and for a failure what was expected, what came out, and why. */
export function formatRuleTestsText(run: RuleTestRun, ctx: FormatContext): string {
  const options = { coverage: ctx.coverage };
  const t = (text: string) => clean(text, true);
  const out: string[] = [];
  let file: string | undefined;
  for (const result of run.results) {
    if (result.case.file !== file) {
      file = result.case.file;
      out.push(paint(ctx, 'bold', t(file)));
    }
    const mark = result.passed ? paint(ctx, 'green', '✓') : paint(ctx, 'red', '✗');
    out.push(`  ${mark} ${t(result.case.name)}`);
    if (!result.passed) append(out, failureLines(result, ctx));
  }
  const failed = run.results.filter((r) => !r.passed).length;
  const total = run.results.length;
  if (!total && !run.diagnostics.length) out.push(`no rule tests found: add cases under rules/tests/ (see README, "Rule tests")`);
  if (total) {
    out.push('', `${total} case${total === 1 ? '' : 's'}: ${total - failed} passed, ${failed ? paint(ctx, 'red', `${failed} failed`) : '0 failed'}`);
  }
  if (options.coverage) out.push('', ...coverage(run, ctx, t));
  return `${out.join('\n')}\n`;
}

/** A failed case: expected against actual, the conditions of the rule that decided and of the one expected. */
export function failureLines(result: CaseResult, ctx: FormatContext): string[] {
  const t = (text: string) => clean(text, true);
  const { expect } = result.case;
  const verdict = (rating: string, rule: string | null | undefined) =>
    rule === undefined ? rating : rule === null ? `${rating}, no rule firing (fallback)` : `${rating} by ${rule}`;
  const lines = [
    `      expected: ${t(verdict(expect.rating, expect.rule))}`,
    `      actual:   ${t(verdict(result.actual.rating, result.actual.rule))}`,
  ];
  const decided = result.outcomes.find((o) => o.rule === result.actual.rule);
  if (decided) {
    lines.push(`      ${t(decided.rule)} fired (priority ${decided.priority}) on:`);
    append(lines, decided.leaves.map((l) => leaf(l, ctx, t)));
  }
  const wanted = typeof expect.rule === 'string' ? result.outcomes.find((o) => o.rule === expect.rule) : undefined;
  if (wanted && wanted !== decided) append(lines, why(wanted, ctx, t));
  if (!wanted && expect.rule === undefined) {
    // Any rule giving the expected rating would do: show the nearest of them.
    const candidates = result.outcomes.filter((o) => o.rating === expect.rating && o !== decided);
    const nearest = candidates.sort((a, b) => a.deciding.length - b.deciding.length || b.priority - a.priority)[0];
    if (nearest) append(lines, why(nearest, ctx, t));
  }
  lines.push(`      ${t(result.case.file)}:${result.case.line}:${result.case.col}`);
  return lines;
}

function why(outcome: RuleOutcome, ctx: FormatContext, t: (s: string) => string): string[] {
  if (outcome.fired) return [`      ${t(outcome.rule)} fired too, but at priority ${outcome.priority} it lost`];
  return [`      ${t(outcome.rule)} (priority ${outcome.priority}) did not fire, failed on:`, ...outcome.deciding.map((l) => leaf(l, ctx, t))];
}

function leaf(l: LeafOutcome, ctx: FormatContext, t: (s: string) => string): string {
  const held = l.passed !== l.negated;
  const comparison = `${l.fact} ${l.operator} ${show(l.thresholdValue ?? l.threshold)}`;
  return `        ${held ? paint(ctx, 'green', '✓') : paint(ctx, 'red', '✗')} ${t(l.negated ? `not (${comparison})` : comparison)}    actual: ${t(show(l.actual))}`;
}

function coverage(run: RuleTestRun, ctx: FormatContext, t: (s: string) => string): string[] {
  const { rules, gaps } = run.coverage;
  const conditions = rules.flatMap((r) => r.conditions);
  const ruleGaps = new Set(gaps.filter((g) => !g.condition).map((g) => `${g.ruleset}/${g.rule}`));
  const conditionGaps = new Set(gaps.filter((g) => g.condition).map((g) => `${g.ruleset}/${g.rule}/${g.condition!.path}`));
  const lines = [
    paint(ctx, 'bold', 'Coverage'),
    `  rules that decide a case and fail in another: ${rules.length - ruleGaps.size} of ${rules.length}`,
    `  conditions that hold and fail: ${conditions.length - conditionGaps.size} of ${conditions.length}`,
  ];
  for (const gap of gaps) {
    const where = gap.condition ? `${gap.ruleset}/${gap.rule} ${gap.condition.path} (${gap.condition.fact} ${gap.condition.operator})` : `${gap.ruleset}/${gap.rule}`;
    const missing = { decide: 'never decides', fail: 'never fails', overrule: 'is never overruled (it has no conditions to fail)', hold: 'never holds' }[gap.missing];
    lines.push(`  ${paint(ctx, 'yellow', '!')} ${t(where)} ${missing}`);
  }
  if (!gaps.length) lines.push('  every rule decides a case and fails in another, and every condition holds in one and fails in another');
  return lines;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}
