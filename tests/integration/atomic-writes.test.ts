import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_FOLDER } from '../../src/cache/file-cache.js';
import { LOCK_FILE, parseLock } from '../../src/lock/lock-file.js';
import { edit, gitProject } from '../helpers/git.js';
import { cleanProjects, REPO, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

/** The built CLI in a child process, optionally dying just before it renames a file into place. */
function cli(args: string[], dieBefore?: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const preload = join(REPO, 'tests/fixtures/scripts/die-before-rename.mjs');
  const child = spawn(process.execPath, [...(dieBefore ? ['--import', preload] : []), join(REPO, 'bin/factcheck.js'), ...args], {
    env: { ...process.env, ...(dieBefore ? { FACTCHECK_DIE_BEFORE_RENAME: dieBefore } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

describe('nothing lost', () => {
  it('keeps the old lock file whole when the process dies in the middle of writing the new one', async () => {
    const dir = await gitProject();
    const before = await readFile(join(dir, LOCK_FILE), 'utf8');
    await edit(dir, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
    const killed = await cli(['verify', '--update', '--root', dir], LOCK_FILE);
    expect(killed.signal).toBe('SIGKILL');
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(before);
    // It died with the new lock written in full beside the old one, about to be renamed.
    const temporary = (await readdir(dir)).filter((n) => n.startsWith(`${LOCK_FILE}.`) && n.endsWith('.tmp'));
    expect(temporary).toHaveLength(1);
    expect('lock' in parseLock(await readFile(join(dir, temporary[0]!), 'utf8'))).toBe(true);
    // The next run records the change as if nothing had happened, and clears away what was left.
    expect((await cli(['verify', '--update', '--root', dir])).code).toBe(0);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).not.toBe(before);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await runCli(['verify', '--check', '--root', dir])).code).toBe(0);
  });

  it('keeps the old report whole when the process dies while replacing it', async () => {
    const dir = await gitProject();
    const out = join(dir, 'report.html');
    await writeFile(out, '<!doctype html><title>the report from before</title>');
    const killed = await cli(['report', '--format', 'html', '--out', out, '--root', dir], 'report.html');
    expect(killed.signal).toBe('SIGKILL');
    expect(await readFile(out, 'utf8')).toBe('<!doctype html><title>the report from before</title>');
  });

  it('keeps the cache usable when the process dies while writing an entry', async () => {
    const dir = await gitProject();
    const killed = await cli(['verify', '--root', dir], '.pack');
    expect(killed.signal).toBe('SIGKILL');
    const names = await readdir(join(dir, CACHE_FOLDER));
    expect(names.some((n) => n.endsWith('.tmp'))).toBe(true);
    const again = await cli(['verify', '--root', dir]);
    expect(again.code).toBe(0);
    expect((await readdir(join(dir, CACHE_FOLDER))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await runCli(['verify', '--root', dir])).stdout).toBe((await runCli(['verify', '--no-cache', '--root', dir])).stdout);
  });

  it('leaves a valid lock file after concurrent --update runs', async () => {
    const dir = await gitProject();
    await edit(dir, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
    const runs = await Promise.all([1, 2, 3, 4].map(() => cli(['verify', '--update', '--root', dir])));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const text = await readFile(join(dir, LOCK_FILE), 'utf8');
    expect('lock' in parseLock(text)).toBe(true);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // And what they recorded is what one run alone records.
    expect((await cli(['verify', '--update', '--root', dir])).code).toBe(0);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(text);
    expect((await runCli(['verify', '--check', '--root', dir])).code).toBe(0);
  });
});
