import type { Diagnostic } from '../diagnostics.js';
import { asciiIfFew } from './ascii-json.js';
import type { ClaimResult } from '../types.js';
import type { Footprint } from '../verdict/record-reads.js';

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

/**
 * The whole result as JSON, or undefined when it was not kept. A curly quote
 * or two escaped (asciiIfFew): a one-byte string hashes, encodes, decodes and
 * parses several times faster, and 10,000 results are 145 MB.
 */
export function jsonOf(claim: StoredClaim): string | undefined {
  return isFresh(claim) ? asciiIfFew(JSON.stringify(claim.result)) : claim.json?.();
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
