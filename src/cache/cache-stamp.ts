import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Diagnostic } from '../diagnostics.js';
import { cacheKeyPath, loadCacheKey } from './cache-key.js';
import { openFileCache, type FileCache } from './file-cache.js';
import { codeFiles, hashCode } from '../load/hash-code.js';
import { hashOf } from '../lock/hash-inputs.js';
import { readSchema, SCHEMA_FILES, schemaPath } from '../validate/schema-files.js';
import { remembered, type StampMemo } from './stamp-memo.js';
import { VERSION } from '../version.js';
import { sha256 } from '../model/hash.js';
import { append } from '../model/append.js';

let stamp: string | undefined;
/**
 * What a cache entry must have been made by: this version of this code, with
 * these schemas and these versions of the libraries that parse, validate and
 * decide (an `npm update` can change what they make of the same file). With a
 * memo, the hashes of code and schemas are taken from it while those files'
 * stats are unchanged.
 */
export function cacheStamp(memo?: { folder: string } & Omit<StampMemo, 'path'>): string {
  if (stamp === undefined) {
    const require = createRequire(import.meta.url);
    const libraries = ['yaml', 'ajv', 'json-rules-engine'].map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
    // All of factcheck's code (dist/, or src/ when run from source), not this folder's alone: a
    // change to parsing or verifying must not reuse what the code before it cached.
    const code = join(dirname(fileURLToPath(import.meta.url)), '..');
    const names = codeFiles(code);
    const schemaFiles = [...Object.values(SCHEMA_FILES), 'common.schema.json'];
    const hashes = () => `${hashCode(code, names)}:${hashOf(schemaFiles.map(readSchema))}`;
    const files = [...names.map((n) => join(code, n)), ...schemaFiles.map(schemaPath)];
    // One memo per copy of factcheck, so that two installs do not overwrite each other's.
    const remember = memo && { ...memo, path: join(memo.folder, `code-stamp-${sha256(code).slice(0, 16)}`) };
    stamp = `${VERSION}:${remember ? remembered(files, remember, hashes) : hashes()}:${libraries.join(',')}`;
  }
  return stamp;
}

/** The environment variables a run reads: passed in, so that a program's env, not this process's, decides. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The project's cache, signed with this machine's key (found through `env`, as the caller was given it), or undefined when none can be trusted. */
export async function openCache(root: string, diagnostics: Diagnostic[], env: Environment = process.env): Promise<FileCache | undefined> {
  const keyPath = cacheKeyPath(env);
  const secret = await loadCacheKey(keyPath, root);
  if (!secret) return undefined;
  // Beside the key, whose folder loadCacheKey has found outside the project.
  const opened = await openFileCache(root, cacheStamp({ folder: dirname(keyPath), secret, now: Date.now() }), secret);
  append(diagnostics, opened.diagnostics);
  return opened.cache;
}

