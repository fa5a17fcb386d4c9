import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { REPO, runCli } from '../helpers/project.js';

describe('the example GitHub workflow', () => {
  it('runs on pull requests that touch claims, evidence or rules, sharded across a matrix', async () => {
    const workflow = parse(await readFile(join(REPO, '.github/workflows/verify.yml'), 'utf8'));
    expect(workflow.on.pull_request.paths).toEqual(expect.arrayContaining(['claims/**', 'evidence/**', 'rules/**']));
    expect(workflow.jobs.shard.strategy.matrix.shard).toEqual([1, 2, 3]);
    expect(workflow.jobs.report.needs).toBe('shard');
  });

  it('only calls factcheck commands and options that exist', async () => {
    const text = await readFile(join(REPO, '.github/workflows/verify.yml'), 'utf8');
    const calls = [...text.matchAll(/npx factcheck ([^\n|>&]+)/g)].map((m) => m[1]!.trim());
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (const call of calls) {
      const args = call
        .replace(/\$\{\{ matrix\.shard \}\}/g, '1')
        .split(/\s+/)
        .filter((a) => !a.includes('*') && !a.endsWith('.json'));
      expect(COMMANDS.map((c) => c.name)).toContain(args[0]);
      // --help after the real options: parsing fails (exit 2) on any option the command lacks.
      const run = await runCli([...args, '--help']);
      expect(run.code, `${call}: ${run.stderr}`).toBe(0);
    }
  });
});
