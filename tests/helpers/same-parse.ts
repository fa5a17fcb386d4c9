import { expect } from 'vitest';
import { kindOf, type FileKind } from '../../src/load/layout.js';
import { processFile } from '../../src/load/process-file.js';

/**
 * The fast path against the full one (yaml's parseDocument): processFile must
 * give the same value, positions, diagnostics and schema verdict either way.
 * Where the fast path is not sure it must decline, and the full path answers.
 */
export function expectSameParse(path: string, text: string, kind: FileKind = kindOf(path) ?? 'claims'): void {
  const file = { path, kind, text };
  expect(processFile(file, true), path).toEqual(processFile(file, false));
}
