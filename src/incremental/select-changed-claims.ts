import { buildIndex } from '../evidence/build-index.js';
import { detectContradictions } from '../evidence/detect-contradictions.js';
import { type MatchContext } from '../facts/match-evidence.js';
import type { Change } from './changed-keys.js';
import type { Project } from '../types.js';
import { dependencyIndex, evaluate, workbench } from '../verdict/workbench.js';

/**
 * The claims whose verdicts a change could move: those that depend on a
 * changed input now, those that would have depended on the old version of a
 * changed or removed record, those matching records the old versions
 * contradicted, and every claim when the config changed.
 */
export function selectChangedClaims(project: Project, change: Change): Set<string> {
  if (change.all) return new Set(project.claims.map((c) => c.id));
  const selected = new Set<string>();
  const bench = workbench(project);
  const dependencies = dependencyIndex(project, bench);
  for (const [id, keys] of dependencies) if (keys.some((k) => change.keys.has(k))) selected.add(id);
  if (!change.oldRecords.length) return selected;

  const oldKeys = new Set(change.oldRecords.map((r) => `evidence:${r.id}`));
  const mini = buildIndex(change.oldRecords, project.config.vocabulary);
  const oldCtx: MatchContext = { ...bench.ctx, index: { ...mini, get: (id) => mini.get(id) ?? project.index.get(id) }, contradictionsOf: () => [] };
  for (const claim of project.claims) {
    const ruleset = bench.rulesetOf(claim);
    if (selected.has(claim.id) || !ruleset) continue;
    if (evaluate(claim, ruleset, oldCtx).reads.keys().some((k) => oldKeys.has(k))) selected.add(claim.id);
  }

  const unchanged = [...project.evidence.values()].filter((r) => !change.keys.has(`evidence:${r.id}`));
  const pool = [...unchanged, ...change.oldRecords];
  const oldIds = new Set(change.oldRecords.map((r) => r.id));
  const partners = new Set<string>();
  const before = detectContradictions(pool, buildIndex(pool, project.config.vocabulary), project.entities);
  // The old versions made more than the check takes: which claims they touched is not known.
  if (before.stopped) return new Set(project.claims.map((c) => c.id));
  for (const c of before.contradictions) {
    const [a, b] = c.records;
    if (oldIds.has(a) !== oldIds.has(b)) partners.add(`evidence:${oldIds.has(a) ? b : a}`);
  }
  for (const [id, keys] of dependencies) if (keys.some((k) => partners.has(k))) selected.add(id);
  return selected;
}

