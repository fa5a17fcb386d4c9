import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editorSettings, modeline } from '../../src/authoring/editor-settings.js';
import { CONFIG_FILE, EVAL_FOLDER, FILE_KINDS, KIND_FOLDERS, RULE_TESTS_FOLDER, isYamlFile, kindOf, type FileKind } from '../../src/load/layout.js';
import { processFile } from '../../src/load/process-file.js';
import { EVAL_SCHEMA, RULE_TESTS_SCHEMA, SCHEMA_FILES, readSchema, validatorFor } from '../../src/validate/compile-schemas.js';

/**
 * Editors and factcheck read the same schemas: .vscode/settings.json assigns
 * each project file the schema the loader validates it with, every bundled file
 * says so in its modeline and passes, and every field of every schema has a
 * description and examples for hover and completion.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMAS = 'schemas';
type Kind = FileKind | 'rule-tests' | 'eval';
type Schema = Record<string, unknown>;

const schemaFileOf = (kind: Kind): string => (kind === 'rule-tests' ? RULE_TESTS_SCHEMA : kind === 'eval' ? EVAL_SCHEMA : SCHEMA_FILES[kind]);
const read = (path: string): string => readFileSync(join(REPO, path), 'utf8');
const published = (file: string): Schema => JSON.parse(read(`${SCHEMAS}/${file}`)) as Schema;

/** Every schema an editor uses: all of schemas/ but the result schema, which describes output. */
const EDITOR_SCHEMAS = readdirSync(join(REPO, SCHEMAS))
  .filter((f) => f.endsWith('.schema.json') && f !== 'result.schema.json')
  .sort();

/** The editor's view of a file, from the settings alone. */
const settings = JSON.parse(read('.vscode/settings.json')) as { 'yaml.schemas': Record<string, string[]> };

/** A glob as yaml.schemas writes them: `*` within a folder, `**` across folders, a leading "!" negates. */
function matches(path: string, glob: string): boolean {
  const source = glob
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

/** The schemas whose globs take `path`: at least one positive glob matches and no negated one does. */
function schemasFor(path: string): string[] {
  return Object.entries(settings['yaml.schemas'])
    .filter(([, globs]) => globs.some((g) => !g.startsWith('!') && matches(path, g)) && !globs.some((g) => g.startsWith('!') && matches(path, g.slice(1))))
    .map(([schema]) => schema);
}

/** The kind factcheck reads a path as, rule tests included (factcheck test reads them, the loader skips them). */
function kindFor(path: string): Kind | undefined {
  if (path.startsWith(`${RULE_TESTS_FOLDER}/`) && isYamlFile(path)) return 'rule-tests';
  if (path.startsWith(`${EVAL_FOLDER}/`) && isYamlFile(path)) return 'eval';
  return kindOf(path);
}

/** The project's YAML files: the config and everything under the kind folders, rules/tests included when it exists. */
function projectYamlFiles(): string[] {
  const files = [CONFIG_FILE];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(REPO, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (isYamlFile(entry.name)) files.push(path);
    }
  };
  for (const folder of [...Object.values(KIND_FOLDERS), EVAL_FOLDER]) if (existsSync(join(REPO, folder))) walk(folder);
  return files.sort();
}

/** An ajv of our own over the published files, with the loader's options: no code of the loader involved. */
function standaloneAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true, verbose: true });
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  for (const file of EDITOR_SCHEMAS) ajv.addSchema(published(file));
  return ajv;
}
const ajv = standaloneAjv();
const standalone = (file: string): ValidateFunction => {
  const validate = ajv.getSchema(file);
  if (!validate) throw new Error(`${file} is not in ${SCHEMAS}/`);
  return validate;
};

describe('.vscode', () => {
  it('settings.json is editorSettings("schemas"), byte for byte', () => {
    expect(read('.vscode/settings.json')).toBe(editorSettings(SCHEMAS));
  });

  it('extensions.json recommends the YAML extension that reads yaml.schemas', () => {
    const extensions = JSON.parse(read('.vscode/extensions.json')) as { recommendations: string[] };
    expect(extensions.recommendations).toContain('redhat.vscode-yaml');
  });

  it('names only schemas that exist, one for each kind, one for rule tests and one for evaluation sets', () => {
    const named = Object.keys(settings['yaml.schemas']);
    expect(named.sort()).toEqual([...FILE_KINDS.map(schemaFileOf), RULE_TESTS_SCHEMA, EVAL_SCHEMA].map((f) => `${SCHEMAS}/${f}`).sort());
    for (const schema of named) expect(existsSync(join(REPO, schema)), schema).toBe(true);
  });

  it('assigns a path the schema of the kind factcheck reads it as, and none to what it does not read', () => {
    const paths = [
      'factcheck.config.yaml',
      'claims/a.yaml',
      'claims/deep/er/a.yml',
      'evidence/a.yaml',
      'evidence/snapshots/a.yaml',
      'entities/a.yml',
      'sources/sub/a.yaml',
      'rules/a.yaml',
      'rules/tests/a.yaml',
      'rules/tests/sub/a.yml',
      'eval/a.yaml',
      'eval/sub/a.yml',
      'rules/a.txt',
      'README.md',
      'docs/a.yaml',
      '.github/workflows/ci.yml',
      'a/factcheck.config.yaml',
    ];
    for (const path of paths) {
      const kind = kindFor(path);
      expect(schemasFor(path), path).toEqual(kind ? [`${SCHEMAS}/${schemaFileOf(kind)}`] : []);
    }
  });
});

describe('every bundled YAML file', () => {
  const files = projectYamlFiles();

  it('is found: the config and each kind folder', () => {
    expect(files).toContain(CONFIG_FILE);
    for (const folder of Object.values(KIND_FOLDERS)) expect(files.some((f) => f.startsWith(`${folder}/`)), folder).toBe(true);
  });

  describe.each(files)('%s', (path) => {
    const kind = kindFor(path);
    const text = read(path);
    const schema = kind && `${SCHEMAS}/${schemaFileOf(kind)}`;

    it('is assigned exactly one schema by the settings, its kind’s', () => {
      expect(kind, `factcheck reads ${path}`).toBeDefined();
      expect(schemasFor(path)).toEqual([schema]);
    });

    it('starts with the modeline of its kind, naming the same schema', () => {
      const first = text.split('\n', 1)[0]!;
      expect(first).toBe(modeline(kind!, path, SCHEMAS));
      const target = first.replace(/^# yaml-language-server: \$schema=/, '');
      expect(posix.normalize(posix.join(posix.dirname(path), target))).toBe(schema);
    });

    it('validates against that schema file', () => {
      const validate = standalone(schemaFileOf(kind!));
      expect(validate(parse(text)), JSON.stringify(validate.errors, null, 2)).toBe(true);
    });
  });
});

describe('one source for editors and the loader', () => {
  it("the loader's schemas are the files in schemas/", () => {
    for (const kind of FILE_KINDS) {
      expect(readSchema(SCHEMA_FILES[kind]), kind).toEqual(published(SCHEMA_FILES[kind]));
      expect(validatorFor(kind).schema, kind).toEqual(published(SCHEMA_FILES[kind]));
    }
    expect(readSchema('common.schema.json')).toEqual(published('common.schema.json'));
    for (const extra of [RULE_TESTS_SCHEMA, EVAL_SCHEMA]) expect(readSchema(extra), extra).toEqual(published(extra));
    expect(validatorFor('eval').schema).toEqual(published(EVAL_SCHEMA));
  });

  it("an evaluation claim is a claim as in claims/ plus its label: the same fields, each the claims schema's own", () => {
    type Definition = { properties: Record<string, { $ref?: string }>; required: string[] };
    const claim = (published(SCHEMA_FILES.claims).definitions as Record<string, Definition>).claim!;
    const evalClaim = (published(EVAL_SCHEMA).definitions as Record<string, Definition>).claim!;
    expect(Object.keys(evalClaim.properties).sort()).toEqual([...Object.keys(claim.properties), 'expect', 'variant'].sort());
    for (const name of Object.keys(claim.properties)) expect(evalClaim.properties[name]!.$ref, name).toBe(`${SCHEMA_FILES.claims}#/definitions/claim/properties/${name}`);
    expect(evalClaim.required).toEqual([...claim.required, 'expect']);
  });

  it('each schema is named by its file, and every $ref leads to a file in schemas/', () => {
    for (const file of EDITOR_SCHEMAS) {
      expect(published(file).$id, file).toBe(file);
      for (const ref of refsOf(published(file))) {
        const target = ref.split('#')[0]!;
        if (target === '') continue;
        expect(EDITOR_SCHEMAS, `${file}: ${ref}`).toContain(target);
        expect(resolveRef(file, ref), `${file}: ${ref}`).toBeDefined();
      }
    }
  });

  // Each document is judged by the loader and by a plain ajv over the published file: they must agree.
  const CLAIM = `claims:
  - id: trump-dishonest-media
    text: Very little pick-up by the dishonest media of incredible information provided by Wikileaks. So dishonest! Rigged system!
    claimant: donald-trump
    date: "2016-10-12"
    appearance: donald-trump-tweet-dishonest-media
    asserts:
      kind: opinion
      reason: It judges the media's coverage as dishonest and the system as rigged; no evidence can settle a judgement.
`;
  const RECORD = `evidence:
  - id: week-release-chain
    source: the-week-trump-jr-wikileaks
    kind: event
    actor: donald-trump-jr
    action: release
    quote: Overnight, Trump Jr released what he said was the entire chain of messages between himself and WikiLeaks
`;
  const SOURCE = `sources:
  - id: the-week-trump-jr-wikileaks
    kind: news-report
    title: Donald Trump Jr corresponded with Wikileaks during campaign
    publisher: the-week
    published: unknown
    snapshot:
      path: evidence/snapshots/the-week-trump-jr-wikileaks.txt
      sha256: a523b77dff8bfb03a5df0fe7883eec923a33900f3ef798c0c73aa098c703d0c2
`;
  const ENTITY = `entities:
  - id: the-atlantic
    name: The Atlantic
    kind: organisation
    aliases: [the magazine]
`;
  const RULES = `ruleset: attribution
rules:
  - name: quoted-independently
    priority: 40
    conditions:
      all:
        - { fact: supporting_count, operator: greaterThanInclusive, value: 1 }
    event:
      type: verdict
      params:
        rating: "true"
        explanation: "The same words are quoted by {supporting_outlets}, relaying {supporting_origin_names}."
`;
  const CONFIG = read(CONFIG_FILE);
  const CASES: { what: string; kind: FileKind; text: string; valid: boolean }[] = [
    { what: 'a valid claim', kind: 'claims', text: CLAIM, valid: true },
    { what: 'a claim dated by a bare year', kind: 'claims', text: CLAIM.replace('"2016-10-12"', '2016'), valid: true },
    { what: 'an unknown claim kind', kind: 'claims', text: CLAIM.replace('kind: opinion', 'kind: opinon'), valid: false },
    { what: 'a range with no end', kind: 'claims', text: CLAIM.replace('date: "2016-10-12"', 'date: { from: "2016-09-20" }'), valid: false },
    { what: 'a field of another claim kind', kind: 'claims', text: CLAIM.replace('kind: opinion', 'kind: opinion\n      value: 3'), valid: false },
    { what: 'a valid record', kind: 'evidence', text: RECORD, valid: true },
    { what: 'a record with no quote', kind: 'evidence', text: RECORD.replace(/\n {4}quote: .*/, ''), valid: false },
    { what: 'a record negated in words', kind: 'evidence', text: `${RECORD}    negated: "yes"\n`, valid: false },
    { what: 'a valid source', kind: 'sources', text: SOURCE, valid: true },
    { what: 'an upper-case hash', kind: 'sources', text: SOURCE.replace('a523b77dff', 'A523B77DFF'), valid: false },
    { what: 'a misspelt "unknown"', kind: 'sources', text: SOURCE.replace('published: unknown', 'published: unknwn'), valid: false },
    { what: 'a snapshot that is not text', kind: 'sources', text: SOURCE.replace('wikileaks.txt', 'wikileaks.html'), valid: false },
    { what: 'a valid entity', kind: 'entities', text: ENTITY, valid: true },
    { what: 'a misspelt field', kind: 'entities', text: ENTITY.replace('aliases:', 'alias:'), valid: false },
    { what: 'a valid ruleset', kind: 'rules', text: RULES, valid: true },
    { what: 'a negated condition', kind: 'rules', text: RULES.replace('all:\n        - {', 'not:\n        {').replace('value: 1 }', 'value: 1 }\n'), valid: true },
    { what: 'a comparison with another fact', kind: 'rules', text: RULES.replace('value: 1 }', 'value: { fact: claimed_value, path: $.value } }'), valid: true },
    { what: 'a condition priority', kind: 'rules', text: RULES.replace('value: 1 }', 'value: 1, priority: 2 }'), valid: false },
    { what: 'a jsonpath filter', kind: 'rules', text: RULES.replace('value: 1 }', 'value: 1, path: "$..value" }'), valid: false },
    { what: '`all` and `any` together', kind: 'rules', text: RULES.replace('    event:', '      any: []\n    event:'), valid: false },
    { what: 'the bundled config', kind: 'config', text: CONFIG, valid: true },
    { what: 'a three-digit colour', kind: 'config', text: CONFIG.replace('color: "#1a7f37"', 'color: "#fff"'), valid: false },
    { what: 'a ClaimReview URL without {id}', kind: 'config', text: CONFIG.replace('claims/{id}', 'claims/'), valid: false },
  ];

  it.each(CASES)('loader and published schema agree on $what', ({ kind, text, valid }) => {
    const processed = processFile({ path: kind === 'config' ? CONFIG_FILE : `${KIND_FOLDERS[kind as Exclude<FileKind, 'config'>]}/case.yaml`, kind, text });
    expect(processed.diagnostics.filter((d) => !d.code.startsWith('schema/')), 'the text parses').toEqual([]);
    const loaderAccepts = processed.diagnostics.length === 0;
    const validate = standalone(SCHEMA_FILES[kind]);
    const standaloneAccepts = validate(parse(text)) as boolean;
    expect(standaloneAccepts, `${JSON.stringify(validate.errors)}`).toBe(valid);
    expect(loaderAccepts, JSON.stringify(processed.diagnostics)).toBe(standaloneAccepts);
  });
});

describe('hover and completion', () => {
  // Every property of every editor schema: where it is, and its schema.
  const fields = EDITOR_SCHEMAS.flatMap((file) => propertiesOf(published(file)).map(([pointer, schema]) => ({ file, pointer, schema })));

  it('finds the fields of every editor schema', () => {
    for (const file of EDITOR_SCHEMAS) expect(fields.some((f) => f.file === file), file).toBe(true);
    expect(fields.length).toBeGreaterThan(100);
  });

  it('every field has a description and examples, its own or its $ref target’s', () => {
    const lacking: string[] = [];
    for (const { file, pointer, schema } of fields) {
      const target = typeof schema.$ref === 'string' ? resolveRef(file, schema.$ref) : undefined;
      const has = (key: string) => key in schema || (target !== undefined && key in target);
      if (!has('description')) lacking.push(`${file}#${pointer}: description`);
      // A const has one value: it is its own example.
      if (!has('examples') && !('const' in schema)) lacking.push(`${file}#${pointer}: examples`);
      if ('examples' in schema && (!Array.isArray(schema.examples) || schema.examples.length === 0)) lacking.push(`${file}#${pointer}: examples is not a list of examples`);
    }
    expect(lacking).toEqual([]);
  });

  it('every example is valid where it is given', () => {
    const invalid: string[] = [];
    for (const file of EDITOR_SCHEMAS) {
      for (const [pointer, schema] of schemasOf(published(file))) {
        if (!Array.isArray(schema.examples)) continue;
        const validate = ajv.compile({ $ref: `${file}#${pointer}` });
        for (const example of schema.examples) {
          if (!validate(example)) invalid.push(`${file}#${pointer}: ${JSON.stringify(example)}: ${ajv.errorsText(validate.errors)}`);
        }
      }
    }
    expect(invalid).toEqual([]);
  });
});

/** Keywords whose value is a schema, a list of schemas, or a map of them. */
const ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'propertyNames', 'contains', 'additionalItems'];
const LIST = ['allOf', 'anyOf', 'oneOf'];
const MAP = ['properties', 'definitions', 'patternProperties', 'dependencies'];
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every subschema (booleans left out) with its JSON pointer; `skip` leaves out whole keywords. */
function schemasOf(root: Schema, skip: string[] = []): [string, Schema][] {
  const out: [string, Schema][] = [];
  const visit = (node: unknown, pointer: string) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const schema = node as Schema;
    out.push([pointer, schema]);
    for (const [key, value] of Object.entries(schema)) {
      if (skip.includes(key)) continue;
      if (ONE.includes(key)) {
        if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${pointer}/${key}/${i}`));
        else visit(value, `${pointer}/${key}`);
      } else if (LIST.includes(key) && Array.isArray(value)) value.forEach((v, i) => visit(v, `${pointer}/${key}/${i}`));
      else if (MAP.includes(key) && value && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value)) visit(sub, `${pointer}/${key}/${escape(name)}`);
      }
    }
  };
  visit(root, '');
  return out;
}

/** Every field: each entry of a `properties` map, outside `if` tests (which only look at fields). */
function propertiesOf(root: Schema): [string, Schema][] {
  return schemasOf(root, ['if']).flatMap(([pointer, schema]) =>
    Object.entries((schema.properties ?? {}) as Record<string, unknown>)
      .filter((entry): entry is [string, Schema] => entry[1] !== null && typeof entry[1] === 'object')
      .map(([name, sub]) => [`${pointer}/properties/${escape(name)}`, sub] as [string, Schema]),
  );
}

function refsOf(root: Schema): string[] {
  return schemasOf(root).flatMap(([, schema]) => (typeof schema.$ref === 'string' ? [schema.$ref] : []));
}

/** The schema a $ref in `file` points at, or undefined. */
function resolveRef(file: string, ref: string): Schema | undefined {
  const [target, pointer = ''] = ref.split('#') as [string, string?];
  const doc = published(target === '' ? file : target);
  let node: unknown = doc;
  for (const part of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node !== null && typeof node === 'object' ? (node as Schema) : undefined;
}
