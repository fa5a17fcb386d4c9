import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { copyBundled, makeProject, runCli } from './project.js';

const exec = promisify(execFile);

export async function git(dir: string, ...args: string[]): Promise<string> {
  return (await exec('git', ['-C', dir, ...args], { encoding: 'utf8' })).stdout;
}

/** A git repository holding a copy of the bundled corpus, with its verdicts recorded and committed. */
export async function gitProject(): Promise<string> {
  return copyOf(templates.project, async () => {
    const dir = await copyBundled();
    await commitRecorded(dir, dir);
    return dir;
  });
}

/**
 * A git repository with the bundled project in desk/, its verdicts recorded
 * and committed: a project in a subfolder of its repository, as in a monorepo.
 */
export async function gitMonorepo(): Promise<{ repo: string; desk: string }> {
  const repo = await copyOf(templates.monorepo, async () => {
    const made = await makeProject({ 'README.md': 'A newsroom repository with a factcheck project in desk/.\n' }, { bare: true });
    await cp(await copyBundled(), join(made, 'desk'), { recursive: true });
    await commitRecorded(made, join(made, 'desk'));
    return made;
  });
  return { repo, desk: join(repo, 'desk') };
}

/**
 * Each kind of repository is made once per test file and copied for each
 * test: a copy, with its .git and the cache the recording run left, is the
 * same repository at a tenth of the cost of four git commands and a verify.
 */
const templates: Record<'project' | 'monorepo', { dir?: Promise<string> }> = { project: {}, monorepo: {} };

async function copyOf(template: { dir?: Promise<string> }, make: () => Promise<string>): Promise<string> {
  // cleanProjects removes the template with the rest: then it is made again.
  if (!template.dir || !existsSync(await template.dir.catch(() => ''))) template.dir = make();
  const from = await template.dir;
  const dir = await makeProject({}, { bare: true });
  await cp(from, dir, { recursive: true, verbatimSymlinks: true });
  // The index holds the template's file times and inodes: refresh it, so git sees the copy as clean, as it saw the template.
  await git(dir, 'update-index', '-q', '--refresh');
  return dir;
}

/** Makes `repo` a git repository, records the verdicts of the project in `root`, and commits it all. */
async function commitRecorded(repo: string, root: string): Promise<void> {
  await writeFile(join(repo, '.gitignore'), '.factcheck-cache/\n');
  await git(repo, 'init', '-q', '-b', 'main');
  await git(repo, 'config', 'user.email', 'tests@factcheck.invalid');
  await git(repo, 'config', 'user.name', 'factcheck tests');
  await git(repo, 'config', 'commit.gpgsign', 'false');
  const recorded = await runCli(['verify', '--update', '--root', root]);
  if (recorded.code !== 0) throw new Error(`recording failed: ${recorded.stderr}`);
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'base');
}

/** Test data, not from the archived texts: an independent count of Trump Jr.'s replies, and its source. */
export const COUNT_SOURCE = `sources:
  - id: count-report
    kind: news-report
    title: "[Test fixture: an independent count of the replies]"
    publisher: the-guardian
    published: "2017"
`;
export const COUNT_EVIDENCE = `evidence:
  - id: independent-reply-count
    source: count-report
    kind: quantity
    subject: donald-trump-jr
    measure: replies
    counterpart: wikileaks
    value: 3
    unit: messages
    quote: three replies
`;

/** Replaces text in a project file, failing loudly if the text is not there. */
export async function edit(dir: string, path: string, from: string | RegExp, to: string): Promise<void> {
  const file = join(dir, path);
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: nothing to replace for ${String(from)}`);
  await writeFile(file, next);
}

/** Moves one evidence record, as written, from its file to a file of its own; `change` edits its text on the way. */
export async function moveRecord(dir: string, from: string, id: string, to: string, change: (text: string) => string = (text) => text): Promise<void> {
  const file = join(dir, from);
  const text = await readFile(file, 'utf8');
  const start = text.indexOf(`  - id: ${id}\n`);
  if (start === -1) throw new Error(`${from}: no record ${id}`);
  const next = text.indexOf('  - id: ', start + 1);
  const end = next === -1 ? text.length : next;
  await writeFile(file, text.slice(0, start) + text.slice(end));
  await writeFile(join(dir, to), `evidence:\n${change(text.slice(start, end))}`);
}

/**
 * The bundled corpus with euronews-link-message dated by a record in a file of its own
 * (evidence/helper.yaml, returned), and euronews-link-tweet, which answers it, no longer dated by it:
 * without the helper file, the message is left out at load and the tweet answers a record that is gone.
 */
export async function datedByAnotherFile(dir: string): Promise<string> {
  await edit(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', '    occurrence: wikileaks-link-message\n', '    occurrence: wikileaks-link-message\n    dated_by: [helper-words]\n');
  await edit(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', '    after: { record: euronews-link-message, by: 2 days }\n', '');
  const helper = join(dir, 'evidence/helper.yaml');
  await writeFile(
    helper,
    [
      'evidence:',
      '  - id: helper-words',
      '    source: euronews-trump-jr-wikileaks',
      '    kind: statement',
      '    speaker: wikileaks',
      '    words: strongly suggest your dad tweets this link if he mentions us.',
      '    channel: twitter-dm',
      "    quote: 'writing: “strongly suggest your dad tweets this link if he mentions us.”'",
      '',
    ].join('\n'),
  );
  return helper;
}
