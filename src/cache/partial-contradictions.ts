import { buildIndex } from '../evidence/build-index.js';
import { CONTRADICTION_LIMITS, detectContradictions, finish } from '../evidence/detect-contradictions.js';
import type { Contradiction, Project } from '../types.js';
import type { ProjectFacts } from './project-facts.js';

/** A contradiction as one string, to compare sets of them. */
export function pairKey(c: Contradiction): string {
  return `${c.kind}\0${c.records.join('\0')}`;
}

/**
 * The project's contradictions: the kept run's and those a new record is in.
 * Contradictions are of pairs, so the new ones are what the loaded records
 * give with the new files and not without them; the loaded records hold
 * every partner a new record could have. Undefined past the check's limits.
 */
export function mergeContradictions(project: Project, facts: ProjectFacts, added: ReadonlySet<string>): { all: Contradiction[]; added: Contradiction[] } | undefined {
  const all = [...project.evidence.values()];
  const old = all.filter((r) => !added.has(r.ref.file));
  const withNew = detectContradictions(all, project.index, project.entities);
  const without = detectContradictions(old, buildIndex(old, project.config.vocabulary), project.entities);
  // The full check counts what the kept run's did, less and plus what the new records change: exact
  // for pairs, since every partner of a new record is loaded; for comparisons, a bound.
  if (withNew.stopped || without.stopped) return undefined;
  if (facts.check.counted + withNew.counted - without.counted > CONTRADICTION_LIMITS.pairs || facts.check.comparisons + withNew.comparisons > CONTRADICTION_LIMITS.comparisons) return undefined;
  const before = new Set(without.contradictions.map(pairKey));
  const after = new Set(withNew.contradictions.map(pairKey));
  // Adding records never takes a pair away; if it seems to, this is not understood, and not trusted.
  if ([...before].some((k) => !after.has(k))) return undefined;
  const fresh = withNew.contradictions.filter((c) => !before.has(pairKey(c)));
  return { all: finish([...facts.contradictions, ...fresh]), added: fresh };
}
