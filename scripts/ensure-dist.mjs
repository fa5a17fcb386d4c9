// Part of `npm test` (vitest's globalSetup): builds dist/ as the build script
// does (tsc, then the precompiled validators) only when it is out of date, so
// that a test run after an unchanged build does not pay for another. The tests
// that run bin/factcheck.js, the bench's measurements and the package test use
// dist/; the rest import src/ directly.
//
// dist/ is current when every src/*.ts has its .js and none of src/, schemas/,
// tsconfig.json or package.json changed after the oldest of those .js files
// (tsc rewrites every output on each build). Also runnable on its own:
// `node scripts/ensure-dist.mjs`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildValidators } from './build-validators.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The compiled sources, relative to src/. */
function sourcesOf(repo) {
  return readdirSync(join(repo, 'src'), { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'));
}

/** The input changed last: a source, the configuration tsc reads, or a schema (the build compiles them). */
function newestInput(repo, sources) {
  let newest = { path: '', ms: 0 };
  const schemas = readdirSync(join(repo, 'schemas')).filter((n) => n.endsWith('.json')).map((n) => join('schemas', n));
  for (const path of [...sources.map((p) => join('src', p)), ...schemas, 'tsconfig.json', 'package.json']) {
    const ms = statSync(join(repo, path)).mtimeMs;
    if (ms > newest.ms) newest = { path, ms };
  }
  return newest;
}

/** Why dist/ is out of date, or undefined when it is current. */
export function staleReason(repo = REPO) {
  const sources = sourcesOf(repo);
  let oldestOutput = Infinity;
  for (const path of sources) {
    const output = join('dist', path.replace(/\.ts$/, '.js'));
    const info = statSync(join(repo, output), { throwIfNoEntry: false });
    if (!info) return `${output} is missing`;
    oldestOutput = Math.min(oldestOutput, info.mtimeMs);
  }
  const input = newestInput(repo, sources);
  if (input.ms > oldestOutput) return `${input.path} changed after the last build`;
  // Written after tsc: a build stopped between the two, or tsc run alone, leaves it out.
  const validators = statSync(join(repo, 'dist/validate/validators.cjs'), { throwIfNoEntry: false });
  return validators && validators.mtimeMs >= oldestOutput ? undefined : 'dist/validate/validators.cjs is missing or older than the build';
}

/** Dates an output back, so that the next run takes dist/ as out of date and builds again. */
function markStale(repo) {
  try {
    utimesSync(join(repo, 'dist/index.js'), 0, 0);
  } catch {
    // No such output: dist/ is out of date already.
  }
}

/** Builds dist/ when it is out of date; throws when the build fails. */
export async function ensureDist(repo = REPO) {
  const reason = staleReason(repo);
  if (!reason) return;
  process.stderr.write(`npm test: building dist/ (${reason})\n`);
  const started = Date.now();
  const tsc = join(repo, 'node_modules/typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(repo, 'tsconfig.json')], { cwd: repo, stdio: 'inherit' });
  if (run.status !== 0) {
    // tsc writes its output even on type errors: the next run must build (and fail) again.
    markStale(repo);
    throw new Error(`the build failed (tsc exited ${run.status ?? run.signal}); fix it, then run the tests again`);
  }
  // As the build script does after tsc; without it dist/ would still work, compiling the schemas each run.
  try {
    await buildValidators(repo);
  } catch (error) {
    markStale(repo);
    throw error;
  }
  // A source saved while tsc ran may be older than the outputs and still not in them.
  if (newestInput(repo, sourcesOf(repo)).ms > started) markStale(repo);
}

/** vitest's globalSetup: once per test run, before any test file. */
export async function setup() {
  await ensureDist();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await ensureDist();
  } catch (error) {
    console.error(`npm test: ${error.message}`);
    process.exit(1);
  }
}
