import type { ClaimResult } from '../types.js';
import { hashOf, partsOf } from './hash-inputs.js';

export const LOCK_FILE = 'factcheck.lock.json';
const LOCK_VERSION = 1;

/** One claim's recorded verdict, and the inputs that decided it. */
export interface LockEntry {
  rating: string;
  ruleset: string;
  rule: string | null;
  citations: string[];
  /** Hash of all the inputs below, with their hashes. */
  inputs: string;
  /** The inputs, as keys into the lock's input table. */
  depends: string[];
}

export interface Lock {
  claims: Record<string, LockEntry>;
  /** Hash of each input that some claim depends on, and of the fields and rules they are made of. */
  inputs: Record<string, string>;
}

export function lockEntry(result: ClaimResult, depends: readonly string[], hashes: ReadonlyMap<string, string>): LockEntry {
  return {
    rating: result.rating,
    ruleset: result.ruleset,
    rule: result.rule,
    citations: result.citations.map((c) => c.evidence).sort(),
    inputs: hashOf(depends.map((k) => `${k}=${hashes.get(k) ?? ''}`)),
    depends: [...depends],
  };
}

/**
 * The new lock: entries for the claims just verified replace their old ones;
 * entries for claims that no longer exist are dropped; the rest are kept, so a
 * partial run (paths, --changed-since, a shard) updates only what it verified.
 */
export function updateLock(
  previous: Lock | undefined,
  verified: ReadonlyMap<string, LockEntry>,
  existing: ReadonlySet<string>,
  hashes: ReadonlyMap<string, string>,
): Lock {
  const claims: Record<string, LockEntry> = {};
  for (const [id, entry] of Object.entries(previous?.claims ?? {})) if (existing.has(id) && !verified.has(id)) claims[id] = entry;
  for (const [id, entry] of verified) claims[id] = entry;
  const inputs: Record<string, string> = {};
  const keep = (key: string, fresh: boolean) => {
    if (fresh && hashes.has(key)) inputs[key] = hashes.get(key)!;
    else if (previous?.inputs[key] !== undefined) inputs[key] ??= previous.inputs[key];
  };
  for (const [id, entry] of Object.entries(claims)) {
    // Inputs of a kept entry keep their recorded hashes: it was not verified against the current ones.
    const fresh = verified.has(id);
    for (const key of entry.depends) {
      keep(key, fresh);
      for (const part of partsOf(key, fresh ? hashes.keys() : Object.keys(previous?.inputs ?? {}))) keep(part, fresh);
    }
  }
  return { claims, inputs };
}

/** Sorted, two-space JSON: the same verdicts always give the same bytes. */
export function serializeLock(lock: Lock): string {
  const sortKeys = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ factcheck_lock: LOCK_VERSION, claims: sortKeys(lock.claims), inputs: sortKeys(lock.inputs) }, null, 2)}\n`;
}

/** The line of each claim's entry in a lock file written by serializeLock, for annotations. */
export function lockLines(text: string): Record<string, number> {
  const lines: Record<string, number> = {};
  text.split('\n').forEach((line, i) => {
    const match = /^ {4}"([^"]+)": \{$/.exec(line);
    if (match) lines[match[1]!] ??= i + 1;
  });
  return lines;
}

/** Reads a lock file's text; anything malformed comes back as a reason, never as a half-trusted lock. */
export function parseLock(text: string): { lock: Lock } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const root = data as { factcheck_lock?: unknown; claims?: unknown; inputs?: unknown };
  if (!root || typeof root !== 'object' || root.factcheck_lock !== LOCK_VERSION) {
    return { problem: `expected a factcheck lock file, version ${LOCK_VERSION}` };
  }
  if (!isRecord(root.claims) || !isRecord(root.inputs)) return { problem: 'expected `claims` and `inputs` objects' };
  for (const [key, hash] of Object.entries(root.inputs)) {
    if (typeof hash !== 'string') return { problem: `input "${key}" has no hash` };
  }
  for (const [id, entry] of Object.entries(root.claims)) {
    const e = entry as Partial<LockEntry>;
    const ok =
      isRecord(entry) &&
      typeof e.rating === 'string' &&
      typeof e.ruleset === 'string' &&
      (e.rule === null || typeof e.rule === 'string') &&
      Array.isArray(e.citations) &&
      e.citations.every((c) => typeof c === 'string') &&
      typeof e.inputs === 'string' &&
      Array.isArray(e.depends) &&
      e.depends.every((d) => typeof d === 'string');
    if (!ok) return { problem: `entry for claim "${id}" is malformed` };
  }
  return { lock: { claims: root.claims as Record<string, LockEntry>, inputs: root.inputs as Record<string, string> } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
