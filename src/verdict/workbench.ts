import { type Contradiction } from '../evidence/detect-contradictions.js';
import { createOriginFinder } from '../evidence/find-origins.js';
import { computeFacts } from '../facts/catalogue.js';
import { createNames, type FactScalar, type Names } from '../facts/fact-types.js';
import { matchEvidence, type MatchContext } from '../facts/match-evidence.js';
import { recordReads } from './record-reads.js';
import { addTo } from '../model/append.js';
import type { Claim, Project, Ruleset } from '../types.js';

/** What every claim of a project is matched against, built once. */
export interface Workbench {
  ctx: MatchContext;
  names: Names;
  /** The ruleset a claim uses, or undefined when it is broken. */
  rulesetOf(claim: Claim): Ruleset | undefined;
  /** The ruleset id each claim kind gets when a claim names none. */
  defaults: ReadonlyMap<string, string>;
}

const NO_CONTRADICTIONS: readonly Contradiction[] = Object.freeze([]);

export function workbench(project: Project): Workbench {
  const origins = createOriginFinder(project.sources);
  const byRecord = new Map<string, Contradiction[]>();
  for (const c of project.contradictions) {
    for (const id of c.records) addTo(byRecord, id, c);
  }
  const ctx: MatchContext = {
    entities: project.entities,
    sources: project.sources,
    vocabulary: project.config.vocabulary,
    index: project.index,
    originsOf: origins.originsOf,
    chainHas: origins.chainHas,
    chainsOf: origins.chainsOf,
    isAnchored: (id) => project.anchors.records.has(id),
    contradictionsOf: (id) => byRecord.get(id) ?? NO_CONTRADICTIONS,
  };
  const defaults = new Map<string, string>();
  for (const ruleset of [...project.rulesets.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const kind of ruleset.default_for) if (!defaults.has(kind)) defaults.set(kind, ruleset.id);
  }
  return {
    ctx,
    names: createNames(project.entities, project.sources, project.config.vocabulary),
    defaults,
    rulesetOf: (claim) => {
      const id = claim.ruleset ?? defaults.get(claim.asserts.kind);
      return id === undefined ? undefined : project.rulesets.get(id);
    },
  };
}

/** Matches a claim and computes its facts through a context that records every input read. */
export function evaluate(claim: Claim, ruleset: Ruleset, ctx: MatchContext) {
  const reads = recordReads(ctx, claim, ruleset.id);
  const found = matchEvidence(claim, reads.ctx);
  reads.touchFound(found);
  const facts = computeFacts({ claim, found, ctx: reads.ctx, names: reads.names });
  return { reads, found, facts };
}

/**
 * Every claim's inputs, from matching and facts alone: no rules run, so this
 * is cheap enough to compute for a whole project before deciding what to
 * re-verify. The same reads as verifyProject records, by the same code.
 */
export function dependencyIndex(project: Project, bench: Workbench = workbench(project)): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const claim of project.claims) {
    const ruleset = bench.rulesetOf(claim);
    if (ruleset) out.set(claim.id, evaluate(claim, ruleset, bench.ctx).reads.keys());
  }
  return out;
}

/** What each claim's rules see: its ruleset and fact values. For benchmarks and tools that run rules alone. */
export function ruleInputs(
  project: Project,
  select: (claim: Claim) => boolean = () => true,
  bench: Workbench = workbench(project),
): { claim: string; ruleset: Ruleset; facts: Record<string, FactScalar> }[] {
  const out: { claim: string; ruleset: Ruleset; facts: Record<string, FactScalar> }[] = [];
  for (const claim of project.claims.filter(select)) {
    const ruleset = bench.rulesetOf(claim);
    if (!ruleset) continue;
    const facts: Record<string, FactScalar> = {};
    for (const [name, fact] of Object.entries(evaluate(claim, ruleset, bench.ctx).facts)) facts[name] = fact.value;
    out.push({ claim: claim.id, ruleset, facts });
  }
  return out;
}

