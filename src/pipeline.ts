import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorAll } from './anchor/anchor-records.js';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { buildIndex } from './evidence/build-index.js';
import { detectContradictions, type Contradiction } from './evidence/detect-contradictions.js';
import { createOriginFinder } from './evidence/find-origins.js';
import { computeFacts } from './facts/catalogue.js';
import { summarise } from './facts/claim-facts.js';
import { createNames, type FactScalar, type Names } from './facts/fact-types.js';
import { matchEvidence, type MatchContext } from './facts/match-evidence.js';
import { LIMITS } from './load/layout.js';
import { parseYaml, type ParsedFile } from './load/parse-yaml.js';
import { fromCacheEntry, toCacheEntry } from './load/cache-entry.js';
import { loadCacheKey } from './load/cache-key.js';
import { openFileCache, type FileCache } from './load/file-cache.js';
import { hashCode } from './load/hash-code.js';
import type { Change } from './incremental/changed-keys.js';
import { decodeText, readProjectBytes, readProjectFiles } from './load/read-files.js';
import { checkRules } from './rules/check-rules.js';
import { createRunner, type RulesRunner } from './rules/run-rules.js';
import { recordReads } from './record/record-reads.js';
import { diffVerdicts, type VerdictDiff } from './record/diff-verdicts.js';
import { hashOf, inputHashes } from './record/hash-inputs.js';
import { locateInput } from './record/locate-input.js';
import type { Shard } from './record/shard.js';
import { lockEntry, type Lock, type LockEntry } from './record/lock-file.js';
import type { Claim, ClaimResult, LoadResult, Locator, Project, Ruleset, Source, VerifyResult } from './types.js';
import { buildModel, type UsableFile } from './validate/build-model.js';
import { checkReferences } from './validate/check-references.js';
import { readSchema, SCHEMA_FILES } from './validate/compile-schemas.js';
import { validateSchema } from './validate/validate-schema.js';
import { buildClaimResult } from './verdict/build-claim-result.js';
import { countTotals } from './verdict/count-totals.js';
import { describeContradiction } from './verdict/describe-contradiction.js';

export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

let stamp: string | undefined;
/** What a cache entry must have been made by: this version of this code, with these schemas. */
export function cacheStamp(): string {
  stamp ??= `${VERSION}:${hashCode(dirname(fileURLToPath(import.meta.url)))}:${hashOf([...Object.values(SCHEMA_FILES), 'common.schema.json'].map(readSchema))}`;
  return stamp;
}

async function openCache(root: string, diagnostics: Diagnostic[]): Promise<FileCache | undefined> {
  const secret = await loadCacheKey();
  if (!secret) return undefined;
  const opened = await openFileCache(root, cacheStamp(), secret);
  diagnostics.push(...opened.diagnostics);
  return opened.cache;
}

/**
 * Loads a project: reads and parses every file, validates it against its
 * schema, builds the model and checks every reference. Never throws on bad
 * input: problems come back as diagnostics, and whatever is valid is kept.
 */
export interface LoadOptions {
  /** Keep parse and schema results in a content-hash cache under the project root (.factcheck-cache). */
  cache?: boolean;
}

export async function loadProject(projectRoot: string, options: LoadOptions = {}): Promise<LoadResult> {
  const diagnostics: Diagnostic[] = [];
  // Every path check compares against the real root, so a project reached by a symlink still loads.
  const root = await realpath(projectRoot);
  const read = await readProjectFiles(root);
  diagnostics.push(...read.diagnostics);
  const cache = options.cache ? await openCache(root, diagnostics) : undefined;

  const usable: UsableFile[] = [];
  const parsed = new Map<string, ParsedFile>();
  for (const text of read.files) {
    const hit = cache ? await cache.get(text.kind, text.text) : undefined;
    if (hit) {
      const { file, diagnostics: cached } = fromCacheEntry(text, hit);
      parsed.set(file.path, file);
      diagnostics.push(...cached);
      if (file.value !== undefined && !hit.fileInvalid) usable.push({ file, skip: new Set(hit.invalidItems) });
      continue;
    }
    const { file, diagnostics: parseProblems } = parseYaml(text);
    parsed.set(file.path, file);
    const schema = file.value === undefined ? { diagnostics: [], invalidItems: new Set<number>(), fileInvalid: true } : validateSchema(file);
    const problems = [...parseProblems, ...schema.diagnostics];
    diagnostics.push(...problems);
    if (file.value !== undefined && !schema.fileInvalid) usable.push({ file, skip: schema.invalidItems });
    const entry = cache ? toCacheEntry(file, problems, schema) : undefined;
    if (cache && entry) await cache.set(text.kind, text.text, entry);
  }
  await cache?.prune();
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
    excludedEvidence: [...model.evidence.values()].filter((r) => !evidence.has(r.id)),
    claims: model.claims.filter((c) => !references.invalidClaims.has(c.id) && !anchoring.misquotedClaims.has(c.id)),
    claimIds: new Set(model.claims.map((c) => c.id)),
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

export interface ProjectVerification {
  claims: ClaimResult[];
  diagnostics: Diagnostic[];
  /** Each verified claim's inputs, as record/hash-inputs keys. */
  dependencies: Map<string, string[]>;
}

/** What every claim of a project is matched against, built once. */
interface Workbench {
  ctx: MatchContext;
  names: Names;
  /** The ruleset a claim uses, or undefined when it is broken. */
  rulesetOf(claim: Claim): Ruleset | undefined;
}

function workbench(project: Project): Workbench {
  const origins = createOriginFinder(project.sources);
  const byRecord = new Map<string, Contradiction[]>();
  for (const c of project.contradictions) {
    for (const id of c.records) byRecord.set(id, [...(byRecord.get(id) ?? []), c]);
  }
  const ctx: MatchContext = {
    entities: project.entities,
    sources: project.sources,
    vocabulary: project.config.vocabulary,
    index: project.index,
    originsOf: origins.originsOf,
    chainOf: origins.chainOf,
    isAnchored: (id) => project.anchors.records.has(id),
    contradictionsOf: (id) => byRecord.get(id) ?? [],
  };
  const defaults = new Map<string, string>();
  for (const ruleset of [...project.rulesets.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const kind of ruleset.default_for) if (!defaults.has(kind)) defaults.set(kind, ruleset.id);
  }
  return {
    ctx,
    names: createNames(project.entities, project.sources, project.config.vocabulary),
    rulesetOf: (claim) => {
      const id = claim.ruleset ?? defaults.get(claim.asserts.kind);
      return id === undefined ? undefined : project.rulesets.get(id);
    },
  };
}

/** Matches a claim and computes its facts through a context that records every input read. */
function evaluate(claim: Claim, ruleset: Ruleset, ctx: MatchContext) {
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
export function ruleInputs(project: Project): { claim: string; ruleset: Ruleset; facts: Record<string, FactScalar> }[] {
  const bench = workbench(project);
  const out: { claim: string; ruleset: Ruleset; facts: Record<string, FactScalar> }[] = [];
  for (const claim of project.claims) {
    const ruleset = bench.rulesetOf(claim);
    if (!ruleset) continue;
    const facts: Record<string, FactScalar> = {};
    for (const [name, fact] of Object.entries(evaluate(claim, ruleset, bench.ctx).facts)) facts[name] = fact.value;
    out.push({ claim: claim.id, ruleset, facts });
  }
  return out;
}

/** Verifies a loaded project's claims. Deterministic: claims come back sorted by id. */
export async function verifyProject(project: Project, options: VerifyOptions = {}): Promise<ProjectVerification> {
  const diagnostics: Diagnostic[] = [];
  const { config } = project;
  const { ctx, rulesetOf } = workbench(project);
  const runners = new Map<string, RulesRunner>();
  const dependencies = new Map<string, string[]>();

  const claims = project.claims.filter(options.select ?? (() => true)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const results: ClaimResult[] = [];
  // One claim at a time: each ruleset's engine must never see two runs at once.
  for (const claim of claims) {
    const at = project.locate(claim.ref);
    const ruleset = rulesetOf(claim);
    if (!ruleset) {
      diagnostics.push(diagnostic('verify/skipped', at, `claim "${claim.id}" was not verified: ruleset "${claim.ruleset ?? claim.asserts.kind}" has errors`, 'warning'));
      continue;
    }
    let runner = runners.get(ruleset.id);
    if (!runner) runners.set(ruleset.id, (runner = createRunner(ruleset)));

    const { reads, found, facts } = evaluate(claim, ruleset, ctx);
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
      names: reads.names,
      evidence: project.evidence,
      sources: reads.sources,
      entities: reads.entities,
      anchors: project.anchors,
      summary: summarise(claim.asserts, reads.names),
    });
    if (result.rule === null) {
      diagnostics.push(diagnostic('verify/no-rule-fired', at, `no rule in ruleset "${ruleset.id}" fired for claim "${claim.id}"; rated "${config.fallback_rating}"`, 'warning'));
    }
    results.push(result);
    dependencies.set(claim.id, reads.keys());
  }
  return { claims: results, diagnostics, dependencies };
}

/** Loads and verifies a project in one call: the library's main entry point. */
export async function verify(root: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const loaded = await loadProject(root);
  const verified = loaded.project ? await verifyProject(loaded.project, options) : { claims: [], diagnostics: [] };
  return assembleResult(loaded.project, verified.claims, [...loaded.diagnostics, ...verified.diagnostics]);
}

export function assembleResult(project: Project | undefined, claims: ClaimResult[], diagnostics: Diagnostic[], shard?: Shard): VerifyResult {
  const scale = project?.config.scale ?? [];
  const sorted = sortDiagnostics(diagnostics);
  return {
    tool: { name: 'factcheck', version: VERSION },
    scale: scale.map((r) => ({ id: r.id, label: r.label, color: r.color })),
    claims,
    totals: countTotals(scale, claims, sorted),
    diagnostics: sorted,
    ...(shard ? { shard } : {}),
  };
}

/** 0: everything verified; 2: invalid input. (1 is reserved for CI checks of recorded verdicts.) */
export function exitCodeOf(diagnostics: readonly Diagnostic[]): 0 | 2 {
  return hasErrors(diagnostics) ? 2 : 0;
}

/** A run's verdicts in the form the lock file records, with the current input hashes. */
export interface RecordedVerdicts {
  entries: Map<string, LockEntry>;
  hashes: Map<string, string>;
}

export function recordVerdicts(project: Project, verification: ProjectVerification): RecordedVerdicts {
  const hashes = inputHashes(project);
  const entries = new Map<string, LockEntry>();
  for (const claim of verification.claims) entries.set(claim.id, lockEntry(claim, verification.dependencies.get(claim.id) ?? [], hashes));
  return { entries, hashes };
}

/** Compares a run with the recorded verdicts, locating each changed claim and each cause that still exists. */
export function checkRecorded(lock: Lock, project: Project, recorded: RecordedVerdicts): VerdictDiff {
  const diff = diffVerdicts(lock, recorded.entries, project.claimIds, recorded.hashes);
  for (const change of diff.changed) {
    const at = locateInput(`claim:${change.id}`, project);
    if (at) change.at = at;
    for (const cause of change.causes) {
      const where = locateInput(cause.key, project);
      if (where) cause.at = where;
    }
  }
  return diff;
}

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
  for (const c of detectContradictions(pool, buildIndex(pool, project.config.vocabulary), project.entities)) {
    const [a, b] = c.records;
    if (oldIds.has(a) !== oldIds.has(b)) partners.add(`evidence:${oldIds.has(a) ? b : a}`);
  }
  for (const [id, keys] of dependencies) if (keys.some((k) => partners.has(k))) selected.add(id);
  return selected;
}
