import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { jsonChunks } from '../../src/report/json-chunks.js';
import { random } from '../helpers/edits.js';
import { copyBundled } from '../helpers/project.js';

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
  it('writes the result a claim at a time, the same text as JSON.stringify of the whole', async () => {
    const dir = await copyBundled();
    const writes: string[] = [];
    const code = await main({ argv: ['verify', '--format', 'json', '--no-cache', '--root', dir], cwd: dir, stdout: (t) => writes.push(t), stderr: () => {}, isTTY: false, env: {} });
    expect(code).toBe(0);
    const text = writes.join('');
    const parsed = JSON.parse(text) as { claims: unknown[] };
    expect(parsed.claims.length).toBeGreaterThan(5);
    expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    // One write for each claim at least: the text was never made whole.
    expect(writes.length).toBeGreaterThan(parsed.claims.length);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(text.length / 2);
  });
});
