import type { Contradiction } from '../evidence/detect-contradictions.js';
import { buildIndex, type EvidenceIndex } from '../evidence/build-index.js';
import { referringTo } from '../evidence/referenced-records.js';
import type { EvidenceRecord, Project } from '../types.js';
import { answerHash, contradictionsHash, type Footprint, type Query } from '../verdict/record-reads.js';

/**
 * Tells whether a stored result still holds for a project: every file it read
 * is unchanged, every index query returns the same records, every record's
 * contradictions are the same, and nothing it missed has appeared. Query and
 * contradiction answers are shared between claims.
 *
 * `delta`: what changed since the run that kept the footprints, when only
 * evidence files were added, changed or removed. A query's answer can then
 * change only if it takes in a record of those files as they are now or were
 * then, or one that refers to one of those, so a query none of those records
 * answers holds without being run.
 */
export function createFootprintCheck(
  project: Project,
  contradictionsOf: (id: string) => readonly Contradiction[],
  delta?: EvidenceDelta,
): (footprint: Footprint) => boolean {
  const queries = new Map<string, string>();
  const touched = delta ? touchedBy(project, delta) : undefined;
  const contradictions = new Map<string, string>();

  const present = presence(project.evidence, project.sources, project.entities);
  // Kept footprints share one [path, hash] pair per path of their claims file: each pair is
  // checked once, not once for each of the 300,000 times 10,000 footprints name a file.
  const files = new Map<readonly [string, string], boolean>();
  return (footprint) => {
    for (const entry of footprint.files) {
      let same = files.get(entry);
      if (same === undefined) files.set(entry, (same = (project.inputs.get(entry[0]) ?? '') === entry[1]));
      if (!same) return false;
    }
    for (const [query, hash] of footprint.queries) {
      let now = queries.get(query);
      if (now === undefined) {
        const asked = JSON.parse(query) as Query;
        if (touched && runQuery(touched, asked)?.length === 0) {
          queries.set(query, (now = UNTOUCHED));
          continue;
        }
        const answer = runQuery(project.index, asked);
        // A query this version does not know never holds: its result is computed again.
        now = answer ? answerHash(answer, project.inputs, (id) => project.index.get(id)) : '';
        queries.set(query, now);
      }
      if (now !== hash && now !== UNTOUCHED) return false;
    }
    for (const [id, hash] of footprint.contradictions) {
      let now = contradictions.get(id);
      if (now === undefined) {
        now = contradictionsHash(contradictionsOf(id));
        contradictions.set(id, now);
      }
      if (now !== hash) return false;
    }
    return footprint.absent.every((key) => !present(key));
  };
}

/** Whether an item a footprint found missing (a lock/hash-inputs key) is there now. */
export function presence(evidence: { has(id: string): boolean }, sources: { has(id: string): boolean }, entities: { has(id: string): boolean }): (key: string) => boolean {
  return (key) => {
    const colon = key.indexOf(':');
    const id = key.slice(colon + 1);
    switch (key.slice(0, colon)) {
      case 'evidence':
        return evidence.has(id);
      case 'source':
        return sources.has(id);
      case 'entity':
        return entities.has(id);
      default:
        return true; // a key this version does not know: treat as changed
    }
  };
}

// A query no record of the delta can enter or leave: its answer is the one the footprint hashed.
const UNTOUCHED = 'untouched';

/** Evidence files added, changed or removed since a run, with nothing else changed; `before`: the records the changed and removed ones held then. */
export interface EvidenceDelta {
  files: ReadonlySet<string>;
  before: readonly EvidenceRecord[];
}

/** An index of the records a change of evidence files can move: theirs, now and before, and those that refer to them. */
function touchedBy(project: Project, delta: EvidenceDelta): EvidenceIndex {
  // Records left out now too: one that refers to a new record was left out before (it named an id
  // no file defined) and may be in an answer now, or not; counting both costs a few more queries.
  const all = [...project.evidence.values(), ...project.excludedEvidence];
  const own = [...all.filter((r) => delta.files.has(r.ref.file)), ...delta.before];
  const records = new Set([...own, ...referringTo(all, new Set(own.map((r) => r.id)))]);
  return buildIndex(records, project.config.vocabulary);
}

/** A kept query asked of an index; undefined for a method this version does not know. */
export function runQuery(index: EvidenceIndex, [method, ...args]: Query): readonly EvidenceRecord[] | undefined {
  const [a, b, c] = args as [string, string, boolean];
  switch (method) {
    case 'events':
      return index.events(a, b, c);
    case 'negatedEvents':
      return index.negatedEvents(a);
    case 'quantities':
      return index.quantities(a, b);
    case 'statements':
      return index.statements(a);
    case 'statementsSaying':
      return index.statementsSaying(a);
    case 'assessments':
      return index.assessments(a, b);
    case 'responsesBy':
      return index.responsesBy(a);
    default:
      return undefined;
  }
}
