import { realpath } from 'node:fs/promises';
import { anchorAll } from '../anchor/anchor-records.js';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { buildIndex } from '../evidence/build-index.js';
import { detectContradictions } from '../evidence/detect-contradictions.js';
import { createNames } from '../facts/fact-types.js';
import { kindOf } from './layout.js';
import type { ParsedFile } from './parse-yaml.js';
import { defaultWorkers, processFiles } from './parse-pool.js';
import { toParsedFile, type ProcessedFile } from './process-file.js';
import { type FileCache } from '../cache/file-cache.js';
import { readProjectFiles, type FileStamp } from './read-files.js';
import { checkBrokenRules, checkRules } from '../rules/check-rules.js';
import { findUnloaded } from '../validate/find-unloaded.js';
import type { LoadResult, Locator, Project } from '../types.js';
import { buildModel, type UsableFile } from '../validate/build-model.js';
import { validateSchema } from '../validate/validate-schema.js';
import { checkReferences } from '../validate/check-references.js';
import { resolveRecordDates } from '../validate/resolve-record-dates.js';
import { describeContradiction } from '../verdict/describe-contradiction.js';
import { openCache, type Environment } from '../cache/cache-stamp.js';
import { readSnapshots } from './read-snapshots.js';
import { sha256 } from '../model/hash.js';

export interface LoadOptions {
  /** Keep parse and schema results in a content-hash cache under the project root (.factcheck-cache). */
  cache?: boolean;
  /** The environment to read (for where the cache's key is kept); this process's when absent. */
  env?: Environment;
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
  const cache = options.cache ? await openCache(root, diagnostics, options.env) : undefined;
  const loaded = await loadWith(root, diagnostics, { ...options, cache });
  await cache?.prune();
  return loaded;
}

/** loadProject with the cache, if any, opened by the caller, who prunes it when done with it. */
export async function loadWith(
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

