import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKFLOW_YAML } from '../../src/authoring/starter-workflow.js';
import { cleanProjects, makeProject, REPO } from '../helpers/project.js';

afterAll(cleanProjects);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to the end; a non-zero exit is a result here, not an error. */
function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((done) => {
    execFile(file, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });
}

/** The environment without what an npm script run exports (such as npm_config_local_prefix, the repository), so npm works in the folder it is given. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_cafile', 'npm_config_registry', 'npm_config_userconfig']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_') || keep.has(key.toLowerCase())));
}

async function npm(args: readonly string[], cwd: string): Promise<string> {
  const done = await run('npm', args, cwd, npmEnv());
  expect(done.code, `npm ${args.join(' ')}: ${done.stderr}`).toBe(0);
  return done.stdout;
}

// --ignore-scripts: packing would otherwise run prepare, rebuilding dist/ while other test files run it.
// dist/ is current: the test run's global setup (scripts/ensure-dist.mjs) builds it when src/ changed.
const PACK = ['pack', '--json', '--ignore-scripts'];

/** The package, packed once for both tests below: its tarball's folder, and what npm pack says of it. */
let packing: Promise<{ folder: string; packed: { filename: string; files: { path: string }[] } }> | undefined;
function pack() {
  packing ??= (async () => {
    const folder = await makeProject({}, { bare: true });
    const [packed] = JSON.parse(await npm([...PACK, '--pack-destination', folder], REPO)) as { filename: string; files: { path: string }[] }[];
    return { folder, packed: packed! };
  })();
  return packing;
}

describe('the npm package', () => {
  it('holds the CLI, the library with its types, what init copies and the docs messages point to, and no sources or tests', async () => {
    const { packed } = await pack();
    const paths = packed.files.map((f) => f.path);
    const schemas = (await readdir(join(REPO, 'schemas'))).map((name) => `schemas/${name}`);
    expect(paths).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/factcheck.js', 'dist/index.js', 'dist/index.d.ts', 'dist/load/parse-worker.js', 'dist/validate/validators.cjs', 'docs/facts.md', 'docs/diagnostics.md', 'rules/quantity.yaml', ...schemas]),
    );
    // init copies the rulesets and their portable tests; the bundled corpus's own rule tests (rules/tests/) stay here.
    expect(paths.filter((p) => !/^(bin|dist|schemas|docs|methodology)\/|^rules\/[^/]+\.yaml$/.test(p) && !['LICENSE', 'README.md', 'package.json'].includes(p))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs from its tarball in an empty folder outside the repository, and works there as a CLI and as a library', { timeout: 180_000 }, async () => {
    const { folder, packed } = await pack();
    const newsroom = await makeProject({ 'package.json': '{ "private": true }\n' }, { bare: true });
    expect(newsroom.startsWith(REPO)).toBe(false);
    await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(folder, packed.filename)], newsroom);

    // The bin as npm linked it, found by its shebang's env node.
    const bin = join(newsroom, 'node_modules/.bin/factcheck');
    const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
    const desk = join(newsroom, 'desk');
    const steps: [args: string[], cwd: string, code: number][] = [
      [['init', 'desk'], newsroom, 0],
      [['verify'], desk, 0],
      [['verify', '--update'], desk, 0],
      [['verify', '--check'], desk, 0],
      [['lint'], desk, 0],
      [['test'], desk, 0],
      [['report', '--format', 'html', '--out', 'r.html'], desk, 0],
    ];
    for (const [args, cwd, code] of steps) {
      const done = await run(bin, args, cwd, env);
      expect(done.code, `factcheck ${args.join(' ')}: ${done.stderr}`).toBe(code);
    }
    expect(await readFile(join(desk, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(await readdir(join(desk, 'schemas'))).toEqual(expect.arrayContaining(['claims.schema.json', 'result.schema.json']));

    // The library, by its package name, as a newsroom's own script imports it.
    await writeFile(
      join(newsroom, 'check.mjs'),
      `import { verify, VERSION } from 'factcheck';
const result = await verify(process.argv[2]);
const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
console.log(JSON.stringify({ version: VERSION, claims: result.claims.map((c) => [c.id, c.rating]), errors, schema: import.meta.resolve('factcheck/schemas/result.schema.json') }));
`,
    );
    const lib = await run(process.execPath, ['check.mjs', desk], newsroom);
    expect(lib.code, lib.stderr).toBe(0);
    const out = JSON.parse(lib.stdout) as { version: string; claims: [string, string][]; errors: number; schema: string };
    expect(out.version).toBe(JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')).version);
    expect(out.claims.length).toBeGreaterThan(0);
    expect(out.errors).toBe(0);
    // The schemas by package path, such as result.schema.json to validate verify --format json with.
    expect(out.schema).toMatch(/\/node_modules\/factcheck\/schemas\/result\.schema\.json$/);

    // And its types, through exports: strict TypeScript fails on a module it has no declarations for.
    await writeFile(
      join(newsroom, 'check.mts'),
      `import { verify, type VerifyResult } from 'factcheck';
const result: VerifyResult = await verify('desk');
export const claims: number = result.claims.length;
`,
    );
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    const typed = await run(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--target', 'es2022', 'check.mts'], newsroom);
    expect(typed.code, typed.stdout).toBe(0);
  });
});

describe('the install step of the workflow init writes', () => {
  const jobs = Object.values(parse(WORKFLOW_YAML).jobs as Record<string, { steps: { name?: string; run?: string }[] }>);
  const scripts = jobs.map((job) => job.steps.find((s) => s.name === 'Install factcheck')?.run);
  const script = scripts[0]!;

  it('is the same in every job', () => {
    expect(script).toContain('npm');
    expect(new Set(scripts)).toEqual(new Set([script]));
  });

  const TARBALL = 'file:../factcheck-0.1.0.tgz';
  // How package-lock.json lists factcheck, by where it was installed from.
  const cases: { name: string; entry?: Record<string, unknown>; lock?: false; spec?: string; code: number; npm: string[]; error?: RegExp }[] = [
    { name: 'FACTCHECK_PACKAGE wins over a lock that lists a tarball', entry: { resolved: TARBALL }, spec: 'factcheck@0.1.0', code: 0, npm: ['install --global factcheck@0.1.0'] },
    { name: 'FACTCHECK_PACKAGE as a git URL, with no lock', lock: false, spec: 'github:example/factcheck#v0.1.0', code: 0, npm: ['install --global github:example/factcheck#v0.1.0'] },
    { name: 'a lock that lists factcheck from the registry', entry: { version: '0.1.0', resolved: 'https://registry.npmjs.org/factcheck/-/factcheck-0.1.0.tgz' }, code: 0, npm: ['ci'] },
    // npm's omit-lockfile-registry-resolved: registry packages are listed with no resolved.
    { name: 'a lock that lists factcheck from the registry with no resolved', entry: { version: '0.1.0' }, code: 0, npm: ['ci'] },
    { name: 'a lock that lists factcheck from git', entry: { resolved: 'git+ssh://git@github.com/example/factcheck.git#0123456789abcdef0123456789abcdef01234567' }, code: 0, npm: ['ci'] },
    { name: 'a lock that lists a tarball, with no FACTCHECK_PACKAGE', entry: { resolved: TARBALL }, code: 2, npm: [], error: /^::error::.*file:\.\.\/factcheck-0\.1\.0\.tgz.*FACTCHECK_PACKAGE/m },
    { name: 'a lock that lists a local git clone, with no FACTCHECK_PACKAGE', entry: { resolved: 'git+file:///home/desk/factcheck#0123456789abcdef0123456789abcdef01234567' }, code: 2, npm: [], error: /^::error::.*git\+file:.*FACTCHECK_PACKAGE/m },
    { name: 'a lock that lists a linked folder, with no FACTCHECK_PACKAGE', entry: { resolved: '../factcheck', link: true }, code: 2, npm: [], error: /^::error::.*file:\.\.\/factcheck\b.*FACTCHECK_PACKAGE/m },
    { name: 'a lock that does not list factcheck, with no FACTCHECK_PACKAGE', code: 2, npm: [], error: /^::error::Nothing says where.*set the repository variable FACTCHECK_PACKAGE.*package-lock\.json/m },
    { name: 'neither a lock nor FACTCHECK_PACKAGE', lock: false, code: 2, npm: [], error: /^::error::Nothing says where.*set the repository variable FACTCHECK_PACKAGE.*package-lock\.json/m },
  ];

  it.each(cases)('$name', async ({ entry, lock: locked = true, spec, code, npm: calls, error }) => {
    const lock = { name: 'desk', lockfileVersion: 3, requires: true, packages: { '': { devDependencies: { factcheck: '*' } }, ...(entry ? { 'node_modules/factcheck': entry } : {}) } };
    const dir = await realpath(await makeProject({ 'install.sh': script, ...(locked ? { 'package-lock.json': JSON.stringify(lock, null, 2) } : {}) }, { bare: true }));
    // A stub npm first on PATH records what it was asked to do.
    await mkdir(join(dir, 'stub'));
    await writeFile(join(dir, 'stub/npm'), '#!/bin/sh\necho "$*" >> "$NPM_CALLS"\n');
    await chmod(join(dir, 'stub/npm'), 0o755);
    await writeFile(join(dir, 'github-path'), '');
    const env = {
      PATH: [join(dir, 'stub'), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
      NPM_CALLS: join(dir, 'npm-calls'),
      GITHUB_PATH: join(dir, 'github-path'),
      // As the workflow's env sets it from an unset repository variable: empty.
      FACTCHECK_PACKAGE: spec ?? '',
    };
    // As GitHub runs a run: script.
    const done = await run('bash', ['--noprofile', '--norc', '-e', 'install.sh'], dir, env);
    expect(done.code, done.stderr).toBe(code);
    expect((await readFile(env.NPM_CALLS, 'utf8').catch(() => '')).split('\n').filter(Boolean)).toEqual(calls);
    expect(await readFile(env.GITHUB_PATH, 'utf8')).toBe(calls[0] === 'ci' ? `${dir}/node_modules/.bin\n` : '');
    if (error) expect(done.stdout).toMatch(error);
  });
});
