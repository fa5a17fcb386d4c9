import { readdirSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { LIMITS } from './layout.js';
import { decodeText, readProjectBytes, type FileStamp } from './read-files.js';
import { resolveInside } from './resolve-inside.js';
import type { Locator, Source } from '../types.js';
import { didYouMean } from '../model/suggest.js';
import { sha256 } from '../model/hash.js';

/** Reads each source's archived snapshot, checks it against the SHA-256 its record pins, and decodes it. */
export async function readSnapshots(
  root: string,
  sources: ReadonlyMap<string, Source>,
  locate: Locator,
  diagnostics: Diagnostic[],
  inputs: Map<string, string>,
  stamps: Map<string, FileStamp>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const source of [...sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!source.snapshot) continue;
    // Positions below a list item cost a re-parse: only for a problem.
    const at = () => locate(source.ref, 'snapshot', 'path');
    const read = await readProjectBytes(root, source.snapshot.path, LIMITS.maxSnapshotBytes);
    if ('diagnostic' in read) {
      const hint = read.diagnostic.code === 'file/missing' ? await nearbyFile(root, source.snapshot.path) : '';
      diagnostics.push({ ...read.diagnostic, ...at(), message: `snapshot ${source.snapshot.path}: ${read.diagnostic.message}${hint}` });
      continue;
    }
    const digest = sha256(read.bytes);
    inputs.set(source.snapshot.path, digest);
    stamps.set(source.snapshot.path, read.stamp);
    if (digest !== source.snapshot.sha256) {
      diagnostics.push(
        diagnostic(
          'snapshot/hash-mismatch',
          locate(source.ref, 'snapshot', 'sha256'),
          `snapshot ${source.snapshot.path} has changed: its SHA-256 is ${digest}, but the source record pins ${source.snapshot.sha256}`,
        ),
      );
      continue;
    }
    const text = decodeText(read.bytes, { file: source.snapshot.path, line: 1, col: 1 });
    if ('text' in text) out.set(source.id, text.text);
    else diagnostics.push({ ...text.diagnostic, ...at() });
  }
  return out;
}


/** A did-you-mean among the files next to a missing one (its folder only: nothing outside is listed). */
async function nearbyFile(root: string, path: string): Promise<string> {
  const slash = path.lastIndexOf('/');
  const folder = slash === -1 ? '' : path.slice(0, slash);
  const inside = await resolveInside(root, folder === '' ? '.' : folder);
  if (!inside.ok) return '';
  try {
    const names = readdirSync(inside.path, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    return didYouMean(path.slice(slash + 1), names).replace(/"([^"]+)"/, (_, name: string) => `"${folder ? `${folder}/` : ''}${name}"`);
  } catch {
    return '';
  }
}

