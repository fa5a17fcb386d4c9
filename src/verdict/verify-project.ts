import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { type FactScalar } from '../facts/fact-types.js';
import { KIND_FOLDERS, kindOf } from '../load/layout.js';
import { createRunner, type FiringRunner, type RuleOutcome } from '../rules/run-rules.js';
import { hydrate, tableHead, type KeptClaim, type StoredClaim } from '../cache/result-store.js';
import { createFootprintCheck, type EvidenceDelta } from '../cache/footprint-check.js';
import type { Claim, ClaimResult, Project } from '../types.js';
import { buildClaimResult } from './build-claim-result.js';
import { claimHead, RESULT_FIELDS, verdictOf } from './claim-head.js';
import { summarise } from '../facts/claim-facts.js';
import { workbench, evaluate } from './workbench.js';
import { byId } from '../model/compare.js';
import { append } from '../model/append.js';

export interface VerifyOptions {
  /** Verify only the claims this accepts; all by default. */
  select?: (claim: Claim) => boolean;
  /** An earlier run's results: each is reused if its footprint still holds, instead of verifying the claim again. */
  previous?: ReadonlyMap<string, KeptClaim>;
  /** What changed since the run that kept `previous`, when only evidence did: checking its footprints takes less (createFootprintCheck). */
  delta?: EvidenceDelta;
  /** Keep every result with its footprint (in `stored`), for a later run to reuse. */
  store?: boolean;
  /**
   * Whole results will be read (not only the table's fields): reuse only
   * earlier results kept whole. false: only the table's fields, and results
   * come back with those alone. Default: whole, and any earlier result reused.
   */
  whole?: boolean;
  /**
   * Keep each verified claim's inputs, as lock keys, in `dependencies` (the
   * default). false: none are kept, for a run that records no verdicts; each
   * holds everything its claim read, megabytes in all at scale.
   */
  dependencies?: boolean;
  /** Told how many claims are verified (or reused) so far. */
  onProgress?: (progress: { stage: 'verify'; done: number; total: number }) => void;
}

export interface ProjectVerification {
  claims: ClaimResult[];
  diagnostics: Diagnostic[];
  /** Each claim verified in this run, with its inputs as lock/hash-inputs keys, computed on demand. Reused results have none. */
  dependencies: Map<string, () => string[]>;
  /** With `store`: every result, reused or new, ready to keep. */
  stored?: Map<string, StoredClaim>;
  /** The claims whose earlier results were reused. */
  reused: Set<string>;
}

/** Verifies a loaded project's claims. Deterministic: claims come back sorted by id. */
export async function verifyProject(project: Project, options: VerifyOptions = {}): Promise<ProjectVerification> {
  const diagnostics: Diagnostic[] = [];
  const { config } = project;
  const { ctx, rulesetOf } = workbench(project);
  // A table needs only which rules fired; whole results need every condition's outcome.
  const table = options.whole === false;
  const runners = new Map<string, FiringRunner>();
  const dependencies = new Map<string, () => string[]>();
  const stored = options.store ? new Map<string, StoredClaim>() : undefined;
  const reused = new Set<string>();
  const stillHolds = options.previous ? createFootprintCheck(project, ctx.contradictionsOf, options.delta) : undefined;

  const claims = project.claims.filter(options.select ?? (() => true)).sort(byId);
  if (!project.claimIds.size) diagnostics.push(noClaims(project));
  const results: ClaimResult[] = [];
  let done = 0;
  // One claim at a time: each ruleset's engine must never see two runs at once.
  for (const claim of claims) {
    options.onProgress?.({ stage: 'verify', done: done++, total: claims.length });
    const earlier = options.previous?.get(claim.id);
    if (earlier?.footprint && (!options.whole || earlier.json) && stillHolds!(earlier.footprint)) {
      results.push(hydrate(earlier));
      append(diagnostics, earlier.diagnostics);
      stored?.set(claim.id, earlier);
      reused.add(claim.id);
      continue;
    }
    const at = project.locate(claim.ref);
    const ruleset = rulesetOf(claim);
    if (!ruleset) {
      diagnostics.push(diagnostic('verify/skipped', at, `claim "${claim.id}" was not verified: ruleset "${claim.ruleset ?? claim.asserts.kind}" has errors`, 'warning'));
      continue;
    }
    let runner = runners.get(ruleset.id);
    if (!runner) runners.set(ruleset.id, (runner = table ? createRunner(ruleset, false) : createRunner(ruleset)));

    const { reads, found, facts } = evaluate(claim, ruleset, ctx);
    const values: Record<string, FactScalar> = {};
    for (const name of Object.keys(facts)) values[name] = facts[name]!.value;
    let outcomes;
    try {
      outcomes = await runner(values);
    } catch (error) {
      diagnostics.push(diagnostic('verify/engine-failure', at, `the rules engine failed on claim "${claim.id}": ${error instanceof Error ? error.message : String(error)}`));
      continue;
    }
    // A run that prints only the table gets the table's fields alone, never the citation trail.
    const kept =
      table
        ? tableHead(claimHead(claim.id, at, verdictOf(outcomes, facts, config, ruleset.id)), RESULT_FIELDS as string[])
        : buildClaimResult({
            claim,
            at,
            ruleset: ruleset.id,
            facts,
            found,
            // From a runner made with every condition's outcome, as whole results are.
            outcomes: outcomes as readonly RuleOutcome[],
            config,
            names: reads.names,
            evidence: project.evidence,
            sources: reads.sources,
            entities: reads.entities,
            anchors: project.anchors,
            summary: summarise(claim.asserts, reads.names),
          });
    const own: Diagnostic[] = [];
    if (kept.rule === null) {
      own.push(diagnostic('verify/no-rule-fired', at, `no rule in ruleset "${ruleset.id}" fired for claim "${claim.id}"; rated "${config.fallback_rating}"`, 'warning'));
    }
    append(diagnostics, own);
    results.push(kept);
    if (options.dependencies !== false) dependencies.set(claim.id, reads.keys);
    stored?.set(claim.id, { result: kept, diagnostics: own, footprint: reads.footprint([config.ref.file, ruleset.ref.file, claim.ref.file], project.inputs) });
  }
  options.onProgress?.({ stage: 'verify', done, total: claims.length });
  return { claims: results, diagnostics, dependencies, reused, ...(stored ? { stored } : {}) };
}

/**
 * A project with nothing to verify is an error, not an empty success: a run
 * that verified nothing must not pass CI, nor record zero verdicts over the
 * recorded ones.
 */
function noClaims(project: Project): Diagnostic {
  const files = [...project.inputs.keys()].filter((path) => kindOf(path) === 'claims').sort();
  if (!files.length) {
    return diagnostic('project/no-claims', project.locate(project.config.ref), `no claims to verify: the project has no file in ${KIND_FOLDERS.claims}/; add a claim with \`factcheck new claim\``);
  }
  return diagnostic(
    'project/no-claims',
    project.locate({ file: files[0]!, path: ['claims'] }),
    `no claims to verify: ${files.length === 1 ? `${files[0]} lists none` : `none of the ${files.length} files in ${KIND_FOLDERS.claims}/ lists one`} that could be read; add a claim with \`factcheck new claim\``,
  );
}

