import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanProjects, copyBundled, makeTempDir, REPO } from '../helpers/project.js';

afterAll(cleanProjects);

/** The bin in a fresh process, with a loader hook that names on stderr every module of ours or a package's it loads. */
async function traced(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string; loaded: string[] }> {
  const dir = await makeTempDir('trace');
  await writeFile(join(dir, 'hooks.mjs'), "export async function load(url, context, next) {\n  if (url.startsWith('file:')) process.stderr.write(`LOADED ${url}\\n`);\n  return next(url, context);\n}\n");
  // In Node 20 a require() (createRequire's included) never reaches the hooks: what it loaded is named at exit, from require's cache.
  const named = "process.on('exit', () => { for (const path of Object.keys(_cache)) if (/\\.[cm]?js$/.test(path)) process.stderr.write(`LOADED ${pathToFileURL(path).href}\\n`); });";
  await writeFile(
    join(dir, 'register.mjs'),
    `import { createRequire, register } from 'node:module';\nimport { pathToFileURL } from 'node:url';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\nconst { _cache } = createRequire(import.meta.url)('module');\n${named}\n`,
  );
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, join(REPO, 'bin/factcheck.js'), ...args], { cwd, env: process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const lines = stderr.split('\n');
      const loaded = lines.filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length).replace(pathToFileURL(REPO).href + '/', ''));
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr: lines.filter((l) => !l.startsWith('LOADED ')).join('\n'), loaded });
    });
  });
}

// What a run with nothing changed has no use for: the parsers, the schemas' compiler, the rules
// engine, loading and verifying a project, and every output format but the table. Packages by
// their folder anywhere: node_modules may be a link, and its modules named by their real paths.
const HEAVY = ['dist/load/load-project.js', 'dist/cache/verify-changed.js', 'dist/verify-fresh.js', 'dist/report/formatters/index.js'];
const HEAVY_PACKAGES = ['yaml', 'js-yaml', 'ajv', 'json-rules-engine'];
const heavy = (loaded: string[]) => loaded.filter((url) => HEAVY.some((path) => url.startsWith(path)) || HEAVY_PACKAGES.some((name) => `/${url}`.includes(`/node_modules/${name}/`)));

describe('starting the CLI', () => {
  it('loads for a run with nothing changed only what prints the kept view, and prints what a full run printed', async () => {
    const dir = await copyBundled();
    const first = await traced(['verify'], dir);
    expect(first.loaded).toEqual(expect.arrayContaining(['dist/cache/verify-changed.js', 'dist/load/load-project.js']));
    expect(heavy(first.loaded).filter((url) => url.includes('node_modules/'))).not.toEqual([]);
    const again = await traced(['verify'], dir);
    expect([again.code, again.stdout, again.stderr]).toEqual([first.code, first.stdout, first.stderr]);
    expect(again.loaded).toContain('dist/cache/verify-with-cache.js');
    expect(heavy(again.loaded)).toEqual([]);

    // After a run that only added evidence, the same: its view is printed again.
    const added = join(dir, 'evidence/added.yaml');
    const week = await readFile(join(dir, 'evidence/the-week-trump-jr-wikileaks.yaml'), 'utf8');
    await writeFile(added, week.replace(/id: week-/g, 'id: added-week-'));
    const partial = await traced(['verify'], dir);
    expect(partial.loaded).toContain('dist/cache/partial-run.js');
    // Its one new file takes the fast path, checked by the validators compiled at build time: yaml and Ajv stay unloaded,
    // but for the runtime helpers those validators call.
    const parsers = partial.loaded.filter((url) => /\/node_modules\/(yaml|ajv)\//.test(`/${url}`) && !`/${url}`.includes('/node_modules/ajv/dist/runtime/'));
    expect(parsers).toEqual([]);
    const afterPartial = await traced(['verify'], dir);
    expect([afterPartial.code, afterPartial.stdout, afterPartial.stderr]).toEqual([partial.code, partial.stdout, partial.stderr]);
    expect(heavy(afterPartial.loaded)).toEqual([]);
    await rm(added);

    // A change: the rest is loaded, and prints what a run without the cache prints.
    const config = join(dir, 'factcheck.config.yaml');
    await writeFile(config, `${await readFile(config, 'utf8')}\n# edited\n`);
    const changed = await traced(['verify'], dir);
    expect(changed.loaded).toContain('dist/cache/verify-changed.js');
    const fresh = await traced(['verify', '--no-cache'], dir);
    expect([changed.code, changed.stdout, changed.stderr]).toEqual([fresh.code, fresh.stdout, fresh.stderr]);
    expect(fresh.loaded).toContain('dist/verify-fresh.js');
  }, 60_000);

  it('loads no command for the version, and one command for its help', async () => {
    const dir = await makeTempDir('start');
    const version = await traced(['--version'], dir);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(version.loaded.filter((url) => url.includes('dist/cli/commands/'))).toEqual([]);
    const help = await traced(['lint', '--help'], dir);
    expect(help.stdout).toContain('Usage: factcheck lint');
    expect(help.loaded.filter((url) => url.includes('dist/cli/commands/'))).toEqual(['dist/cli/commands/lint.js']);
  }, 30_000);
});
