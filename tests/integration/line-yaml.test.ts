import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, SIZES } from '../../bench/generate-corpus.js';
import { parseLines } from '../../src/load/line-yaml.js';
import { parseYaml } from '../../src/load/parse-yaml.js';
import { mutate, mutation } from '../helpers/mutations.js';
import { cleanProjects, makeProject, REPO } from '../helpers/project.js';
import { expectSameParse } from '../helpers/same-parse.js';

afterAll(cleanProjects);

/**
 * The line tier of the fast path, held to yaml's parseDocument: wherever it
 * takes a text, processFile's value, positions, diagnostics and schema verdict
 * are the full parse's; hostile input never takes it.
 */
const seed = Number(process.env.FACTCHECK_SEED ?? 20261202);

/** Whether the line tier took the text; the fast path as a whole must equal the full parse either way. */
function same(path: string, text: string): boolean {
  expectSameParse(path, text);
  return parseLines(text) !== undefined;
}

let corpus: { path: string; text: string }[] = [];
beforeAll(async () => {
  const dir = await makeProject({}, { bare: true });
  await generateCorpus(dir, SIZES.tiny, 5, REPO);
  const names = (await readdir(dir, { recursive: true })).filter((n) => /^(claims|evidence|sources|entities)\/.*\.yaml$/.test(n)).sort();
  corpus = await Promise.all(names.map(async (path) => ({ path, text: await readFile(join(dir, path), 'utf8') })));
});

describe('the line tier', () => {
  it('takes every claims, evidence, sources and entities file of the bench corpus, and gives what the full parse gives', () => {
    expect(corpus.length).toBeGreaterThan(20);
    for (const file of corpus) expect(same(file.path, file.text), file.path).toBe(true);
  });

  it('reads scalars as the core schema does, and keeps the positions parseDocument gives', () => {
    const scalars = ['3', '-5', '+5', '007', '-0', '0.50', '.5', '1e3', '1E-2', '1e400', '0x1F', '0o17', '0o8', '.inf', '-.Inf', '.NaN', '~', 'Null', 'TRUE', 'yes', 'on', '2020-08-11', '12:30', '1_000', 'a:b', 'a#b', 'x]', 'x}', 'x, y', "'it''s'", "''", '"dq"', '""', '-x', '.x', 'é “curly”', '12345678901234567890', '[a, b]', '[]', '[ ]', `[a, 'b c', "d"]`, '[1, 2.5, true, null, ~]', '[ x ]'];
    const taken = scalars.filter((s) => same('claims/x.yaml', `# c\nclaims:\n  - id: ${s}\n    text:   ${s}   \n\n  -   n: 1\n  -\n    k: ${s}\nother:\n- ${s}\n`));
    expect(taken.length).toBeGreaterThan(25);
    for (const s of scalars) same('claims/x.yaml', `claims: ${s}\nlist:\n  - ${s}\n`);
  });

  it('reads block scalars as yaml does: literal and folded, clipped and stripped', () => {
    const taken = ['|', '|-', '>', '>-'].filter((header) => {
      const text = `claims:\n  - id: a\n    note: ${header}\n      first line: here\n      - second # not a comment\n    text: b\n\n  - note: ${header}\n        deeper\n`;
      return same('claims/x.yaml', text);
    });
    expect(taken).toEqual(['|', '|-', '>', '>-']);
    // At the top level too, where positions are kept: a block scalar's starts at its header.
    for (const header of ['|', '|-', '>', '>-']) expect(same('claims/x.yaml', `claims:\n  - id: a\nnote: ${header}\n  two\n  lines\nother: 'q'\nlist: [a, 'b', "c"]\n`)).toBe(true);
  });

  it('declines whatever it cannot answer as parseDocument does, so the full path gives its diagnostics', () => {
    const declined = [
      'claims: !!binary aGk=\n',
      'claims: !custom x\n',
      'claims:\n  - &a x\n  - *a\n',
      'a: &x 1\nb: *x\n',
      '%YAML 1.2\n---\nclaims: []\n',
      '---\nclaims: x\n',
      'claims: x\n...\n',
      'claims: x\n---\nclaims: y\n',
      'claims: x\nclaims: y\n',
      'claims:\n  - a: 1\n    a: 2\n',
      'claims:\n\t- a\n',
      'claims: x\r\n',
      '\ufeffclaims: x\n',
      'claims:\n',
      '"claims": x\n',
      'true: x\n',
      'null: x\n',
      '__proto__: x\n',
      'claims:\n  - __proto__: 1\n',
      `claims:\n  - ${'k'.repeat(600)}: 1\n`,
      'claims: {a: 1}\n',
      'claims:\n  - a: [a, ]\n',
      'claims:\n  - a: [a,,b]\n',
      'claims:\n  - a: [[a]]\n',
      'claims:\n  - a: [a: b]\n',
      "claims:\n  - a: [it's]\n",
      "claims:\n  - a: ['a''b']\n",
      'claims:\n  - a: ["a\\"b"]\n',
      'claims:\n  - a: [a] x\n',
      'claims:\n  - a: [a\n      , b]\n',
      'claims:\n  - a: >2\n      x\n',
      'claims:\n  - a: |+\n      x\n',
      'claims:\n  - a: >-\n      x\n\n      y\n',
      'claims:\n  - a: >-\n      x\n        y\n',
      'claims:\n  - a: >-\n      x\n      # y\n',
      'claims:\n  - a: >-\n      x\n  # y\n',
      'claims:\n  - a: >-\n      x\n     \n',
      'claims:\n  - a: >\n      x',
      'claims:\n  - a: >-\n\n      x\n',
      'claims:\n  - a: >-\n      x \n',
      'claims:\n  - a: > # note\n      x\n',
      'claims:\n  - >-\n    x\n',
      'claims:\n  - text: a\n      b\n',
      'claims:\n  - text: a\n\n      b\n',
      'claims:\n  - text: "a\n    b"\n',
      "claims:\n  - text: 'a\n    b'\n",
      'claims:\n  - text: "a\\"b"\n',
      'claims:\n  - text: a # note\n',
      'claims:\n  - text: "a" # note\n',
      'claims:\n  - text: a: b\n',
      'claims:\n  - text: a:\n',
      'claims:\n  - - a\n',
      'claims:\n  - text: - a\n',
      'claims:\n  - ? a\n',
      'claims:\n  - text: "a" b\n',
      'claims:\n   - a\n  - b\n',
      'claims:\n  - a: 1\n   b: 2\n',
      'claims:\n  x\n',
      'claims:\n  -\n',
      '- a\n- b\n',
      'just text\n',
      '',
      '# only a comment\n',
      `claims:\n${Array.from({ length: 70 }, (_, i) => `${' '.repeat(2 * i + 2)}k${i}:`).join('\n')} x\n`,
      'claims: 😀\n',
      'claims: a\u2028b\n',
      'claims: a\u0085b\n',
    ];
    for (const text of declined) {
      expect(parseLines(text), JSON.stringify(text)).toBeUndefined();
      same('claims/x.yaml', text);
    }
  });

  it('declines tags, anchors and aliases, which the full path refuses or limits', () => {
    // Each level repeats the one before ten times: 10,000 copies of x by the last.
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\n${['b', 'c', 'd', 'e'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcd'[i]}`).join(', ')}]`).join('\n')}\n`;
    for (const text of ['claims: !!js/function x\n', 'claims:\n  - !custom x\n', bomb]) {
      expect(parseLines(text)).toBeUndefined();
      expect(parseYaml({ path: 'claims/x.yaml', kind: 'claims', text }).diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('gives the same as the full parse for any mutation of bench corpus files', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (i, mutations) => {
        const file = corpus[i]!;
        // A window of the file, so that mutations land near the start as often as anywhere.
        const text = file.text.split('\n').slice(0, 40).join('\n');
        if (same(file.path, mutations.reduce(mutate, text))) taken++;
      }),
      { seed, numRuns: 600 },
    );
    // Mutations that keep a file within the tier still take it: the comparison above is not vacuous.
    expect(taken).toBeGreaterThan(60);
  });

  it('gives the same as the full parse for generated documents of maps, lists and scalars', () => {
    let taken = 0;
    fc.assert(
      fc.property(documentArb, (doc) => {
        if (same('evidence/x.yaml', doc)) taken++;
      }),
      { seed, numRuns: 1000 },
    );
    // Most documents hold something the tier declines (a block scalar after a dash, a quoted top-level value); enough do not.
    expect(taken).toBeGreaterThan(80);
  });
});

/** Scalars as written: mostly what the tier takes, sometimes what it must decline. */
const scalarArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('words here', '3', '-5', '0.5', '1e3', '0x1F', '.inf', '~', 'null', 'true', 'no', '2020-08-11', "'q'", "'it''s'", '"dq"', 'a#b', 'x]', '-x', '007', '+5', '-0', 'é', 'a:b', '12:30', '[a, b]', '[]', "[x, 'y z', 3]") },
  { weight: 1, arbitrary: fc.constantFrom('a: b', 'a #b', '[a,]', '[a] b', '[[a]]', '[a: b]', "[it's]", '{}', '-', '- x', '--x', '...x', 'a:', ':a', '?x', '!x', '&a', '*a', '|', '>', '%x', '@x', '`x', "'", '"', '"a\\"') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const keyArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('id', 'text', 'kind', 'value', 'a_b', 'x-y', 'k1', 'on', 'constructor', 'toString', 'source', 'quote', 'date', 'unit') },
  { weight: 1, arbitrary: fc.constantFrom('True', 'null', '__proto__', '1a', 'a b', 'id') },
);
const entriesArb = (tree: fc.Arbitrary<Tree>) => fc.uniqueArray(fc.tuple(keyArb, tree), { minLength: 1, maxLength: 4, selector: ([key]) => key });

type Tree =
  | { t: 'map'; entries: [string, Tree][] }
  | { t: 'list'; items: Tree[]; compact: boolean }
  | { t: 'scalar'; text: string }
  | { t: 'block'; header: string; lines: string[]; indent: number };
const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ t: fc.constant('scalar' as const), text: scalarArb }),
    fc.record({
      t: fc.constant('block' as const),
      header: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('|', '|-', '>', '>-') }, { weight: 1, arbitrary: fc.constantFrom('>+', '|2', '> #') }),
      lines: fc.array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom('words', 'a: b', '- d', "'q", 'x # y') }, { weight: 1, arbitrary: fc.constantFrom('# c', '  more', '') }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }), { minLength: 1, maxLength: 3 }),
      indent: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({ t: fc.constant('map' as const), entries: entriesArb(tie('tree')) }),
    fc.record({ t: fc.constant('list' as const), items: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }), compact: fc.boolean() }),
  ),
})).tree;

/** A document: a top-level map rendered in block style, with comment and blank lines and indent widths drawn at random. */
const documentArb = fc
  .record({ entries: entriesArb(treeArb), step: fc.integer({ min: 1, max: 4 }), extras: fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '# note', '   # indented note', '  ')), { maxLength: 3 }) })
  .map(({ entries, step, extras }) => {
    const lines = renderMap(entries, 0, step);
    for (const [at, extra] of extras) lines.splice(at % (lines.length + 1), 0, extra);
    return `${lines.join('\n')}\n`;
  });

function renderMap(entries: [string, Tree][], indent: number, step: number): string[] {
  return entries.flatMap(([key, node]) => renderUnder(`${' '.repeat(indent)}${key}:`, node, indent, step));
}

/** A node after an opener ("key:" or "-"): a scalar on the same line, a collection on the lines below. */
function renderUnder(opener: string, node: Tree, indent: number, step: number): string[] {
  if (node.t === 'scalar') return [`${opener} ${node.text}`];
  if (node.t === 'block') return [`${opener} ${node.header}`, ...node.lines.map((line) => (line === '' ? '' : `${' '.repeat(indent + node.indent)}${line}`))];
  if (node.t === 'map') return [opener, ...renderMap(node.entries, indent + step, step)];
  // A list under a key may sit at the key's own indent.
  const at = node.compact && opener.trimStart() !== '-' ? indent : indent + step;
  return [opener, ...renderList(node.items, at, step)];
}

function renderList(items: Tree[], indent: number, step: number): string[] {
  const dash = `${' '.repeat(indent)}-`;
  return items.flatMap((item) => {
    if (item.t !== 'map') return renderUnder(dash, item, indent, step);
    // "- key: value" with the rest of the map lined up under the first key.
    const [first, ...rest] = renderMap(item.entries, indent + 2, step);
    return [`${dash} ${first!.trimStart()}`, ...rest];
  });
}
