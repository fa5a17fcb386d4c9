import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

/** Where a schema file lives: what the cache stamp's memo stats. */
export const schemaPath = (file: string): string => fileURLToPath(new URL(file, SCHEMA_DIR));

/** A schema of factcheck's own, read once: the one file the validate stage reads, and it is part of factcheck, not of the project. */
export function readSchema(file: string): Record<string, unknown> {
  let schema = schemas.get(file);
  if (!schema) schemas.set(file, (schema = JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as Record<string, unknown>));
  return schema;
}

const schemas = new Map<string, Record<string, unknown>>();
