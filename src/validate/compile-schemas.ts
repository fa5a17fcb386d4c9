import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import type { FileKind } from '../load/layout.js';

/** The published schemas in schemas/ are the loader's schemas: one source for editors and validation. */
const load = createRequire(import.meta.url);
const SCHEMA_DIR = '../../schemas/';

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

export function readSchema(file: string): Record<string, unknown> {
  return load(SCHEMA_DIR + file) as Record<string, unknown>;
}

let ajv: Ajv | undefined;
const compiled = new Map<FileKind | 'rule-tests', ValidateFunction>();
let resultValidator: ValidateFunction | undefined;

/** The validator of verify's JSON output, for reading results back (factcheck merge). Compiled once. */
export function validateResult(): ValidateFunction {
  resultValidator ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(readSchema('result.schema.json'));
  return resultValidator;
}

/** A kind's validator, compiled on first use and kept: a run that parses one file compiles one schema. */
export function validatorFor(kind: FileKind | 'rule-tests'): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    if (!ajv) {
      // strictRequired is off: if/then branches test which fields are present without redeclaring them.
      ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true, verbose: true });
      // An annotation for error messages: what a value should look like, in words.
      ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
      ajv.addSchema(readSchema('common.schema.json'));
    }
    validate = ajv.compile(readSchema(kind === 'rule-tests' ? RULE_TESTS_SCHEMA : SCHEMA_FILES[kind]));
    compiled.set(kind, validate);
  }
  return validate;
}
