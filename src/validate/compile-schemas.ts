import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { FileKind } from '../load/layout.js';

/** The published schemas in schemas/ are the loader's schemas: one source for editors and validation. */
const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);

export const SCHEMA_FILES: Record<FileKind, string> = {
  config: 'config.schema.json',
  entities: 'entities.schema.json',
  sources: 'sources.schema.json',
  evidence: 'evidence.schema.json',
  claims: 'claims.schema.json',
  rules: 'rules.schema.json',
};

/** The schema of rule test cases (rules/tests/*.yaml), which factcheck test reads. */
export const RULE_TESTS_SCHEMA = 'rule-tests.schema.json';

/** The schema of labelled evaluation sets (eval/*.yaml), which factcheck eval reads. */
export const EVAL_SCHEMA = 'eval.schema.json';

/** Schemas of files the loader does not read as project files, but commands do. */
export type ExtraSchema = 'rule-tests' | 'eval';
const EXTRA_SCHEMAS: Record<ExtraSchema, string> = { 'rule-tests': RULE_TESTS_SCHEMA, eval: EVAL_SCHEMA };

/** A schema of factcheck's own, read once: the one file the validate stage reads, and it is part of factcheck, not of the project. */
export function readSchema(file: string): Record<string, unknown> {
  let schema = schemas.get(file);
  if (!schema) schemas.set(file, (schema = JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as Record<string, unknown>));
  return schema;
}

const schemas = new Map<string, Record<string, unknown>>();

let ajv: Ajv | undefined;
const compiled = new Map<FileKind | ExtraSchema, ValidateFunction>();
let resultValidator: ValidateFunction | undefined;

/** The validator of verify's JSON output, for reading results back (factcheck merge). Compiled once. */
export function validateResult(): ValidateFunction {
  resultValidator ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(readSchema('result.schema.json'));
  return resultValidator;
}

/** A kind's validator, compiled on first use and kept: a run that parses one file compiles one schema. */
export function validatorFor(kind: FileKind | ExtraSchema): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    if (!ajv) {
      // strictRequired is off: if/then branches test which fields are present without redeclaring them.
      ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true, verbose: true });
      // An annotation for error messages: what a value should look like, in words.
      ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
      // Added, not compiled: one schema may refer to another's definitions (an evaluation set's
      // claims are the claims schema's), and each is compiled once, on first use.
      for (const file of ['common.schema.json', ...Object.values(SCHEMA_FILES), ...Object.values(EXTRA_SCHEMAS)]) ajv.addSchema(readSchema(file));
    }
    validate = ajv.getSchema(kind in EXTRA_SCHEMAS ? EXTRA_SCHEMAS[kind as ExtraSchema] : SCHEMA_FILES[kind as FileKind])!;
    compiled.set(kind, validate);
  }
  return validate;
}
