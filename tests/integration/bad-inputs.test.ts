import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimResult, VerifyResult } from '../../src/types.js';
import { cleanProjects, makeProject, REPO, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

/**
 * The catalogue of bad inputs: each folder of tests/fixtures/bad is laid over a
 * copy of the bundled project, with a case.json saying which problems must be
 * reported where. Files too large, binary or linked are made by the test.
 */
interface Case {
  description: string;
  exit?: number;
  expect: { code: string; file: string; line: number; col: number; message?: string }[];
  /** No error but those expected: the rest of the case is accepted. */
  only?: boolean;
  /** Bundled claims this case keeps from being verified. */
  drops?: string[];
  /** Claims this case adds that must be verified. */
  adds?: string[];
  make?: ({ path: string } & ({ text: string } | { repeat: string; bytes: number } | { hex: string } | { symlink: string } | { transform: 'bom' | 'crlf' | 'append-line' }))[];
}

const CATALOGUE = join(REPO, 'tests/fixtures/bad');
const CASES = readdirSync(CATALOGUE).sort();

async function overlay(from: string, to: string, rel = ''): Promise<void> {
  for (const entry of await readdir(join(from, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (path === 'case.json') continue;
    if (entry.isDirectory()) await overlay(from, to, path);
    else {
      await mkdir(dirname(join(to, path)), { recursive: true });
      await writeFile(join(to, path), await readFile(join(from, path)));
    }
  }
}

async function make(dir: string, spec: NonNullable<Case['make']>[number]): Promise<void> {
  const path = join(dir, spec.path);
  await mkdir(dirname(path), { recursive: true });
  if ('text' in spec) await writeFile(path, spec.text);
  else if ('repeat' in spec) await writeFile(path, spec.repeat.repeat(Math.ceil(spec.bytes / spec.repeat.length)));
  else if ('hex' in spec) await writeFile(path, Buffer.from(spec.hex, 'hex'));
  else if ('symlink' in spec) await symlink(spec.symlink, path);
  else {
    const text = await readFile(path, 'utf8');
    const changed = spec.transform === 'bom' ? `\uFEFF${text}` : spec.transform === 'crlf' ? text.replace(/\n/g, '\r\n') : `${text}One more line.\n`;
    await writeFile(path, changed);
  }
}

/** Every file of the project but the cache, with a hash of its bytes: what "nothing written" is checked against. */
async function tree(dir: string, rel = ''): Promise<Record<string, string>> {
  const entries = (await readdir(join(dir, rel), { withFileTypes: true })).map((entry) => (rel ? `${rel}/${entry.name}` : entry.name)).filter((path) => path !== '.factcheck-cache');
  // Read at once, listed in readdir's order.
  const parts = await Promise.all(
    entries.map(async (path): Promise<Record<string, string>> => {
      const info = await lstat(join(dir, path));
      if (info.isSymbolicLink()) return { [path]: 'link' };
      if (info.isDirectory()) return tree(dir, path);
      return { [path]: createHash('sha256').update(await readFile(join(dir, path))).digest('hex') };
    }),
  );
  return Object.assign({}, ...parts) as Record<string, string>;
}

/**
 * Cases whose `verify --update` text is also compared, byte for byte, with a
 * plain `verify`'s: the first of each family (date, path, proto, ref, schema,
 * yaml…). That sameness is what lets every other case read its text report
 * from the `--update` run.
 */
const TEXT_TOO = new Set(CASES.filter((name, i) => i === 0 || name.split('-')[0] !== CASES[i - 1]!.split('-')[0]));

let baseline: Map<string, ClaimResult>;

beforeAll(async () => {
  const dir = await makeProject({}, { copy: ['sources', 'evidence', 'claims', 'factcheck.lock.json'] });
  const result = JSON.parse((await runCli(['verify', '--format', 'json', '--root', dir])).stdout) as VerifyResult;
  baseline = new Map(result.claims.map((c) => [c.id, c]));
});

describe('the catalogue of bad inputs', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of CASES) {
    const spec = JSON.parse(readFileSync(join(CATALOGUE, name, 'case.json'), 'utf8')) as Case;
    const exit = spec.exit ?? 2;

    it(`${name}: ${spec.description}`, async () => {
      const dir = await makeProject({}, { copy: ['sources', 'evidence', 'claims', 'factcheck.lock.json'] });
      await overlay(join(CATALOGUE, name), dir);
      for (const m of spec.make ?? []) await make(dir, m);
      const before = await tree(dir);

      const json = await runCli(['verify', '--format', 'json', '--no-cache', '--root', dir]);
      expect(json.code).toBe(exit);
      const result = JSON.parse(json.stdout) as VerifyResult;
      for (const want of spec.expect) {
        // One case may expect the same code twice: each at its own place.
        const same = result.diagnostics.filter((d) => d.code === want.code && d.file === want.file);
        const found = same.find((d) => d.line === want.line && d.col === want.col) ?? same[0];
        expect(found, `${want.code} in ${want.file}; got ${JSON.stringify(result.diagnostics)}`).toBeDefined();
        expect([found!.line, found!.col], `${want.code} position`).toEqual([want.line, want.col]);
        if (exit === 2) expect(found!.severity).toBe('error');
        if (want.message) expect(found!.message).toContain(want.message);
      }
      if (exit === 0) expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      if (spec.only) {
        const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file}:${d.line}:${d.col}`);
        expect(errors).toEqual(spec.expect.map((w) => `${w.code} ${w.file}:${w.line}:${w.col}`));
      }

      // Every other claim is still verified, to the same verdict.
      const drops = new Set(spec.drops ?? []);
      const ids = result.claims.map((c) => c.id).sort();
      expect(ids).toEqual([...[...baseline.keys()].filter((id) => !drops.has(id)), ...(spec.adds ?? [])].sort());
      for (const claim of result.claims) {
        const was = baseline.get(claim.id);
        if (!was) continue;
        // Accepted encodings verify exactly the same; elsewhere the verdict at least is the same.
        if (exit === 0) expect(claim).toEqual(was);
        else expect([claim.id, claim.rating, claim.rule]).toEqual([was.id, was.rating, was.rule]);
      }

      // The text report names each problem at file:line:col, with no stack trace. With errors, the
      // text is that of `verify --update`, which prints the same report before refusing to record.
      const update = exit === 2 ? await runCli(['verify', '--update', '--root', dir]) : undefined;
      const text = !update || TEXT_TOO.has(name) ? await runCli(['verify', '--no-cache', '--root', dir]) : undefined;
      const report = update ?? text!;
      for (const want of spec.expect) expect(report.stderr).toContain(`${want.file}:${want.line}:${want.col}  ${exit === 2 ? 'error' : 'warning'}  ${want.code}`);
      for (const run of [json, update, text]) if (run) expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|internal error/);
      if (update && text) {
        // The same report, then one line saying why nothing was recorded.
        expect(update.stdout).toBe(text.stdout);
        expect(update.stderr.slice(0, text.stderr.length)).toBe(text.stderr);
        expect(update.stderr.slice(text.stderr.length)).toMatch(/^factcheck verify: [^\n]+\n$/);
      }

      // Prototype keys are refused, never applied: nothing anywhere gained a property.
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      if (update) {
        // Nothing written: no lock, no report, no stray file.
        expect(update.code).toBe(2);
        const html = await runCli(['report', '--format', 'html', '--out', join(dir, 'report.html'), '--root', dir]);
        expect(html.code).toBe(2);
        expect(await tree(dir)).toEqual(before);
      }
    });
  }
});
