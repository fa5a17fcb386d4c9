import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, SIZES } from '../../bench/generate-corpus.js';
import { cleanProjects, makeTempDir, REPO, runCli } from '../helpers/project.js';

// The corpora and the bench's work folder are a few megabytes each: remove them, pass or fail.
afterAll(cleanProjects);

const exec = promisify(execFile);

async function treeHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    if (!/\.(ya?ml|txt)$/.test(name)) continue;
    hash.update(name).update(await readFile(join(dir, name)));
  }
  return hash.digest('hex');
}

describe('the benchmark corpus', () => {
  it('is the same for the same seed, another for another, and a valid project in every claim kind', async () => {
    const base = await makeTempDir('corpus');
    const a = await generateCorpus(join(base, 'a'), SIZES.tiny, 7, REPO);
    await generateCorpus(join(base, 'b'), SIZES.tiny, 7, REPO);
    await generateCorpus(join(base, 'c'), SIZES.tiny, 8, REPO);
    expect(await treeHash(join(base, 'a'))).toBe(await treeHash(join(base, 'b')));
    expect(await treeHash(join(base, 'a'))).not.toBe(await treeHash(join(base, 'c')));
    expect(Object.keys(a.claimKinds).sort()).toEqual(['absence', 'attribution', 'event', 'opinion', 'quantity', 'timing']);

    const run = await runCli(['verify', '--format', 'json', '--no-cache', '--root', join(base, 'a')]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.claims).toHaveLength(SIZES.tiny.claims);
    expect(result.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    // Relays at work: some verdicts rest on reports repeating one origin.
    expect(result.claims.some((c: { rule: string }) => /one-report-repeated/.test(c.rule ?? ''))).toBe(true);
  });
});

describe('npm run bench', () => {
  it('runs every measurement at a tiny size and reports each target', async () => {
    const work = await makeTempDir('bench');
    const out = join(work, 'results.json');
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', join(REPO, 'bench/run.ts'), '--sizes', 'tiny', '--repeat', '1', '--no-docs', '--out', out, '--work-dir', work], {
      cwd: REPO,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toContain('| floor: read every file, parse the YAML with yaml |');
    expect(stdout).toContain('| below the floor: read, and parse with js-yaml |');
    const report = JSON.parse(await readFile(out, 'utf8'));
    const [tiny] = report.sizes;
    expect(tiny.size).toBe('tiny');
    for (const key of ['floor', 'read', 'lexer', 'jsyaml', 'coldFull', 'cold', 'coldCpu', 'warm', 'warmBin', 'incremental', 'warmAfterIncremental', 'incrementalChangedSince', 'jsonAfterText', 'jsonWarm', 'rulesOurs', 'rulesBare']) {
      expect(tiny.medians[key], key).toBeGreaterThan(0);
    }
    // The bound on cold that the cores set: its CPU time shared between them.
    expect(stdout).toContain(`| cold's bound: CPU time ÷ ${report.machine.cores} cores |`);
    expect(tiny.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(tiny.jsonRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(stdout).toContain('| `--format json` again, nothing changed |');
    expect(tiny.changedSince).toMatch(/claims depend on what changed since HEAD/);
    // Each time ratio also as each repetition gave it, one here.
    expect(stdout).toContain('| target (tiny) | limit | measured | each repetition | met |');
    expect(report.targets.filter((t: { each?: number[] }) => t.each?.length === 1).map((t: { name: string }) => t.name)).toEqual(['cold ÷ floor', 'warm ÷ cold', 'incremental ÷ cold', 'rules stage ÷ bare json-rules-engine']);
    expect(report.targets.map((t: { name: string }) => t.name)).toEqual([
      'cold ÷ floor',
      'warm ÷ cold',
      'incremental ÷ cold',
      'rules stage ÷ bare json-rules-engine',
      'peak RSS of cold, MB',
    ]);
  }, 120_000);
});
