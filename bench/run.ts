/**
 * npm run bench: generates the synthetic corpus at each size, measures the
 * floor (read + parse), cold, warm and incremental verify, JSON output, the
 * rules stage against bare json-rules-engine, and peak RSS, each in a fresh process, and
 * prints the medians with every row as a ratio to the floor. Writes
 * bench/results.json and the figures section of docs/performance.md.
 *
 *   npm run bench -- [--sizes small,large] [--repeat 3] [--seed 2016] [--out F] [--no-docs]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus, SIZES, type CorpusStats } from './generate-corpus.js';
import { formatTable, judge, median, type SizeResult } from './report.js';

const REPO = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'small,large' },
    repeat: { type: 'string', default: '3' },
    seed: { type: 'string', default: '2016' },
    out: { type: 'string', default: join(REPO, 'bench', 'results.json') },
    'work-dir': { type: 'string', default: join(REPO, 'bench', '.corpus') },
    docs: { type: 'boolean', default: true },
    'no-docs': { type: 'boolean' },
  },
});
const sizes = values.sizes.split(',').map((s) => s.trim()) as (keyof typeof SIZES)[];
for (const s of sizes) if (!(s in SIZES)) throw new Error(`unknown size "${s}"; sizes are ${Object.keys(SIZES).join(', ')}`);
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes a whole number of at least 1');
const seed = Number(values.seed);

function measure(task: string, root: string, ...args: string[]): Record<string, unknown> & { ms: number; maxRssBytes: number } {
  return measureWith({}, task, root, ...args);
}

function measureWith(env: Record<string, string>, task: string, root: string, ...args: string[]): Record<string, unknown> & { ms: number; maxRssBytes: number } {
  const run = spawnSync(process.execPath, [join(REPO, 'bench', 'measure.mjs'), task, root, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`measure ${task} failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as never;
}

/** `factcheck verify` as a user runs it, through the bin in a fresh process: Node's start and the loading of modules included. */
function timeBin(root: string): number {
  const start = performance.now();
  // The environment measure.mjs gives main (none but HOME): the same signing key and the same view
  // key, or this run would make its own cache and view, and the runs after it would time that.
  const env = { PATH: process.env.PATH ?? '', ...(process.env.HOME ? { HOME: process.env.HOME } : {}) };
  const run = spawnSync(process.execPath, [join(REPO, 'bin', 'factcheck.js'), 'verify'], { cwd: root, env, stdio: 'ignore' });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`factcheck verify exited ${String(run.status)}`);
  return ms;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@factcheck.example', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
}

const results: SizeResult[] = [];
for (const size of sizes) {
  const root = join(values['work-dir'], size);
  process.stderr.write(`bench: generating the ${size} corpus (${SIZES[size].claims} claims, ${SIZES[size].evidence} evidence records)\n`);
  const corpus: CorpusStats = await generateCorpus(root, SIZES[size], seed, REPO);
  await writeFile(join(root, '.gitignore'), '.factcheck-cache/\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'corpus');
  const extra = join(root, corpus.extra.path);

  const samples: Record<string, number[]> = { floor: [], read: [], jsyaml: [], lexer: [], coldFull: [], cold: [], coldCpu: [], warm: [], warmBin: [], incremental: [], warmAfterIncremental: [], incrementalChangedSince: [], jsonAfterText: [], jsonWarm: [] };
  const rss: number[] = [];
  const jsonRss: number[] = [];
  let summary = '';
  for (let i = 1; i <= repeat; i++) {
    process.stderr.write(`bench: ${size}, repetition ${i} of ${repeat}\n`);
    for (const floor of ['floor', 'read', 'jsyaml', 'lexer']) samples[floor]!.push(measure(floor, root).ms);
    // Cold as it was before the fast YAML path, in the same run: what the fast path is worth here.
    await rm(join(root, '.factcheck-cache'), { recursive: true, force: true });
    samples.coldFull!.push(measureWith({ FACTCHECK_FAST_YAML: '0' }, 'verify', root).ms);
    await rm(join(root, '.factcheck-cache'), { recursive: true, force: true });
    const cold = measure('verify', root);
    if (cold.code !== 0) throw new Error(`cold verify exited ${String(cold.code)}`);
    samples.cold!.push(cold.ms);
    samples.coldCpu!.push(Number(cold.cpuMs));
    rss.push(cold.maxRssBytes);
    samples.warm!.push(measure('verify', root).ms);
    samples.warmBin!.push(timeBin(root));
    await writeFile(extra, corpus.extra.text);
    samples.incremental!.push(measure('verify', root).ms);
    samples.warmAfterIncremental!.push(measure('verify', root).ms);
    // The same change through --changed-since, which verifies only the claims it can affect.
    await rm(extra);
    measure('verify', root);
    await writeFile(extra, corpus.extra.text);
    const changed = measure('verify', root, '--changed-since', 'HEAD');
    samples.incrementalChangedSince!.push(changed.ms);
    summary = String(changed.summary ?? '');
    await rm(extra);
    // What CI reads: JSON after the text runs above (which keep no whole results, so this one
    // verifies everything again and keeps them), then JSON with nothing changed.
    measure('verify', root);
    samples.jsonAfterText!.push(measure('verify', root, '--format', 'json').ms);
    const json = measure('verify', root, '--format', 'json');
    samples.jsonWarm!.push(json.ms);
    jsonRss.push(json.maxRssBytes);
  }
  process.stderr.write(`bench: ${size}, rules stage\n`);
  const rules = measure('rules', root, String(repeat)) as unknown as { claims: number; bareMs: number[]; oursMs: number[] };
  results.push({
    size,
    corpus: { ...corpus, extra: { path: corpus.extra.path, records: corpus.extra.records } },
    samples: { ...samples, rulesOurs: rules.oursMs, rulesBare: rules.bareMs },
    medians: Object.fromEntries(Object.entries({ ...samples, rulesOurs: rules.oursMs, rulesBare: rules.bareMs }).map(([k, v]) => [k, median(v)])),
    peakRssBytes: Math.max(...rss),
    jsonRssBytes: Math.max(...jsonRss),
    changedSince: summary,
  });
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const targets = judge(results);
const report = { seed, repeat, machine, sizes: results, targets };
await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
const table = formatTable(report);
process.stdout.write(table);

if (values.docs && !values['no-docs']) {
  const path = join(REPO, 'docs', 'performance.md');
  const doc = await readFile(path, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`${path} has no ${begin} … ${end} section`);
  await writeFile(path, `${doc.slice(0, from + begin.length)}\n${table}${doc.slice(to)}`);
  process.stderr.write(`bench: wrote ${values.out} and the figures in docs/performance.md\n`);
}
