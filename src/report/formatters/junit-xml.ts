import type { VerifyReport } from '../../record/verify-report.js';
import { ratingLabel } from '../../record/verify-report.js';
import { causeSummary, ratingChange, ruleChange } from './describe-change.js';
import { xmlAttr as attr, xmlText as text } from './xml-escape.js';

/**
 * JUnit XML: a testsuite per claims file with a testcase per claim. A changed
 * verdict is a failure; a file with invalid input is a testcase with an error.
 * No times or timestamps, so the same inputs give the same bytes.
 */
export function formatJunit(report: VerifyReport): string {
  const { result } = report;
  const changes = new Map((report.check?.diff.changed ?? []).map((c) => [c.id, c]));
  const added = new Set(report.check?.diff.added ?? []);
  const suites = new Map<string, string[]>();
  const counts = new Map<string, { tests: number; failures: number; errors: number }>();
  const add = (suite: string, xml: string, kind?: 'failure' | 'error') => {
    if (!suites.has(suite)) {
      suites.set(suite, []);
      counts.set(suite, { tests: 0, failures: 0, errors: 0 });
    }
    suites.get(suite)!.push(xml);
    const c = counts.get(suite)!;
    c.tests++;
    if (kind === 'failure') c.failures++;
    if (kind === 'error') c.errors++;
  };

  for (const claim of result.claims) {
    const name = `${claim.id}: ${ratingLabel(result, claim.rating)}`;
    // The XSD allows only name, time, classname and group on a testcase: the position goes in system-out.
    const open = `    <testcase name="${attr(name)}" classname="${attr(claim.file.replace(/\.ya?ml$/, '').replace(/\//g, '.'))}">`;
    const change = changes.get(claim.id);
    const props = `      <system-out>${text(`${claim.file}:${claim.line}:${claim.col}\n${claim.explanation}\nrule ${claim.ruleset}/${claim.rule ?? '(none fired)'}; cites ${claim.citations.map((c) => c.evidence).join(', ') || 'nothing'}`)}</system-out>`;
    if (change) {
      const message = `verdict changed: ${ratingChange(result, change)}; rule ${ruleChange(change)}`;
      const body = [
        `because: ${causeSummary(change)}`,
        change.citations.gained.length ? `citations gained: ${change.citations.gained.join(', ')}` : '',
        change.citations.lost.length ? `citations lost: ${change.citations.lost.join(', ')}` : '',
      ].filter(Boolean).join('\n');
      add(claim.file, `${open}\n      <failure type="verdict-changed" message="${attr(message)}">${text(body)}</failure>\n${props}\n    </testcase>`, 'failure');
    } else if (added.has(claim.id)) {
      add(claim.file, `${open}\n      <failure type="verdict-not-recorded" message="${attr('no recorded verdict: run factcheck verify --update')}"/>\n${props}\n    </testcase>`, 'failure');
    } else {
      add(claim.file, `${open}\n${props}\n    </testcase>`);
    }
  }

  if (report.check) {
    for (const id of report.check.diff.removed) {
      add(
        report.check.lockFile,
        `    <testcase name="${attr(id)}" classname="recorded-verdicts">\n      <failure type="claim-gone" message="${attr('recorded claim no longer in the project')}"/>\n    </testcase>`,
        'failure',
      );
    }
  }

  const errorsByFile = new Map<string, string[]>();
  for (const d of result.diagnostics) {
    if (d.severity !== 'error') continue;
    if (!errorsByFile.has(d.file)) errorsByFile.set(d.file, []);
    errorsByFile.get(d.file)!.push(`${d.file}:${d.line}:${d.col}  ${d.code}  ${d.message}`);
  }
  for (const [file, lines] of [...errorsByFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    add(
      'invalid input',
      `    <testcase name="${attr(file)}" classname="input">\n      <error type="invalid-input" message="${attr(`${lines.length} problem${lines.length === 1 ? '' : 's'} in ${file}`)}">${text(lines.join('\n'))}</error>\n    </testcase>`,
      'error',
    );
  }

  const total = { tests: 0, failures: 0, errors: 0 };
  const body: string[] = [];
  for (const [name, cases] of suites) {
    const c = counts.get(name)!;
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    const file = name === 'invalid input' ? '' : ` file="${attr(name)}"`;
    body.push(`  <testsuite name="${attr(name)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="0"${file}>\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="factcheck" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}">\n${body.join('\n')}${body.length ? '\n' : ''}</testsuites>\n`;
}
