import type { FormatContext } from './format-context.js';
import type { EvalReport } from '../../eval/score-eval.js';
import { accepted, failure, percent } from './eval-summary.js';
import { xmlAttr as attr, xmlText as text } from './xml-escape.js';
import { addTo } from '../../model/append.js';

/**
 * factcheck eval --format junit: a testsuite per evaluation set and a
 * testcase per claim, named by its id (a change of rating never renames it).
 * A claim scored wrong is a failure; a set under its min_score fails its
 * "min_score" case; invalid input is an error. No times: same input, same bytes.
 */
export function formatEvalJunit(report: EvalReport, _ctx?: FormatContext): string {
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0 };
  for (const set of report.sets) {
    const cases: string[] = [];
    let failures = 0;
    const classname = set.file.replace(/\.ya?ml$/, '').replace(/\//g, '.');
    for (const claim of report.claims.filter((c) => c.set === set.file)) {
      // Jenkins' schema allows no properties on a testcase: the details go in its output.
      const details = [
        `${claim.file}:${claim.line}:${claim.col}`,
        `expected: ${claim.expected.accepted.join(' | ')}`,
        `rating: ${claim.actual.rating}`,
        `rule: ${claim.actual.rule ?? 'none (fallback rating)'}`,
        `kind: ${claim.kind}`,
        ...(claim.variant ? [`variant: ${claim.variant.change} of ${claim.variant.of}`] : []),
        `why: ${claim.expected.why}`,
      ];
      const out = `      <system-out>${text(details.join('\n'))}</system-out>`;
      let verdict = '';
      if (!claim.passed) {
        failures++;
        const type = claim.false_confirmation ? 'false-confirmation' : claim.rating_right ? 'evidence-not-cited' : 'wrong-rating';
        const message = `${claim.false_confirmation ? 'false confirmation: ' : ''}${failure(claim, accepted(claim, report))}`;
        verdict = `\n      <failure type="${type}" message="${attr(message)}">${text(claim.actual.explanation)}</failure>`;
      }
      cases.push(`    <testcase name="${attr(claim.id)}" classname="${attr(classname)}">${verdict}\n${out}\n    </testcase>`);
    }
    if (set.min_score !== null) {
      const score = `FEVER score ${percent(set.fever_score)} (${set.fever_right}/${set.claims}), min_score ${percent(set.min_score)}`;
      const failed = set.met === false ? `\n      <failure type="under-min-score" message="${attr(score)}"/>` : '';
      if (failed) failures++;
      cases.push(`    <testcase name="min_score" classname="${attr(classname)}">${failed}\n      <system-out>${text(score)}</system-out>\n    </testcase>`);
    }
    total.tests += cases.length;
    total.failures += failures;
    const properties = [
      ['fever_score', set.fever_score],
      ['label_accuracy', set.label_accuracy],
      ['min_score', set.min_score],
      ['false_confirmations', report.claims.filter((c) => c.set === set.file && c.false_confirmation).length],
    ]
      .map(([name, value]) => `      <property name="${name}" value="${value === null ? '' : String(value)}"/>`)
      .join('\n');
    suites.push(
      `  <testsuite name="${attr(set.file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" file="${attr(set.file)}">\n    <properties>\n${properties}\n    </properties>\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    const byFile = new Map<string, string[]>();
    for (const d of errors) addTo(byFile, d.file, `${d.file}:${d.line}:${d.col}  ${d.code}  ${d.message}`);
    const cases = [...byFile].sort(([a], [b]) => (a < b ? -1 : 1)).map(
      ([file, lines]) =>
        `    <testcase name="${attr(file)}" classname="input">\n      <error type="invalid-input" message="${attr(`${lines.length} problem${lines.length === 1 ? '' : 's'} in ${file}`)}">${text(lines.join('\n'))}</error>\n    </testcase>`,
    );
    total.tests += cases.length;
    total.errors += cases.length;
    suites.push(`  <testsuite name="invalid input" tests="${cases.length}" failures="0" errors="${cases.length}" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="factcheck eval" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
