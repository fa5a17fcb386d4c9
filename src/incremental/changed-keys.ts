import { parseYaml } from '../load/parse-yaml.js';
import { kindOf } from '../load/layout.js';
import { inputHashes } from '../lock/hash-inputs.js';
import type { EvidenceRecord, Project } from '../types.js';
import { buildModel, type Model, type UsableFile } from '../validate/build-model.js';
import { validateSchema } from '../validate/validate-schema.js';

export interface Change {
  /** Input keys (lock/hash-inputs) whose content differs from the old version, including added and removed items. */
  keys: Set<string>;
  /**
   * Everything may have moved: the config changed, or a group's members did (groups decide
   * matching and contradictions across the whole project).
   */
  all: boolean;
  /** The old versions of evidence records that changed or were removed. */
  oldRecords: EvidenceRecord[];
}

/**
 * What changed, item by item: the old versions of the changed files are parsed
 * and hashed, and compared with the current project's hashes. An item moved to
 * another file, or a file reformatted, is not a change.
 */
export function changedInputs(project: Project, changedFiles: readonly string[], before: ReadonlyMap<string, string | undefined>): Change {
  const old = parseOldFiles(changedFiles, before);
  const oldHashes = inputHashes(old);
  const files = new Map<string, string>();
  const changed = new Set(changedFiles);
  // Only what a changed file holds now, or held before, can differ: the rest is not hashed (most
  // of a large project, and most of what this cost).
  const now = inputHashes(project, files, (key, file) => changed.has(file) || oldHashes.has(key));
  // Keys that were there before, and keys now read from a changed file.
  const candidates = new Set(oldHashes.keys());
  for (const [key, file] of files) if (changed.has(file)) candidates.add(key);

  const keys = new Set([...candidates].filter((key) => oldHashes.get(key) !== now.get(key)));
  // A changed snapshot changes how its source's quotes anchor.
  for (const s of project.sources.values()) if (s.snapshot && changed.has(s.snapshot.path)) keys.add(`source:${s.id}`);
  // Old items missing from the project now (deleted, or in a file that no longer loads) hash to nothing: changed.
  const oldRecords = [...old.evidence.values()].filter((r) => keys.has(`evidence:${r.id}`));
  // A record can drop out without its file changing, when something it refers to changes. Whatever it
  // bore on before, it bears on no longer: treat it as removed, with its present content as the old one.
  for (const r of project.excludedEvidence) {
    keys.add(`evidence:${r.id}`);
    if (!oldRecords.some((o) => o.id === r.id)) oldRecords.push(r);
  }
  const membersChanged = [...keys].some((key) => {
    if (!key.startsWith('entity:')) return false;
    const id = key.slice('entity:'.length);
    return JSON.stringify(old.entities.get(id)?.members ?? []) !== JSON.stringify(project.entities.get(id)?.members ?? []);
  });
  return { keys, oldRecords, all: keys.has('config') || membersChanged };
}

function parseOldFiles(changedFiles: readonly string[], before: ReadonlyMap<string, string | undefined>): Model {
  const usable: UsableFile[] = [];
  for (const path of changedFiles) {
    const kind = kindOf(path);
    const text = before.get(path);
    if (!kind || text === undefined) continue;
    const { file } = parseYaml({ path, kind, text });
    if (file.value === undefined) continue;
    const schema = validateSchema(file);
    if (!schema.fileInvalid) usable.push({ file, skip: schema.invalidItems });
  }
  return buildModel(usable).model;
}
