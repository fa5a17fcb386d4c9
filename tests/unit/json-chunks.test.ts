import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runVerify } from '../../src/pipeline.js';
import { jsonChunks } from '../../src/report/json-chunks.js';
import { random } from '../helpers/edits.js';
import { cleanProjects, copyBundled } from '../helpers/project.js';

afterAll(cleanProjects);

const joined = (value: Record<string, unknown>, key: string) => [...jsonChunks(value, key)].join('');
const expected = (value: unknown) => JSON.stringify(value, null, 2);

/** A random JSON-ish value: what a report holds, and what JSON.stringify treats specially. */
function value(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth <= 0 || r < 0.35) {
    const leaves: (() => unknown)[] = [
      () => undefined,
      () => null,
      () => Math.floor(rnd() * 2000) - 1000,
      () => rnd() * 1e6,
      () => rnd() < 0.5,
      () => '',
      () => 'plain words',
      () => '“curly” — and a line\nbreak\ttab "quote" \\ back',
      () => 'an emoji 😀 and a lone \ud800 surrogate',
      () => () => 1,
    ];
    return leaves[Math.floor(rnd() * leaves.length)]!();
  }
  if (r < 0.65) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(rnd, depth - 1));
  return object(rnd, depth - 1);
}

function object(rnd: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(rnd() * 5); i > 0; i--) out[['claims', 'id', 'a b', '“k”', '2', 'x'][Math.floor(rnd() * 6)]!] = value(rnd, depth);
  return out;
}

describe('jsonChunks', () => {
  it('joins to JSON.stringify(value, null, 2) for the shapes JSON.stringify treats apart', () => {
    const cases: Record<string, unknown>[] = [
      {},
      { claims: [] },
      { claims: {} },
      { claims: 'not a list' },
      { claims: [undefined, () => 1, null, {}, [], [[]], { a: undefined }] },
      { before: undefined, claims: [{ id: 'a', nested: { list: [1, [2, { deep: '“x”' }]] } }], after: () => 1 },
      { only: undefined },
      { a: 1, claims: [1, 2, 3], b: { claims: [4] } },
      { when: new Date(0), claims: [new Date(86_400_000), { at: new Date(1) }] },
    ];
    for (const c of cases) expect(joined(c, 'claims')).toBe(expected(c));
  });

  it('joins to JSON.stringify for 2,000 random objects', () => {
    const rnd = random(19);
    for (let i = 0; i < 2000; i++) {
      const c = object(rnd, 5);
      if (rnd() < 0.7) c.claims = Array.from({ length: Math.floor(rnd() * 5) }, () => value(rnd, 4));
      expect(joined(c, 'claims')).toBe(expected(c));
    }
  });

  it('gives each element of the list its own piece', () => {
    const claims = Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, words: 'x'.repeat(100) }));
    const chunks = [...jsonChunks({ version: 1, claims, summary: { total: 5 } }, 'claims')];
    for (const claim of claims) expect(chunks.filter((c) => c.includes(`"id": "${claim.id}"`))).toHaveLength(1);
    expect(chunks.length).toBeGreaterThanOrEqual(claims.length + 3);
  });
});

describe('verify --format json', () => {
  const run = async (dir: string, ...argv: string[]) => {
    const events: string[] = [];
    const io = {
      cwd: dir,
      stdout: (t: string) => void events.push(t),
      // A pipe that takes each piece a turn of the event loop later.
      drain: () => {
        events.push('wait');
        return new Promise<void>((resolve) => setTimeout(() => (events.push('drained'), resolve()), 0));
      },
      stderr: () => {},
      isTTY: false,
      env: { ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}) },
    };
    const code = await main({ ...io, argv: ['verify', '--format', 'json', '--root', dir, ...argv] });
    const writes = events.filter((e) => e !== 'wait' && e !== 'drained');
    return { code, events, writes, text: writes.join('') };
  };

  it('writes the result a claim at a time, each once stdout has taken the last, the same text as JSON.stringify of the whole', async () => {
    const dir = await copyBundled();
    const verified = await runVerify(dir, { cache: false });
    if ('problem' in verified) throw new Error(verified.problem);
    const whole = `${JSON.stringify(verified.report.result, null, 2)}\n`;
    // Without the cache; then with it, twice: the second prints results kept by the first (proxies read as they are written).
    for (const argv of [['--no-cache'], [], []]) {
      const { code, events, writes, text } = await run(dir, ...argv);
      expect(code, argv.join(' ')).toBe(0);
      expect(text, argv.join(' ')).toBe(whole);
      // A piece for each claim at least: the text was never made whole.
      expect(writes.length).toBeGreaterThan(verified.report.result.claims.length);
      expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(text.length / 2);
      // Never a piece written while one waits for stdout.
      expect(events.join('\u0000')).not.toMatch(/wait\u0000(?!drained)/);
      expect(events.filter((e) => e === 'wait')).toHaveLength(writes.length);
    }
  });
});
