import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXACT_BUDGET, parseUniqueKeys, repeatedKeys } from '../../src/load/duplicate-keys.js';
import { parseYaml } from '../../src/load/parse-yaml.js';
import { processFile } from '../../src/load/process-file.js';
import { mutate, mutation } from '../helpers/mutations.js';

const OPTIONS = { prettyErrors: false, strict: true } as const;
const errorsOf = (doc: Document.Parsed) => doc.errors.map((e) => [e.code, e.pos, e.message]);

/** Files whose keys a repeated line repeats: claims, evidence, sources, entities, a ruleset and the config. */
const SEEDS = ['claims/statements.yaml', 'evidence/euronews-trump-jr-wikileaks.yaml', 'sources/news.yaml', 'entities/people.yaml', 'rules/attribution.yaml', 'factcheck.config.yaml'].map((f) =>
  readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8'),
);

/** A line of the text written again elsewhere, often a key its map already has, sometimes at another indent. */
const repeatLine = fc.record({ from: fc.nat(), to: fc.nat(), indent: fc.integer({ min: -1, max: 4 }) });
function repeat(text: string, r: { from: number; to: number; indent: number }): string {
  const lines = text.split('\n');
  const line = lines[r.from % lines.length]!;
  lines.splice(r.to % (lines.length + 1), 0, r.indent < 0 ? line : ' '.repeat(r.indent) + line.trimStart());
  return lines.join('\n');
}

describe('parseUniqueKeys', () => {
  it("gives yaml's own errors, in its order, and the same lines, for documents with repeated keys", () => {
    let repeated = 0;
    fc.assert(
      fc.property(fc.nat(SEEDS.length - 1), fc.array(repeatLine, { minLength: 1, maxLength: 3 }), fc.array(mutation, { maxLength: 2 }), (seed, repeats, edits) => {
        const text = edits.reduce(mutate, repeats.reduce(repeat, SEEDS[seed]!));
        const [theirs, ours] = [new LineCounter(), new LineCounter()];
        const expected = parseDocument(text, { ...OPTIONS, uniqueKeys: true, lineCounter: theirs });
        const got = parseUniqueKeys(text, { ...OPTIONS, lineCounter: ours });
        if (expected.errors.some((e) => e.code === 'DUPLICATE_KEY')) repeated++;
        expect(errorsOf(got)).toEqual(errorsOf(expected));
        expect(ours.lineStarts).toEqual(theirs.lineStarts);
        if (!expected.errors.length) expect(got.toJS()).toEqual(expected.toJS());
      }),
      { seed: 19, numRuns: 500 },
    );
    // The comparison means something only if many documents did repeat a key.
    expect(repeated).toBeGreaterThan(120);
  });

  it.each([
    ['a repeated key', 'a: 1\nb: 2\na: 3\n', [10]],
    ['each repeat after the first', 'a: 1\na: 2\na: 3\n', [5, 10]],
    ['numbers equal as numbers', '1: a\n1.0: b\n', [5]],
    ['nulls however written', '~: a\nnull: b\n', [5]],
    ['keys of nested and flow maps', 'x:\n  k: 1\n  k: 2\ny: { k: 1, k: 2 }\n', [12, 28]],
    ['a string and a number', '"1": a\n1: b\n', []],
    ['NaN, never equal to itself', '.nan: a\n.NaN: b\n', []],
    ['one key in two maps', 'x: { k: 1 }\ny: { k: 1 }\n', []],
  ])("finds %s as yaml's check does, and past its budget at the key", (_name, text, offsets) => {
    const exact = parseDocument(text, { ...OPTIONS, uniqueKeys: true });
    expect(exact.errors.filter((e) => e.code === 'DUPLICATE_KEY')).toHaveLength(offsets.length);
    expect(errorsOf(parseUniqueKeys(text, OPTIONS))).toEqual(errorsOf(exact));
    const linear = parseUniqueKeys(text, OPTIONS, 0);
    expect(linear.errors.map((e) => [e.code, e.pos[0]])).toEqual(offsets.map((o) => ['DUPLICATE_KEY', o]));
  });

  it('keeps the other errors in order, each repeat before the first error after it', () => {
    const text = 'a: 1\nb: "x\nc: 2\na: 3\n';
    const linear = parseUniqueKeys(`a: [1\n${text}`, OPTIONS, 0);
    const exact = parseDocument(`a: [1\n${text}`, { ...OPTIONS, uniqueKeys: true });
    expect(linear.errors.map((e) => e.code).sort()).toEqual(exact.errors.map((e) => e.code).sort());
    const positions = linear.errors.map((e) => e.pos[0]);
    const repeat = linear.errors.findIndex((e) => e.code === 'DUPLICATE_KEY');
    expect(positions.slice(repeat + 1).every((p) => p > positions[repeat]!)).toBe(true);
  });

  it("counts the next document's keys, which yaml's check compares too, toward the budget", () => {
    // yaml reports a repeat after a null value at the end of the line before; past the budget it is at the key.
    const text = `a:\na: 1\n---\n${Array.from({ length: 100 }, (_, i) => `k${i}: ${i}\n`).join('')}`;
    const at = (budget: number) => parseUniqueKeys(text, OPTIONS, budget).errors.map((e) => [e.code, e.pos[0]]);
    expect(at(1 + 4950)).toEqual([['DUPLICATE_KEY', 2], ['MULTIPLE_DOCS', 8]]);
    expect(at(1 + 4950 - 1)).toEqual([['DUPLICATE_KEY', 3], ['MULTIPLE_DOCS', 8]]);
  });

  it("counts the comparisons yaml's check would make", () => {
    const map = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}\n`).join('');
    expect(repeatedKeys(parseDocument(map(10), { uniqueKeys: false }).contents).comparisons).toBe(45);
    const nested = `x:\n${map(4).replace(/^(?=.)/gm, '  ')}y: [{ a: 1, b: 2 }]\n`;
    expect(repeatedKeys(parseDocument(nested, { uniqueKeys: false }).contents).comparisons).toBe(1 + 6 + 1);
  });
});

describe('a map of many keys', () => {
  // 30,000 keys: yaml's check alone made 450 million comparisons, and locating each key for its
  // schema error searched the map again; together, half a minute for a file of half a megabyte.
  const keys = 30_000;
  const text = `${Array.from({ length: keys }, (_, i) => `key${i}: value ${i}`).join('\n')}\nkey7: again\n`;

  it('has its repeated key reported where it is, past the budget', () => {
    expect(repeatedKeys(parseDocument(text, { uniqueKeys: false }).contents).comparisons).toBeGreaterThan(EXACT_BUDGET);
    const { file, diagnostics } = parseYaml({ path: 'evidence/big.yaml', kind: 'evidence', text });
    expect(diagnostics).toEqual([{ code: 'yaml/duplicate-key', severity: 'error', file: 'evidence/big.yaml', line: keys + 1, col: 1, message: 'Map keys must be unique' }]);
    // A key's position is its first occurrence's, as a search of the map's items gives.
    expect(file.locate(['key7'], 'key')).toMatchObject({ line: 8, col: 1 });
    expect(file.locate([`key${keys - 1}`])).toMatchObject({ line: keys, col: 6 + String(keys - 1).length });
  });

  it('has every key located for its schema error', () => {
    const processed = processFile({ path: 'evidence/big.yaml', kind: 'evidence', text: text.replace(/key7: again\n$/, '') }, false);
    const unknown = processed.diagnostics.filter((d) => d.code === 'schema/unknown-field');
    expect(unknown).toHaveLength(keys);
    expect(unknown.map((d) => d.line)).toEqual(Array.from({ length: keys }, (_, i) => i + 1));
  });
});
