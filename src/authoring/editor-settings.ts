import { CONFIG_FILE, EVAL_FOLDER, EXCLUDED_FOLDERS, KIND_FOLDERS, RULE_TESTS_FOLDER, type FileKind } from '../load/layout.js';
import { EVAL_SCHEMA, RULE_TESTS_SCHEMA, SCHEMA_FILES, type ExtraSchema } from '../validate/compile-schemas.js';

/**
 * The schema each project file gets in an editor, by glob: the same folders
 * the loader reads each kind from, so the editor and factcheck never disagree
 * about what a file is. `schemas` is where the schema files are, relative to
 * the project root (such as "schemas" or "node_modules/factcheck/schemas").
 */
export function schemaGlobs(schemas: string): Record<string, string[]> {
  const globs: Record<string, string[]> = { [`${schemas}/${SCHEMA_FILES.config}`]: [CONFIG_FILE] };
  for (const [kind, folder] of Object.entries(KIND_FOLDERS) as [Exclude<FileKind, 'config'>, string][]) {
    // Sub-folders the loader skips hold other kinds (rule tests): a "!" glob leaves them out.
    const excluded = [...EXCLUDED_FOLDERS].filter((f) => f.startsWith(`${folder}/`)).map((f) => `!${f}/**`);
    globs[`${schemas}/${SCHEMA_FILES[kind]}`] = [`${folder}/**/*.yaml`, `${folder}/**/*.yml`, ...excluded];
  }
  globs[`${schemas}/${RULE_TESTS_SCHEMA}`] = [`${RULE_TESTS_FOLDER}/**/*.yaml`, `${RULE_TESTS_FOLDER}/**/*.yml`];
  globs[`${schemas}/${EVAL_SCHEMA}`] = [`${EVAL_FOLDER}/**/*.yaml`, `${EVAL_FOLDER}/**/*.yml`];
  return globs;
}

/** .vscode/settings.json for the Red Hat YAML extension. */
export function editorSettings(schemas: string): string {
  return `${JSON.stringify({ 'yaml.schemas': schemaGlobs(schemas), 'yaml.validate': true, 'yaml.completion': true, 'yaml.hover': true }, null, 2)}\n`;
}

/**
 * The first line of a file of `kind` at `path`: points editors without the
 * settings at its schema, and wins over the settings' globs where both apply.
 */
export function modeline(kind: FileKind | ExtraSchema, path: string, schemas: string): string {
  const depth = path.split('/').length - 1;
  const up = depth === 0 ? './' : '../'.repeat(depth);
  const file = kind === 'rule-tests' ? RULE_TESTS_SCHEMA : kind === 'eval' ? EVAL_SCHEMA : SCHEMA_FILES[kind];
  return `# yaml-language-server: $schema=${up}${schemas}/${file}`;
}
