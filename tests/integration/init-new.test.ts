import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItem } from '../../src/authoring/add-item.js';
import { editorSettings } from '../../src/authoring/editor-settings.js';
import { COMMAND_NAMES } from '../../src/cli/commands.js';
import { main } from '../../src/cli/main.js';
import { loadProject } from '../../src/pipeline.js';
import { cleanProjects, copyBundled, REPO } from '../helpers/project.js';

const made: string[] = [];
// Its own folders, and the copies of the bundled project copyBundled made.
afterAll(() => Promise.all([...made.map((dir) => rm(dir, { recursive: true, force: true })), cleanProjects()]));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'factcheck-init-'));
  made.push(dir);
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Every question asked, in order (interactive runs). */
  questions: string[];
}

/**
 * Runs the CLI in-process. With `answers`, it is a terminal session: isTTY is
 * on and each question gets the next answer (undefined: input ended).
 */
async function run(args: string[], cwd: string, answers?: (string | undefined)[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const queue = [...(answers ?? [])];
  const code = await main({
    argv: args,
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: answers !== undefined,
    env: {},
    ...(answers !== undefined
      ? {
          ask: async (question: string) => {
            questions.push(question);
            if (!queue.length) throw new Error(`no scripted answer left for: ${question}\n${stderr}`);
            return queue.shift();
          },
        }
      : {}),
  });
  return { code, stdout, stderr, questions };
}

/** Every file under a folder, project-relative, with its bytes: to prove what a command did or did not write. */
async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.name === '.factcheck-cache') continue;
      if (entry.isDirectory()) await walk(path);
      else out.set(relative(dir, path).split('\\').join('/'), createHash('sha256').update(await readFile(path)).digest('hex'));
    }
  };
  await walk(dir);
  return out;
}

async function diagnosticsOf(dir: string): Promise<string[]> {
  const loaded = await loadProject(dir);
  return loaded.diagnostics.map((d) => `${d.file} ${d.severity} ${d.code} ${d.message}`);
}

/** A fresh project made by init, in a folder of its own. */
async function initialised(): Promise<string> {
  const parent = await tempDir();
  const made = await run(['init', 'news-desk'], parent);
  expect(made.code, made.stderr).toBe(0);
  return join(parent, 'news-desk');
}

describe('factcheck init', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await initialised();
  });

  it('makes a project that verify passes at once, with no problem of any kind', async () => {
    const verify = await run(['verify', '--root', dir, '--no-cache'], REPO);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^cycle-path-costs-380000\s+True\s+Confirmed by Exampleton Town Council/m);
    expect(verify.stdout).toContain('no problems');
    expect(await diagnosticsOf(dir)).toEqual([]);
  });

  it('records the verdict, so that the workflow’s verify --check passes from the first commit', async () => {
    const check = await run(['verify', '--check', '--root', dir, '--no-cache'], REPO);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('1 unchanged');
    const lock = JSON.parse(await readFile(join(dir, 'factcheck.lock.json'), 'utf8'));
    expect(lock.claims['cycle-path-costs-380000']).toMatchObject({ rating: 'true', ruleset: 'quantity', citations: ['council-cycle-path-budget'] });
  });

  it('ships the rule tests of the whole methodology, which pass with every rule deciding and every condition both ways', async () => {
    const tested = await run(['test', '--root', dir, '--no-cache', '--coverage', '--format', 'json'], REPO);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    const out = JSON.parse(tested.stdout);
    expect(out.summary).toMatchObject({ failed: 0, cases: expect.any(Number) });
    expect(out.summary.cases).toBeGreaterThanOrEqual(50);
    expect(out.coverage.gaps).toEqual([]);
  });

  it('keeps its rule tests passing when the newsroom adds evidence and removes the example claim', async () => {
    const own = await initialised();
    await writeFile(
      join(own, 'evidence/exampleton-council-cycle-path.yaml'),
      `${await readFile(join(own, 'evidence/exampleton-council-cycle-path.yaml'), 'utf8')}
  - id: council-approved-path
    source: exampleton-council-cycle-path
    kind: event
    actor: exampleton-town-council
    action: approve
    date: "2024-03-04"
    quote: Exampleton Town Council approved a new cycle path along Mill Lane
`,
    );
    await writeFile(join(own, 'claims/exampleton.yaml'), 'claims: []\n');
    const tested = await run(['test', '--root', own, '--no-cache', '--format', 'json'], REPO);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(JSON.parse(tested.stdout).summary.failed).toBe(0);
  });

  it('writes one example of each kind, each YAML file led by its modeline and commented field by field', async () => {
    const tree = await snapshotTree(dir);
    for (const folder of ['entities/', 'sources/', 'evidence/', 'evidence/snapshots/', 'claims/', 'rules/']) {
      expect([...tree.keys()].some((p) => p.startsWith(folder) && !p.slice(folder.length).includes('/')), folder).toBe(true);
    }
    const loaded = await loadProject(dir);
    const project = loaded.project!;
    expect([project.entities.size, project.evidence.size, project.claims.length]).toEqual([2, 1, 1]);
    // The whole methodology: a ruleset for every kind of claim.
    expect([...project.rulesets.values()].flatMap((r) => r.default_for).sort()).toEqual(['absence', 'attribution', 'event', 'opinion', 'quantity', 'timing']);
    // The snapshot is pinned by the SHA-256 of its bytes, and the quote is in it, word for word.
    const source = project.sources.get('exampleton-council-cycle-path')!;
    const snapshot = await readFile(join(dir, source.snapshot!.path));
    expect(createHash('sha256').update(snapshot).digest('hex')).toBe(source.snapshot!.sha256);
    expect(snapshot.toString('utf8')).toContain(project.evidence.get('council-cycle-path-budget')!.quote);
    expect(snapshot.toString('utf8')).toMatch(/^EXAMPLE: a made-up/);
    for (const path of [...tree.keys()].filter((p) => p.endsWith('.yaml'))) {
      const text = await readFile(join(dir, path), 'utf8');
      const depth = path.split('/').length - 1;
      expect(text.split('\n')[0], path).toMatch(new RegExp(`^# yaml-language-server: \\$schema=${depth ? `(\\.\\./){${depth}}` : '\\./'}schemas/[a-z-]+\\.schema\\.json$`));
      // The examples are commented field by field; the methodology is factcheck's own, introduced once.
      if (path.startsWith('rules/')) {
        expect(text, path).toMatch(/^# (factcheck's methodology|Cases for the)/m);
        continue;
      }
      const fieldLines = text.split('\n').filter((l) => /^\s+(- )?[a-z_]+:/.test(l));
      const commented = fieldLines.filter((l) => l.includes(' # '));
      expect(commented.length, path).toBeGreaterThanOrEqual(4);
    }
  });

  it('points editors at its own copy of the schemas', async () => {
    expect(await readFile(join(dir, '.vscode/settings.json'), 'utf8')).toBe(editorSettings('schemas'));
    expect(JSON.parse(await readFile(join(dir, '.vscode/extensions.json'), 'utf8')).recommendations).toContain('redhat.vscode-yaml');
    for (const name of (await readdir(join(REPO, 'schemas'))).filter((n) => n.endsWith('.json'))) {
      expect(await readFile(join(dir, 'schemas', name), 'utf8'), name).toBe(await readFile(join(REPO, 'schemas', name), 'utf8'));
    }
    // Every schema a modeline names is there.
    for (const path of (await snapshotTree(dir)).keys()) {
      if (!path.endsWith('.yaml')) continue;
      const schema = /\$schema=(?:\.\.?\/)+(.+)$/.exec((await readFile(join(dir, path), 'utf8')).split('\n')[0]!)![1]!;
      await expect(readFile(join(dir, schema), 'utf8')).resolves.toContain('"$schema"');
    }
  });

  it('writes a workflow that installs factcheck and calls only commands and options that exist', async () => {
    const text = await readFile(join(dir, '.github/workflows/verify.yml'), 'utf8');
    const workflow = parse(text);
    expect(workflow.on.pull_request.paths).toEqual(expect.arrayContaining(['claims/**', 'evidence/**', 'rules/**', 'factcheck.lock.json']));
    expect(text).toContain('npm install --global "$FACTCHECK_PACKAGE"');
    expect(text).not.toContain('npx factcheck');
    const calls = [...text.matchAll(/^\s+(?:run: )?factcheck ([^\n|>&]+)/gm)].map((m) => m[1]!.trim());
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(calls.some((c) => c.startsWith('verify --check'))).toBe(true);
    expect(calls.some((c) => c.startsWith('test'))).toBe(true);
    for (const call of calls) {
      const args = call
        .replace(/\$\{\{ [a-z.-]+ \}\}/g, '1')
        .split(/\s+/)
        .filter((a) => !a.includes('*') && !a.endsWith('.json'));
      expect(COMMAND_NAMES).toContain(args[0]);
      const help = await run([...args, '--help'], dir);
      expect(help.code, `${call}: ${help.stderr}`).toBe(0);
    }
  });

  it('refuses to overwrite anything, and then writes nothing at all', async () => {
    const target = await tempDir();
    await mkdir(join(target, 'claims'));
    await writeFile(join(target, 'claims/exampleton.yaml'), 'claims: []\n');
    await writeFile(join(target, '.gitignore'), 'dist/\n');
    await writeFile(join(target, 'rules'), 'a file where init needs a folder\n');
    const before = await snapshotTree(target);
    const refused = await run(['init'], target);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('nothing was written');
    for (const conflict of ['claims/exampleton.yaml', 'rules (a file where a folder must go)']) expect(refused.stderr).toContain(`  ${conflict}\n`);
    // A .gitignore is added to, not in the way.
    expect(refused.stderr).not.toContain('  .gitignore');
    expect(await snapshotTree(target)).toEqual(before);
    expect(await readdir(target)).toEqual(expect.arrayContaining(['claims', '.gitignore', 'rules']));
    expect(await readdir(target)).toHaveLength(3);

    // Project files init would not write are still in the way: the example would be verified with them.
    const other = await tempDir();
    await mkdir(join(other, 'claims'));
    await writeFile(join(other, 'claims/old.yaml'), 'claims: [\n');
    const mixed = await run(['init'], other);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('  claims/old.yaml (init makes a new project; this folder already has one)\n');
    expect(await readdir(other)).toEqual(['claims']);

    // A repository GitHub made, with its .gitignore: init adds its lines and goes ahead.
    const github = await tempDir();
    await writeFile(join(github, '.gitignore'), 'node_modules/\ndist/');
    const made = await run(['init'], github);
    expect(made.code, made.stderr).toBe(0);
    expect(await readFile(join(github, '.gitignore'), 'utf8')).toBe('node_modules/\ndist/\n.factcheck-cache/\n');
    expect((await run(['verify', '--check', '--root', github, '--no-cache'], REPO)).code).toBe(0);

    // A project made once cannot be made again over itself.
    const again = await run(['init', dir], REPO);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('  factcheck.config.yaml\n');
    expect(again.stderr).toContain('  factcheck.lock.json\n');
  });
});

describe('factcheck new, from flags', () => {
  it('adds an entity, a source with its snapshot, an evidence record and a claim; the project still loads cleanly', async () => {
    const dir = await initialised();
    const outside = await tempDir();
    await writeFile(
      join(outside, 'gazette.txt'),
      'EXAMPLE: a made-up local paper, for a test.\n\nCouncillor Jane Roe said the Mill Lane path would cost £380,000 in all.\n',
    );
    const entitiesBefore = await readFile(join(dir, 'entities/organisations.yaml'), 'utf8');
    expect(await diagnosticsOf(dir)).toEqual([]);

    const steps = [
      ['new', 'entity', '--id', 'exampleton-gazette', '--name', 'Exampleton Gazette', '--kind', 'organisation', '--aliases', 'the Gazette, the paper'],
      ['new', 'entity', '--id', 'jane-roe', '--name', 'Jane Roe', '--kind', 'person', '--description', 'A made-up councillor.'],
      ['new', 'source', '--id', 'gazette-cycle-path', '--title', 'Cycle path to cost £380,000', '--kind', 'news-report', '--publisher', 'exampleton-gazette',
        '--author', 'jane-roe', '--url', 'https://gazette.example/cycle-path', '--date', '2024-03', '--snapshot', join(outside, 'gazette.txt')],
      ['new', 'evidence', '--id', 'gazette-path-cost', '--source', 'gazette-cycle-path', '--kind', 'quantity', '--subject', 'Exampleton Town Council',
        '--measure', 'cycle-path-budget', '--value', '380000', '--quote', 'the Mill Lane path would cost £380,000', '--attributed-to', 'jane-roe'],
      ['new', 'claim', '--id', 'roe-path-cost', '--text', 'the Mill Lane path would cost £380,000 in all', '--claimant', 'jane-roe', '--date', '2024-03',
        '--appearance', 'gazette-cycle-path', '--kind', 'quantity', '--subject', 'exampleton-town-council', '--measure', 'cycle-path-budget',
        '--value', '380000', '--comparison', 'approximately', '--tolerance', '10000', '--tags', 'example,budget'],
    ];
    for (const args of steps) {
      const added = await run([...args, '--no-cache'], dir);
      expect(added.code, `${args.join(' ')}\n${added.stderr}`).toBe(0);
      expect(added.stdout).toMatch(/^added [a-z]+ "[a-z0-9-]+" at [a-z/-]+\.yaml:\d+:\d+/);
    }

    // Appended to the starter's entities file: its text, comments included, kept byte for byte.
    const entitiesAfter = await readFile(join(dir, 'entities/organisations.yaml'), 'utf8');
    expect(entitiesAfter.startsWith(entitiesBefore)).toBe(true);
    expect(entitiesAfter.slice(entitiesBefore.length)).toMatch(/^  - id: exampleton-gazette\n/);
    // New files start with the modeline and a comment.
    for (const path of ['entities/people.yaml', 'sources/gazette-cycle-path.yaml', 'evidence/gazette-cycle-path.yaml', 'claims/roe-path-cost.yaml']) {
      const text = await readFile(join(dir, path), 'utf8');
      expect(text, path).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/[a-z]+\.schema\.json\n#\n# [A-Z]/);
      expect(text, path).toMatch(/ # /);
    }

    expect(await diagnosticsOf(dir)).toEqual([]);
    const project = (await loadProject(dir)).project!;
    expect(project.entities.get('exampleton-gazette')).toMatchObject({ name: 'Exampleton Gazette', kind: 'organisation', aliases: ['the Gazette', 'the paper'] });
    expect(project.entities.get('jane-roe')).toMatchObject({ kind: 'person', description: 'A made-up councillor.' });
    const source = project.sources.get('gazette-cycle-path')!;
    expect(source).toMatchObject({ publisher: 'exampleton-gazette', authors: ['jane-roe'], snapshot: { path: 'evidence/snapshots/gazette-cycle-path.txt' } });
    expect(await readFile(join(dir, 'evidence/snapshots/gazette-cycle-path.txt'), 'utf8')).toBe(await readFile(join(outside, 'gazette.txt'), 'utf8'));
    // A name is taken for its entity's id; the unit comes from the measure.
    expect(project.evidence.get('gazette-path-cost')).toMatchObject({ kind: 'quantity', subject: 'exampleton-town-council', value: 380000, unit: 'pounds', attributed_to: 'jane-roe' });
    expect(project.anchors.records.has('gazette-path-cost')).toBe(true);
    expect(project.anchors.claims.has('roe-path-cost')).toBe(true);
    expect(project.claims.find((c) => c.id === 'roe-path-cost')).toMatchObject({ claimant: 'jane-roe', tags: ['example', 'budget'], asserts: { kind: 'quantity', comparison: 'approximately', tolerance: 10000 } });

    const verify = await run(['verify', '--root', dir, '--no-cache'], REPO);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toMatch(/^roe-path-cost\s+True/m);
  });

  it('adds event, statement and assessment records and the other claim kinds', async () => {
    // Every kind, with the rulesets init wrote: nothing to add first.
    const dir = await initialised();
    const source = 'exampleton-council-cycle-path';
    const steps = [
      ['evidence', '--id', 'council-approved-path', '--source', source, '--kind', 'event', '--actor', 'exampleton-town-council', '--action', 'approve',
        '--date', '2024-03-04', '--quote', 'Exampleton Town Council approved a new cycle path along Mill Lane'],
      ['evidence', '--id', 'work-starts-june', '--source', source, '--kind', 'statement', '--speaker', 'exampleton-town-council', '--words', 'Work will start in June.',
        '--channel', 'website', '--quote', 'Work will start in June.'],
      ['evidence', '--id', 'path-opens-autumn', '--source', source, '--kind', 'assessment', '--assessor', 'exampleton-town-council', '--subject', 'exampleton-town-council',
        '--topic', 'approve', '--finding', 'due to open in the autumn', '--quote', 'due to open in the autumn'],
      ['claim', '--id', 'council-approved', '--text', 'The council approved it', '--claimant', 'exampleton-cycling-club', '--date', '2024-03-05',
        '--appearance', 'exampleton-cycling-club-post', '--kind', 'event', '--actor', 'exampleton-town-council', '--action', 'approve'],
      ['claim', '--id', 'council-never-approved', '--text', 'The council never approved it', '--claimant', 'exampleton-cycling-club', '--date', '2024-03-05',
        '--appearance', 'exampleton-cycling-club-post', '--kind', 'absence', '--actor', 'exampleton-town-council', '--action', 'approve', '--mutual'],
      ['claim', '--id', 'approved-in-march', '--text', 'Approved in March', '--claimant', 'exampleton-cycling-club', '--date', '2024-03-05',
        '--appearance', 'exampleton-cycling-club-post', '--kind', 'timing', '--actor', 'exampleton-town-council', '--action', 'approve', '--when', '2024-03-01..2024-03-31'],
      ['claim', '--id', 'council-said-june', '--text', 'The council said work starts in June', '--claimant', 'exampleton-cycling-club', '--date', '2024-03-05',
        '--appearance', 'exampleton-cycling-club-post', '--kind', 'attribution', '--speaker', 'exampleton-town-council', '--words', 'Work will start in June.'],
      ['claim', '--id', 'best-path', '--text', 'It is the best path in the county', '--claimant', 'exampleton-cycling-club', '--date', '2024-03-05',
        '--appearance', 'exampleton-cycling-club-post', '--kind', 'opinion', '--reason', 'A judgement, not a statement of fact.', '--file', join(dir, 'claims/exampleton.yaml')],
    ];
    for (const args of steps) {
      const added = await run(['new', ...args], dir);
      expect(added.code, `${args.join(' ')}\n${added.stderr}`).toBe(0);
    }
    expect(await diagnosticsOf(dir)).toEqual([]);
    const project = (await loadProject(dir)).project!;
    expect([...project.evidence.keys()].sort()).toEqual(['council-approved-path', 'council-cycle-path-budget', 'path-opens-autumn', 'work-starts-june']);
    expect(project.claims.map((c) => `${c.id}:${c.asserts.kind}`).sort()).toEqual([
      'approved-in-march:timing',
      'best-path:opinion',
      'council-approved:event',
      'council-never-approved:absence',
      'council-said-june:attribution',
      'cycle-path-costs-380000:quantity',
    ]);
    expect(project.claims.find((c) => c.id === 'best-path')!.ref.file).toBe('claims/exampleton.yaml');
    expect(project.claims.find((c) => c.id === 'approved-in-march')!.asserts).toMatchObject({ when: { start: '2024-03-01', end: '2024-03-31' } });
    const verify = await run(['verify', '--root', dir, '--no-cache', '--format', 'json'], REPO);
    expect(verify.code, verify.stderr).toBe(0);
    const ratings = Object.fromEntries(JSON.parse(verify.stdout).claims.map((c: { id: string; rating: string }) => [c.id, c.rating]));
    expect(ratings).toMatchObject({ 'council-approved': 'true', 'council-never-approved': 'false', 'best-path': 'not-checkable' });
  });

  it('refuses a bad value with exit 2, naming the flag, what was expected, what was found and the nearest id, and writes nothing', async () => {
    const dir = await initialised();
    const before = await snapshotTree(dir);
    const refused = await run(
      ['new', 'claim', '--id', 'club-claim', '--text', 'x', '--claimant', 'exampleton-cyclng-club', '--date', '2024-13', '--appearance', 'exampleton-cycling-club-pots',
        '--kind', 'quantity', '--subject', 'exampleton-town-council', '--measure', 'cycle-path-budgt', '--value', '1,000'],
      dir,
    );
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    const lines = refused.stderr.split('\n');
    expect(lines).toContain('factcheck new claim: --claimant: expected an entity id, found "exampleton-cyclng-club"; did you mean "exampleton-cycling-club"?');
    expect(lines).toContain('factcheck new claim: --appearance: expected a source id, found "exampleton-cycling-club-pots"; did you mean "exampleton-cycling-club-post"?');
    expect(lines).toContain('factcheck new claim: --measure: expected a measure from the vocabulary, found "cycle-path-budgt"; did you mean "cycle-path-budget"?');
    expect(refused.stderr).toMatch(/--date: expected a date written YYYY-MM-DD, YYYY-MM or YYYY.*found "2024-13".*no month 13/);
    expect(refused.stderr).toContain('--value: expected a number');
    expect(await snapshotTree(dir)).toEqual(before);

    const taken = await run(['new', 'entity', '--id', 'exampleton-town-council', '--name', 'Again', '--kind', 'organisation'], dir);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('--id: entity id "exampleton-town-council" is already defined at entities/organisations.yaml:');

    const misquote = await run(['new', 'evidence', '--id', 'misquote', '--source', 'exampleton-council-cycle-path', '--kind', 'event',
      '--actor', 'exampleton-town-council', '--action', 'approve', '--quote', 'The council will spend £400,000 on the path'], dir);
    expect(misquote.code).toBe(2);
    expect(misquote.stderr).toMatch(/--quote: these words are not in exampleton-council-cycle-path .*closest passage/);

    const wrongFile = await run(['new', 'entity', '--id', 'x', '--name', 'X', '--kind', 'person', '--file', 'claims/exampleton.yaml'], dir);
    expect(wrongFile.code).toBe(2);
    expect(wrongFile.stderr).toContain('--file: expected a .yaml file under entities/');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('off a terminal, lists every missing flag in one go', async () => {
    const dir = await initialised();
    const missing = await run(['new', 'claim', '--id', 'a-claim', '--kind', 'quantity'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('factcheck new claim: missing --claimant, --appearance, --text, --date, --subject, --measure, --value\n');
    const nothing = await run(['new', 'evidence'], dir);
    expect(nothing.stderr).toContain('missing --id, --source, --kind, --quote (and then the flags of the evidence kind chosen)');
    const foreign = await run(['new', 'entity', '--id', 'x', '--name', 'X', '--kind', 'person', '--quote', 'hello'], dir);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('--quote is not a field of entities');
    const notOfKind = await run(['new', 'entity', '--id', 'x', '--name', 'X', '--kind', 'person', '--members', 'jane-roe'], dir);
    expect(notOfKind.stderr).toContain('--members does not apply to person entities');
    const unknown = await run(['new', 'claims'], dir);
    expect(unknown.stderr).toContain('did you mean "claim"?');
  });
});

describe('factcheck new: relations, topics, spans and comparisons', () => {
  it('writes what a claim or record says about another event, what was asked, a span and a range of values; the project still loads', async () => {
    const dir = await copyBundled();
    const steps = [
      ['new', 'evidence', '--id', 'test-trump-tweet', '--source', 'euronews-trump-jr-wikileaks', '--kind', 'event', '--actor', 'donald-trump', '--action', 'post',
        '--channel', 'twitter', '--quote', 'his father tweeted 15 minutes later', '--after', 'euronews-link-message', '--gap', '15 minutes', '--about', 'tweet-link',
        '--dated-by', 'euronews-link-tweet'],
      ['new', 'claim', '--id', 'test-tweet-after-message', '--text', 'Trump Jr. tweeted out the link WikiLeaks had sent him', '--claimant', 'euronews',
        '--date', '2017', '--appearance', 'euronews-trump-jr-wikileaks', '--kind', 'event', '--actor', 'donald-trump-jr', '--action', 'share-link',
        '--relation', 'after', '--gap', '2 days', '--other-actor', 'wikileaks', '--other-action', 'message', '--other-about', 'leaked-emails-link'],
      ['new', 'claim', '--id', 'test-throughout', '--text', 'Trump Jr. tweeted out the link WikiLeaks had sent him', '--claimant', 'euronews',
        '--date', '2017', '--appearance', 'euronews-trump-jr-wikileaks', '--kind', 'timing', '--actor', 'donald-trump-jr', '--action', 'message',
        '--target', 'wikileaks', '--mutual', '--when', '2016-09-20..2016-10-12', '--span', 'throughout', '--about', 'push-leaks', '--once'],
      ['new', 'claim', '--id', 'test-between', '--text', 'Trump Jr. tweeted out the link WikiLeaks had sent him', '--claimant', 'euronews', '--date', '2017',
        '--appearance', 'euronews-trump-jr-wikileaks', '--kind', 'quantity', '--subject', 'donald-trump-jr', '--measure', 'delay-after-message',
        '--value', '1', '--comparison', 'between', '--to', '3', '--unit', 'days'],
    ];
    for (const args of steps) {
      const added = await run([...args, '--no-cache'], dir);
      expect(added.code, `${args.join(' ')}\n${added.stderr}`).toBe(0);
    }
    const project = (await loadProject(dir)).project!;
    const record = project.evidence.get('test-trump-tweet')!;
    expect(record).toMatchObject({ after: { record: 'euronews-link-message', by: { text: '15 minutes', minutes: 15 } }, about: ['tweet-link'], dated_by: ['euronews-link-tweet'] });
    // Dated from the message it came after.
    expect(record.kind === 'event' && record.date).toMatchObject({ text: '2016-10-12', anchor: 'euronews-link-message' });
    const claims = new Map(project.claims.map((c) => [c.id, c.asserts]));
    expect(claims.get('test-tweet-after-message')).toMatchObject({ event: { after: { pattern: 'other', by: { text: '2 days' } } } });
    expect((claims.get('test-tweet-after-message') as unknown as { patterns: Map<string, unknown> }).patterns.get('other')).toMatchObject({ actor: 'wikileaks', action: 'message', about: 'leaked-emails-link' });
    expect(claims.get('test-throughout')).toMatchObject({ event: { about: 'push-leaks', once: true }, when: { span: 'throughout', begunBy: '2016-09-20' } });
    expect(claims.get('test-between')).toMatchObject({ comparison: 'between', value: 1, to: 3 });
    // The bundled corpus's one warning (the seed contradiction), and nothing else.
    expect((await diagnosticsOf(dir)).filter((d) => !d.includes(' warning evidence/contradiction '))).toEqual([]);
  });

  it('refuses a relation with no other event, a span without a range, between without its end, and a mistyped topic or record, each with its flag', async () => {
    const dir = await copyBundled();
    const bad = await run(
      ['new', 'claim', '--id', 'test-bad', '--text', 'x', '--claimant', 'euronews', '--date', '2017', '--appearance', 'euronews-trump-jr-wikileaks',
        '--kind', 'timing', '--actor', 'donald-trump-jr', '--action', 'share-link', '--relation', 'after', '--when', '2016', '--span', 'throughout',
        '--about', 'push-leak', '--no-cache'],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--span goes with a range');
    expect(bad.stderr).toContain('did you mean "push-leaks"?');
    expect(bad.stderr).toMatch(/--other-actor/);
    const between = await run(['new', 'claim', '--id', 'test-between', '--text', 'x', '--claimant', 'euronews', '--date', '2017', '--appearance', 'euronews-trump-jr-wikileaks',
      '--kind', 'quantity', '--subject', 'donald-trump-jr', '--measure', 'delay-after-message', '--value', '1', '--comparison', 'between', '--no-cache'], dir);
    expect(between.code).toBe(2);
    expect(between.stderr).toMatch(/--to/);
    const record = await run(['new', 'evidence', '--id', 'test-ev', '--source', 'euronews-trump-jr-wikileaks', '--kind', 'event', '--actor', 'donald-trump',
      '--action', 'post', '--quote', 'his father tweeted 15 minutes later', '--after', 'euronews-link-mesage', '--gap', '15 minuts', '--no-cache'], dir);
    expect(record.code).toBe(2);
    expect(record.stderr).toContain('did you mean "euronews-link-message"?');
    expect(record.stderr).toContain('expected a duration such as "15 minutes"');
  });
});

describe('factcheck new, on a terminal', () => {
  it('writes nothing through a snapshots folder that links out of the project', async () => {
    const dir = await initialised();
    const outside = await tempDir();
    await writeFile(join(outside, 'report.txt'), 'EXAMPLE: words for a test.\n');
    const elsewhere = await tempDir();
    await rm(join(dir, 'evidence/snapshots'), { recursive: true });
    await symlink(elsewhere, join(dir, 'evidence/snapshots'));
    const added = await run(['new', 'source', '--id', 'linked-out', '--title', 'A title', '--kind', 'news-report', '--date', '2024-03', '--snapshot', join(outside, 'report.txt'), '--no-cache'], dir);
    expect(added.code).toBe(2);
    expect(added.stderr).toContain('leads outside the project');
    expect(await readdir(elsewhere)).toEqual([]);

    // A linked evidence/ folder: not even the snapshots folder is made through it.
    await rm(join(dir, 'evidence'), { recursive: true });
    await symlink(elsewhere, join(dir, 'evidence'));
    const again = await run(['new', 'source', '--id', 'linked-out', '--title', 'A title', '--kind', 'news-report', '--date', '2024-03', '--snapshot', join(outside, 'report.txt'), '--no-cache'], dir);
    expect(again.code).toBe(2);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('asks for each missing field in turn, lists the candidates, and asks again after a refused answer', async () => {
    const dir = await initialised();
    const session = await run(['new', 'claim', '--id', 'club-budget-claim'], dir, [
      'exampleton-cyclng-club', // claimant: a typo, refused with the nearest id
      'Exampleton Cycling Club', // claimant again: its name is taken for its id
      'exampleton-cycling-club-post', // appearance
      '', // quoted in: skipped
      'The path costs £380,000.', // the words
      '5 March 2024', // date: refused
      '2024-03-05', // date
      'quantty', // kind: a typo, refused with the nearest kind
      'quantity',
      'exampleton-town-council', // subject
      'cycle-path-budget', // measure
      '380000', // value
      '', // unit: the measure's, by Enter
      '', // counterpart: skipped
      '', // comparison: skipped
      '', // context
      'The budget is £380,000.', // interpretation
      'example', // tags
    ]);
    expect(session.code, session.stderr).toBe(0);
    const asked = session.questions.map((q) => q.split(' (')[0]!.split(':')[0]!.replace(/ \[.*$/, ''));
    expect(asked).toEqual([
      'Claimant', 'Claimant', 'Appearance', 'Quoted in', 'The words', 'Date', 'Date', 'Kind', 'Kind',
      'Subject', 'Measure', 'Value claimed', 'Unit', 'Counterpart', 'Comparison', 'Context', 'Interpretation', 'Tags',
    ]);
    expect(session.stderr).toContain('  expected an entity id, found "exampleton-cyclng-club"; did you mean "exampleton-cycling-club"?\n');
    expect(session.stderr).toContain('  claimant: exampleton-cycling-club, exampleton-town-council\n');
    expect(session.stderr).toContain('did you mean "quantity"?');
    expect(session.questions.find((q) => q.startsWith('Unit'))).toContain('[pounds]');
    expect(session.stdout).toMatch(/^added claim "club-budget-claim" at claims\/club-budget-claim\.yaml:5:5/);
    expect(await diagnosticsOf(dir)).toEqual([]);
    const claim = (await loadProject(dir)).project!.claims.find((c) => c.id === 'club-budget-claim')!;
    expect(claim).toMatchObject({ claimant: 'exampleton-cycling-club', interpretation: 'The budget is £380,000.', tags: ['example'] });
    expect(claim.asserts).toMatchObject({ kind: 'quantity', value: 380000, unit: 'pounds', comparison: 'equal' });
  });

  it('offers an id made from the name, re-asks a flag given wrong, and writes nothing when input ends', async () => {
    const dir = await initialised();
    const session = await run(['new', 'entity', '--kind', 'persn'], dir, ['Jane Roe', '', 'person', 'Councillor Roe']);
    expect(session.code, session.stderr).toBe(0);
    expect(session.stderr).toContain('--kind: expected one of person, organisation, group, found "persn"; did you mean "person"?');
    expect(session.questions[1]).toMatch(/^Entity id .*\[jane-roe\]: $/);
    expect((await loadProject(dir)).project!.entities.get('jane-roe')).toMatchObject({ name: 'Jane Roe', kind: 'person', aliases: ['Councillor Roe'] });

    const before = await snapshotTree(dir);
    const ended = await run(['new', 'source'], dir, ['A title', undefined]);
    expect(ended.code).toBe(2);
    expect(ended.stderr).toContain('cancelled; nothing was written');
    expect(await snapshotTree(dir)).toEqual(before);
  });
});

describe('adding an item to a file', () => {
  const built = { item: { id: 'added', name: 'Added', kind: 'person' }, notes: new Map([['kind', 'person, organisation or group']]) };
  const cases: [string, string][] = [
    ['items at column 0, comments kept', '# top\nentities:\n- id: a # note\n  name: A\n  kind: person\n# trailing\n'],
    ['items set apart by blank lines', 'entities:\n    - id: a\n      name: A\n      kind: person\n\n    - id: b\n      name: B\n      kind: person\n'],
    ['no newline at the end', 'entities:\n  - id: a\n    name: A\n    kind: person'],
    ['an empty list in flow style', '# c\nentities: []\n'],
    ['a key with no list yet', 'entities:\n'],
    ['a file of comments only', '# nothing yet\n'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const added = addItem(text, built, 'entities');
      expect('text' in added).toBe(true);
      const out = (added as { text: string }).text;
      const items = parse(out).entities;
      expect(items[items.length - 1]).toEqual(built.item);
      expect(out).toContain('# person, organisation or group');
      if (!text.includes('[]') && text.includes('- id')) expect(out.startsWith(text.endsWith('\n') ? text : `${text}\n`)).toBe(true);
      if (text.includes('# c') || text.includes('# top') || text.includes('# nothing')) expect(out).toMatch(/^# (c|top|nothing yet)\n/);
    });
  }
  it('refuses a file that does not parse, or holds something else', () => {
    expect(addItem('entities: [\n', built, 'entities')).toMatchObject({ problem: expect.stringContaining('does not parse') });
    expect(addItem('claims:\n  - id: a\n', built, 'entities')).toMatchObject({ problem: expect.stringContaining('does not hold') });
  });
});
