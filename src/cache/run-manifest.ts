import type { FileStamp } from '../load/read-files.js';
import type { VerifyResult } from '../types.js';
import type { Footprint } from '../verdict/record-reads.js';
import { headOf, isFresh, jsonOf, SUMMARY, type KeptClaim, type StoredClaim } from './result-store.js';
import { sha256 } from '../model/hash.js';

/**
 * What the last full verify read and printed, kept in the cache: when no input
 * has changed since, its result is printed again from this alone.
 */
export interface RunManifest {
  format: typeof FORMAT;
  /** When its run began, before any file was stamped (ms since the epoch). A stamp this recent may hide a write in the same clock tick: such a file is read again. */
  written: number;
  /** Every file read, YAML and snapshots, by path: its SHA-256 and its stamp before reading. */
  inputs: InputEntry[];
  /** Every YAML file listed: one added or removed is a change too. */
  listed: string[];
  /** Files it tried and could not read (too large, not text, missing, outside the project): nothing proves them unchanged. */
  missing: string[];
  /**
   * By claims file, the claims whose results are kept, and the SHA-256 of the
   * cache content that holds their footprints and, when any were kept, their
   * whole results.
   */
  claimsFiles: Record<string, { ids: string[]; kept: string; results?: string }>;
  /** Every kept claim's table entry, with its field order as an index into `fields`: what a run with nothing changed prints. */
  heads: { fields: string[][]; claims: HeadEntry[] };
  /** Everything of the result but its claims. */
  result: Omit<VerifyResult, 'claims'>;
}

// Arrays, not objects: a run with nothing changed parses one for each of 11,000 files and 10,000
// claims, and field names were a third of the manifest.
/** A file read: path, SHA-256, then its stamp's size, inode, mtimeNs and ctimeNs. */
export type InputEntry = [path: string, hash: string, size: number, ino: string, mtimeNs: string, ctimeNs: string];
/** A kept claim's table entry: its summary's values in SUMMARY's order, its fields' order, its diagnostics, and the hash of its whole result if one was kept. */
type HeadEntry = [...summary: unknown[], fields: number, diagnostics: KeptClaim['diagnostics'], whole: string | null];

const FORMAT = 4;
export const MANIFEST_BLOB = 'run-manifest';
/** Stamps newer than this before the manifest are not trusted: coarse file systems tick in seconds. */
export const RACY_MS = 2000;

export function inputEntry(path: string, hash: string, stamp: FileStamp): InputEntry {
  return [path, hash, stamp.size, stamp.ino, stamp.mtimeNs, stamp.ctimeNs];
}

/**
 * The manifest as JSON in ASCII, anything else escaped: a few curly quotes in explanations made
 * every warm run decode and parse megabytes of two-byte text, at twice the cost.
 */
export function serializeManifest(manifest: Omit<RunManifest, 'format'>): string {
  return asciiJson({ format: FORMAT, ...manifest });
}

export function asciiJson(value: unknown): string {
  const json = JSON.stringify(value);
  // A loop, not a regex replace: over the 5 MB manifest the replace took about 140 ms, this 25.
  let out = '';
  let last = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x7f) continue;
    out += `${json.slice(last, i)}\\u${code.toString(16).padStart(4, '0')}`;
    last = i + 1;
  }
  return last === 0 ? json : out + json.slice(last);
}

// Its table entries by claim id, made once for each manifest.
const headIndex = new WeakMap<RunManifest, Map<string, HeadEntry>>();

/** A manifest read back; anything unexpected is no manifest at all, never a half-trusted one. */
export function parseManifest(text: string | undefined): RunManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const m = JSON.parse(text) as Partial<RunManifest>;
    const ok =
      m.format === FORMAT &&
      typeof m.written === 'number' &&
      Array.isArray(m.inputs) &&
      m.inputs.every((e) => Array.isArray(e) && e.length === 6 && typeof e[0] === 'string' && typeof e[1] === 'string') &&
      Array.isArray(m.listed) &&
      Array.isArray(m.missing) &&
      isObject(m.claimsFiles) &&
      Object.values(m.claimsFiles).every((f) => isObject(f) && Array.isArray(f.ids) && typeof f.kept === 'string' && (f.results === undefined || typeof f.results === 'string')) &&
      isObject(m.heads) &&
      Array.isArray(m.heads.fields) &&
      m.heads.fields.every((f) => Array.isArray(f)) &&
      Array.isArray(m.heads.claims) &&
      m.heads.claims.every((h) => Array.isArray(h) && h.length === HEAD_LENGTH && typeof h[0] === 'string') &&
      isObject(m.result) &&
      Array.isArray(m.result.diagnostics);
    return ok ? (m as RunManifest) : undefined;
  } catch {
    return undefined;
  }
}

const HEAD_LENGTH = SUMMARY.length + 3;

/** Builds the manifest's table entries: field orders are shared, since nearly every claim has one of a few. */
export function headsOf(claims: Iterable<[string, StoredClaim, string | null]>): RunManifest['heads'] {
  const orders = new Map<string, number>();
  const fields: string[][] = [];
  const heads: HeadEntry[] = [];
  for (const [id, claim, whole] of claims) {
    const head = headOf(claim);
    const order = head.fields.join('\0');
    let index = orders.get(order);
    if (index === undefined) {
      orders.set(order, (index = fields.length));
      fields.push(head.fields);
    }
    // The id first, as the table entry's key; the summary's own id is the same.
    heads.push([...SUMMARY.map((f) => (f === 'id' ? id : head.summary[f])), index, head.diagnostics, whole]);
  }
  return { fields, claims: heads };
}

/**
 * A kept claim's table entry from the manifest; undefined if the manifest has
 * none that holds together. With `whole`, its whole result from `results`,
 * kept only if it is the one the entry names.
 */
export function keptHead(manifest: RunManifest, id: string, whole: boolean, results: Record<string, unknown> | undefined): Omit<KeptClaim, 'footprint'> | undefined {
  let index = headIndex.get(manifest);
  if (!index) headIndex.set(manifest, (index = new Map(manifest.heads.claims.map((h) => [h[0] as string, h]))));
  const head = index.get(id);
  if (!head) return undefined;
  const [fieldsAt, diagnostics, wholeAt] = head.slice(SUMMARY.length);
  const fields = typeof fieldsAt === 'number' ? manifest.heads.fields[fieldsAt] : undefined;
  if (!fields || !Array.isArray(diagnostics)) return undefined;
  const summary: Record<string, unknown> = {};
  SUMMARY.forEach((f, i) => (summary[f] = head[i]));
  const wholeHash = typeof wholeAt === 'string' ? wholeAt : null;
  if (!whole) return { summary: summary as KeptClaim['summary'], fields, diagnostics, wholeHash, json: undefined };
  const json = results?.[id];
  const own = typeof json === 'string' && wholeHash !== null && hashText(json) === wholeHash;
  return { summary: summary as KeptClaim['summary'], fields, diagnostics, wholeHash: own ? wholeHash : null, json: own ? () => json : undefined };
}

/**
 * A claims file's kept claims as cache content: their footprints and, with
 * `whole`, their whole results. Without `whole` no results are written, and
 * each claim keeps the hash of the whole result it had, if any.
 */
export function serializeKept(claims: ReadonlyMap<string, StoredClaim>, whole: boolean): { kept: string; results?: string; wholes: Map<string, string | null> } {
  const kept: Record<string, unknown> = {};
  const results: Record<string, string> = {};
  const wholes = new Map<string, string | null>();
  // Files by their place in one table, with their whole SHA-256: the same paths recur in every
  // claim. One hash per path is right for every claim kept: a footprint holds only while it matches.
  const paths = new Map<string, number>();
  const table: [string, string][] = [];
  const indexOf = (path: string, hash: string) => {
    let i = paths.get(path);
    if (i === undefined) {
      paths.set(path, (i = table.length));
      table.push([path, hash]);
    }
    return i;
  };
  for (const [id, claim] of claims) {
    let wholeHash: string | null = isFresh(claim) ? null : claim.wholeHash;
    if (whole) {
      const json = jsonOf(claim)!;
      results[id] = json;
      wholeHash = hashText(json);
    }
    wholes.set(id, wholeHash);
    const f = claim.footprint!;
    kept[id] = { ...f, files: f.files.map(([path, hash]) => indexOf(path, hash)) };
  }
  return { kept: JSON.stringify({ files: table, claims: kept }), ...(whole ? { results: JSON.stringify(results) } : {}), wholes };
}

export function hashText(text: string): string {
  return sha256(text);
}

/** One claims file's whole results as kept, by claim id; undefined when there are none or they cannot be read. */
export function readResults(cache: { getContent(family: 'results', hash: string): string | undefined }, hash: string | undefined): Record<string, unknown> | undefined {
  return hash === undefined ? undefined : parseObject(cache.getContent('results', hash));
}

/**
 * Reads the claims kept for one claims file of the manifest's run. With
 * `whole`, their whole results too, each checked against the hash its claim
 * names: a claim whose result is missing or is not its own comes back
 * without one, to be verified again.
 */
export function readKept(
  cache: { getContent(family: 'kept' | 'results', hash: string): string | undefined },
  manifest: RunManifest,
  claimsFile: string,
  whole: boolean,
): Map<string, KeptClaim> | undefined {
  const entry = manifest.claimsFiles[claimsFile];
  if (!entry) return undefined;
  const data = parseObject(cache.getContent('kept', entry.kept)) as { files?: unknown; claims?: unknown } | undefined;
  if (!data || !Array.isArray(data.files) || !isObject(data.claims)) return undefined;
  const files = data.files as [string, string][];
  const results = whole ? readResults(cache, entry.results) : undefined;
  const claims = new Map<string, KeptClaim>();
  for (const [id, footprint] of Object.entries(data.claims as Record<string, Omit<Footprint, 'files'> & { files?: unknown }>)) {
    const ok =
      isObject(footprint) &&
      Array.isArray(footprint.files) &&
      pairs(footprint.queries) &&
      pairs(footprint.contradictions) &&
      Array.isArray(footprint.absent);
    const head = ok ? keptHead(manifest, id, whole, results) : undefined;
    if (!head) return undefined;
    claims.set(id, { ...head, footprint: { ...footprint, files: (footprint.files as number[]).map((i) => files[i] ?? ['', '']) } as Footprint });
  }
  return claims;
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function pairs(value: unknown): boolean {
  return Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
