import type { FileStamp } from '../load/read-files.js';
import type { VerifyResult } from '../types.js';
import type { Footprint } from './record-reads.js';
import { createHash } from 'node:crypto';
import { headOf, isFresh, jsonOf, type KeptClaim, type StoredClaim } from './result-store.js';

/**
 * What the last full verify read and printed, kept in the cache: when no input
 * has changed since, its result is printed again without loading anything.
 */
export interface RunManifest {
  format: typeof FORMAT;
  /** When it was written (ms since the epoch). A file stamped this recently may have changed within one clock tick: it is read again. */
  written: number;
  /** Every file read, YAML and snapshots: its SHA-256 and its stamp before reading. */
  inputs: Record<string, { hash: string; stamp: FileStamp }>;
  /** Every YAML file listed: one added or removed is a change too. */
  listed: string[];
  /** The claims whose results are kept, by the claims file that defines them. */
  claimsFiles: Record<string, string[]>;
  /** Everything of the result but its claims. */
  result: Omit<VerifyResult, 'claims'>;
}

const FORMAT = 1;
export const MANIFEST_BLOB = 'run-manifest';
/** Stamps newer than this before the manifest are not trusted: coarse file systems tick in seconds. */
export const RACY_MS = 2000;

/**
 * Kept results live in three blobs per claims file, read as far as needed: the
 * table's fields (every reuse), the footprints (when inputs changed) and the
 * whole results (when a format prints them).
 */
export function keptBlobs(claimsFile: string): { heads: string; footprints: string; results: string } {
  return { heads: `heads:${claimsFile}`, footprints: `footprints:${claimsFile}`, results: `results:${claimsFile}` };
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
      isObject(m.claimsFiles) &&
      isObject(m.result) &&
      Array.isArray(m.result.diagnostics);
    return ok ? (m as RunManifest) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a claims file's kept claims as its blobs' texts. With `whole`, the
 * whole results too; without, the results blob is left as it was, and the
 * heads say which of its results still belong to their claims (by hash).
 */
export function serializeKept(claims: ReadonlyMap<string, StoredClaim>, whole: boolean): { heads: string; footprints: string; results?: string } {
  const heads: Record<string, unknown> = {};
  const footprints: Record<string, unknown> = {};
  const results: Record<string, string> = {};
  // Footprints name files by their place in one table: the same paths recur in every claim of a file.
  const paths = new Map<string, number>();
  const indexOf = (path: string) => {
    let i = paths.get(path);
    if (i === undefined) paths.set(path, (i = paths.size));
    return i;
  };
  for (const [id, claim] of claims) {
    let wholeHash: string | null = isFresh(claim) ? null : claim.wholeHash;
    if (whole) {
      const json = jsonOf(claim)!;
      results[id] = json;
      wholeHash = hashText(json);
    }
    heads[id] = { ...headOf(claim), whole: wholeHash };
    const f = claim.footprint!;
    footprints[id] = { ...f, files: f.files.flatMap(([path, hash]) => [indexOf(path), hash]) };
  }
  return {
    heads: JSON.stringify(heads),
    footprints: JSON.stringify({ paths: [...paths.keys()], claims: footprints }),
    ...(whole ? { results: JSON.stringify(results) } : {}),
  };
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Reads the claims kept for one claims file; the footprints only when asked, the whole results only when read. */
export function readKept(
  cache: { getBlob(name: string): string | undefined; keepBlob(name: string): void },
  claimsFile: string,
  withFootprints: boolean,
): { claims: Map<string, KeptClaim>; heads: string } | undefined {
  const names = keptBlobs(claimsFile);
  const getBlob = (name: string) => cache.getBlob(name);
  // Read or not, the three go together: pruning one would leave the others naming what is gone.
  for (const name of Object.values(names)) cache.keepBlob(name);
  const headsText = getBlob(names.heads);
  const heads = parseObject(headsText) as Record<string, { summary?: unknown; fields?: unknown; diagnostics?: unknown; whole?: unknown }> | undefined;
  if (!heads || headsText === undefined) return undefined;
  const table = withFootprints ? (parseObject(getBlob(names.footprints)) as { paths?: unknown; claims?: unknown } | undefined) : undefined;
  if (withFootprints && (!table || !Array.isArray(table.paths) || !isObject(table.claims))) return undefined;
  const footprintOf = (id: string): Footprint | undefined => {
    const raw = (table?.claims as Record<string, { files?: unknown }> | undefined)?.[id];
    if (!isObject(raw) || !Array.isArray(raw.files)) return undefined;
    const paths = table!.paths as string[];
    const files: [string, string][] = [];
    for (let i = 0; i + 1 < raw.files.length; i += 2) files.push([paths[raw.files[i] as number] ?? '', String(raw.files[i + 1])]);
    return { ...(raw as unknown as Footprint), files };
  };
  let results: Record<string, unknown> | undefined;
  const json = (id: string, hash: string) => () => {
    results ??= parseObject(getBlob(names.results)) ?? {};
    const text = results[id];
    // Only another run writing the cache at the same moment could make these differ.
    if (typeof text !== 'string' || hashText(text) !== hash) throw new Error(`the kept result of claim "${id}" changed in the cache while this ran; run again`);
    return text;
  };
  const claims = new Map<string, KeptClaim>();
  for (const [id, head] of Object.entries(heads)) {
    if (!isObject(head) || !isObject(head.summary) || !Array.isArray(head.fields) || !Array.isArray(head.diagnostics)) return undefined;
    const footprint = withFootprints ? footprintOf(id) : undefined;
    if (withFootprints && !footprint) return undefined;
    claims.set(id, {
      summary: head.summary as KeptClaim['summary'],
      fields: head.fields as string[],
      diagnostics: head.diagnostics as KeptClaim['diagnostics'],
      footprint,
      wholeHash: typeof head.whole === 'string' ? head.whole : null,
      json: typeof head.whole === 'string' ? json(id, head.whole) : undefined,
    });
  }
  return { claims, heads: headsText };
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
