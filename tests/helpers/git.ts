import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { copyBundled, runCli } from './project.js';

const exec = promisify(execFile);

export async function git(dir: string, ...args: string[]): Promise<string> {
  return (await exec('git', ['-C', dir, ...args], { encoding: 'utf8' })).stdout;
}

/** A git repository holding a copy of the bundled corpus, with its verdicts recorded and committed. */
export async function gitProject(): Promise<string> {
  const dir = await copyBundled();
  await writeFile(join(dir, '.gitignore'), '.factcheck-cache/\n');
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'config', 'user.email', 'tests@factcheck.invalid');
  await git(dir, 'config', 'user.name', 'factcheck tests');
  await git(dir, 'config', 'commit.gpgsign', 'false');
  const recorded = await runCli(['verify', '--update', '--root', dir]);
  if (recorded.code !== 0) throw new Error(`recording failed: ${recorded.stderr}`);
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

/** Replaces text in a project file, failing loudly if the text is not there. */
export async function edit(dir: string, path: string, from: string | RegExp, to: string): Promise<void> {
  const file = join(dir, path);
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: nothing to replace for ${String(from)}`);
  await writeFile(file, next);
}
