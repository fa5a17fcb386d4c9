import type { FileCache } from './file-cache.js';
import type { EvidenceDelta } from './footprint-check.js';
import { hashesOf, tableOf, type RunManifest } from './run-manifest.js';
import type { unchangedSince } from './unchanged-since.js';
import { kindOf } from '../load/layout.js';
import { toParsedFile } from '../load/process-file.js';
import type { Project } from '../types.js';
import { createModelBuilder } from '../validate/build-model.js';

const MAX_OLD_FILES = 100;

/**
 * When only evidence files were added, changed or removed since the manifest's
 * run: which, and the records the changed and removed ones held then, built
 * from their parse kept in the cache. Nothing when anything else changed, an
 * old parse is gone, or the kept run had an id defined twice: then every
 * footprint is checked in full.
 */
export function evidenceDelta(cache: FileCache, manifest: RunManifest, since: Awaited<ReturnType<typeof unchangedSince>> | undefined, project: Project): { delta?: EvidenceDelta } {
  // A definition a duplicate id left out of the kept run is in no changed file, yet comes in when
  // the other is renamed or removed: after such a run, every footprint is checked in full.
  const kept = tableOf(manifest);
  if (!since || manifest.missing.length || !kept || kept.result.diagnostics.some((d) => d.code === 'ref/duplicate-id')) return {};
  const hashes = hashesOf(manifest);
  if (!hashes) return {};
  const files = new Set<string>();
  const builder = createModelBuilder();
  let old = 0;
  for (const [i, path] of manifest.paths.entries()) {
    if (since.unchanged.has(path)) continue;
    const hash = hashes[i]!;
    // Each old parse is read and built again: past a few, checking every footprint costs less.
    if (kindOf(path) !== 'evidence' || ++old > MAX_OLD_FILES) return {};
    const processed = cache.get('evidence', hash);
    if (!processed) return {};
    files.add(path);
    // Its value as that run had it; positions are never asked for, so no text is needed.
    const { file } = toParsedFile({ path, kind: 'evidence', text: '' }, processed);
    if (file.value !== undefined && !processed.fileInvalid) builder.add({ file, skip: new Set(processed.invalidItems) });
  }
  for (const path of project.inputs.keys()) {
    if (since.unchanged.has(path)) continue;
    if (kindOf(path) !== 'evidence') return {};
    files.add(path);
  }
  return { delta: { files, before: [...builder.finish().model.evidence.values()] } };
}
