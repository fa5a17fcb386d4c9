import type { FileStamp } from '../load/read-files.js';
import type { VerifyResult } from '../types.js';
import type { Footprint } from '../verdict/record-reads.js';
import { headOf, isFresh, jsonOf, type KeptClaim, type StoredClaim } from './result-store.js';
import { sha256 } from '../model/hash.js';

/**
 * What the last full verify read and printed, kept in the cache: when no input
 * has changed since, its result is printed again without loading anything.
 */
export interface RunManifest {
  format: typeof FORMAT;
  /** When its run began, before any file was stamped (ms since the epoch). A stamp this recent may hide a write in the same clock tick: such a file is read again. */
  written: number;
  /** Every file read, YAML and snapshots: its SHA-256 and its stamp before reading. */
  inputs: Record<string, { hash: string; stamp: FileStamp }>;
  /** Every YAML file listed: one added or removed is a change too. */
  listed: string[];
  /** Files it tried and could not read (too large, not text, missing, outside the project): nothing proves them unchanged. */
  missing: string[];
  /** By claims file, the claims whose results are kept and the hash of the kept blob that holds them. */
  claimsFiles: Record<string, { ids: string[]; kept: string }>;
  /** Everything of the result but its claims. */
  result: Omit<VerifyResult, 'claims'>;
}

const FORMAT = 2;
export const MANIFEST_BLOB = 'run-manifest';
/** Stamps newer than this before the manifest are not trusted: coarse file systems tick in seconds. */
export const RACY_MS = 2000;

/**
 * Kept results live in two blobs per claims file: the kept claims (the
 * table's fields, diagnostics and footprints, written together so that they
 * always belong together) and the whole results, which only runs printing
 * them write or read.
 */
export function keptBlobs(claimsFile: string): { kept: string; results: string } {
  return { kept: `kept:${claimsFile}`, results: `results:${claimsFile}` };
}

export function serializeManifest(manifest: Omit<RunManifest, 'format'>): string {
  return JSON.stringify({ format: FORMAT, ...manifest });
}

/** A manifest read back; anything unexpected is no manifest at all, never a half-trusted one. */
export function parseManifest(text: string | undefined): RunManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const m = JSON.parse(text) as Partial<RunManifest>;
    const ok =
      m.format === FORMAT &&
      typeof m.written === 'number' &&
      isObject(m.inputs) &&
      Array.isArray(m.listed) &&
      Array.isArray(m.missing) &&
      isObject(m.claimsFiles) &&
      Object.values(m.claimsFiles).every((f) => isObject(f) && Array.isArray(f.ids) && typeof f.kept === 'string') &&
      isObject(m.result) &&
      Array.isArray(m.result.diagnostics);
    return ok ? (m as RunManifest) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a claims file's kept claims as its blobs' texts. With `whole`, the
 * whole results too; without, the results blob is left as it was, and each
 * claim names by hash the whole result that belongs to it, if any.
 */
export function serializeKept(claims: ReadonlyMap<string, StoredClaim>, whole: boolean): { kept: string; results?: string } {
  const kept: Record<string, unknown> = {};
  const results: Record<string, string> = {};
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
    const f = claim.footprint!;
    kept[id] = { ...headOf(claim), whole: wholeHash, footprint: { ...f, files: f.files.map(([path, hash]) => indexOf(path, hash)) } };
  }
  return { kept: JSON.stringify({ files: table, claims: kept }), ...(whole ? { results: JSON.stringify(results) } : {}) };
}

export function hashText(text: string): string {
  return sha256(text);
}

/**
 * Reads the claims kept for one claims file. With `whole`, the whole results
 * too, each checked against the hash its claim names: a claim whose result is
 * missing or is not its own comes back without one, to be verified again.
 */
export function readKept(
  cache: { getBlob(name: string): string | undefined; keepBlob(name: string): void },
  claimsFile: string,
  whole: boolean,
): { claims: Map<string, KeptClaim>; text: string } | undefined {
  const names = keptBlobs(claimsFile);
  // Read or not, the two go together: pruning one would leave the other naming what is gone.
  for (const name of Object.values(names)) cache.keepBlob(name);
  const text = cache.getBlob(names.kept);
  const data = parseObject(text) as { files?: unknown; claims?: unknown } | undefined;
  if (!data || text === undefined || !Array.isArray(data.files) || !isObject(data.claims)) return undefined;
  const files = data.files as [string, string][];
  const results = whole ? parseObject(cache.getBlob(names.results)) : undefined;
  const claims = new Map<string, KeptClaim>();
  for (const [id, head] of Object.entries(data.claims as Record<string, Record<string, unknown>>)) {
    const footprint = head?.footprint as (Omit<Footprint, 'files'> & { files?: unknown }) | undefined;
    const ok =
      isObject(head) &&
      isObject(head.summary) &&
      Array.isArray(head.fields) &&
      Array.isArray(head.diagnostics) &&
      isObject(footprint) &&
      Array.isArray(footprint.files) &&
      isObject(footprint.queries) &&
      isObject(footprint.contradictions) &&
      Array.isArray(footprint.absent);
    if (!ok) return undefined;
    const wholeHash = typeof head.whole === 'string' ? head.whole : null;
    const json = wholeHash !== null && typeof results?.[id] === 'string' && hashText(results[id] as string) === wholeHash ? (results[id] as string) : undefined;
    claims.set(id, {
      summary: head.summary as KeptClaim['summary'],
      fields: head.fields as string[],
      diagnostics: head.diagnostics as KeptClaim['diagnostics'],
      footprint: { ...footprint, files: (footprint.files as number[]).map((i) => files[i] ?? ['', '']) } as Footprint,
      wholeHash: json === undefined ? null : wholeHash,
      json: json === undefined ? undefined : () => json,
    });
  }
  return { claims, text };
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

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
