import type { Footprint } from '../verdict/record-reads.js';
import { contradictionsHash } from '../verdict/hash-reads.js';
import { asciiJson } from './ascii-json.js';
import { isFresh, jsonOf, type KeptClaim, type StoredClaim } from './result-store.js';
import { hashText, isObject, keptHead } from './manifest-table.js';
import { hashesOf, tableOf, type RunManifest } from './run-manifest.js';

// The claims a full run kept, claims file by claims file, as cache content that its manifest names:
// each claim's footprint and, when kept, its whole result.

/**
 * A claims file's kept claims as cache content: their footprints and, with
 * `whole`, their whole results. Without `whole` no results are written, and
 * each claim keeps the hash of the whole result it had, if any.
 */
export function serializeKept(claims: ReadonlyMap<string, StoredClaim>, whole: boolean): { kept: string; results?: string; wholes: Map<string, string | null> } {
  const kept: Record<string, unknown> = {};
  const results: string[] = [];
  const wholes = new Map<string, string | null>();
  // Files by their place in one table of paths: the same paths recur in every claim. Their hashes
  // are not kept: a footprint kept by a run held in that run, so each of its files had the hash the
  // run's manifest gives it (nothing, if the manifest has none). 300,000 hashes were most of the
  // kept footprints' bytes.
  const paths = new Map<string, number>();
  const table: string[] = [];
  const indexOf = (path: string) => {
    let i = paths.get(path);
    if (i === undefined) {
      paths.set(path, (i = table.length));
      table.push(path);
    }
    return i;
  };
  for (const [id, claim] of claims) {
    let wholeHash: string | null = isFresh(claim) ? null : claim.wholeHash;
    if (whole) {
      const json = jsonOf(claim)!;
      results.push(`${asciiJson(id)}\t${json}\n`);
      wholeHash = hashText(json);
    }
    wholes.set(id, wholeHash);
    const f = claim.footprint!;
    // Listed, not spread: the same fields in the same order, without a spread for each of 10,000.
    // A record with no contradictions, most of them, by its id alone: the hash of nothing was half the bytes.
    const contradictions = f.contradictions.map(([record, hash]) => (hash === NO_CONTRADICTIONS ? record : [record, hash]));
    kept[id] = { files: f.files.map(([path]) => indexOf(path)), queries: f.queries, contradictions, absent: f.absent };
  }
  return { kept: JSON.stringify({ files: table, claims: kept }), ...(whole ? { results: results.join('') } : {}), wholes };
}

/** One claims file's whole results as kept, by claim id; undefined when there are none or they cannot be read. */
export function readResults(cache: { getContent(family: 'results', hash: string): string | undefined }, hash: string | undefined): Record<string, unknown> | undefined {
  const text = hash === undefined ? undefined : cache.getContent('results', hash);
  return text === undefined ? undefined : parseResults(text);
}

/**
 * Whole results as serializeKept writes them: a line each, the claim's id as
 * JSON, a tab and the result's JSON, which has neither a tab nor a line break
 * but escaped. Not a JSON object of JSON strings: that escaped every quote of
 * 145 MB again to write it, and unescaped it to read it.
 */
function parseResults(text: string): Record<string, unknown> | undefined {
  const results: Record<string, unknown> = {};
  for (let at = 0; at < text.length; ) {
    const tab = text.indexOf('\t', at);
    const end = text.indexOf('\n', at);
    if (tab === -1 || end === -1 || tab > end) return undefined;
    let id: unknown;
    try {
      id = JSON.parse(text.slice(at, tab));
    } catch {
      return undefined;
    }
    if (typeof id !== 'string') return undefined;
    // As JSON.parse makes a member: an own property, whatever the id (even __proto__).
    Object.defineProperty(results, id, { value: text.slice(tab + 1, end), enumerable: true, writable: true, configurable: true });
    at = end + 1;
  }
  return results;
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
  const table = tableOf(manifest);
  const entry = table?.claimsFiles[claimsFile];
  if (!entry || !table) return undefined;
  const data = parseObject(cache.getContent('kept', entry.kept)) as { files?: unknown; claims?: unknown } | undefined;
  if (!data || !Array.isArray(data.files) || !data.files.every((f) => typeof f === 'string') || !isObject(data.claims)) return undefined;
  const entryOf = fileEntries(manifest);
  const files = (data.files as string[]).map(entryOf);
  const results = whole ? readResults(cache, entry.results) : undefined;
  const claims = new Map<string, KeptClaim>();
  for (const [id, footprint] of Object.entries(data.claims as Record<string, Omit<Footprint, 'files'> & { files?: unknown }>)) {
    const ok =
      isObject(footprint) &&
      Array.isArray(footprint.files) &&
      pairs(footprint.queries) &&
      contradictionPairs(footprint.contradictions) &&
      Array.isArray(footprint.absent);
    const head = ok ? keptHead(table, id, whole, results) : undefined;
    if (!head) return undefined;
    const contradictions = (footprint.contradictions as (string | [string, string])[]).map((c) => (typeof c === 'string' ? [c, NO_CONTRADICTIONS] : c));
    head.footprint = { ...footprint, files: (footprint.files as number[]).map((i) => files[i] ?? NO_FILE), contradictions } as Footprint;
    claims.set(id, head);
  }
  return claims;
}

const NO_FILE: readonly [string, string] = ['', ''];

// One [path, hash] pair for each path of a manifest, the hash its run read, shared by every kept
// footprint that names the path: checked once, however many claims read the file.
const manifestEntries = new WeakMap<RunManifest, (path: string) => [string, string]>();
function fileEntries(manifest: RunManifest): (path: string) => [string, string] {
  let entryOf = manifestEntries.get(manifest);
  if (!entryOf) {
    // Without the hashes, no file is the one a footprint read: every footprint is checked in full.
    const hashes = hashesOf(manifest);
    const entries = new Map<string, [string, string]>(hashes ? manifest.paths.map((path, i) => [path, [path, hashes[i]!]]) : []);
    entryOf = (path) => {
      let entry = entries.get(path);
      if (!entry) entries.set(path, (entry = [path, '']));
      return entry;
    };
    manifestEntries.set(manifest, entryOf);
  }
  return entryOf;
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

/** The hash of a record's contradictions when it has none. */
const NO_CONTRADICTIONS = contradictionsHash([]);

/** Kept contradictions: an id alone for a record with none, else [id, hash]. */
function contradictionPairs(value: unknown): boolean {
  return Array.isArray(value) && value.every((c) => typeof c === 'string' || (Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && typeof c[1] === 'string'));
}

function pairs(value: unknown): boolean {
  return Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string');
}

