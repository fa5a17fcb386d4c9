import type { FileKind } from '../load/layout.js';
import type { ProcessedFile } from '../load/process-file.js';
import type { FileCache } from './file-cache.js';

/**
 * The cache as a partial run's rounds read it: each file's parse read from
 * its pack, or parsed, once for every round. A load copies what it needs of
 * a parse and never changes it.
 */
export function eachEntryOnce(cache: FileCache): FileCache {
  const read = new Map<string, ProcessedFile>();
  const keyOf = (kind: FileKind, hash: string) => `${kind}\0${hash}`;
  return {
    ...cache,
    get(kind, hash) {
      const key = keyOf(kind, hash);
      let entry = read.get(key);
      if (!entry) {
        entry = cache.get(kind, hash);
        if (entry) read.set(key, entry);
      }
      return entry;
    },
    has: (kind, hash) => read.has(keyOf(kind, hash)) || cache.has(kind, hash),
    set(kind, hash, json) {
      cache.set(kind, hash, json);
      read.set(keyOf(kind, hash), JSON.parse(json) as ProcessedFile);
    },
  };
}
