import type { ClaimResult } from '../types.js';
import { hashOf } from './hash-inputs.js';
import { compareIds } from '../model/compare.js';

const partsIndexes = new WeakMap<ReadonlyMap<string, string>, Map<string, string[]>>();

/** partsOf for every key at once, kept per hash table: a lookup per claim instead of a scan of every key. */
function partsIndex(hashes: ReadonlyMap<string, string>): Map<string, string[]> {
  let index = partsIndexes.get(hashes);
  if (!index) {
    index = new Map();
    for (const key of hashes.keys()) {
      const slash = key.indexOf('/');
      if (slash === -1) continue;
      const whole = key.startsWith('rule:') ? `ruleset:${key.slice('rule:'.length, slash)}` : key.slice(0, slash);
      const list = index.get(whole) ?? [];
      list.push(key);
      index.set(whole, list);
    }
    for (const [key, list] of index) index.set(key, list.sort(compareIds));
    partsIndexes.set(hashes, index);
  }
  return index;
}

export const LOCK_FILE = 'factcheck.lock.json';
const LOCK_VERSION = 2;

/**
 * The evidence a verdict rests on, as recorded and compared: the citations
 * behind its deciding rule. Records that were only considered (taking no
 * side) are in the trail but do not make a verdict count as changed.
 */
export function decisiveCitations(result: Pick<ClaimResult, 'citations'>): string[] {
  return result.citations.filter((c) => c.decisive).map((c) => c.evidence).sort();
}

/** One claim's recorded verdict, and the inputs it was decided on. */
export interface LockEntry {
  rating: string;
  ruleset: string;
  rule: string | null;
  /** The records the verdict rests on: the trail's citations behind the deciding rule. */
  citations: string[];
  /** A hash of all its inputs: equal hashes, equal inputs. */
  hash: string;
  /**
   * Each input's hash when the verdict was recorded, by lock/hash-inputs key,
   * with the claim's fields and the ruleset's rules listed too, so that a cause
   * can be named down to a field or a rule.
   */
  inputs: Record<string, string>;
}

export interface Lock {
  claims: Record<string, LockEntry>;
}

/** A verdict as the lock records it, against the current input hashes. */
export function lockEntry(result: ClaimResult, depends: readonly string[], hashes: ReadonlyMap<string, string>): LockEntry {
  const parts = partsIndex(hashes);
  const inputs: Record<string, string> = {};
  for (const key of depends) {
    inputs[key] = hashes.get(key) ?? '';
    for (const part of parts.get(key) ?? []) inputs[part] = hashes.get(part)!;
  }
  const sorted = sortKeys(inputs);
  return {
    rating: result.rating,
    ruleset: result.ruleset,
    rule: result.rule,
    citations: decisiveCitations(result),
    hash: hashOf(sorted),
    inputs: sorted,
  };
}

/**
 * The new lock: entries for the claims just verified replace theirs; entries
 * for claims that no longer exist are dropped; every other entry is kept as
 * recorded, so a partial run (paths, --changed-since, a shard) changes only
 * what it verified.
 */
export function updateLock(previous: Lock | undefined, verified: ReadonlyMap<string, LockEntry>, existing: ReadonlySet<string>): Lock {
  const claims: Record<string, LockEntry> = {};
  for (const [id, entry] of Object.entries(previous?.claims ?? {})) if (existing.has(id) && !verified.has(id)) claims[id] = entry;
  for (const [id, entry] of verified) claims[id] = entry;
  return { claims };
}

/** Sorted, two-space JSON: the same verdicts always give the same bytes. */
export function serializeLock(lock: Lock): string {
  return `${JSON.stringify({ factcheck_lock: LOCK_VERSION, claims: sortKeys(lock.claims) }, null, 2)}\n`;
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

/** The 1-based line of an offset in a text. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads a lock file's text; anything malformed comes back as a reason, never as a half-trusted lock. */
export function parseLock(text: string): { lock: Lock } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Where it broke, never what it holds: the engine's message quotes the text, which could be anything.
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    return { problem: `not valid JSON${at ? ` (at line ${lineOf(text, Number(at[1]))})` : ''}` };
  }
  const root = data as { factcheck_lock?: unknown; claims?: unknown };
  if (!root || typeof root !== 'object' || root.factcheck_lock !== LOCK_VERSION) {
    return { problem: `expected a factcheck lock file, version ${LOCK_VERSION}` };
  }
  if (!isRecord(root.claims)) return { problem: 'expected a `claims` object' };
  for (const [id, entry] of Object.entries(root.claims)) {
    const e = entry as Partial<LockEntry>;
    const ok =
      isRecord(entry) &&
      typeof e.rating === 'string' &&
      typeof e.ruleset === 'string' &&
      (e.rule === null || typeof e.rule === 'string') &&
      Array.isArray(e.citations) &&
      e.citations.every((c) => typeof c === 'string') &&
      typeof e.hash === 'string' &&
      isRecord(e.inputs) &&
      Object.values(e.inputs).every((h) => typeof h === 'string');
    if (!ok) return { problem: `entry for claim "${id}" is malformed` };
  }
  return { lock: { claims: root.claims as Record<string, LockEntry> } };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareIds(a, b)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
