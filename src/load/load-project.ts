import { realpath } from 'node:fs/promises';
import { anchorAll } from '../anchor/anchor-records.js';
import { diagnostic, sortDiagnostics, type Diagnostic, type Position } from '../diagnostics.js';
import { buildIndex } from '../evidence/build-index.js';
import { CONTRADICTION_LIMITS, detectContradictions, type ContradictionCheck } from '../evidence/detect-contradictions.js';
import { createNames, type Names } from '../facts/fact-types.js';
import { kindOf, type FileKind } from './layout.js';
import type { ProjectListing } from './list-files.js';
import { type FileCache } from '../cache/file-cache.js';
import type { ParsedFile } from './parse-yaml.js';
import { readProjectFiles, type KnownFiles } from './read-files.js';
import { fileIntake, parseAll } from './parse-all.js';
import { checkBrokenRules, checkRules } from '../rules/check-rules.js';
import { findUnloaded } from '../validate/find-unloaded.js';
import type { Config, Contradiction, Entity, EvidenceRecord, LoadResult, Locator, Project, Unloaded } from '../types.js';
import { createModelBuilder, type AdmitRecord, type Model } from '../validate/build-model.js';
import { checkReferences, type ReferenceCheck } from '../validate/check-references.js';
import { resolveRecordDates } from '../validate/resolve-record-dates.js';
import { describeContradiction } from '../verdict/describe-contradiction.js';
import { openCache, type Environment } from '../cache/cache-stamp.js';
import { readSnapshots } from './read-snapshots.js';
import { append } from '../model/append.js';
import { keepNamedSources, quotedSources } from './partial-model.js';

export interface LoadOptions {
  /** Keep parse and schema results in a content-hash cache under the project root (.factcheck-cache). */
  cache?: boolean;
  /** The environment to read (for where the cache's key is kept); this process's when absent. */
  env?: Environment;
  /** Worker threads to parse with when there is enough YAML to be worth it; 0 parses in this thread. Default: one per core. */
  workers?: number;
  /** false: parse every file with yaml's parseDocument, never the fast path (which gives the same). Default true. */
  fastYaml?: boolean;
  /** Told how many files are parsed so far, as they are. */
  onProgress?: (progress: { stage: 'parse'; done: number; total: number }) => void;
  /**
   * Parsed files to load as if they were in the project: a rule test's inline
   * corpus, whose positions point into its test file. Schema-checked here.
   */
  extra?: readonly ParsedFile[];
  /**
   * Load only the project files this accepts, and only the snapshots their
   * records and claims quote: a partial run's model (cache/partial-run.ts),
   * whose caller answers for what is left out.
   */
  loadOnly?: (path: string, kind: FileKind) => boolean;
  /**
   * Of the records the files hold, keep only those this accepts: the rest
   * are dropped before they are checked, dated, anchored or indexed, and the
   * sources neither the records kept nor the claims name, down their relays,
   * are not even built. A partial run's, whose caller answers for what is
   * left out.
   */
  keepRecord?: (r: EvidenceRecord, model: { config: Config; entities: ReadonlyMap<string, Entity> }) => boolean;
  /**
   * Asked first, of each record as its file gives it: one refused is not
   * even built. It must accept every record keepRecord would keep.
   */
  admitRecord?: AdmitRecord;
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
  const cache = options.cache ? await openCache(root, diagnostics, options.env) : undefined;
  let loaded: LoadResult;
  try {
    loaded = await loadWith(root, diagnostics, { ...options, cache });
  } catch (error) {
    // Stopped half-way (a file changed while it was read): nothing half-made is left in the cache.
    cache?.abandon();
    throw error;
  }
  await cache?.finish();
  return loaded;
}

export type WithCache = Omit<LoadOptions, 'cache'> & {
  cache: FileCache | undefined;
  unchanged?: KnownFiles;
  /** The project's files as the caller listed them at the run's start: not listed again. */
  listing?: ProjectListing;
};

/** loadProject with the cache, if any, opened by the caller, who prunes it when done with it. */
export async function loadWith(root: string, diagnostics: Diagnostic[], options: WithCache): Promise<LoadResult> {
  const read = await readProjectFiles(root, options.unchanged, options.loadOnly, options.listing);
  append(diagnostics, read.diagnostics);
  // A partial load builds only the sources its kept records and claims name (keepNamedSources).
  const builder = createModelBuilder(options.admitRecord, options.keepRecord !== undefined);
  const files = fileIntake(builder);
  const { inputs, stamps } = await parseAll(root, read.files, options, (i, processed) => files.own(read.files[i]!, processed));
  for (const file of options.extra ?? []) files.extra(file);
  append(diagnostics, files.diagnostics);
  const locate: Locator = (ref, ...sub) => files.parsed.get(ref.file)?.locate([...ref.path, ...sub]) ?? { file: ref.file, line: 1, col: 1 };

  const built = builder.finish();
  const { model } = built;
  const { keepRecord } = options;
  if (keepRecord && model.config) {
    for (const [id, r] of model.evidence) if (!keepRecord(r, { config: model.config, entities: model.entities })) model.evidence.delete(id);
    keepNamedSources(model, built.deferred);
  }
  // After the sources named are built: their problems too.
  append(diagnostics, built.diagnostics);
  if (!model.config) return { project: undefined, diagnostics: sortDiagnostics(diagnostics), inputs, stamps };
  const checked = checkModel(model, files.brokenRules, locate, diagnostics);
  const snapshots = await readSnapshots(root, options.loadOnly ? quotedSources(model) : model.sources, locate, diagnostics, inputs, stamps);
  const evidence = anchorEvidence(model, checked.references, snapshots, locate, diagnostics);
  // Contradictions past the check's limits are not known: verdicts without them could confirm what is contradicted.
  if (!evidence) return { project: undefined, diagnostics: sortDiagnostics(diagnostics), inputs, stamps };

  // Which items did not load is asked of files with errors alone: the other files' parsed values,
  // tens of megabytes that the model has copied what it needs from, are let go.
  const loadDiagnostics = sortDiagnostics(diagnostics);
  // In the order they were found: findUnloaded names the first error inside each item.
  const found = [...diagnostics];
  const failed = new Set(found.filter((d) => d.severity === 'error').map((d) => d.file));
  const ownFiles = new Set(read.files.map((f) => f.path));
  for (const file of files.parsed.values()) if (ownFiles.has(file.path) && !failed.has(file.path)) file.value = undefined;

  const project: Project = {
    root,
    config: model.config,
    entities: model.entities,
    sources: model.sources,
    evidence: evidence.evidence,
    excludedEvidence: [...model.evidence.values()].filter((r) => !evidence.evidence.has(r.id)),
    claims: model.claims.filter((c) => !checked.references.invalidClaims.has(c.id) && !evidence.misquotedClaims.has(c.id)),
    claimIds: new Set(model.claims.map((c) => c.id)),
    rulesets: new Map([...model.rulesets].filter(([id]) => !checked.brokenRulesets.has(id))),
    snapshots,
    anchors: evidence.anchors,
    contradictions: evidence.contradictions,
    contradictionCheck: evidence.contradictionCheck,
    index: evidence.index,
    locate,
    inputs,
    // Not the model: its map of every record, ruled out or not, is not held to the end of the run.
    unloaded: () => unloadedOf(project, files.parsed, found),
  };
  return { project, diagnostics: loadDiagnostics, inputs, stamps };
}

/** References across files, then the rules' names and paths, each place reported once. */
function checkModel(model: Model, brokenRules: readonly ParsedFile[], locate: Locator, diagnostics: Diagnostic[]) {
  const references = checkReferences(model, locate);
  // A ruleset its file's errors kept out makes its claims' rulesets unknown too: say where to look first.
  const rulesWithErrors = [...new Set(diagnostics.filter((d) => d.severity === 'error' && kindOf(d.file) === 'rules').map((d) => d.file))];
  const cascade = rulesWithErrors.length ? `; ${rulesWithErrors.join(', ')} ${rulesWithErrors.length === 1 ? 'has' : 'have'} errors, which may be why` : '';
  append(
    diagnostics,
    references.diagnostics.map((d) => (cascade && (d.code === 'ref/no-ruleset' || d.code === 'ref/unknown-ruleset') ? { ...d, message: d.message + cascade } : d)),
  );
  const rules = checkRules(model.rulesets, model.config, locate);
  append(diagnostics, rules.diagnostics);
  // A rules file its schema errors kept out is still read for the rest of its problems, each place reported once.
  const reported = new Set(diagnostics.map((d) => `${d.file}:${d.line}:${d.col}`));
  append(diagnostics, brokenRules.flatMap((file) => checkBrokenRules(file, model.config, locate)).filter((d) => !reported.has(`${d.file}:${d.line}:${d.col}`)));
  return { references, brokenRulesets: rules.broken };
}

/**
 * The evidence that gets in: dated (relative dates resolved), its quotes in
 * their archived sources (a misquote never gets in), indexed, and checked
 * for contradictions, each reported as a warning.
 */
function anchorEvidence(model: Model, references: ReferenceCheck, snapshots: ReadonlyMap<string, string>, locate: Locator, diagnostics: Diagnostic[]) {
  // Each map of 100,000 records costs tens of milliseconds to fill: none is made that is not needed.
  let valid = model.evidence;
  if (references.invalidEvidence.size) {
    valid = new Map();
    for (const [id, r] of model.evidence) if (!references.invalidEvidence.has(id)) valid.set(id, r);
  }
  const dated = resolveRecordDates(valid, locate);
  append(diagnostics, dated.diagnostics);
  const referenced = [...dated.evidence.values()];
  const anchoring = anchorAll(referenced, model.claims.filter((c) => !references.invalidClaims.has(c.id)), model.sources, snapshots, locate);
  append(diagnostics, anchoring.diagnostics);
  // A quote found as written is the snapshot's own words: the record holds them as a slice of the
  // snapshot, which the run holds anyway, rather than keep a copy of its own to the end of the run.
  for (const r of referenced) {
    const exact = anchoring.records.exact(r.id);
    if (exact === r.quote) r.quote = exact;
  }
  // The misquoted leave a copy, the rest in their order; with none, the records are used as they are.
  let evidence = dated.evidence;
  if (anchoring.misquotedRecords.size) {
    const kept = new Map(evidence);
    for (const id of anchoring.misquotedRecords) kept.delete(id);
    evidence = kept;
  }
  const index = buildIndex(evidence.values(), model.config!.vocabulary, evidence);
  const { contradictions, comparisons, counted, stopped } = detectContradictions([...evidence.values()], index, model.entities);
  if (stopped) {
    diagnostics.push(tooManyContradictions(stopped, locate(evidence.get(stopped.record)!.ref)));
    return undefined;
  }
  const names = createNames(model.entities, model.sources, model.config!.vocabulary);
  for (const c of contradictions) diagnostics.push(contradictionWarning(c, evidence, names, locate));
  return { evidence, index, contradictions, contradictionCheck: { comparisons, counted }, anchors: { records: anchoring.records, claims: anchoring.claims }, misquotedClaims: anchoring.misquotedClaims };
}

/** The warning a contradiction gets, at the record that disagrees. */
export function contradictionWarning(c: Contradiction, evidence: ReadonlyMap<string, EvidenceRecord>, names: Names, locate: Locator): Diagnostic {
  const other = locate(evidence.get(c.records[0])!.ref);
  const message = `${describeContradiction(c, evidence, names)} (see ${other.file}:${other.line}:${other.col})`;
  return diagnostic('evidence/contradiction', locate(evidence.get(c.records[1])!.ref), message, 'warning');
}

function tooManyContradictions(stopped: NonNullable<ContradictionCheck['stopped']>, at: Position): Diagnostic {
  const limit = CONTRADICTION_LIMITS[stopped.limit].toLocaleString('en-US');
  const [what, where] =
    stopped.limit === 'pairs'
      ? [`more than ${limit} pairs of records contradict each other`, 'many records of one subject and measure that differ in value, or of one occurrence that differ in date']
      : [
          `finding contradictions would take more than ${limit} comparisons of records and lookups of group members`,
          'many figures of one subject and measure, of different values or dates, whose dates overlap or are missing, or many windows stated as complete on a large group',
        ];
  return diagnostic('evidence/too-many-contradictions', at, `${what}, more than the check takes, so no claim is verified. The check stopped at this record: look for ${where}`);
}

/** What did not load, for comparing with recorded verdicts: worked out only when asked. */
function unloadedOf(project: Project, parsed: ReadonlyMap<string, ParsedFile>, diagnostics: readonly Diagnostic[]): Unloaded {
  // Files that could not be read at all (too large, not UTF-8) were never parsed: their items are unknown.
  const unread = diagnostics.filter((d) => d.severity === 'error' && !parsed.has(d.file) && kindOf(d.file));
  const files = [...parsed.values(), ...unread.map((d) => ({ path: d.file, kind: kindOf(d.file)!, value: undefined, locate: () => d }))];
  const claims = new Set(project.claims.map((c) => c.id));
  const loaded = (key: string) => {
    const [kind, id = ''] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'claim') return claims.has(id);
    if (kind === 'evidence') return project.evidence.has(id);
    if (kind === 'source') return project.sources.has(id);
    if (kind === 'entity') return project.entities.has(id);
    return project.rulesets.has(id);
  };
  return findUnloaded(files, diagnostics, loaded);
}
