import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_YAML } from '../../src/authoring/starter-workflow.js';
import { COMMAND_NAMES } from '../../src/cli/commands.js';
import { REPO, runCli } from '../helpers/project.js';

describe('the example GitHub workflow', () => {
  it('runs on pull requests that touch claims, evidence or rules, sharded across a matrix', async () => {
    const workflow = parse(await readFile(join(REPO, '.github/workflows/verify.yml'), 'utf8'));
    expect(workflow.on.pull_request.paths).toEqual(expect.arrayContaining(['claims/**', 'evidence/**', 'rules/**']));
    expect(workflow.jobs.shard.strategy.matrix.shard).toEqual([1, 2, 3]);
    expect(workflow.jobs.report.needs).toBe('shard');
  });

  it('compares with the pull request\'s base, with its history fetched, never with HEAD', async () => {
    for (const text of [await readFile(join(REPO, '.github/workflows/verify.yml'), 'utf8'), WORKFLOW_YAML]) {
      const workflow = parse(text);
      const steps = workflow.jobs.report.steps as { uses?: string; with?: Record<string, unknown>; run?: string }[];
      const since = steps.find((s) => s.run?.includes('--changed-since'));
      expect(since?.run).toContain('--changed-since "origin/$GITHUB_BASE_REF"');
      expect(steps.find((s) => s.uses === 'actions/checkout@v4')?.with).toEqual({ 'fetch-depth': 0 });
      expect(text).not.toMatch(/--changed-since HEAD/);
      // Code scanning gets the SARIF, and its upload cannot fail the job where it is not enabled.
      expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))).toMatchObject({ 'continue-on-error': true, with: { sarif_file: 'factcheck.sarif' } });
    }
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
      expect(COMMAND_NAMES).toContain(args[0]);
      // --help after the real options: parsing fails (exit 2) on any option the command lacks.
      const run = await runCli([...args, '--help']);
      expect(run.code, `${call}: ${run.stderr}`).toBe(0);
    }
  });
});
