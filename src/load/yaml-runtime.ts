import { createRequire } from 'node:module';

let loaded: typeof import('yaml') | undefined;

/**
 * yaml, loaded on first use: some 45 ms that a run whose files all take the
 * fast path (fast-yaml.ts), or come from the cache, never needs; nor does
 * each parse worker.
 */
export function yamlRuntime(): typeof import('yaml') {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}
