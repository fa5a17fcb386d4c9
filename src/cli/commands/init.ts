import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STARTER_SCHEMAS, starterProject, type StarterFile } from '../../authoring/starter-project.js';
import { KIND_FOLDERS, LIMITS } from '../../load/layout.js';
import { listYamlFiles } from '../../load/list-files.js';
import { readProjectText } from '../../load/read-files.js';
import { makeFolder, writeFileAtomic } from '../../load/write-atomic.js';
import { loadProject, recordVerdicts, verifyProject } from '../../pipeline.js';
import { LOCK_FILE, serializeLock, updateLock } from '../../lock/lock-file.js';
import type { Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { append } from '../../model/append.js';

/** What factcheck ships, found beside the built code (src/ or dist/, two folders down): the schemas and the methodology. */
const SCHEMA_DIR = fileURLToPath(new URL('../../../schemas/', import.meta.url));
const RULES_DIR = fileURLToPath(new URL('../../../rules/', import.meta.url));
const TESTS_DIR = fileURLToPath(new URL('../../../methodology/tests/', import.meta.url));

export const initCommand: Command = {
  name: 'init',
  summary: 'create a new fact-check repository with a small worked example',
  usage: 'factcheck init [dir]',
  details: `Creates a working project in dir (default: the current folder):
factcheck.config.yaml, and one made-up example of each kind of file (an
entity, a source with its archived snapshot pinned by SHA-256, an evidence
record quoting it, a claim), factcheck's whole methodology (a ruleset for
every kind of claim in rules/, and their test cases in rules/tests/, which
hold whatever evidence and claims the project has), the recorded verdict
in ${LOCK_FILE}, a copy of the JSON Schemas in ${STARTER_SCHEMAS}/ that every YAML
file's first line and .vscode/settings.json point editors at, a GitHub
workflow that checks every pull request (.github/workflows/verify.yml), and
a .gitignore for the cache. factcheck verify passes on it at once.

It never overwrites anything: if any file it would write exists already, or
the folder already holds claims, evidence or other project files, it writes
nothing and lists them. A .gitignore already there is added to.

Options:
  -h, --help        this help

Exit codes: 0 created; 2 a file is in the way, or bad usage.`,
  options: {},
  async run({ positionals }, io) {
    if (positionals.length > 1) throw new UsageError(`init takes one folder; found ${positionals.length}`);
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    const files = starterProject(await readShipped(SCHEMA_DIR, '.json'), { rules: await readShipped(RULES_DIR, '.yaml'), tests: await readShipped(TESTS_DIR, '.yaml') });
    // A .gitignore the repository has already (GitHub makes one) is added to, not a conflict.
    // Read as a project file is: a .gitignore that is a FIFO or a link out is not read, and counts as a conflict below.
    const existing = await readProjectText(dir, '.gitignore', LIMITS.maxFileBytes).catch(() => undefined);
    const gitignore = existing && 'text' in existing ? existing.text : undefined;
    const toWrite = files.filter((f) => f.path !== '.gitignore' || gitignore === undefined);
    const clashes = await findConflicts(dir, [...toWrite.map((f) => f.path), LOCK_FILE]);
    const conflicts = [...clashes, ...(await projectFiles(dir)).filter((p) => !clashes.includes(p.split(' ')[0]!))];
    if (conflicts.length) {
      io.stderr(`factcheck init: ${shown(io.cwd, dir)} already has ${conflicts.length === 1 ? 'a file' : 'files'} that init would write; nothing was written:\n${conflicts.map((c) => `  ${c}\n`).join('')}`);
      return EXIT.invalid;
    }
    for (const file of toWrite) {
      await makeFolder(dirname(join(dir, file.path)));
      await writeFileAtomic(join(dir, file.path), file.content);
    }
    if (gitignore !== undefined) {
      const ours = files.find((f) => f.path === '.gitignore')!.content;
      const missing = ours.split('\n').filter((line) => line && !line.startsWith('#') && !gitignore.split('\n').includes(line));
      if (missing.length) await writeFileAtomic(join(dir, '.gitignore'), `${gitignore}${gitignore.endsWith('\n') || !gitignore ? '' : '\n'}${missing.join('\n')}\n`);
    }
    await writeLock(dir);
    io.stdout(summary(io.cwd, dir, files));
    return EXIT.ok;
  },
};

/** The files of one of factcheck's own folders, by name. */
async function readShipped(dir: string, extension: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isFile() && e.name.endsWith(extension)).map((e) => e.name).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)));
}

/** Each path that exists already, or that a file stands in the way of (a file where a folder must go). */
async function findConflicts(dir: string, paths: readonly string[]): Promise<string[]> {
  const conflicts = new Set<string>();
  const exists = async (path: string) => {
    try {
      return await lstat(join(dir, path));
    } catch {
      return undefined;
    }
  };
  const root = await exists('.');
  if (root && !root.isDirectory()) return ['. (a file, not a folder)'];
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const info = await exists(folder);
      if (info && !info.isDirectory()) conflicts.add(`${folder} (a file where a folder must go)`);
    }
    if (await exists(path)) conflicts.add(path);
  }
  return [...conflicts];
}

/**
 * Claims, evidence and other project files already there: the example would
 * be verified with them, and could not promise to pass. init makes a new project.
 */
async function projectFiles(dir: string): Promise<string[]> {
  const root = await realpath(dir).catch(() => undefined);
  if (!root) return [];
  const found: string[] = [];
  for (const folder of Object.values(KIND_FOLDERS)) append(found, await listYamlFiles(root, folder, []));
  return found.map((path) => `${path} (init makes a new project; this folder already has one)`);
}

/**
 * Records the example's verdict, so that the workflow's verify --check passes
 * from the first commit: the library's verify and record, as verify --update
 * runs them.
 */
async function writeLock(dir: string): Promise<void> {
  const loaded = await loadProject(dir, { cache: false });
  const project = loaded.project;
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!project || errors.length) {
    throw new Error(`the new project does not load: ${errors.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`).join('; ')}`);
  }
  const recorded = recordVerdicts(project, await verifyProject(project));
  await writeFileAtomic(join(dir, LOCK_FILE), serializeLock(updateLock(undefined, recorded.entries, project.claimIds)));
}

function shown(cwd: string, dir: string): string {
  return relative(cwd, dir) || '.';
}

function summary(cwd: string, dir: string, files: readonly StarterFile[]): string {
  const own = files.filter((f) => !f.path.startsWith(`${STARTER_SCHEMAS}/`)).map((f) => f.path);
  const schemas = files.length - own.length;
  const where = shown(cwd, dir);
  return `Created a factcheck project in ${where}:
${[...own, LOCK_FILE, `${STARTER_SCHEMAS}/ (${schemas} JSON Schemas, for editors)`].map((p) => `  ${p}\n`).join('')}
The example (Exampleton's council and cycling club) is made up: replace it with your own.

Next:
${where === '.' ? '' : `  cd ${where}\n`}  factcheck verify                      verify the example claim
  factcheck explain cycle-path-costs-380000
  factcheck new claim                   add a claim (or: new entity, new source, new evidence)
  factcheck verify --update             record changed verdicts in ${LOCK_FILE}; commit it with them
In CI, .github/workflows/verify.yml checks every pull request against the
recorded verdicts; set the repository variable FACTCHECK_PACKAGE it installs
factcheck from (see its first lines).
`;
}
