import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { anchorAll } from './anchor/anchor-records.js';
import { createRequire } from 'node:module';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { buildIndex } from './evidence/build-index.js';
import { detectContradictions, type Contradiction } from './evidence/detect-contradictions.js';
import { createOriginFinder } from './evidence/find-origins.js';
import { computeFacts } from './facts/catalogue.js';
import { summarise } from './facts/claim-facts.js';
import { createNames, type FactScalar } from './facts/fact-types.js';
import { matchEvidence, type MatchContext } from './facts/match-evidence.js';
import { LIMITS } from './load/layout.js';
import { parseYaml, type ParsedFile } from './load/parse-yaml.js';
import { decodeText, readProjectBytes, readProjectFiles } from './load/read-files.js';
import { checkRules } from './rules/check-rules.js';
import { createRunner, type RulesRunner } from './rules/run-rules.js';
import type { Claim, ClaimResult, LoadResult, Locator, Project, Source, VerifyResult } from './types.js';
import { buildModel, type UsableFile } from './validate/build-model.js';
import { checkReferences } from './validate/check-references.js';
import { validateSchema } from './validate/validate-schema.js';
import { buildClaimResult } from './verdict/build-claim-result.js';
import { describeContradiction } from './verdict/describe-contradiction.js';

export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/**
 * Loads a project: reads and parses every file, validates it against its
 * schema, builds the model and checks every reference. Never throws on bad
 * input: problems come back as diagnostics, and whatever is valid is kept.
 */
export async function loadProject(projectRoot: string): Promise<LoadResult> {
  const diagnostics: Diagnostic[] = [];
  // Every path check compares against the real root, so a project reached by a symlink still loads.
  const root = await realpath(projectRoot);
  const read = await readProjectFiles(root);
  diagnostics.push(...read.diagnostics);

  const usable: UsableFile[] = [];
  const parsed = new Map<string, ParsedFile>();
  for (const text of read.files) {
    const { file, diagnostics: parseProblems } = parseYaml(text);
    parsed.set(file.path, file);
    diagnostics.push(...parseProblems);
    if (file.value === undefined) continue;
    const schema = validateSchema(file);
    diagnostics.push(...schema.diagnostics);
    if (!schema.fileInvalid) usable.push({ file, skip: schema.invalidItems });
  }
  const locate: Locator = (ref, ...sub) =>
    parsed.get(ref.file)?.locate([...ref.path, ...sub]) ?? { file: ref.file, line: 1, col: 1 };

  const built = buildModel(usable);
  diagnostics.push(...built.diagnostics);
  const { model } = built;
  if (!model.config) return { project: undefined, diagnostics: sortDiagnostics(diagnostics) };

  const references = checkReferences(model, locate);
  diagnostics.push(...references.diagnostics);
  const rules = checkRules(model.rulesets, model.config, locate);
  diagnostics.push(...rules.diagnostics);

  const snapshots = await readSnapshots(root, model.sources, locate, diagnostics);

  // A record or claim whose words are not in its archived source never gets in.
  const referenced = [...model.evidence.values()].filter((r) => !references.invalidEvidence.has(r.id));
  const anchoring = anchorAll(referenced, model.claims.filter((c) => !references.invalidClaims.has(c.id)), model.sources, snapshots, locate);
  diagnostics.push(...anchoring.diagnostics);
  const evidence = new Map(referenced.filter((r) => !anchoring.misquotedRecords.has(r.id)).map((r) => [r.id, r]));
  const index = buildIndex(evidence.values(), model.config.vocabulary);
  const contradictions = detectContradictions([...evidence.values()], index, model.entities);
  const names = createNames(model.entities, model.sources, model.config.vocabulary);
  for (const c of contradictions) {
    const other = locate(evidence.get(c.records[0])!.ref);
    diagnostics.push(
      diagnostic(
        'evidence/contradiction',
        locate(evidence.get(c.records[1])!.ref),
        `${describeContradiction(c, evidence, names)} (see ${other.file}:${other.line}:${other.col})`,
        'warning',
      ),
    );
  }

  const project: Project = {
    root,
    config: model.config,
    entities: model.entities,
    sources: model.sources,
    evidence,
    claims: model.claims.filter((c) => !references.invalidClaims.has(c.id) && !anchoring.misquotedClaims.has(c.id)),
    rulesets: new Map([...model.rulesets].filter(([id]) => !rules.broken.has(id))),
    snapshots,
    anchors: { records: anchoring.records, claims: anchoring.claims },
    contradictions,
    index,
    locate,
  };
  return { project, diagnostics: sortDiagnostics(diagnostics) };
}

async function readSnapshots(root: string, sources: ReadonlyMap<string, Source>, locate: Locator, diagnostics: Diagnostic[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const source of [...sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!source.snapshot) continue;
    const at = locate(source.ref, 'snapshot', 'path');
    const read = await readProjectBytes(root, source.snapshot.path, LIMITS.maxSnapshotBytes);
    if ('diagnostic' in read) {
      diagnostics.push({ ...read.diagnostic, file: at.file, line: at.line, col: at.col, message: `snapshot ${source.snapshot.path}: ${read.diagnostic.message}` });
      continue;
    }
    const sha256 = createHash('sha256').update(read.bytes).digest('hex');
    if (sha256 !== source.snapshot.sha256) {
      diagnostics.push(
        diagnostic(
          'snapshot/hash-mismatch',
          locate(source.ref, 'snapshot', 'sha256'),
          `snapshot ${source.snapshot.path} has changed: its SHA-256 is ${sha256}, but the source record pins ${source.snapshot.sha256}`,
        ),
      );
      continue;
    }
    const text = decodeText(read.bytes, at);
    if ('text' in text) out.set(source.id, text.text);
    else diagnostics.push(text.diagnostic);
  }
  return out;
}

export interface VerifyOptions {
  /** Verify only the claims this accepts; all by default. */
  select?: (claim: Claim) => boolean;
}

/** Verifies a loaded project's claims. Deterministic: claims come back sorted by id. */
export async function verifyProject(project: Project, options: VerifyOptions = {}): Promise<{ claims: ClaimResult[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const { config } = project;
  const origins = createOriginFinder(project.sources);
  const byRecord = new Map<string, Contradiction[]>();
  for (const c of project.contradictions) {
    for (const id of c.records) byRecord.set(id, [...(byRecord.get(id) ?? []), c]);
  }
  const ctx: MatchContext = {
    entities: project.entities,
    sources: project.sources,
    vocabulary: config.vocabulary,
    index: project.index,
    originsOf: origins.originsOf,
    chainOf: origins.chainOf,
    isAnchored: (id) => project.anchors.records.has(id),
    contradictionsOf: (id) => byRecord.get(id) ?? [],
  };
  const names = createNames(project.entities, project.sources, config.vocabulary);
  const defaults = new Map<string, string>();
  for (const ruleset of [...project.rulesets.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const kind of ruleset.default_for) if (!defaults.has(kind)) defaults.set(kind, ruleset.id);
  }
  const runners = new Map<string, RulesRunner>();

  const claims = project.claims.filter(options.select ?? (() => true)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const results: ClaimResult[] = [];
  // One claim at a time: each ruleset's engine must never see two runs at once.
  for (const claim of claims) {
    const at = project.locate(claim.ref);
    const rulesetId = claim.ruleset ?? defaults.get(claim.asserts.kind);
    const ruleset = rulesetId === undefined ? undefined : project.rulesets.get(rulesetId);
    if (!ruleset) {
      diagnostics.push(diagnostic('verify/skipped', at, `claim "${claim.id}" was not verified: ruleset "${rulesetId ?? claim.asserts.kind}" has errors`, 'warning'));
      continue;
    }
    let runner = runners.get(ruleset.id);
    if (!runner) runners.set(ruleset.id, (runner = createRunner(ruleset)));

    const found = matchEvidence(claim, ctx);
    const facts = computeFacts({ claim, found, ctx, names });
    const values: Record<string, FactScalar> = {};
    for (const [name, fact] of Object.entries(facts)) values[name] = fact.value;
    let outcomes;
    try {
      outcomes = await runner(values);
    } catch (error) {
      diagnostics.push(diagnostic('verify/engine-failure', at, `the rules engine failed on claim "${claim.id}": ${error instanceof Error ? error.message : String(error)}`));
      continue;
    }
    const result = buildClaimResult({
      claim,
      at,
      ruleset: ruleset.id,
      facts,
      found,
      outcomes,
      config,
      names,
      evidence: project.evidence,
      sources: project.sources,
      anchors: project.anchors,
      summary: summarise(claim.asserts, names),
    });
    if (result.rule === null) {
      diagnostics.push(diagnostic('verify/no-rule-fired', at, `no rule in ruleset "${ruleset.id}" fired for claim "${claim.id}"; rated "${config.fallback_rating}"`, 'warning'));
    }
    results.push(result);
  }
  return { claims: results, diagnostics };
}

/** Loads and verifies a project in one call: the library's main entry point. */
export async function verify(root: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const loaded = await loadProject(root);
  const verified = loaded.project ? await verifyProject(loaded.project, options) : { claims: [], diagnostics: [] };
  return assembleResult(loaded.project, verified.claims, [...loaded.diagnostics, ...verified.diagnostics]);
}

export function assembleResult(project: Project | undefined, claims: ClaimResult[], diagnostics: Diagnostic[]): VerifyResult {
  const scale = project?.config.scale ?? [];
  const byRating: Record<string, number> = {};
  for (const r of scale) byRating[r.id] = 0;
  for (const c of claims) byRating[c.rating] = (byRating[c.rating] ?? 0) + 1;
  const sorted = sortDiagnostics(diagnostics);
  return {
    tool: { name: 'factcheck', version: VERSION },
    scale: scale.map((r) => ({ id: r.id, label: r.label, color: r.color })),
    claims,
    totals: {
      claims: claims.length,
      by_rating: byRating,
      errors: sorted.filter((d) => d.severity === 'error').length,
      warnings: sorted.filter((d) => d.severity === 'warning').length,
    },
    diagnostics: sorted,
  };
}

/** 0: everything verified; 2: invalid input. (1 is reserved for CI checks of recorded verdicts.) */
export function exitCodeOf(diagnostics: readonly Diagnostic[]): 0 | 2 {
  return hasErrors(diagnostics) ? 2 : 0;
}
