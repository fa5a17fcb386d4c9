import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processFiles } from '../../src/load/parse-pool.js';
import { readProjectFiles } from '../../src/load/read-files.js';
import { REPO } from '../helpers/project.js';

const files = async () => {
  const read = await readProjectFiles(REPO);
  // A broken file too, so that diagnostics travel back from the workers as well.
  return [...read.files, { path: 'claims/broken.yaml', kind: 'claims' as const, text: 'claims:\n  - id: x\n    text: [unclosed\n' }];
};

describe('the parse pool', () => {
  it('gives exactly what parsing in this thread gives, in the files\' order', async () => {
    const input = await files();
    // The JSON for the cache goes to onResult, once per file, the same from either.
    const json = (into: (string | undefined)[]) => (i: number, r: { json: string | undefined }) => void (into[i] = r.json);
    const threadJson: (string | undefined)[] = [];
    const pooledJson: (string | undefined)[] = [];
    const inThread = await processFiles(input, 0, { onResult: json(threadJson) });
    const stats = { workerBatches: 0, threadBatches: 0 };
    const pooled = await processFiles(input, 2, { minBytes: 0, batchBytes: 4096, stats, onResult: json(pooledJson) });
    expect(pooled).toEqual(inThread);
    expect(pooledJson).toEqual(threadJson);
    expect(pooledJson.filter((j) => typeof j === 'string')).toHaveLength(input.length);
    expect(pooled.at(-1)!.diagnostics[0]).toMatchObject({ code: 'yaml/syntax' });
    expect(stats).toEqual({ workerBatches: expect.any(Number), threadBatches: 0 });
    expect(stats.workerBatches).toBeGreaterThan(3);
  });

  it('finishes the work in this thread when a worker dies, fails or answers with something else', async () => {
    const input = await files();
    const inThread = await processFiles(input, 0);
    for (const name of ['crash.mjs', 'garbage.mjs', 'malformed.mjs', 'wrong-batch.mjs']) {
      const workerUrl = pathToFileURL(join(REPO, 'tests/fixtures/workers', name));
      const stats = { workerBatches: 0, threadBatches: 0 };
      expect(await processFiles(input, 2, { minBytes: 0, batchBytes: 4096, workerUrl, stats })).toEqual(inThread);
      expect(stats.workerBatches).toBe(0);
      expect(stats.threadBatches).toBeGreaterThan(3);
    }
  });

  it('rejects, never throws from a worker event, when taking a result fails, in a worker or after one dies', async () => {
    const input = await files();
    const boom = () => {
      throw new Error('boom');
    };
    await expect(processFiles(input, 2, { minBytes: 0, batchBytes: 4096, onResult: boom })).rejects.toThrow('boom');
    const workerUrl = pathToFileURL(join(REPO, 'tests/fixtures/workers', 'crash.mjs'));
    await expect(processFiles(input, 2, { minBytes: 0, batchBytes: 4096, onResult: boom, workerUrl })).rejects.toThrow('boom');
  });

  it('takes nothing more, in any worker, once taking a result has failed', async () => {
    const input = await files();
    let calls = 0;
    const failOnFirst = () => {
      calls++;
      throw new Error('boom');
    };
    await expect(processFiles(input, 2, { minBytes: 0, batchBytes: 1024, onResult: failOnFirst })).rejects.toThrow('boom');
    // The other worker's replies still arrive after the failure: they are dropped, not taken.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls).toBe(1);
  });
});
