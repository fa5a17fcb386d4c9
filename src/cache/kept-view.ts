import type { VerifyResult } from '../types.js';
import type { FileCache } from './file-cache.js';

/**
 * What a caller shows of a run, made from its result and kept beside the run
 * manifest: a run with nothing changed gives it back without reading the
 * result at all. Parsing 10,000 table entries and formatting them again was a
 * third of such a run.
 */
export interface ViewOption {
  /** Everything besides the result that the text depends on (format, width, colour). */
  key: string;
  /** The text, from the result alone: a pure function. */
  make(result: VerifyResult): string;
}

const VIEW_BLOB = 'run-view';

/**
 * The kept view for this key, if it was made from the table the manifest
 * names (its SHA-256): its text as the UTF-8 bytes kept, undecoded, since a
 * caller that prints it needs no string of 2 MB made and encoded again.
 */
export function readView(cache: FileCache, table: string, key: string): Buffer | undefined {
  const bytes = cache.getBlobBytes(VIEW_BLOB);
  const end = bytes?.indexOf(10) ?? -1;
  if (bytes === undefined || end === -1) return undefined;
  try {
    const head = JSON.parse(bytes.toString('utf8', 0, end)) as unknown;
    return Array.isArray(head) && head[0] === table && head[1] === key ? bytes.subarray(end + 1) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps one view, the last made, given as its UTF-8 bytes: a terminal's width or colours changing makes another. */
export function keepView(cache: FileCache, table: string, key: string, bytes: Uint8Array): void {
  cache.setBlob(VIEW_BLOB, [Buffer.from(`${JSON.stringify([table, key])}\n`, 'utf8'), bytes]);
}
