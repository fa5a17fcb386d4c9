import type { FormatContext } from './format-context.js';
import type { RuleTestRun } from '../../pipeline.js';
import { PLAIN } from './format-context.js';
import { failureLines } from './rule-tests-text.js';
import { xmlAttr as attr, xmlText as text } from './xml-escape.js';
import { addTo } from '../../model/append.js';

/**
 * factcheck test --format junit: a testsuite per test file, a testcase per
 * case; a case whose verdict differs is a failure, a broken test file an
 * error. No times, so the same inputs give the same bytes.
 */
export function formatRuleTestsJunit(run: RuleTestRun, _ctx?: FormatContext): string {
  const suites = new Map<string, { cases: string[]; failures: number; errors: number }>();
  const suite = (name: string) => {
    let found = suites.get(name);
    if (!found) suites.set(name, (found = { cases: [], failures: 0, errors: 0 }));
    return found;
  };
  for (const result of run.results) {
    const s = suite(result.case.file);
    const open = `    <testcase name="${attr(result.case.name)}" classname="${attr(result.case.file.replace(/\.ya?ml$/, '').replace(/\//g, '.'))}">`;
    const where = `      <system-out>${text(`${result.case.file}:${result.case.line}:${result.case.col}\nruleset ${result.case.ruleset}${result.case.claim ? `, claim ${result.case.claim}` : ''}`)}</system-out>`;
    if (result.passed) {
      s.cases.push(`${open}\n${where}\n    </testcase>`);
      continue;
    }
    s.failures++;
    const expected = `${result.case.expect.rating}${typeof result.case.expect.rule === 'string' ? ` by ${result.case.expect.rule}` : ''}`;
    const message = `expected ${expected}, got ${result.actual.rating}${result.actual.rule ? ` by ${result.actual.rule}` : ' (no rule fired)'}`;
    const detail = failureLines(result, PLAIN).map((line) => line.slice(6)).join('\n');
    s.cases.push(`${open}\n      <failure type="verdict-differs" message="${attr(message)}">${text(detail)}</failure>\n${where}\n    </testcase>`);
  }
  const errors = new Map<string, string[]>();
  for (const d of run.diagnostics) {
    if (d.severity !== 'error') continue;
    addTo(errors, d.file, `${d.file}:${d.line}:${d.col}  ${d.code}  ${d.message}`);
  }
  for (const [file, lines] of [...errors].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const s = suite('invalid input');
    s.errors++;
    s.cases.push(
      `    <testcase name="${attr(file)}" classname="input">\n      <error type="invalid-input" message="${attr(`${lines.length} problem${lines.length === 1 ? '' : 's'} in ${file}`)}">${text(lines.join('\n'))}</error>\n    </testcase>`,
    );
  }
  const total = { tests: 0, failures: 0, errors: 0 };
  const body = [...suites].map(([name, s]) => {
    total.tests += s.cases.length;
    total.failures += s.failures;
    total.errors += s.errors;
    const file = name === 'invalid input' ? '' : ` file="${attr(name)}"`;
    return `  <testsuite name="${attr(name)}" tests="${s.cases.length}" failures="${s.failures}" errors="${s.errors}" skipped="0"${file}>\n${s.cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="factcheck rule tests" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}">\n${body.join('\n')}${body.length ? '\n' : ''}</testsuites>\n`;
}
