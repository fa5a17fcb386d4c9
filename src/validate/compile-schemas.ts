import { createRequire } from 'node:module';
import type { Ajv, KeywordDefinition, ValidateFunction } from 'ajv';
import type { FileKind } from '../load/layout.js';
import { EVAL_SCHEMA, readSchema, RULE_TESTS_SCHEMA, SCHEMA_FILES, type ExtraSchema } from './schema-files.js';
import { sha256 } from '../model/hash.js';

// The schema files, apart from ajv: a run through the cache stamps them without compiling any.
export { EVAL_SCHEMA, readSchema, RULE_TESTS_SCHEMA, SCHEMA_FILES, schemaPath, type ExtraSchema } from './schema-files.js';

const EXTRA_SCHEMAS: Record<ExtraSchema, string> = { 'rule-tests': RULE_TESTS_SCHEMA, eval: EVAL_SCHEMA };

const require = createRequire(import.meta.url);
let ajv: Ajv | undefined;
const compiled = new Map<FileKind | ExtraSchema, ValidateFunction>();
let resultValidator: ValidateFunction | undefined;

// Ajv itself (some 50 ms to load) only where a schema is compiled here: a run with the validators
// compiled at build time, and each parse worker, needs only their small runtime.
function newAjv(options: ConstructorParameters<typeof Ajv>[0]): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  return new AjvClass(options);
}

/** The validator of verify's JSON output, for reading results back (factcheck merge). Compiled once. */
export function validateResult(): ValidateFunction {
  resultValidator ??= newAjv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(readSchema('result.schema.json'));
  return resultValidator;
}

/** A kind's validator, compiled on first use and kept: a run that parses one file compiles one schema. */
export function validatorFor(kind: FileKind | ExtraSchema): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    precompiled ??= loadPrecompiled() ?? null;
    validate = precompiled?.[EXPORTS[kind]] ?? (ajv ??= schemaCompiler()).getSchema(schemaFile(kind))!;
    compiled.set(kind, validate);
  }
  return validate;
}

// strictRequired is off: if/then branches test which fields are present without redeclaring them.
const COMPILER_OPTIONS = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true, verbose: true } as const;
// An annotation for error messages: what a value should look like, in words.
const KEYWORDS: KeywordDefinition[] = [{ keyword: 'x-expected', schemaType: 'string' }];
const ALL_SCHEMAS = ['common.schema.json', ...Object.values(SCHEMA_FILES), ...Object.values(EXTRA_SCHEMAS)];

/** Every kind a validator is kept for, by the name its precompiled module exports it under. */
export const EXPORTS: Record<FileKind | ExtraSchema, string> = {
  config: 'config',
  entities: 'entities',
  sources: 'sources',
  evidence: 'evidence',
  claims: 'claims',
  rules: 'rules',
  'rule-tests': 'ruleTests',
  eval: 'evalSet',
};

export function schemaFile(kind: FileKind | ExtraSchema): string {
  return kind in EXTRA_SCHEMAS ? EXTRA_SCHEMAS[kind as ExtraSchema] : SCHEMA_FILES[kind as FileKind];
}

/** Ajv as the loader's validators are compiled with, every schema added; `source` keeps their code, to write it out at build time. */
export function schemaCompiler(source = false, { inPlace = true } = {}): Ajv {
  const compiler = newAjv({ ...COMPILER_OPTIONS, code: { ...(source ? { source: true } : {}), ...(inPlace ? { process: appendErrorsInPlace } : {}) } });
  for (const keyword of KEYWORDS) compiler.addKeyword(keyword);
  // Added, not compiled: one schema may refer to another's definitions (an evaluation set's
  // claims are the claims schema's), and each is compiled once, on first use.
  for (const file of ALL_SCHEMAS) compiler.addSchema(readSchema(file));
  return compiler;
}

/** What precompiled validators must have been made from to be used: these schemas, options and Ajv. */
export function compilerHash(): string {
  const version = (require('ajv/package.json') as { version: string }).version;
  return sha256(JSON.stringify([COMPILER_REVISION, version, COMPILER_OPTIONS, KEYWORDS, EXPORTS, ALL_SCHEMAS.map(readSchema)]));
}

/** Raised whenever schemaCompiler changes in a way the hash above cannot see. */
const COMPILER_REVISION = 2;

/** Ajv's code for taking a sub-schema's errors: a copy of every error so far, for each item that has any. */
const CONCAT = /vErrors = vErrors === null \? ([\w$.]+)\.errors : vErrors\.concat\(\1\.errors\);/g;

/**
 * Ajv's generated code, taking each sub-schema's errors onto the list in place.
 * With allErrors, Ajv copies the whole list of errors for every list item
 * that adds to it: a file of 40,000 broken items took 6 s to validate, and
 * 200,000 (1.2 MB) did not finish in two minutes. The errors, and their
 * order, are the same. Applied to the code compiled here and, by the build,
 * to the validators compiled ahead of time.
 */
export function appendErrorsInPlace(code: string): string {
  return code.replace(CONCAT, 'if (vErrors === null) {vErrors = $1.errors;} else {for (const error$ of $1.errors) vErrors.push(error$);}');
}

/** The module name `npm run build` writes the validators to, beside this file in dist/. */
export const PRECOMPILED = 'validators.cjs';

let precompiled: Record<string, ValidateFunction> | null | undefined;

// Compiling the schemas cost every run that parses (and every parse worker) about 0.3 s; loading
// them compiled at build time costs 40 ms. Only a module made from these very schemas is used:
// after an edit to a schema without a build, they are compiled here as before.
function loadPrecompiled(): Record<string, ValidateFunction> | undefined {
  try {
    const module = require(`./${PRECOMPILED}`) as Record<string, unknown>;
    const ok = module.compilerHash === compilerHash() && Object.values(EXPORTS).every((name) => typeof module[name] === 'function');
    return ok ? (module as Record<string, ValidateFunction>) : undefined;
  } catch {
    return undefined; // not built (running from src/), or unreadable
  }
}
