import type { VerifyReport } from '../../results/verify-report.js';
import { ratingLabel } from '../../results/verify-report.js';
import { causeSummary, changeTitle, citationChange, describeChange, uncomparedSummary } from './describe-change.js';
import type { FormatContext } from './format-context.js';
import { xmlAttr as attr, xmlText as text } from './xml-escape.js';

interface Suite {
  cases: string[];
  properties: string[];
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * JUnit XML: a testsuite per claims file with a testcase per claim, named by
 * the claim's id alone so that a change of rating keeps the test's history;
 * the rating is a property of the suite and in every message. A verdict or
 * trail change is a failure; a verdict that could not be compared because of
 * input errors is skipped, never failed; a file with invalid input is a
 * testcase with an error. No times or timestamps, so the same inputs give the
 * same bytes.
 */
export function formatJunit(report: VerifyReport, ctx: FormatContext = { color: false }): string {
  const { result } = report;
  const diff = report.check?.diff;
  const changes = new Map((diff?.changed ?? []).map((c) => [c.id, c]));
  const uncompared = new Map((diff?.uncompared ?? []).map((u) => [u.id, u]));
  const added = new Set(diff?.added ?? []);
  const suites = new Map<string, Suite>();
  const suite = (name: string) => {
    let s = suites.get(name);
    if (!s) suites.set(name, (s = { cases: [], properties: [], tests: 0, failures: 0, errors: 0, skipped: 0 }));
    return s;
  };
  const add = (name: string, xml: string, kind?: 'failure' | 'error' | 'skipped') => {
    const s = suite(name);
    s.cases.push(xml);
    s.tests++;
    if (kind === 'failure') s.failures++;
    if (kind === 'error') s.errors++;
    if (kind === 'skipped') s.skipped++;
  };
  const classname = (file: string) => file.replace(/\.ya?ml$/, '').replace(/\//g, '.');

  for (const claim of result.claims) {
    const rating = ratingLabel(result, claim.rating);
    // The XSD allows no properties on a testcase: the suite holds each claim's rating.
    suite(claim.file).properties.push(`      <property name="${attr(`rating:${claim.id}`)}" value="${attr(rating)}"/>`);
    const open = `    <testcase name="${attr(claim.id)}" classname="${attr(classname(claim.file))}">`;
    const out = `      <system-out>${text(`${ctx.pathPrefix ?? ''}${claim.file}:${claim.line}:${claim.col}\nrating ${rating}: ${claim.explanation}\nrule ${claim.ruleset}/${claim.rule ?? '(none fired)'}; cites ${claim.citations.map((c) => c.evidence).join(', ') || 'nothing'}`)}</system-out>`;
    const change = changes.get(claim.id);
    const blocked = uncompared.get(claim.id);
    if (change) {
      const type = change.kind === 'verdict' ? 'verdict-changed' : 'trail-changed';
      const message = `${changeTitle(change)} (now ${rating}): ${describeChange(result, change)}`;
      const citations = citationChange(change);
      const body = [`because: ${causeSummary(change)}`, citations ? `citations ${citations}` : ''].filter(Boolean).join('\n');
      add(claim.file, `${open}\n      <failure type="${type}" message="${attr(message)}">${text(body)}</failure>\n${out}\n    </testcase>`, 'failure');
    } else if (blocked) {
      add(claim.file, `${open}\n      <skipped type="not-compared" message="${attr(`${rating}; ${uncomparedSummary(blocked)}`)}"/>\n${out}\n    </testcase>`, 'skipped');
    } else if (added.has(claim.id)) {
      add(claim.file, `${open}\n      <failure type="verdict-not-recorded" message="${attr(`${rating}; no recorded verdict: run factcheck verify --update`)}"/>\n${out}\n    </testcase>`, 'failure');
    } else {
      add(claim.file, `${open}\n${out}\n    </testcase>`);
    }
  }

  if (report.check) {
    const lock = report.check.lockFile;
    for (const id of report.check.diff.removed) {
      add(lock, `    <testcase name="${attr(id)}" classname="recorded-verdicts">\n      <failure type="claim-gone" message="${attr('recorded claim no longer in the project')}"/>\n    </testcase>`, 'failure');
    }
    // Recorded claims that did not load have no result: their test still runs, skipped, under the lock file.
    const verified = new Set(result.claims.map((c) => c.id));
    for (const item of report.check.diff.uncompared.filter((u) => !verified.has(u.id))) {
      add(lock, `    <testcase name="${attr(item.id)}" classname="recorded-verdicts">\n      <skipped type="not-compared" message="${attr(uncomparedSummary(item))}"/>\n    </testcase>`, 'skipped');
    }
  }

  const errorsByFile = new Map<string, string[]>();
  for (const d of result.diagnostics) {
    if (d.severity !== 'error') continue;
    if (!errorsByFile.has(d.file)) errorsByFile.set(d.file, []);
    errorsByFile.get(d.file)!.push(`${ctx.pathPrefix ?? ''}${d.file}:${d.line}:${d.col}  ${d.code}  ${d.message}`);
  }
  for (const [file, lines] of [...errorsByFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    add(
      'invalid input',
      `    <testcase name="${attr(file)}" classname="input">\n      <error type="invalid-input" message="${attr(`${lines.length} problem${lines.length === 1 ? '' : 's'} in ${file}`)}">${text(lines.join('\n'))}</error>\n    </testcase>`,
      'error',
    );
  }

  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const body: string[] = [];
  for (const [name, s] of suites) {
    total.tests += s.tests;
    total.failures += s.failures;
    total.errors += s.errors;
    total.skipped += s.skipped;
    const file = name === 'invalid input' ? '' : ` file="${attr((ctx.pathPrefix ?? '') + name)}"`;
    const properties = s.properties.length ? `    <properties>\n${s.properties.join('\n')}\n    </properties>\n` : '';
    body.push(`  <testsuite name="${attr(name)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="${s.skipped}"${file}>\n${properties}${s.cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="factcheck" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}">\n${body.join('\n')}${body.length ? '\n' : ''}</testsuites>\n`;
}
