import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
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
import { KIND_FOLDERS, kindOf, LIMITS } from './load/layout.js';
import type { ParsedFile } from './load/parse-yaml.js';
import { defaultWorkers, processFiles } from './load/parse-pool.js';
import { toParsedFile, type ProcessedFile } from './load/process-file.js';
import { cacheKeyPath, loadCacheKey } from './load/cache-key.js';
import { openFileCache, type FileCache } from './load/file-cache.js';
import { hashCode } from './load/hash-code.js';
import type { Change } from './incremental/changed-keys.js';
import { decodeText, listProjectFiles, readProjectBytes, readProjectFiles, resolveInside, stampProjectFile, type FileStamp } from './load/read-files.js';
import { checkBrokenRules, checkRules } from './rules/check-rules.js';
import { findUnloaded } from './validate/find-unloaded.js';
import { createRunner, type RulesRunner } from './rules/run-rules.js';
import { recordReads } from './record/record-reads.js';
import type { RuleTestCase } from './rule-tests/check-rule-tests.js';
import { loadRuleTests } from './rule-tests/load-rule-tests.js';
import { measureCoverage, type Coverage } from './rule-tests/measure-coverage.js';
import { portableTestFiles } from './rule-tests/portable-tests.js';
import { runRuleTests, type CaseResult } from './rule-tests/run-rule-tests.js';
import { createFootprintCheck, hydrate, isFresh, type KeptClaim, type StoredClaim } from './record/result-store.js';
import { diffVerdicts, type VerdictDiff } from './record/diff-verdicts.js';
import { hashOf, inputHashes } from './record/hash-inputs.js';
import { locateInput } from './record/locate-input.js';
import { inShard, type Shard } from './record/shard.js';
import { hashText, keptBlobs, MANIFEST_BLOB, parseManifest, RACY_MS, readKept, serializeKept, serializeManifest, type RunManifest } from './record/run-manifest.js';
import { lockEntry, type Lock, type LockEntry } from './record/lock-file.js';
import type { Claim, ClaimResult, LoadResult, Locator, Project, Ruleset, Source, VerifyResult } from './types.js';
import { buildModel, type UsableFile } from './validate/build-model.js';
import { didYouMean } from './validate/suggest.js';
import { validateSchema } from './validate/validate-schema.js';
import { checkReferences } from './validate/check-references.js';
import { resolveRecordDates } from './validate/resolve-record-dates.js';
import { readSchema, SCHEMA_FILES } from './validate/compile-schemas.js';
import { buildClaimResult } from './verdict/build-claim-result.js';
import { countTotals } from './verdict/count-totals.js';
import { describeContradiction } from './verdict/describe-contradiction.js';

export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

let stamp: string | undefined;
/**
 * What a cache entry must have been made by: this version of this code, with
 * these schemas and these versions of the libraries that parse, validate and
 * decide (an `npm update` can change what they make of the same file).
 */
export function cacheStamp(): string {
  if (stamp === undefined) {
    const require = createRequire(import.meta.url);
    const libraries = ['yaml', 'ajv', 'json-rules-engine'].map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
    const schemas = hashOf([...Object.values(SCHEMA_FILES), 'common.schema.json'].map(readSchema));
    stamp = `${VERSION}:${hashCode(dirname(fileURLToPath(import.meta.url)))}:${schemas}:${libraries.join(',')}`;
  }
  return stamp;
}

async function openCache(root: string, diagnostics: Diagnostic[]): Promise<FileCache | undefined> {
  const secret = await loadCacheKey(cacheKeyPath(), root);
  if (!secret) return undefined;
  const opened = await openFileCache(root, cacheStamp(), secret);
  diagnostics.push(...opened.diagnostics);
  return opened.cache;
}

export interface LoadOptions {
  /** Keep parse and schema results in a content-hash cache under the project root (.factcheck-cache). */
  cache?: boolean;
  /** Worker threads to parse with when there is enough YAML to be worth it; 0 parses in this thread. Default: one per core. */
  workers?: number;
  /** Told how many files are parsed so far, as they are. */
  onProgress?: (progress: { stage: 'parse'; done: number; total: number }) => void;
  /**
   * Parsed files to load as if they were in the project: a rule test's inline
   * corpus, whose positions point into its test file. Schema-checked here.
   */
  extra?: readonly ParsedFile[];
}

/**
 * Loads a project: reads and parses every file, validates it against its
 * schema, builds the model and checks every reference. Never throws on bad
 * input: problems come back as diagnostics, and whatever is valid is kept.
 */
export async function loadProject(projectRoot: string, options: LoadOptions = {}): Promise<LoadResult> {
  // Every path check compares against the real root, so a project reached by a symlink still loads.
  const root = await realpath(projectRoot);
  const diagnostics: Diagnostic[] = [];
  const cache = options.cache ? await openCache(root, diagnostics) : undefined;
  const loaded = await loadWith(root, diagnostics, { ...options, cache });
  await cache?.prune();
  return loaded;
}

/** loadProject with the cache, if any, opened by the caller, who prunes it when done with it. */
async function loadWith(
  root: string,
  diagnostics: Diagnostic[],
  options: Omit<LoadOptions, 'cache'> & { cache: FileCache | undefined; unchanged?: ReadonlyMap<string, { hash: string; stamp: FileStamp }> },
): Promise<LoadResult> {
  const { cache, onProgress } = options;
  const read = await readProjectFiles(root, options.unchanged);
  diagnostics.push(...read.diagnostics);

  // Cached results first; what is left is parsed, in worker threads when there is enough of it.
  const results = new Array<ProcessedFile | undefined>(read.files.length);
  const hashes = read.files.map((text) => text.hash ?? sha256(text.text));
  const inputs = new Map(read.files.map((text, i) => [text.path, hashes[i]!]));
  const stamps = new Map(read.files.flatMap((text) => (text.stamp ? [[text.path, text.stamp] as const] : [])));
  if (cache) for (const [i, text] of read.files.entries()) results[i] = await cache.get(text.kind, hashes[i]!);
  const misses = read.files.flatMap((text, i) => (results[i] ? [] : [i]));
  // Each result is written to the cache as it arrives, while the workers go on parsing.
  const writes: Promise<void>[] = [];
  let done = read.files.length - misses.length;
  onProgress?.({ stage: 'parse', done, total: read.files.length });
  const fresh = await processFiles(misses.map((i) => read.files[i]!), options.workers ?? defaultWorkers(), {
    onResult: (j, { json }) => {
      const i = misses[j]!;
      if (cache && json !== undefined) writes.push(cache.set(read.files[i]!.kind, hashes[i]!, json));
      onProgress?.({ stage: 'parse', done: ++done, total: read.files.length });
    },
  });
  for (const [j, i] of misses.entries()) results[i] = fresh[j]!.processed;
  await Promise.all(writes);
  const usable: UsableFile[] = [];
  const parsed = new Map<string, ParsedFile>();
  const brokenRules: ParsedFile[] = [];
  for (const [i, text] of read.files.entries()) {
    const processed = results[i]!;
    const { file, diagnostics: problems } = toParsedFile(text, processed);
    parsed.set(file.path, file);
    diagnostics.push(...problems);
    if (file.value !== undefined && !processed.fileInvalid) usable.push({ file, skip: new Set(processed.invalidItems) });
    else if (file.kind === 'rules') brokenRules.push(file);
  }
  for (const file of options.extra ?? []) {
    const check = validateSchema(file);
    parsed.set(file.path, file);
    diagnostics.push(...check.diagnostics);
    if (!check.fileInvalid) usable.push({ file, skip: check.invalidItems });
  }
  const locate: Locator = (ref, ...sub) =>
    parsed.get(ref.file)?.locate([...ref.path, ...sub]) ?? { file: ref.file, line: 1, col: 1 };

  const built = buildModel(usable);
  diagnostics.push(...built.diagnostics);
  const { model } = built;
  if (!model.config) return { project: undefined, diagnostics: sortDiagnostics(diagnostics), inputs, stamps };

  const references = checkReferences(model, locate);
  // A ruleset its file's errors kept out makes its claims' rulesets unknown too: say where to look first.
  const rulesWithErrors = [...new Set(diagnostics.filter((d) => d.severity === 'error' && kindOf(d.file) === 'rules').map((d) => d.file))];
  const cascade = rulesWithErrors.length ? `; ${rulesWithErrors.join(', ')} ${rulesWithErrors.length === 1 ? 'has' : 'have'} errors, which may be why` : '';
  diagnostics.push(
    ...references.diagnostics.map((d) => (cascade && (d.code === 'ref/no-ruleset' || d.code === 'ref/unknown-ruleset') ? { ...d, message: d.message + cascade } : d)),
  );
  const rules = checkRules(model.rulesets, model.config, locate);
  diagnostics.push(...rules.diagnostics);
  // A rules file its schema errors kept out is still read for the rest of its problems, each place reported once.
  const reported = new Set(diagnostics.map((d) => `${d.file}:${d.line}:${d.col}`));
  diagnostics.push(...brokenRules.flatMap((file) => checkBrokenRules(file, model.config, locate)).filter((d) => !reported.has(`${d.file}:${d.line}:${d.col}`)));

  const snapshots = await readSnapshots(root, model.sources, locate, diagnostics, inputs, stamps);

  // Records dated relative to others get their dates; a record or claim whose words are not in
  // its archived source never gets in.
  const dated = resolveRecordDates(new Map([...model.evidence].filter(([id]) => !references.invalidEvidence.has(id))), locate);
  diagnostics.push(...dated.diagnostics);
  const referenced = [...dated.evidence.values()];
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
    inputs,
    unloaded: () => {
      // Files that could not be read at all (too large, not UTF-8) were never parsed: their items are unknown.
      const unread = diagnostics.filter((d) => d.severity === 'error' && !parsed.has(d.file) && kindOf(d.file));
      const files = [...parsed.values(), ...unread.map((d) => ({ path: d.file, kind: kindOf(d.file)!, value: undefined, locate: () => d }))];
      const claims = new Set(project.claims.map((c) => c.id));
      const loaded = (key: string) => {
        const [kind, id = ''] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
        if (kind === 'claim') return claims.has(id);
        if (kind === 'evidence') return evidence.has(id);
        if (kind === 'source') return model.sources.has(id);
        if (kind === 'entity') return model.entities.has(id);
        return project.rulesets.has(id);
      };
      return findUnloaded(files, diagnostics, loaded);
    },
  };
  return { project, diagnostics: sortDiagnostics(diagnostics), inputs, stamps };
}

async function readSnapshots(
  root: string,
  sources: ReadonlyMap<string, Source>,
  locate: Locator,
  diagnostics: Diagnostic[],
  inputs: Map<string, string>,
  stamps: Map<string, FileStamp>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const source of [...sources.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!source.snapshot) continue;
    // Positions below a list item cost a re-parse: only for a problem.
    const at = () => locate(source.ref, 'snapshot', 'path');
    const read = await readProjectBytes(root, source.snapshot.path, LIMITS.maxSnapshotBytes);
    if ('diagnostic' in read) {
      const hint = read.diagnostic.code === 'file/missing' ? await nearbyFile(root, source.snapshot.path) : '';
      diagnostics.push({ ...read.diagnostic, ...at(), message: `snapshot ${source.snapshot.path}: ${read.diagnostic.message}${hint}` });
      continue;
    }
    const sha256 = createHash('sha256').update(read.bytes).digest('hex');
    inputs.set(source.snapshot.path, sha256);
    stamps.set(source.snapshot.path, read.stamp);
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
    const text = decodeText(read.bytes, { file: source.snapshot.path, line: 1, col: 1 });
    if ('text' in text) out.set(source.id, text.text);
    else diagnostics.push({ ...text.diagnostic, ...at() });
  }
  return out;
}

export interface VerifyOptions {
  /** Verify only the claims this accepts; all by default. */
  select?: (claim: Claim) => boolean;
  /** An earlier run's results: each is reused if its footprint still holds, instead of verifying the claim again. */
  previous?: ReadonlyMap<string, KeptClaim>;
  /** Keep every result with its footprint (in `stored`), for a later run to reuse. */
  store?: boolean;
  /** Whole results will be read (not only the table's fields): reuse only earlier results kept whole. */
  whole?: boolean;
  /** Told how many claims are verified (or reused) so far. */
  onProgress?: (progress: { stage: 'verify'; done: number; total: number }) => void;
}

export interface ProjectVerification {
  claims: ClaimResult[];
  diagnostics: Diagnostic[];
  /** Each claim verified in this run, with its inputs as record/hash-inputs keys, computed on demand. Reused results have none. */
  dependencies: Map<string, () => string[]>;
  /** With `store`: every result, reused or new, ready to keep. */
  stored?: Map<string, StoredClaim>;
  /** The claims whose earlier results were reused. */
  reused: Set<string>;
}

/** What every claim of a project is matched against, built once. */
interface Workbench {
  ctx: MatchContext;
  names: Names;
  /** The ruleset a claim uses, or undefined when it is broken. */
  rulesetOf(claim: Claim): Ruleset | undefined;
  /** The ruleset id each claim kind gets when a claim names none. */
  defaults: ReadonlyMap<string, string>;
}

const NO_CONTRADICTIONS: readonly Contradiction[] = Object.freeze([]);

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

/** A did-you-mean among the files next to a missing one (its folder only: nothing outside is listed). */
async function nearbyFile(root: string, path: string): Promise<string> {
  const slash = path.lastIndexOf('/');
  const folder = slash === -1 ? '' : path.slice(0, slash);
  const inside = await resolveInside(root, folder === '' ? '.' : folder);
  if (!inside.ok) return '';
  try {
    const names = readdirSync(inside.path, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    return didYouMean(path.slice(slash + 1), names).replace(/"([^"]+)"/, (_, name: string) => `"${folder ? `${folder}/` : ''}${name}"`);
  } catch {
    return '';
  }
}

/** Verifies a loaded project's claims. Deterministic: claims come back sorted by id. */
export async function verifyProject(project: Project, options: VerifyOptions = {}): Promise<ProjectVerification> {
  const diagnostics: Diagnostic[] = [];
  const { config } = project;
  const { ctx, rulesetOf } = workbench(project);
  const runners = new Map<string, RulesRunner>();
  const dependencies = new Map<string, () => string[]>();
  const stored = options.store ? new Map<string, StoredClaim>() : undefined;
  const reused = new Set<string>();
  const stillHolds = options.previous ? createFootprintCheck(project, ctx.contradictionsOf) : undefined;

  const claims = project.claims.filter(options.select ?? (() => true)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!project.claimIds.size) diagnostics.push(noClaims(project));
  const results: ClaimResult[] = [];
  let done = 0;
  // One claim at a time: each ruleset's engine must never see two runs at once.
  for (const claim of claims) {
    options.onProgress?.({ stage: 'verify', done: done++, total: claims.length });
    const earlier = options.previous?.get(claim.id);
    if (earlier?.footprint && (!options.whole || earlier.json) && stillHolds!(earlier.footprint)) {
      results.push(hydrate(earlier));
      diagnostics.push(...earlier.diagnostics);
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
    const own: Diagnostic[] = [];
    if (result.rule === null) {
      own.push(diagnostic('verify/no-rule-fired', at, `no rule in ruleset "${ruleset.id}" fired for claim "${claim.id}"; rated "${config.fallback_rating}"`, 'warning'));
    }
    diagnostics.push(...own);
    results.push(result);
    dependencies.set(claim.id, reads.keys);
    stored?.set(claim.id, { result, diagnostics: own, footprint: reads.footprint([config.ref.file, ruleset.ref.file, claim.ref.file], project.inputs) });
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
  for (const claim of verification.claims) {
    const keys = verification.dependencies.get(claim.id);
    // A reused result has no recorded reads; recording needs every claim verified afresh.
    if (!keys) throw new Error(`internal: claim "${claim.id}" has no recorded inputs to record`);
    entries.set(claim.id, lockEntry(claim, keys(), hashes));
  }
  return { entries, hashes };
}

/**
 * Claims whose recorded verdict is stale: new since the lock was written, or
 * read an input whose content differs from the one recorded. A run limited
 * by --changed-since verifies these too, so a lock left behind by an earlier
 * commit is caught whatever ref is given.
 */
export function staleClaims(lock: Lock, project: Project): Set<string> {
  const hashes = inputHashes(project);
  const stale = new Set<string>();
  for (const claim of project.claims) {
    const entry = lock.claims[claim.id];
    if (!entry || Object.entries(entry.inputs).some(([key, hash]) => hashes.get(key) !== hash)) stale.add(claim.id);
  }
  return stale;
}

/** Compares a run with the recorded verdicts, locating each changed claim and each cause that still exists. */
export function checkRecorded(lock: Lock, project: Project, recorded: RecordedVerdicts): VerdictDiff {
  const diff = diffVerdicts(lock, recorded.entries, project.claimIds, recorded.hashes, project.unloaded?.());
  for (const change of [...diff.changed, ...diff.uncompared]) {
    const at = locateInput(`claim:${change.id}`, project);
    if (at) change.at = at;
    if (!('causes' in change)) continue;
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

export interface CachedVerifyOptions {
  /** Parse threads; see LoadOptions. */
  workers?: number;
  /** Verify only the claims this accepts; all by default. */
  select?: (claim: Claim) => boolean;
  /** Set when the selection is one shard of a sharded run. */
  shard?: Shard;
  /**
   * The output shows whole results, not only the verdict table. A run that
   * prints the table keeps only what it needs; a later run that needs whole
   * results verifies again the claims it lacks them for, once.
   */
  whole?: boolean;
  /** Told how far parsing, then verifying, has got. */
  onProgress?: (progress: { stage: 'parse' | 'verify'; done: number; total: number }) => void;
}

export interface CachedVerification {
  result: VerifyResult;
  /** The project, when it had to be loaded. */
  project?: Project;
  /** What was reused: the whole last result when no input changed, else the results whose footprints still held. */
  reused: { whole: boolean; claims: number };
}

/**
 * verify through the cache, the fastest way to a result that is exactly what a
 * full run would print. When no file has changed since the last full run (by
 * stamp, or by content where a stamp is too recent to trust), its result is
 * printed again without loading the project. Otherwise the project is loaded
 * (unchanged files from the parse cache) and each claim's earlier result is
 * reused when its footprint still holds; the rest are verified. A full run
 * keeps its results and a manifest of its inputs for the next one.
 */
export async function verifyWithCache(projectRoot: string, options: CachedVerifyOptions = {}): Promise<CachedVerification> {
  const root = await realpath(projectRoot);
  // Stamps taken from now on are compared with this: a write in the same clock tick as a stamp
  // could leave it unchanged, so stamps this recent prove nothing next time.
  const started = Date.now();
  const diagnostics: Diagnostic[] = [];
  const cache = await openCache(root, diagnostics);
  const full = !options.select && !options.shard;
  const manifest = cache ? parseManifest(cache.getBlob(MANIFEST_BLOB)) : undefined;
  const listing = await listProjectFiles(root);
  const since = manifest ? await unchangedSince(root, manifest, listing) : undefined;
  const whole = Boolean(options.whole);

  if (cache && manifest && full && since?.all) {
    const kept = readAllKept(cache, Object.keys(manifest.claimsFiles), whole);
    // The kept claims must be those the manifest's run wrote: another run may have written since.
    const same = Object.entries(manifest.claimsFiles).every(([file, { kept: hash }]) => kept.texts.has(file) && hashText(kept.texts.get(file)!) === hash);
    const claims = Object.values(manifest.claimsFiles)
      .flatMap((f) => f.ids)
      .sort(compareIds)
      .map((id) => kept.claims.get(id));
    if (same && claims.every((c) => c !== undefined && (!whole || c.json))) {
      const { tool, scale, totals, diagnostics: all } = manifest.result;
      // The fields in assembleResult's order: the same JSON, byte for byte.
      const result: VerifyResult = { tool, scale, claims: claims.map((c) => hydrate(c!)), totals, diagnostics: all };
      return { result, reused: { whole: true, claims: claims.length } };
    }
  }

  // Unchanged files are read only if their parse is not in the cache.
  const loaded = await loadWith(root, diagnostics, {
    cache,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(since ? { unchanged: since.unchanged } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const project = loaded.project;
  const claimsFiles = project ? [...new Set(project.claims.map((c) => c.ref.file))] : [];
  // With an id defined twice, which definition wins can change without any file a result read
  // changing: nothing kept is reused until the project is whole again.
  const ambiguous = loaded.diagnostics.some((d) => d.code === 'ref/duplicate-id');
  const previous = cache && project ? readAllKept(cache, claimsFiles, whole) : undefined;
  const verification: ProjectVerification = project
    ? await verifyProject(project, {
        select: selector(options),
        ...(previous && !ambiguous ? { previous: previous.claims } : {}),
        store: Boolean(cache),
        whole,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      })
    : { claims: [], diagnostics: [], dependencies: new Map(), reused: new Set() };
  const result = assembleResult(project, verification.claims, [...loaded.diagnostics, ...verification.diagnostics], options.shard);

  if (cache && project && full && verification.stored) {
    const byFile = new Map<string, Map<string, StoredClaim>>();
    for (const claim of [...project.claims].sort((a, b) => compareIds(a.id, b.id))) {
      const kept = verification.stored.get(claim.id);
      if (!kept) continue;
      if (!byFile.has(claim.ref.file)) byFile.set(claim.ref.file, new Map());
      byFile.get(claim.ref.file)!.set(claim.id, kept);
    }
    const keptHashes = new Map<string, string>();
    for (const [file, claims] of byFile) {
      // A file whose claims were all reused as kept, and are the same claims, is kept as it is.
      const before = previous?.texts.get(file);
      if (before !== undefined && [...claims.values()].every((c) => !isFresh(c)) && sameKeys(previous!.files.get(file)!, claims)) {
        keptHashes.set(file, hashText(before));
        continue;
      }
      const texts = serializeKept(claims, whole);
      const names = keptBlobs(file);
      // Results first: kept claims name theirs by hash, so they must not name what is not there yet.
      if (texts.results !== undefined) await cache.setBlob(names.results, texts.results);
      await cache.setBlob(names.kept, texts.kept);
      keptHashes.set(file, hashText(texts.kept));
    }
    const inputs: RunManifest['inputs'] = {};
    for (const [path, hash] of [...loaded.inputs].sort(([a], [b]) => compareIds(a, b))) {
      const stamp = loaded.stamps.get(path);
      if (stamp) inputs[path] = { hash, stamp };
    }
    // Files that could not be read have no stamp to compare: while any is missing, no run is warm.
    const tried = [...listing.paths.map((p) => p.path), ...[...project.sources.values()].flatMap((s) => (s.snapshot ? [s.snapshot.path] : []))];
    const { claims: _claims, ...rest } = result;
    await cache.setBlob(
      MANIFEST_BLOB,
      serializeManifest({
        written: started,
        inputs,
        listed: listing.paths.map((p) => p.path),
        missing: [...new Set(tried.filter((path) => !loaded.inputs.has(path)))].sort(compareIds),
        claimsFiles: Object.fromEntries([...byFile].map(([file, claims]) => [file, { ids: [...claims.keys()], kept: keptHashes.get(file)! }])),
        result: rest,
      }),
    );
  }
  // A partial run leaves the kept results and manifest as they were; only a full run replaces them.
  if (cache && full) await cache.prune({ blobs: true });
  return { result, ...(project ? { project } : {}), reused: { whole: false, claims: verification.reused.size } };
}

function selector(options: CachedVerifyOptions): ((claim: Claim) => boolean) | undefined {
  const { select, shard } = options;
  if (!select && !shard) return undefined;
  return (claim) => (select?.(claim) ?? true) && (!shard || inShard(claim.id, shard));
}

/**
 * The manifest run's inputs that are as they were, with their hash and stamp,
 * and whether that is all of them, with no YAML file added or removed.
 */
async function unchangedSince(
  root: string,
  manifest: RunManifest,
  listing: Awaited<ReturnType<typeof listProjectFiles>>,
): Promise<{ all: boolean; unchanged: Map<string, { hash: string; stamp: FileStamp }> }> {
  const unchanged = new Map<string, { hash: string; stamp: FileStamp }>();
  const listed = listing.paths.map((p) => p.path);
  let all =
    !listing.diagnostics.length &&
    !manifest.missing.length &&
    listed.length === manifest.listed.length &&
    listed.every((p, i) => p === manifest.listed[i]);
  const trustedBefore = BigInt(manifest.written - RACY_MS) * 1_000_000n;
  for (const [path, { hash, stamp }] of Object.entries(manifest.inputs)) {
    const now = await stampProjectFile(root, path);
    const same = now !== undefined && now.size === stamp.size && now.ino === stamp.ino && now.mtimeNs === stamp.mtimeNs && now.ctimeNs === stamp.ctimeNs;
    if (same && BigInt(now.mtimeNs) < trustedBefore && BigInt(now.ctimeNs) < trustedBefore) {
      unchanged.set(path, { hash, stamp: now });
      continue;
    }
    // A changed stamp, or one too recent to prove anything: compare the content, hashed as a load
    // hashes it (YAML as its decoded text, snapshots as bytes).
    const read = now ? await readProjectBytes(root, path, LIMITS.maxSnapshotBytes) : undefined;
    let nowHash: string | undefined;
    if (read && 'bytes' in read) {
      if (kindOf(path)) {
        const text = decodeText(read.bytes, { file: path, line: 1, col: 1 });
        if ('text' in text) nowHash = sha256(text.text);
      } else nowHash = createHash('sha256').update(read.bytes).digest('hex');
    }
    if (read && 'bytes' in read && nowHash === hash) unchanged.set(path, { hash, stamp: read.stamp });
    else all = false;
  }
  return { all, unchanged };
}

/** The claims kept for these claims files, which claims each file had, and each file's kept blob as read. */
function readAllKept(
  cache: FileCache,
  claimsFiles: readonly string[],
  whole: boolean,
): { claims: Map<string, KeptClaim>; files: Map<string, ReadonlySet<string>>; texts: Map<string, string> } {
  const claims = new Map<string, KeptClaim>();
  const files = new Map<string, ReadonlySet<string>>();
  const texts = new Map<string, string>();
  for (const file of claimsFiles) {
    const kept = readKept(cache, file, whole);
    if (!kept) continue;
    files.set(file, new Set(kept.claims.keys()));
    texts.set(file, kept.text);
    for (const [id, claim] of kept.claims) claims.set(id, claim);
  }
  return { claims, files, texts };
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlyMap<string, unknown>): boolean {
  return a.size === b.size && [...b.keys()].every((k) => a.has(k));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface RuleTestRun {
  results: CaseResult[];
  coverage: Coverage;
  diagnostics: Diagnostic[];
  files: string[];
}

/**
 * Runs the rule tests of a loaded project (rules/tests/, or `only` of them):
 * each case's facts through its ruleset, and what the cases cover.
 */
export async function testRules(project: Project, only?: readonly string[], options: Pick<LoadOptions, 'cache'> = {}): Promise<RuleTestRun> {
  const { loaded, diagnostics, claimFacts } = await ruleTestContext(project, only, options);
  const results = await runRuleTests(loaded.cases, project.rulesets, project.config, claimFacts);
  return { results, coverage: measureCoverage(results, project.rulesets), diagnostics: sortDiagnostics(diagnostics), files: loaded.files };
}

/**
 * The project's rule tests written to hold in any project (see
 * portableTestFiles): what `init` gives a new project. File name → text.
 */
export async function portableRuleTests(project: Project): Promise<Map<string, string>> {
  const { loaded, claimFacts } = await ruleTestContext(project);
  const facts = new Map<RuleTestCase, Record<string, FactScalar>>();
  for (const testCase of loaded.cases) {
    if (testCase.claim === undefined) continue;
    const found = await claimFacts({ ...testCase, claim: testCase.claim });
    if (found) facts.set(testCase, found);
  }
  const headers = loaded.files.map((path) => {
    const first = loaded.cases.find((c) => c.file === path);
    return { path, ruleset: loaded.headers.get(path)?.ruleset ?? first?.ruleset ?? '', ...(loaded.headers.get(path)?.description ? { description: loaded.headers.get(path)!.description! } : {}) };
  });
  return portableTestFiles(headers, loaded.cases, facts, project.rulesets);
}

/** The rule test files of a project, and the facts of the claims their cases start from. */
async function ruleTestContext(project: Project, only?: readonly string[], options: Pick<LoadOptions, 'cache'> = {}) {
  const bench = workbench(project);
  const { rulesetOf, defaults } = bench;
  const claims = new Map(project.claims.map((c) => [c.id, rulesetOf(c)?.id]));
  const loaded = await loadRuleTests(project.root, { rulesets: project.rulesets, config: project.config, claims, defaults }, only);
  const diagnostics = [...loaded.diagnostics];
  const facts = new Map<string, Record<string, FactScalar>>();
  const claimFacts = async (testCase: RuleTestCase & { claim: string }) => {
    if (!testCase.corpus) {
      let found = facts.get(testCase.claim);
      if (!found) {
        const input = ruleInputs(project, (c) => c.id === testCase.claim, bench)[0];
        if (!input) return skipped(testCase);
        facts.set(testCase.claim, (found = input.facts));
      }
      return found;
    }
    // The project again with the case's corpus, which only this case sees. Its problems are the
    // case's; the project's own were reported when it was first loaded.
    const withCorpus = await loadProject(project.root, { ...options, extra: testCase.corpus });
    const own = withCorpus.diagnostics.filter((d) => d.file === testCase.file && d.severity === 'error');
    diagnostics.push(...own);
    const input = withCorpus.project && !own.length ? ruleInputs(withCorpus.project, (c) => c.id === testCase.claim)[0] : undefined;
    if (!input && !own.length) return skipped(testCase);
    return input?.facts;
  };
  // A claim with no usable ruleset (its rules file has errors) has no facts to start from.
  const skipped = (testCase: RuleTestCase & { claim: string }) => {
    diagnostics.push(diagnostic('verify/skipped', testCase, `case "${testCase.name}" was not run: claim "${testCase.claim}" cannot be verified (see the problems with its ruleset)`));
    return undefined;
  };
  return { loaded, diagnostics, claimFacts };
}
