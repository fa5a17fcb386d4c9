import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const made: string[] = [];

/**
 * A throwaway project: the bundled config, rules and entities (unless `bare`),
 * plus the files given, by project-relative path.
 */
export async function makeProject(files: Record<string, string>, options: { bare?: boolean; copy?: string[] } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'factcheck-test-'));
  made.push(dir);
  const copies = options.bare ? options.copy ?? [] : ['factcheck.config.yaml', 'rules', 'entities', ...(options.copy ?? [])];
  // At once: the copies are of distinct top-level paths.
  await Promise.all(copies.map((path) => cp(join(REPO, path), join(dir, path), { recursive: true })));
  // The files given in turn: one may be written into a folder a copy made.
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** A full copy of the bundled corpus, to change without touching the repository. */
export async function copyBundled(): Promise<string> {
  return makeProject({}, { copy: ['sources', 'evidence', 'claims'] });
}

/** An empty temporary folder, factcheck-<name>-…: registered with the projects, so cleanProjects removes it too. */
export async function makeTempDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `factcheck-${name}-`));
  made.push(dir);
  return dir;
}

/** Removes every project and temporary folder made so far; each test file calls it in afterAll. */
export async function cleanProjects(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, capturing its output; `io` sets the clock, or a terminal with scripted answers. */
export async function runCli(args: string[], cwd: string = REPO, env: Record<string, string> = {}, io: Pick<CliIO, 'now' | 'ask' | 'isTTY' | 'columns'> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv: args,
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    // The cache's signing key stays where vitest.config puts it: the CLI reads only the env it is given.
    env: { ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}), ...env },
    ...io,
  });
  return { code, stdout, stderr };
}

/** A throwaway project: the bundled base with a fixture folder (tests/fixtures/<name>) copied over it. */
export async function fromFixture(name: string, options: { bare?: boolean; copy?: string[] } = {}): Promise<string> {
  const dir = await makeProject({}, options);
  await cp(join(REPO, 'tests', 'fixtures', name), dir, { recursive: true });
  return dir;
}
