import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import * as draft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit, gitProject } from '../helpers/git.js';
import { cleanProjects, REPO, runCli } from '../helpers/project.js';

const exec = promisify(execFile);
afterAll(cleanProjects);

let changed: string;
let broken: string;
beforeAll(async () => {
  changed = await gitProject();
  await edit(changed, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
  broken = await gitProject();
  await edit(broken, 'claims/statements.yaml', 'claimant: mike-pence', 'claimant: mike-pense');
  await edit(broken, 'claims/reporting.yaml', 'kind: timing', 'kind: timeing');
});

// Roots are resolved when a test runs: the table is built before beforeAll makes them.
const SCENARIOS = () => [
  ['unchanged', () => REPO, []],
  ['a changed verdict', () => changed, ['--check']],
  ['invalid input', () => broken, ['--check']],
] as const;

/** The line where a bundled claim starts, at "- id:" (its column is 5, after "  - "). */
async function claimLine(id: string): Promise<number> {
  const lines = (await readFile(join(REPO, 'claims/reporting.yaml'), 'utf8')).split('\n');
  return lines.indexOf(`  - id: ${id}`) + 1;
}

async function validateJunit(xml: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'factcheck-junit-'));
  await writeFile(join(dir, 'report.xml'), xml);
  await exec('xmllint', ['--noout', '--schema', join(REPO, 'tests/vendor/junit-10.xsd'), join(dir, 'report.xml')]);
}

describe('JUnit XML', () => {
  it.each(SCENARIOS())('validates against the JUnit XSD: %s', async (_name, root, extra) => {
    const run = await runCli(['verify', '--format', 'junit', '--root', root(), ...extra]);
    await validateJunit(run.stdout);
  });

  it('has one testcase per claim, a failure per changed verdict and an error per invalid file', async () => {
    const changes = (await runCli(['verify', '--format', 'junit', '--check', '--root', changed])).stdout;
    expect(changes.match(/<testcase /g)).toHaveLength(11);
    expect(changes).toContain('<testsuites name="factcheck" tests="11" failures="2" errors="0">');
    expect(changes).toMatch(/<testcase name="trump-tweeted-15-minutes-later: True" classname="claims\.reporting">\n {6}<failure type="verdict-changed" message="verdict changed: True \(unchanged\); rule quantity\/confirmed-by-one-report-repeated → quantity\/confirmed">because: rule quantity\/confirmed-by-one-report-repeated edited/);
    const invalid = (await runCli(['verify', '--format', 'junit', '--check', '--root', broken])).stdout;
    expect(invalid).toMatch(/errors="2"/);
    expect(invalid).toContain('<testcase name="claims/statements.yaml" classname="input">');
    expect(invalid).toContain('ref/unknown-entity  unknown entity &quot;mike-pense&quot;'.replace('&quot;', '"').replace('&quot;', '"'));
  });

  it('is the same bytes from run to run', async () => {
    const a = await runCli(['verify', '--format', 'junit', '--check', '--root', changed]);
    const b = await runCli(['verify', '--format', 'junit', '--check', '--root', changed]);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('SARIF 2.1.0', () => {
  it.each(SCENARIOS())('validates against the official schema: %s', async (_name, root, extra) => {
    const schema = JSON.parse(await readFile(join(REPO, 'tests/vendor/sarif-schema-2.1.0.json'), 'utf8'));
    // A CommonJS module: under NodeNext, TypeScript types module.exports as the namespace, so the
    // class is .default.default; at run time module.exports is the class and its .default is itself.
    const Ajv4 = draft04.default.default;
    const ajv = new Ajv4({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const sarif = JSON.parse((await runCli(['verify', '--format', 'sarif', '--root', root(), ...extra])).stdout);
    validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('puts each change and each problem at its position', async () => {
    const sarif = JSON.parse((await runCli(['verify', '--format', 'sarif', '--check', '--root', changed])).stdout);
    const changes = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'verdict/changed');
    expect(changes).toHaveLength(2);
    const line = await claimLine('trump-jr-link-two-days-later');
    expect(changes[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'claims/reporting.yaml', uriBaseId: 'PROJECTROOT' }, region: { startLine: line, startColumn: 5 } });
    const invalid = JSON.parse((await runCli(['verify', '--format', 'sarif', '--root', broken])).stdout);
    expect(invalid.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`)).toContain('ref/unknown-entity error');
  });
});

describe('GitHub Actions annotations', () => {
  it('annotates each changed claim at its line, escaped as GitHub requires', async () => {
    const out = (await runCli(['verify', '--format', 'github', '--check', '--root', changed])).stdout;
    const line = await claimLine('trump-jr-link-two-days-later');
    expect(out).toContain(`::error file=claims/reporting.yaml,line=${line},col=5,title=Verdict changed%3A trump-jr-link-two-days-later::True (unchanged). Because: rule quantity/confirmed-by-one-report-repeated edited.`);
    // The plain report follows for the job log.
    expect(out).toContain('Compared with factcheck.lock.json: 2 changed, 0 new, 0 gone, 9 unchanged');
  });

  it('escapes %, line breaks, colons and commas, and stops at 10 per type', async () => {
    const dir = await gitProject();
    const claims = Array.from(
      { length: 12 },
      (_, i) => `  - id: bad-${i}\n    text: words\n    claimant: "50%\\nmore"\n    date: "2017"\n    appearance: euronews-trump-jr-wikileaks\n    asserts: { kind: opinion, reason: x }\n`,
    );
    await writeFile(join(dir, 'claims/odd, name: 50%.yaml'), `claims:\n${claims.join('')}`);
    const out = (await runCli(['verify', '--format', 'github', '--root', dir])).stdout;
    const errors = out.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(10);
    expect(errors[0]).toBe(
      '::error file=claims/odd%2C name%3A 50%25.yaml,line=4,col=15,title=schema/format::`claimant`: expected an entity id, such as "donald-trump-jr", found "50%25%0Amore"',
    );
    expect(out).toMatch(/^factcheck: 2 more errors not annotated \(GitHub shows 10 per type\)/m);
  });

  it('writes the Markdown summary to $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(await mkdtemp(join(tmpdir(), 'factcheck-summary-')), 'summary.md');
    await writeFile(summary, '');
    await runCli(['verify', '--format', 'github', '--check', '--root', changed], REPO, { GITHUB_STEP_SUMMARY: summary });
    const md = await readFile(summary, 'utf8');
    expect(md).toMatch(/^## factcheck: 11 claims verified, 2 changes to recorded verdicts\n\n### Changed verdicts\n/);
    expect(md).toContain('| `trump-tweeted-15-minutes-later` | True (unchanged) | quantity/confirmed-by-one-report-repeated → quantity/confirmed |');
  });
});

describe('JSON with the diff', () => {
  it('matches schemas/result.schema.json', async () => {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(await readFile(join(REPO, 'schemas/result.schema.json'), 'utf8')));
    for (const root of [changed, broken]) {
      const out = JSON.parse((await runCli(['verify', '--format', 'json', '--check', '--root', root])).stdout);
      validate(out);
      expect(validate.errors ?? []).toEqual([]);
    }
  });
});

describe('paths and mentions', () => {
  it('prefixes annotation paths with the project folder inside the GitHub workspace', async () => {
    const out = (await runCli(['verify', '--format', 'github', '--check', '--root', changed], REPO, { GITHUB_WORKSPACE: join(changed, '..') })).stdout;
    const folder = changed.split('/').pop();
    expect(out).toContain(`::error file=${folder}/claims/reporting.yaml,line=`);
  });

  it('does not mention accounts in Markdown meant for pull-request comments', async () => {
    const md = (await runCli(['report', '--format', 'md'])).stdout;
    expect(md).toContain('@\u200bwikileaks');
    expect(md).not.toMatch(/@wikileaks/);
  });
});
