import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import * as draft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_EVIDENCE, COUNT_SOURCE, edit, git, gitMonorepo, gitProject } from '../helpers/git.js';
import { cleanProjects, makeTempDir, REPO, runCli } from '../helpers/project.js';
import { validateJunit } from '../helpers/validate-junit.js';

afterAll(cleanProjects);

/**
 * Every CI output driven through the tool that consumes it, on a project in a
 * subfolder of its git repository (a monorepo: --root desk), with verdict and
 * trail changes and with input errors: JUnit through xmllint and the xUnit
 * XSD, SARIF through the OASIS schema and what code scanning needs, GitHub
 * annotations through the workflow-command syntax.
 */
const SCHEMAS = existsSync(join(REPO, '../shared/ci-schemas')) ? join(REPO, '../shared/ci-schemas') : join(REPO, 'tests/vendor');

type Monorepo = Awaited<ReturnType<typeof gitMonorepo>>;

let changed: Monorepo;
let broken: Monorepo;
beforeAll(async () => {
  changed = await gitMonorepo();
  await writeFile(join(changed.desk, 'sources/count.yaml'), COUNT_SOURCE);
  await writeFile(join(changed.desk, 'evidence/count.yaml'), COUNT_EVIDENCE);
  broken = await gitMonorepo();
  // A misquote keeps out a record two verdicts cite; a schema error keeps out a whole claim.
  await edit(broken.desk, 'evidence/euronews-trump-jr-wikileaks.yaml', '(with my whopping 3 responses)', '(with my whopping 4 responses)');
  await edit(broken.desk, 'claims/reporting.yaml', 'kind: timing', 'kind: timeing');
});

const run = (where: Monorepo, format: string, env: Record<string, string> = {}) => runCli(['verify', '--check', '--format', format, '--root', where.desk], where.repo, env);
// Resolved when a test runs: the table is built before beforeAll makes the repositories.
const SCENARIOS = () => [['verdict and trail changes', () => changed], ['input errors', () => broken]] as const;

describe('JUnit XML', () => {
  it.each(SCENARIOS())('validates against the xUnit XSD with xmllint: %s', async (_name, scenario) => {
    await validateJunit((await run(scenario(), 'junit')).stdout);
  });

  it('is checked by a validator that refuses what the XSD forbids', async () => {
    await expect(validateJunit('<testsuites><testcase name="a"><properties/></testcase></testsuites>')).rejects.toThrow(/not valid/);
  });

  it('names each test by its claim alone, with the rating as a property and in the message', async () => {
    const xml = (await run(changed, 'junit')).stdout;
    expect(xml.match(/<testcase /g)).toHaveLength(11);
    expect(xml).toContain('<testsuites name="factcheck" tests="11" failures="2" errors="0">');
    expect(xml).toContain('<testcase name="trump-jr-whopping-3-responses" classname="claims.statements">');
    expect(xml).toContain('<property name="rating:trump-jr-whopping-3-responses" value="Mostly true"/>');
    expect(xml).toContain('<failure type="verdict-changed" message="Verdict changed (now Mostly true): rating Half true → Mostly true;');
    expect(xml).toContain('<failure type="trail-changed" message="Trail changed (now False): citations gained independent-reply-count; rating False and rule absence/contradicted-before-claim-and-admitted unchanged">');
    expect(xml).toContain('<testsuite name="claims/statements.yaml" tests="4" failures="2" errors="0" skipped="0" file="desk/claims/statements.yaml">');
    expect(xml).not.toMatch(/<testcase name="[^"]*: /);
  });

  it('skips, never fails, the verdicts that input errors keep from being compared', async () => {
    const xml = (await run(broken, 'junit')).stdout;
    expect(xml).not.toContain('<failure');
    expect(xml).toMatch(/<testcase name="trump-jr-whopping-3-responses" classname="claims.statements">\n {6}<skipped type="not-compared" message="[^"]*evidence record euronews-release-tweet-count did not load: evidence\/euronews-trump-jr-wikileaks.yaml:\d+:\d+ quote\/not-found/);
    expect(xml).toMatch(/<testcase name="week-exchange-window" classname="recorded-verdicts">\n {6}<skipped type="not-compared" message="not compared[^"]*claim week-exchange-window did not load: claims\/reporting.yaml:40:\d+ schema\/enum/);
    expect(xml).toContain('<testcase name="claims/reporting.yaml" classname="input">');
  });

  it('is the same bytes from run to run', async () => {
    expect((await run(changed, 'junit')).stdout).toBe((await run(changed, 'junit')).stdout);
  });
});

describe('SARIF 2.1.0', () => {
  const sarifOf = async (where: Monorepo, env: Record<string, string> = {}) => JSON.parse((await run(where, 'sarif', env)).stdout);

  it.each(SCENARIOS())('validates against the OASIS schema: %s', async (_name, scenario) => {
    const where = scenario();
    const schema = JSON.parse(await readFile(join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf8'));
    // A CommonJS module: under NodeNext, TypeScript types module.exports as the namespace, so the
    // class is .default.default; at run time module.exports is the class and its .default is itself.
    const Ajv4 = draft04.default.default;
    const validate = new Ajv4({ allErrors: true, strict: false }).compile(schema);
    validate(await sarifOf(where));
    expect(validate.errors ?? []).toEqual([]);
  });

  it.each(SCENARIOS())('has what code scanning needs: repository paths, fingerprints, rule help, a category: %s', async (_name, scenario) => {
    const where = scenario();
    const sarif = await sarifOf(where, { FACTCHECK_DOCS_URL: 'https://docs.factcheck.test/v0.1/docs' });
    const [runs] = sarif.runs;
    expect(runs.automationDetails).toEqual({ id: 'factcheck/desk/' });
    expect(runs.originalUriBaseIds['%SRCROOT%']).toBeDefined();
    for (const result of runs.results) {
      expect(result.partialFingerprints['factcheck/v1'], result.ruleId).toMatch(/^[0-9a-f]{32}/);
      for (const location of result.locations ?? []) {
        const { uri, uriBaseId } = location.physicalLocation.artifactLocation;
        expect(uriBaseId).toBe('%SRCROOT%');
        // Relative to the repository, so code scanning finds the file.
        expect(existsSync(join(where.repo, decodeURI(uri))), uri).toBe(true);
      }
    }
    const fingerprints = runs.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['factcheck/v1']);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    const docs = await readFile(join(REPO, 'docs/diagnostics.md'), 'utf8');
    for (const rule of runs.tool.driver.rules) {
      // The link's anchor is in the docs.
      expect(docs, rule.id).toContain(`<a id="${rule.id.replace(/[^a-z0-9]+/g, '-')}"></a>\`${rule.id}\``);
      expect(rule.fullDescription.text.length, rule.id).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      expect(rule.helpUri).toBe(`https://docs.factcheck.test/v0.1/docs/diagnostics.md#${rule.id.replace(/[^a-z0-9]+/g, '-')}`);
    }
  });

  it('keeps fingerprints when lines move, and separates verdict from trail changes', async () => {
    const before = await sarifOf(changed);
    const dir = await makeTempDir('moved');
    await cp(changed.repo, dir, { recursive: true });
    const file = join(dir, 'desk/claims/reporting.yaml');
    await writeFile(file, `# A comment that moves every line down.\n${await readFile(file, 'utf8')}`);
    const after = JSON.parse((await runCli(['verify', '--check', '--format', 'sarif', '--root', join(dir, 'desk')], dir)).stdout);
    const prints = (s: typeof before) => s.runs[0].results.map((r: { ruleId: string; partialFingerprints: Record<string, string> }) => `${r.ruleId} ${r.partialFingerprints['factcheck/v1']}`).sort();
    expect(prints(after)).toEqual(prints(before));
    const rules = before.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`);
    expect(rules).toContain('verdict/changed error');
    expect(rules).toContain('verdict/trail-changed warning');
    const trail = before.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'verdict/trail-changed');
    expect(trail.message.text).toContain('citations gained independent-reply-count');
  });

  it('reports the verdicts input errors keep from being compared, not as changed or gone', async () => {
    const ruleIds = (await sarifOf(broken)).runs[0].results.map((r: { ruleId: string }) => r.ruleId);
    expect(ruleIds).toContain('verdict/not-compared');
    expect(ruleIds).not.toContain('verdict/changed');
    expect(ruleIds).not.toContain('verdict/gone');
  });
});

/**
 * The GitHub Actions workflow-command syntax: ::level props::data, with props
 * name=value pairs whose values escape %, CR, LF, ":" and ",", and data that
 * escapes %, CR and LF.
 */
function checkCommand(line: string): { level: string; props: Record<string, string>; data: string } {
  const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const [, level, rawProps = '', data = ''] = match;
  const props: Record<string, string> = {};
  for (const pair of rawProps ? rawProps.split(',') : []) {
    const [name, value = ''] = pair.split(/=(.*)/s);
    if (!['file', 'line', 'col', 'endLine', 'endColumn', 'title'].includes(name!)) throw new Error(`unknown property ${name} in ${line}`);
    if (/%(?!25|0D|0A|3A|2C)/.test(value)) throw new Error(`unescaped % in ${line}`);
    props[name!] = value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  }
  if (/%(?!25|0D|0A)/.test(data)) throw new Error(`unescaped % in the message of ${line}`);
  if (props.line !== undefined) expect(props.line).toMatch(/^[1-9]\d*$/);
  return { level: level!, props, data };
}

describe('GitHub Actions annotations', () => {
  it.each(SCENARIOS())('follow the workflow-command syntax, at files of the repository: %s', async (_name, scenario) => {
    const where = scenario();
    const out = (await run(where, 'github')).stdout;
    const commands = out.split('\n').filter((l) => l.startsWith('::')).map(checkCommand);
    expect(commands.length).toBeGreaterThan(0);
    for (const { props } of commands) if (props.file) expect(existsSync(join(where.repo, props.file)), props.file).toBe(true);
  });

  it('say what changed: the rating, the rule and the citations, verdict changes as errors and trail changes as warnings', async () => {
    const commands = (await run(changed, 'github')).stdout.split('\n').filter((l) => l.startsWith('::')).map(checkCommand);
    const verdict = commands.find((c) => c.props.title === 'Verdict changed: trump-jr-whopping-3-responses')!;
    expect(verdict.level).toBe('error');
    expect(verdict.props.file).toBe('desk/claims/statements.yaml');
    expect(verdict.data).toContain('rating Half true → Mostly true; rule quantity/self-reported-leaves-out-conduct → quantity/confirmed-but-leaves-out-conduct; citations gained independent-reply-count; lost euronews-release-tweet-count');
    const trail = commands.find((c) => c.props.title === 'Trail changed: pence-denies-wikileaks-connection')!;
    expect(trail.level).toBe('warning');
    expect(trail.data).toContain('citations gained independent-reply-count; rating False and rule absence/contradicted-before-claim-and-admitted unchanged');
  });

  it('never report input errors as deletions, nor advise --update while they stand', async () => {
    const out = (await run(broken, 'github')).stdout;
    expect(out).not.toMatch(/deleted|Claim gone|GONE/);
    expect(out).toContain('::warning title=Not compared%3A week-exchange-window::');
    expect(out).toContain('NOT COMPARED trump-jr-whopping-3-responses');
    expect(out).toContain('Fix the errors first');
    expect(out).not.toContain('Run factcheck verify --update');
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
    for (const line of errors) checkCommand(line);
    expect(errors[0]).toBe(
      '::error file=claims/odd%2C name%3A 50%25.yaml,line=4,col=15,title=schema/format::`claimant`: expected an entity id, such as "donald-trump-jr", found "50%25%0Amore"',
    );
    expect(out).toMatch(/^factcheck: 2 more errors not annotated \(GitHub shows 10 per type\)/m);
  });

  it('writes the Markdown summary to $GITHUB_STEP_SUMMARY, verdict changes counted apart from trail changes', async () => {
    const summary = join(await makeTempDir('summary'), 'summary.md');
    await writeFile(summary, '');
    await run(changed, 'github', { GITHUB_STEP_SUMMARY: summary });
    const md = await readFile(summary, 'utf8');
    expect(md).toMatch(/^## factcheck: 11 claims verified, 1 verdict change, 1 trail change\n\n### Changed verdicts\n/);
    expect(md).toContain('| `pence-denies-wikileaks-connection` | trail | False (unchanged) |');
  });

  it('takes the project folder from GITHUB_WORKSPACE when it is set', async () => {
    const out = (await runCli(['verify', '--format', 'github', '--check', '--root', changed.desk], REPO, { GITHUB_WORKSPACE: changed.repo })).stdout;
    expect(out).toContain('::error file=desk/claims/statements.yaml,line=');
  });
});

describe('JSON with the diff', () => {
  it('matches schemas/result.schema.json, with verdict and trail changes and uncompared verdicts', async () => {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(await readFile(join(REPO, 'schemas/result.schema.json'), 'utf8')));
    for (const where of [changed, broken]) {
      const out = JSON.parse((await run(where, 'json')).stdout);
      validate(out);
      expect(validate.errors ?? []).toEqual([]);
    }
    const diff = JSON.parse((await run(changed, 'json')).stdout).diff;
    expect(diff.changed.map((c: { id: string; kind: string }) => `${c.id} ${c.kind}`)).toEqual(['pence-denies-wikileaks-connection trail', 'trump-jr-whopping-3-responses verdict']);
    const invalid = JSON.parse((await run(broken, 'json')).stdout).diff;
    expect(invalid.changed).toEqual([]);
    expect(invalid.removed).toEqual([]);
    expect(invalid.uncompared.map((u: { id: string }) => u.id)).toEqual(['pence-denies-wikileaks-connection', 'trump-jr-whopping-3-responses', 'week-exchange-window']);
  });
});

describe('the HTML report', () => {
  it('shows each quote in exactly the archived words around it', async () => {
    const html = (await runCli(['report', '--format', 'html'])).stdout;
    const snapshots = await Promise.all(['euronews-trump-jr-wikileaks', 'the-week-trump-jr-wikileaks'].map((n) => readFile(join(REPO, `evidence/snapshots/${n}.txt`), 'utf8')));
    const shown = [...html.matchAll(/<span class="ctx">…<bdi>([^<]*)<\/bdi><\/span><mark><bdi>([^<]*)<\/bdi><\/mark><span class="ctx"><bdi>([^<]*)<\/bdi>…<\/span>/g)];
    expect(shown.length).toBeGreaterThanOrEqual(23);
    const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    for (const [, prefix, exact, suffix] of shown) {
      const words = unescape(`${prefix}${exact}${suffix}`);
      expect(snapshots.some((s) => s.includes(words)), words).toBe(true);
    }
  });

  it('says what changed in a verdict, a trail change apart from a verdict change', async () => {
    const html = (await runCli(['report', '--format', 'html', '--root', changed.desk])).stdout;
    expect(html).toContain('1 verdict change, 1 trail change, 0 new, 0 gone, 9 unchanged.');
    expect(html).toContain('<strong>Trail changed</strong>: citations gained independent-reply-count; rating False and rule absence/contradicted-before-claim-and-admitted unchanged.');
  });
});

describe('a stale lock', () => {
  it('is caught by --check alone, and by --changed-since whatever ref is given', async () => {
    const { repo, desk } = await gitMonorepo();
    await edit(desk, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
    await git(repo, 'commit', '-q', '-am', 'a rule change, committed without --update');
    const base = (await git(repo, 'rev-parse', 'HEAD~1')).trim();
    expect((await runCli(['verify', '--check', '--root', desk])).code).toBe(1);
    for (const ref of ['HEAD', base]) {
      const since = await runCli(['verify', '--check', '--changed-since', ref, '--format', 'json', '--root', desk]);
      expect(since.code, ref).toBe(1);
      expect(JSON.parse(since.stdout).diff.changed.map((c: { id: string }) => c.id)).toEqual(['trump-jr-link-two-days-later', 'trump-tweeted-15-minutes-later']);
    }
    const head = await runCli(['verify', '--check', '--changed-since', 'HEAD', '--root', desk]);
    expect(head.stderr).toContain('0 of 11 claims depend on what changed since HEAD, and 3 more whose recorded verdicts in factcheck.lock.json are out of date');
  });
});

describe('mentions', () => {
  it('are not made in Markdown meant for pull-request comments', async () => {
    const md = (await runCli(['report', '--format', 'md'])).stdout;
    expect(md).toContain('@\u200bwikileaks');
    expect(md).not.toMatch(/@wikileaks/);
  });
});
