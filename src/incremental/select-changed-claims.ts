import { buildIndex } from '../evidence/build-index.js';
import { detectContradictions } from '../evidence/detect-contradictions.js';
import { type MatchContext } from '../facts/match-evidence.js';
import type { Change } from './changed-keys.js';
import type { Project } from '../types.js';
import { changedKeys } from '../verdict/read-keys.js';
import { evaluate, workbench } from '../verdict/workbench.js';

/**
 * The claims whose verdicts a change could move: those that depend on a
 * changed input now, those that would have depended on the old version of a
 * changed or removed record, those matching records the old versions
 * contradicted, and every claim when the config changed.
 */
export function selectChangedClaims(project: Project, change: Change): Set<string> {
  const every = () => new Set(project.claims.map((c) => c.id));
  if (change.all) return every();
  const partners = contradictionPartners(project, change);
  // The old versions made more than the check takes: which claims they touched is not known.
  if (!partners) return every();
  const selected = new Set<string>();
  const bench = workbench(project);
  const changed = changedKeys(change.keys);
  const partnered = changedKeys(partners);
  // Each claim's reads asked about directly: a sorted list of every key each of 10,000 claims
  // read, built only to be searched, was a fifth of a --changed-since run.
  for (const claim of project.claims) {
    const ruleset = bench.rulesetOf(claim);
    if (!ruleset) continue;
    const { reads } = evaluate(claim, ruleset, bench.ctx);
    if (reads.dependsOn(changed) || reads.dependsOn(partnered)) selected.add(claim.id);
  }
  if (!change.oldRecords.length) return selected;

  const oldKeys = changedKeys(new Set(change.oldRecords.map((r) => `evidence:${r.id}`)));
  const mini = buildIndex(change.oldRecords, project.config.vocabulary);
  const oldCtx: MatchContext = { ...bench.ctx, index: { ...mini, get: (id) => mini.get(id) ?? project.index.get(id) }, contradictionsOf: () => [] };
  for (const claim of project.claims) {
    const ruleset = bench.rulesetOf(claim);
    if (selected.has(claim.id) || !ruleset) continue;
    if (evaluate(claim, ruleset, oldCtx).reads.dependsOn(oldKeys)) selected.add(claim.id);
  }
  return selected;
}

/** The records the old versions of changed records contradicted, as input keys; undefined when there were more than the check takes. */
function contradictionPartners(project: Project, change: Change): Set<string> | undefined {
  const partners = new Set<string>();
  if (!change.oldRecords.length) return partners;
  const unchanged = [...project.evidence.values()].filter((r) => !change.keys.has(`evidence:${r.id}`));
  const pool = [...unchanged, ...change.oldRecords];
  const oldIds = new Set(change.oldRecords.map((r) => r.id));
  const before = detectContradictions(pool, buildIndex(pool, project.config.vocabulary), project.entities);
  if (before.stopped) return undefined;
  for (const c of before.contradictions) {
    const [a, b] = c.records;
    if (oldIds.has(a) !== oldIds.has(b)) partners.add(`evidence:${oldIds.has(a) ? b : a}`);
  }
  return partners;
}
