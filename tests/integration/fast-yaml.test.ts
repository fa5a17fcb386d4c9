import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, SIZES } from '../../bench/generate-corpus.js';
import { fastPathUse, parseByEvents, parseFast } from '../../src/load/fast-yaml.js';
import { kindOf, type FileKind } from '../../src/load/layout.js';
import { mutate, mutation } from '../helpers/mutations.js';
import { expectSameParse } from '../helpers/same-parse.js';
import { cleanProjects, copyBundled, makeProject, REPO, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

/** The fast path (both tiers) against the full parse; whether the fast path took the text. */
function same(path: string, text: string, kind: FileKind = kindOf(path) ?? 'claims'): boolean {
  expectSameParse(path, text, kind);
  return parseFast(text) !== undefined;
}

async function yamlFiles(root: string): Promise<{ path: string; text: string }[]> {
  const names = (await readdir(root, { recursive: true })).filter((n) => /\.ya?ml$/.test(n) && !n.includes('node_modules')).sort();
  return Promise.all(names.map(async (name) => ({ path: name.replace(/^.*?(?=\b(claims|evidence|sources|entities|rules|eval)\/)/, ''), text: await readFile(join(root, name), 'utf8') })));
}

describe('the fast YAML path', () => {
  it('gives what the full parse gives for every file of the bundled project, the methodology and the test fixtures, bad inputs included', async () => {
    const files = (await Promise.all(['claims', 'evidence', 'sources', 'entities', 'rules', 'eval', 'methodology', 'tests/fixtures'].map((d) => yamlFiles(join(REPO, d))))).flat();
    expect(files.length).toBeGreaterThan(100);
    const fast = files.filter((f) => same(f.path, f.text)).length;
    // Most files are plain data and take it; the rest (tags, anchors, a "!" in a value) take the full path.
    expect(fast / files.length).toBeGreaterThan(0.7);
  });

  it('takes every file of the bench corpus, and gives what the full parse gives', async () => {
    const dir = await makeProject({}, { bare: true });
    await generateCorpus(dir, SIZES.tiny, 7, REPO);
    const files = await yamlFiles(dir);
    expect(files.filter((f) => same(f.path, f.text))).toHaveLength(files.length);
  });

  it('js-yaml\'s tier declines what only the full parse reports or reads right, so its diagnostics are given', () => {
    const declined = [
      'claims: !!binary aGk=\n',
      'claims: &a [1]\nother: *a\n',
      '%YAML 1.2\n---\nclaims: []\n',
      '---\nclaims: []\n',
      'claims: []\n---\nclaims: []\n',
      'claims: []\nclaims: []\n',
      'claims:\n\t- a\n',
      'claims: []\r\n',
      '\ufeffclaims: []\n',
      'claims:\n',
      '"claims": []\n',
      'true: []\n',
      'claims:\n  - { : 1 }\n',
      'claims:\n  - { 1.0: a, 1: b }\n',
      'claims:\n  - { [a]: 1 }\n',
      `claims: ${'['.repeat(70)}${']'.repeat(70)}\n`,
      '',
      '# only a comment\n',
      'claims: "quoted"\n',
      'claims: |\n  block\n',
      // Where an outside hunt found the two parsers differ: each now takes the full path.
      'claims:\n  - text: 1e400\n',
      'claims:\n  - text: "\\U00110000"\n',
      'claims:\n  - text: "a\\\n\n    b"\n',
      'claims:\n  - text: a\n\n      b\n',
      `claims:\n  - ${'k'.repeat(1100)}: 1\n`,
      'claims:\n  - __proto__: 1\n',
      `claims:\n  - text: 2${'0'.repeat(308)}\n`,
      `claims:\n  - text: 0x${'F'.repeat(256)}\n`,
      `claims:\n  - a${' '.repeat(1024)}: 1\n`,
      // Where a review's fuzzing found js-yaml taking what yaml refuses.
      '...\na: 1\n',
      'c:\n#b\n  x\nd: 1\n',
      'a:\n- [x]u: y\n',
      "a:\n- [a'b]c', d]\n",
    ];
    // A top-level "__proto__" is a key like any other to the full path too: the same result each time.
    same('claims/x.yaml', '__proto__: 1\n');
    for (const text of declined) {
      expect(parseByEvents(text), JSON.stringify(text)).toBeUndefined();
      same('claims/x.yaml', text);
    }
  });

  it('gives the same as the full parse for any mutation of the bundled files', async () => {
    const files = (await Promise.all(['claims', 'evidence', 'sources', 'entities', 'rules'].map((d) => yamlFiles(join(REPO, d))))).flat();
    let taken = 0;
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (i, mutations) => {
        const file = files[i]!;
        if (same(file.path, mutations.reduce(mutate, file.text))) taken++;
      }),
      { seed: 20261201, numRuns: 400 },
    );
    // Mutations that keep a file plain data still take the fast path: the comparison above is not vacuous.
    expect(taken).toBeGreaterThan(50);
  });
});

describe('verify with and without the fast path', () => {
  it('prints byte-identical results and lints identically, on the bundled corpus and on the bench corpus', async () => {
    const bench = await makeProject({}, { bare: true });
    await generateCorpus(bench, SIZES.tiny, 11, REPO);
    for (const dir of [await copyBundled(), bench]) {
      for (const args of [['verify', '--format', 'json'], ['verify'], ['lint', '--format', 'json']]) {
        // One after the other, so that each run's use of the fast path is counted apart.
        const before = fastPathUse.taken;
        const byLine = fastPathUse.byLine;
        const full = await runCli([...args, '--no-cache', '--root', dir], dir, { FACTCHECK_FAST_YAML: '0' });
        expect(fastPathUse.taken, 'FACTCHECK_FAST_YAML=0 reaches the parser').toBe(before);
        const fast = await runCli([...args, '--no-cache', '--root', dir], dir);
        expect(fastPathUse.taken, 'the fast path is taken').toBeGreaterThan(before);
        // The bench corpus is written as factcheck's files are: its line tier takes them.
        if (dir === bench) expect(fastPathUse.byLine, 'the line tier is taken').toBeGreaterThan(byLine);
        expect(fast.code).toBe(full.code);
        expect(fast.stdout).toBe(full.stdout);
        expect(fast.stderr).toBe(full.stderr);
      }
    }
  });
});
