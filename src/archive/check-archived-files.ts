import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { LIMITS } from '../load/layout.js';
import { readProjectBytes } from '../load/read-files.js';
import { sha256 } from '../model/hash.js';
import type { Project } from '../types.js';

/**
 * The raw pages and revisions archive kept, checked against the SHA-256 each
 * is pinned by, through the project's path checks. For lint: verify reads
 * only the snapshots that evidence quotes.
 */
export async function checkArchivedFiles(project: Project): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const source of [...project.sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const file of source.pinned ?? []) {
      const read = await readProjectBytes(project.root, file.path, LIMITS.maxSnapshotBytes);
      if ('diagnostic' in read) {
        out.push({ ...read.diagnostic, ...project.locate(source.ref, ...file.at, 'path'), message: `archived file ${file.path}: ${read.diagnostic.message}` });
        continue;
      }
      const digest = sha256(read.bytes);
      if (digest !== file.sha256) {
        out.push(diagnostic('snapshot/hash-mismatch', project.locate(source.ref, ...file.at, 'sha256'), `archived file ${file.path} has changed: its SHA-256 is ${digest}, but the source record pins ${file.sha256}`));
      }
    }
  }
  return out;
}
