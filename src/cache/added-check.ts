import { buildIndex } from '../evidence/build-index.js';
import { addTo } from '../model/append.js';
import type { Contradiction, EvidenceRecord, Project } from '../types.js';
import { contradictionsHash, type Footprint, type Query } from '../verdict/record-reads.js';
import { presence, runQuery } from './footprint-check.js';

/**
 * Tells whether a kept result still holds when the only change is evidence
 * files added, to a project whose last run had no error: no unchanged record
 * could refer to a new one (the reference would have been an error), so a
 * query's answer moves only if a new record joins it, and then it has moved.
 * `project` is a partial load; it is asked only what it holds whole: the
 * small kinds. `hashOf` gives every file's SHA-256, loaded or not.
 */
export function addedCheck(
  fresh: readonly EvidenceRecord[],
  project: Pick<Project, 'config' | 'entities'> & { sources: { has(id: string): boolean } },
  hashOf: (path: string) => string,
  contradictions: readonly Contradiction[],
): (footprint: Footprint) => boolean {
  const touched = buildIndex(fresh, project.config.vocabulary);
  const freshIds = new Set(fresh.map((r) => r.id));
  const byRecord = new Map<string, Contradiction[]>();
  for (const c of contradictions) for (const id of c.records) addTo(byRecord, id, c);
  const queries = new Map<string, boolean>();
  const files = new Map<readonly [string, string], boolean>();
  const present = presence(freshIds, project.sources, project.entities);
  return (footprint) => {
    for (const entry of footprint.files) {
      let same = files.get(entry);
      if (same === undefined) files.set(entry, (same = hashOf(entry[0]) === entry[1]));
      if (!same) return false;
    }
    for (const [query] of footprint.queries) {
      let holds = queries.get(query);
      if (holds === undefined) queries.set(query, (holds = runQuery(touched, JSON.parse(query) as Query)?.length === 0));
      if (!holds) return false;
    }
    for (const [id, hash] of footprint.contradictions) if (contradictionsHash(byRecord.get(id) ?? []) !== hash) return false;
    return footprint.absent.every((key) => !present(key));
  };
}
