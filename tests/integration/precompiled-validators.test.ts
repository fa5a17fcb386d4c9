import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateCorpus, SIZES } from '../../bench/generate-corpus.js';
import { kindOf } from '../../src/load/layout.js';
import { compilerHash, EXPORTS, PRECOMPILED, schemaCompiler, schemaFile, type ExtraSchema } from '../../src/validate/compile-schemas.js';
import type { FileKind } from '../../src/load/layout.js';
import { mutate, mutation } from '../helpers/mutations.js';
import { cleanProjects, makeProject, REPO } from '../helpers/project.js';

afterAll(cleanProjects);

/** What the build wrote to dist/ (npm test builds it first), and the same schemas compiled here. */
const built = createRequire(import.meta.url)(join(REPO, 'dist/validate', PRECOMPILED)) as Record<string, unknown>;
const compiler = schemaCompiler();
/** Ajv's code as it generates it, without taking errors in place: what both must equal. */
const plain = schemaCompiler(false, { inPlace: false });

type Kind = FileKind | ExtraSchema;
function kindFor(path: string): Kind {
  if (/(^|\/)eval\//.test(path)) return 'eval';
  if (/(^|\/)rules\/tests\//.test(path)) return 'rule-tests';
  return kindOf(path) ?? 'claims';
}

/** Both validators give the same verdict and the same errors, down to the schema objects they name. */
function same(kind: Kind, value: unknown, label: string): void {
  const runtime = compiler.getSchema(schemaFile(kind))!;
  const precompiled = built[EXPORTS[kind]] as ValidateFunction;
  const outcome = (validate: ValidateFunction) => [validate(value), validate.errors ?? null];
  const expected = outcome(plain.getSchema(schemaFile(kind))!);
  expect(outcome(precompiled), label).toEqual(expected);
  expect(outcome(runtime), label).toEqual(expected);
}

async function yamlFiles(root: string): Promise<{ path: string; text: string }[]> {
  const names = (await readdir(root, { recursive: true })).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ path: join(root, name).slice(REPO.length + 1), text: await readFile(join(root, name), 'utf8') })));
}

function valueOf(text: string): { value: unknown } | undefined {
  try {
    return { value: parse(text, { maxAliasCount: 100, logLevel: 'error' }) };
  } catch {
    return undefined;
  }
}

describe('the validators compiled at build time', () => {
  it('were made from these schemas, options and Ajv', () => {
    expect(built.compilerHash).toBe(compilerHash());
  });

  it('judge every file of the bundled project, the methodology, the fixtures and the bench corpus as the schemas compiled at run time do', async () => {
    const dirs = ['claims', 'evidence', 'sources', 'entities', 'rules', 'eval', 'methodology', 'tests/fixtures'].map((d) => join(REPO, d));
    const corpus = await makeProject({}, { bare: true });
    await generateCorpus(corpus, SIZES.tiny, 7, REPO);
    const files = [...(await Promise.all(dirs.map(yamlFiles))).flat(), ...(await yamlFiles(corpus)).map((f) => ({ ...f, path: f.path.replace(/^.*?(?=\b(claims|evidence|sources|entities|rules)\/)/, '') }))];
    let invalid = 0;
    for (const { path, text } of files) {
      const parsed = valueOf(text);
      if (!parsed) continue;
      const kind = kindFor(path);
      same(kind, parsed.value, path);
      if (!compiler.getSchema(schemaFile(kind))!(parsed.value)) invalid++;
    }
    expect(files.length).toBeGreaterThan(100);
    // The bad inputs are there: errors are compared, not only passes.
    expect(invalid).toBeGreaterThan(20);
  });

  it('take each list item\'s errors in place, giving the errors Ajv\'s own code gives, in its order', () => {
    const code = readFileSync(join(REPO, 'dist/validate', PRECOMPILED), 'utf8');
    expect(code).not.toMatch(/vErrors\.concat/);
    expect(code).toMatch(/for \(const error\$ of validate\d+\.errors\) vErrors\.push\(error\$\);/);
    // Many broken items, of several kinds, and an error outside them: the list Ajv copied for each item.
    const items = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'a' : i % 3 === 1 ? { id: `r${i}`, kind: 'event', extra: 1 } : { id: i }));
    same('evidence', { evidence: items, stray: true }, 'broken items');
    same('claims', { claims: items }, 'broken claims');
    const validate = built[EXPORTS.evidence] as ValidateFunction;
    expect(validate({ evidence: items })).toBe(false);
    expect(validate.errors!.length).toBeGreaterThan(300);
  });

  it('judge mutated files as the schemas compiled at run time do', async () => {
    const files = (await Promise.all(['claims', 'evidence', 'sources', 'entities', 'rules'].map((d) => yamlFiles(join(REPO, d))))).flat();
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, edits) => {
        const { path, text } = files[i]!;
        const parsed = valueOf(edits.reduce(mutate, text));
        if (parsed) same(kindFor(path), parsed.value, path);
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });
});
