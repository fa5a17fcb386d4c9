import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MANIFEST_BLOB } from '../../src/cache/run-manifest.js';
import { blob } from '../helpers/cache-packs.js';
import { cleanProjects, makeProject, runCli } from '../helpers/project.js';

// Keeping results past the longest string Node.js builds takes thousands of claims each reading
// thousands of records, and a gigabyte or more: too slow for a test, so keepResults meets the limit here.
const limit = vi.hoisted(() => ({ reached: false }));
vi.mock('../../src/cache/keep-run.js', async (original) => {
  const actual = await original<typeof import('../../src/cache/keep-run.js')>();
  return {
    ...actual,
    keepResults: (...args: Parameters<typeof actual.keepResults>) => {
      if (limit.reached) throw new RangeError('Invalid string length');
      return actual.keepResults(...args);
    },
  };
});

afterAll(cleanProjects);

describe('results too large to keep', () => {
  it('are printed as a run without the cache prints them, and leave the kept results as they were', async () => {
    const dir = await makeProject({}, { copy: ['sources', 'claims', 'evidence'] });
    expect((await runCli(['verify', '--root', dir])).code).toBe(0);
    // After the first run, which makes the machine's cache key on a fresh machine.
    const manifest = await blob(dir, MANIFEST_BLOB);
    const before = await manifest.payload();

    // A change, so that the next run is a full one that keeps its results.
    await appendFile(join(dir, 'claims', 'reporting.yaml'), '# a comment\n');
    limit.reached = true;
    const run = await runCli(['verify', '--format', 'json', '--root', dir]);
    limit.reached = false;
    const fresh = await runCli(['verify', '--format', 'json', '--no-cache', '--root', dir]);
    expect(run).toEqual(fresh);
    expect(await manifest.payload()).toBe(before);

    // The limit gone, the next run keeps its results again.
    expect(await runCli(['verify', '--format', 'json', '--root', dir])).toEqual(fresh);
    expect(await manifest.payload()).not.toBe(before);
  });
});
