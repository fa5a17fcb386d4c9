import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Diagnostic } from '../diagnostics.js';
import { cacheKeyPath, loadCacheKey } from './cache-key.js';
import { openFileCache, type FileCache } from './file-cache.js';
import { hashCode } from '../load/hash-code.js';
import { hashOf } from '../lock/hash-inputs.js';
import { readSchema, SCHEMA_FILES } from '../validate/compile-schemas.js';
import { VERSION } from '../version.js';

let stamp: string | undefined;
/**
 * What a cache entry must have been made by: this version of this code, with
 * these schemas and these versions of the libraries that parse, validate and
 * decide (an `npm update` can change what they make of the same file).
 */
export function cacheStamp(): string {
  if (stamp === undefined) {
    const require = createRequire(import.meta.url);
    const libraries = ['yaml', 'ajv', 'json-rules-engine'].map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
    const schemas = hashOf([...Object.values(SCHEMA_FILES), 'common.schema.json'].map(readSchema));
    // All of factcheck's code (dist/, or src/ when run from source), not this folder's alone: a
    // change to parsing or verifying must not reuse what the code before it cached.
    stamp = `${VERSION}:${hashCode(join(dirname(fileURLToPath(import.meta.url)), '..'))}:${schemas}:${libraries.join(',')}`;
  }
  return stamp;
}

/** The environment variables a run reads: passed in, so that a program's env, not this process's, decides. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The project's cache, signed with this machine's key (found through `env`, as the caller was given it), or undefined when none can be trusted. */
export async function openCache(root: string, diagnostics: Diagnostic[], env: Environment = process.env): Promise<FileCache | undefined> {
  const secret = await loadCacheKey(cacheKeyPath(env), root);
  if (!secret) return undefined;
  const opened = await openFileCache(root, cacheStamp(), secret);
  diagnostics.push(...opened.diagnostics);
  return opened.cache;
}

