// Part of `npm run build`, after tsc: writes the schema validators, compiled ahead of time, to
// dist/validate/validators.cjs. A run then loads them (about 40 ms) instead of compiling the
// schemas (about 0.3 s, in every run that parses and in every parse worker). The module names
// the schemas, options and Ajv it was made from; dist/ uses it only while they are the same.
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes the precompiled validators into `repo`'s dist/, which tsc has built. */
export async function buildValidators(repo = REPO) {
  const schemas = await import(pathToFileURL(join(repo, 'dist/validate/compile-schemas.js')).href);
  const standaloneCode = createRequire(join(repo, 'package.json'))('ajv/dist/standalone').default;
  const refs = Object.fromEntries(Object.entries(schemas.EXPORTS).map(([kind, name]) => [name, schemas.schemaFile(kind)]));
  // Ajv's standalone code is the code before its process step: the same rewrite is applied here.
  const code = `${schemas.appendErrorsInPlace(standaloneCode(schemas.schemaCompiler(true), refs))}\nexports.compilerHash = ${JSON.stringify(schemas.compilerHash())};\n`;
  const path = join(repo, 'dist/validate', schemas.PRECOMPILED);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildValidators();
