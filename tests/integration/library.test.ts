import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor, LOCK_FILE, runVerify, VERIFY_FORMATS } from '../../src/index.js';
import { cleanProjects, copyBundled, REPO, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

/** The library does what the CLI does, as the README shows it: the CLI's output is the library's, formatted. */
describe('runVerify, the library call the CLI is thin over', () => {
  it('gives the report verify prints, in every format', async () => {
    const run = await runVerify(REPO, {});
    if ('problem' in run) throw new Error(run.problem);
    for (const format of ['json', 'junit', 'md'] as const) {
      expect(VERIFY_FORMATS[format](run.report, { color: false })).toBe((await runCli(['verify', '--format', format, '--no-cache'])).stdout);
    }
    expect(exitCodeFor({ diagnostics: run.report.result.diagnostics })).toBe(EXIT.ok);
  });

  it('compares with the recorded verdicts, and returns the lock to write without writing it', async () => {
    const dir = await copyBundled();
    const update = await runVerify(dir, { update: true });
    if ('problem' in update || !update.lock || !('text' in update.lock)) throw new Error('no lock to write');
    expect(update.lock).toMatchObject({ changed: true, verdicts: 11 });
    expect(update.lock.text).toBe(await readFile(join(REPO, LOCK_FILE), 'utf8'));
    await expect(readFile(join(dir, LOCK_FILE), 'utf8')).rejects.toThrow();
    const check = await runVerify(REPO, { check: true });
    if ('problem' in check) throw new Error(check.problem);
    expect(check.report.check?.diff).toMatchObject({ changed: [], uncompared: [], added: [], removed: [], unchanged: 11 });
    expect(await runVerify(REPO, { changedSince: '--not-a-ref' })).toEqual({ problem: expect.stringContaining('--changed-since') });
  });
});
