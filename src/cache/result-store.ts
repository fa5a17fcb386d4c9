import type { Diagnostic } from '../diagnostics.js';
import type { Contradiction } from '../evidence/detect-contradictions.js';
import { buildIndex, type EvidenceIndex } from '../evidence/build-index.js';
import { referringTo } from '../evidence/referenced-records.js';
import type { ClaimResult, EvidenceRecord, Project } from '../types.js';
import { answerHash, contradictionsHash, type Footprint, type Query } from '../verdict/record-reads.js';

/**
 * A claim's result kept from an earlier run, with what it was computed from.
 * The table's fields are read at once; the whole result is read and parsed
 * only if something reads past them: reusing ten thousand results for a table
 * must not cost parsing ten thousand citation trails.
 */
export interface KeptClaim {
  summary: Pick<ClaimResult, SummaryField>;
  /** The result's fields in their order, so a rebuilt result serialises byte for byte the same. */
  fields: string[];
  diagnostics: Diagnostic[];
  footprint: Footprint | undefined;
  /** The whole result as JSON, read when first needed; undefined when it was not kept or not read. */
  json: (() => string) | undefined;
  /** The hash of the whole result kept for it, or null when none was. */
  wholeHash: string | null;
}

/** A result made in this run, to be kept. */
export interface FreshClaim {
  result: ClaimResult;
  diagnostics: Diagnostic[];
  footprint: Footprint;
}

export type StoredClaim = KeptClaim | FreshClaim;

export const SUMMARY = ['id', 'file', 'line', 'col', 'rating', 'rating_label', 'rule', 'explanation'] as const;
type SummaryField = (typeof SUMMARY)[number];

export function isFresh(claim: StoredClaim): claim is FreshClaim {
  return 'result' in claim;
}

/** What a kept claim's table entry holds: the summary, the field order and its diagnostics. */
export function headOf(claim: StoredClaim): { summary: KeptClaim['summary']; fields: string[]; diagnostics: Diagnostic[] } {
  if (!isFresh(claim)) return { summary: claim.summary, fields: claim.fields, diagnostics: claim.diagnostics };
  // A table entry made this run is a proxy over its summary: read it there, not field by field through the proxy.
  const behind = HYDRATED.get(claim.result)?.[STATE];
  if (behind && !behind.plain) return { summary: behind.kept.summary, fields: behind.kept.fields, diagnostics: claim.diagnostics };
  const summary = Object.fromEntries(SUMMARY.map((f) => [f, claim.result[f]])) as KeptClaim['summary'];
  return { summary, fields: Object.keys(claim.result), diagnostics: claim.diagnostics };
}

/** The whole result as JSON, or undefined when it was not kept. */
export function jsonOf(claim: StoredClaim): string | undefined {
  return isFresh(claim) ? JSON.stringify(claim.result) : claim.json?.();
}

/**
 * The kept result as a ClaimResult: summary fields at once, the rest parsed on
 * first read. A proxy, not an object of accessors: a table of ten thousand
 * reused results must cost next to nothing to build. The first read past the
 * summary, or any write, makes it a plain object for good.
 */
export function hydrate(kept: KeptClaim): ClaimResult {
  const target: Hydrated = { [STATE]: { kept, plain: undefined } };
  const proxy = new Proxy(target, HANDLER) as unknown as ClaimResult;
  HYDRATED.set(proxy, target);
  return proxy;
}

// Each proxy's target, for headOf: the state is hidden from every read through the proxy itself.
const HYDRATED = new WeakMap<object, Hydrated>();

// One handler for every proxy, its state on the target under a symbol nobody else holds: a
// handler of closures for each was a kilobyte a result, ten megabytes for a table of 10,000.
const STATE = Symbol('kept result');
interface Hydrated {
  [STATE]: { kept: KeptClaim; plain: Record<string, unknown> | undefined };
}

function wholeOf(t: Hydrated): Record<string, unknown> {
  const state = t[STATE];
  if (!state.plain) {
    const { kept } = state;
    // Reused only when kept whole, if anything was to read the whole result.
    if (!kept.json) throw new Error(`only the table's fields of the result for claim "${kept.summary.id}" were kept`);
    const parsed = JSON.parse(kept.json()) as Record<string, unknown>;
    const plain: Record<string, unknown> = {};
    for (const field of kept.fields) plain[field] = summaryField(field) ? kept.summary[field as SummaryField] : parsed[field];
    state.plain = plain;
  }
  return state.plain;
}

const isField = (t: Hydrated, key: string | symbol) => typeof key === 'string' && t[STATE].kept.fields.includes(key);

function read(t: Hydrated, key: string | symbol): unknown {
  const { plain, kept } = t[STATE];
  if (plain) return Reflect.get(plain, key);
  if (!isField(t, key)) return key === STATE ? undefined : Reflect.get(t, key); // what every object has: hasOwnProperty, toString
  return summaryField(key as string) ? kept.summary[key as SummaryField] : wholeOf(t)[key as string];
}

const HANDLER: ProxyHandler<Hydrated> = {
  get: (t, key) => read(t, key),
  has: (t, key) => {
    const { plain } = t[STATE];
    return plain ? key in plain : isField(t, key) || (key !== STATE && key in t);
  },
  ownKeys: (t) => {
    const { plain, kept } = t[STATE];
    return plain ? Reflect.ownKeys(plain) : [...kept.fields];
  },
  getOwnPropertyDescriptor: (t, key) => {
    const { plain } = t[STATE];
    if (plain) return Reflect.getOwnPropertyDescriptor(plain, key);
    if (!isField(t, key)) return undefined;
    // Listing the keys must not parse the whole result: past the summary, an accessor.
    if (summaryField(key as string)) return { value: read(t, key), enumerable: true, writable: true, configurable: true };
    return { get: () => read(t, key), set: (value: unknown) => Reflect.set(wholeOf(t), key, value), enumerable: true, configurable: true };
  },
  set: (t, key, value) => Reflect.set(wholeOf(t), key, value),
  defineProperty: (t, key, descriptor) => Reflect.defineProperty(wholeOf(t), key, descriptor),
  deleteProperty: (t, key) => Reflect.deleteProperty(wholeOf(t), key),
};

/**
 * A result as a run that prints only the table needs it: its summary fields,
 * and the list of fields the whole result has. Ten thousand citation trails
 * held to the end of a run, and never printed, were a fifth of its peak memory.
 */
export function tableHead(summary: KeptClaim['summary'], fields: string[]): ClaimResult {
  return hydrate({ summary, fields: sharedFields(fields), diagnostics: [], footprint: undefined, json: undefined, wholeHash: null });
}

// Results have a handful of shapes: one list of fields for each, never changed, not one per result.
const FIELD_LISTS = new Map<string, string[]>();
function sharedFields(fields: string[]): string[] {
  const key = fields.join('\0');
  let known = FIELD_LISTS.get(key);
  if (!known) FIELD_LISTS.set(key, (known = fields));
  return known;
}

function summaryField(field: string): boolean {
  return (SUMMARY as readonly string[]).includes(field);
}

/**
 * Tells whether a stored result still holds for a project: every file it read
 * is unchanged, every index query returns the same records, every record's
 * contradictions are the same, and nothing it missed has appeared. Query and
 * contradiction answers are shared between claims.
 *
 * `delta`: what changed since the run that kept the footprints, when only
 * evidence files were added, changed or removed. A query's answer can then
 * change only if it takes in a record of those files as they are now or were
 * then, or one that refers to one of those, so a query none of those records
 * answers holds without being run.
 */
export function createFootprintCheck(
  project: Project,
  contradictionsOf: (id: string) => readonly Contradiction[],
  delta?: EvidenceDelta,
): (footprint: Footprint) => boolean {
  const queries = new Map<string, string>();
  const touched = delta ? touchedBy(project, delta) : undefined;
  const contradictions = new Map<string, string>();

  const present = (key: string) => {
    const colon = key.indexOf(':');
    const id = key.slice(colon + 1);
    switch (key.slice(0, colon)) {
      case 'evidence':
        return project.evidence.has(id);
      case 'source':
        return project.sources.has(id);
      case 'entity':
        return project.entities.has(id);
      default:
        return true; // a key this version does not know: treat as changed
    }
  };
  // Kept footprints share one [path, hash] pair per path of their claims file: each pair is
  // checked once, not once for each of the 300,000 times 10,000 footprints name a file.
  const files = new Map<readonly [string, string], boolean>();
  return (footprint) => {
    for (const entry of footprint.files) {
      let same = files.get(entry);
      if (same === undefined) files.set(entry, (same = (project.inputs.get(entry[0]) ?? '') === entry[1]));
      if (!same) return false;
    }
    for (const [query, hash] of footprint.queries) {
      let now = queries.get(query);
      if (now === undefined) {
        const asked = JSON.parse(query) as Query;
        if (touched && runQuery(touched, asked)?.length === 0) {
          queries.set(query, (now = UNTOUCHED));
          continue;
        }
        const answer = runQuery(project.index, asked);
        // A query this version does not know never holds: its result is computed again.
        now = answer ? answerHash(answer, project.inputs, (id) => project.index.get(id)) : '';
        queries.set(query, now);
      }
      if (now !== hash && now !== UNTOUCHED) return false;
    }
    for (const [id, hash] of footprint.contradictions) {
      let now = contradictions.get(id);
      if (now === undefined) {
        now = contradictionsHash(contradictionsOf(id));
        contradictions.set(id, now);
      }
      if (now !== hash) return false;
    }
    return footprint.absent.every((key) => !present(key));
  };
}

// A query no record of the delta can enter or leave: its answer is the one the footprint hashed.
const UNTOUCHED = 'untouched';

/** Evidence files added, changed or removed since a run, with nothing else changed; `before`: the records the changed and removed ones held then. */
export interface EvidenceDelta {
  files: ReadonlySet<string>;
  before: readonly EvidenceRecord[];
}

/** An index of the records a change of evidence files can move: theirs, now and before, and those that refer to them. */
function touchedBy(project: Project, delta: EvidenceDelta): EvidenceIndex {
  // Records left out now too: one that refers to a new record was left out before (it named an id
  // no file defined) and may be in an answer now, or not; counting both costs a few more queries.
  const all = [...project.evidence.values(), ...project.excludedEvidence];
  const own = [...all.filter((r) => delta.files.has(r.ref.file)), ...delta.before];
  const records = new Set([...own, ...referringTo(all, new Set(own.map((r) => r.id)))]);
  return buildIndex(records, project.config.vocabulary);
}

function runQuery(index: EvidenceIndex, [method, ...args]: Query): readonly EvidenceRecord[] | undefined {
  const [a, b, c] = args as [string, string, boolean];
  switch (method) {
    case 'events':
      return index.events(a, b, c);
    case 'negatedEvents':
      return index.negatedEvents(a);
    case 'quantities':
      return index.quantities(a, b);
    case 'statements':
      return index.statements(a);
    case 'statementsSaying':
      return index.statementsSaying(a);
    case 'assessments':
      return index.assessments(a, b);
    case 'responsesBy':
      return index.responsesBy(a);
    default:
      return undefined;
  }
}
