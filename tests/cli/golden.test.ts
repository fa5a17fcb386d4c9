import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit, gitProject } from '../helpers/git.js';
import { cleanProjects, copyBundled, REPO, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

/**
 * Every output of the CLI on the bundled corpus, byte for byte, as a table of
 * scenarios in the style of markdownlint-cli2's: what the refactoring of the
 * code must leave unchanged. Volatile values (temporary folders, the version)
 * are normalised. FACTCHECK_UPDATE_GOLDEN=1 rewrites the files; review their
 * diff like any other change to what users see.
 */
const GOLDEN = join(REPO, 'tests/golden');
const UPDATE = process.env.FACTCHECK_UPDATE_GOLDEN === '1';

let changed: string;
let broken: string;
beforeAll(async () => {
  changed = await gitProject();
  await edit(changed, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
  broken = await copyBundled();
  await edit(broken, 'claims/statements.yaml', 'claimant: mike-pence', 'claimant: mike-pense');
  await edit(broken, 'evidence/euronews-trump-jr-wikileaks.yaml', '(with my whopping 3 responses)', '(with my whopping 4 responses)');
});

type Scenario = [name: string, args: () => string[]];
const SCENARIOS: Scenario[] = [
  ...['text', 'json', 'junit', 'sarif', 'github', 'md'].map((f): Scenario => [`verify-${f}`, () => ['verify', '--format', f, '--no-cache']]),
  ...['text', 'json', 'junit', 'sarif', 'github', 'md'].map((f): Scenario => [`verify-check-changed-${f}`, () => ['verify', '--check', '--format', f, '--root', changed]]),
  ...['text', 'json'].map((f): Scenario => [`verify-check-broken-${f}`, () => ['verify', '--check', '--format', f, '--no-cache', '--root', broken]]),
  ...['html', 'md', 'claimreview'].map((f): Scenario => [`report-${f}`, () => ['report', '--format', f]]),
  ['report-html-changed', () => ['report', '--format', 'html', '--root', changed]],
  ...['trump-jr-whopping-3-responses', 'pence-denies-wikileaks-connection', 'week-exchange-window'].flatMap((id): Scenario[] => [
    [`explain-${id}`, () => ['explain', id]],
    [`explain-${id}-json`, () => ['explain', id, '--format', 'json']],
  ]),
  ['lint', () => ['lint']],
  ['lint-json', () => ['lint', '--format', 'json']],
  ['lint-broken', () => ['lint', '--root', broken]],
  ['test-coverage', () => ['test', '--coverage']],
  ['test-json', () => ['test', '--format', 'json']],
  ['test-junit', () => ['test', '--format', 'junit']],
  ['eval', () => ['eval']],
  ['eval-json', () => ['eval', '--format', 'json']],
  ['cite', () => ['cite', 'euronews-trump-jr-wikileaks', 'whopping 3 responses']],
  ['cite-json', () => ['cite', 'the-week-trump-jr-wikileaks', 'Trump Jr broadcast the link', '--format', 'json']],
];

function normalise(text: string): string {
  return [changed, broken].reduce((t, dir) => t.split(dir).join('<project>'), text);
}

describe('the CLI on the bundled corpus, byte for byte', () => {
  it.each(SCENARIOS)('%s', async (name, args) => {
    const run = await runCli(args());
    const actual = normalise(`exit ${run.code}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`);
    const file = join(GOLDEN, `${name}.txt`);
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`no golden file ${file}: run with FACTCHECK_UPDATE_GOLDEN=1 and review it`);
      await mkdir(GOLDEN, { recursive: true });
      await writeFile(file, actual);
    }
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  it('records the bundled verdicts in the committed lock file, byte for byte', async () => {
    const dir = await copyBundled();
    expect((await runCli(['verify', '--update', '--root', dir])).code).toBe(0);
    expect(await readFile(join(dir, 'factcheck.lock.json'), 'utf8')).toBe(await readFile(join(REPO, 'factcheck.lock.json'), 'utf8'));
  });
});
