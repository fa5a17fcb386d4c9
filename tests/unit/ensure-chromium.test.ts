import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/project.js';

/** The step of npm test that gets Chromium for the browser tests: it passes with a browser, and stops clearly without one. */
describe('scripts/ensure-chromium.mjs', () => {
  const run = (env: Record<string, string>) => spawnSync(process.execPath, [join(REPO, 'scripts/ensure-chromium.mjs')], { env: { ...process.env, ...env }, encoding: 'utf8' });

  it('passes when the browser is there', () => {
    const ok = run({ CHROMIUM_PATH: process.execPath });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe('');
  });

  it('stops the test run, saying what to do, when the browser named is not there', () => {
    const missing = run({ CHROMIUM_PATH: join(REPO, 'no-such-chromium') });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('npm test: cannot get Chromium: CHROMIUM_PATH is');
    expect(missing.stderr).toContain('apt-get install chromium');
  });
});
