import type { Diagnostic } from '../diagnostics.js';

/**
 * What parsing and schema-checking one file produced, without its path: small
 * enough to keep for every file, to send from a worker thread and to cache.
 * The YAML document itself is not kept; positions deeper than a list item are
 * found by parsing the file again, which only error reports need.
 */
export interface ProcessedFile {
  value: unknown;
  /** Parse and schema diagnostics, without their file. */
  diagnostics: Omit<Diagnostic, 'file'>[];
  invalidItems: number[];
  fileInvalid: boolean;
  /** Positions of the document, its top-level keys and their list items, by "", "key" or "key/index". */
  positions: Record<string, [number, number]>;
}

/** Whether a value read back (from the cache, or from a worker) has the shape of a processed file. */
export function isProcessedFile(value: unknown): value is ProcessedFile {
  const v = value as Partial<ProcessedFile> | null;
  return (
    v !== null &&
    typeof v === 'object' &&
    'value' in v &&
    Array.isArray(v.diagnostics) &&
    Array.isArray(v.invalidItems) &&
    typeof v.fileInvalid === 'boolean' &&
    v.positions !== null &&
    typeof v.positions === 'object'
  );
}
