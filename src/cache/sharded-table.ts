import { asciiText } from './ascii-json.js';
import { isObject } from './manifest-table.js';

/**
 * A lookup table kept as JSON in shards, each key in the shard its hash
 * picks: a run that looks up a few hundred keys of half a million parses a
 * few hundred small shards, not the table. Parsing the whole of a partial
 * run's facts (7 MB of nested objects at the large bench size) took about a
 * tenth of the run.
 *
 * The shards are parts of a ranged blob (ranged-blob.ts), each read when
 * first asked; a table is a run of them (TableMeta).
 */
export interface TableMeta {
  /** The first shard's part. */
  first: number;
  /** How many shards: a power of two. */
  count: number;
}

/** A part's text, read and checked when asked; undefined for one that does not read back. */
export type ShardSource = (part: number) => string | undefined;

/** Whether tables (each meta already checked) take the parts from 0 to `parts` in turn: bounds that do not meet are damaged. */
export function backToBack(metas: readonly TableMeta[], parts: number): boolean {
  let at = 0;
  for (const meta of metas) {
    if (meta.first !== at) return false;
    at += meta.count;
  }
  return at === parts;
}

/** About this many keys to a shard: small enough to parse in microseconds, few enough shards to list. */
const KEYS_PER_SHARD = 32;

/** FNV-1a over the key's UTF-16 code units: the same in the run that writes and the one that reads. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A table's shards as text. The keys are distinct, and each value a list of
 * whole numbers. Each shard is written as JSON.stringify would write an
 * object of its entries: building those objects, each of its own shape, took
 * most of the time, and stringifying each list about half the rest.
 */
export function writeTable(entries: readonly (readonly [string, readonly number[]])[]): string[] {
  let count = 1;
  while (count * KEYS_PER_SHARD < entries.length) count *= 2;
  // The entries by shard, as a counting sort: no array made for each.
  const shardOf = new Uint32Array(entries.length);
  const first = new Uint32Array(count + 1);
  for (let i = 0; i < entries.length; i++) {
    const s = hashKey(entries[i]![0]) & (count - 1);
    shardOf[i] = s;
    first[s + 1]!++;
  }
  for (let s = 0; s < count; s++) first[s + 1]! += first[s]!;
  const order = new Uint32Array(entries.length);
  const next = first.slice(0, count);
  for (let i = 0; i < entries.length; i++) order[next[shardOf[i]!]!++] = i;
  const shards: string[] = [];
  for (let s = 0; s < count; s++) {
    const members: string[] = [];
    for (let j = first[s]!; j < first[s + 1]!; j++) {
      const entry = entries[order[j]!]!;
      members.push(`${JSON.stringify(entry[0])}:[${entry[1].join(',')}]`);
    }
    shards.push(asciiText(`{${members.join(',')}}`));
  }
  return shards;
}

/** Whether `meta` describes a power of two of shards among `parts` parts. */
export function isTableMeta(meta: unknown, parts: number): meta is TableMeta {
  if (!isObject(meta) || !Number.isSafeInteger(meta.first) || !Number.isSafeInteger(meta.count)) return false;
  const first = meta.first as number;
  const count = meta.count as number;
  return first >= 0 && count > 0 && (count & (count - 1)) === 0 && first + count <= parts;
}

/**
 * Looks keys up in a table's shards, parsing each when first asked. A shard
 * that does not read back, or does not parse as an object, gives `onBroken`
 * a call and every key in it nothing: the caller must then not trust what it
 * found.
 */
export function readTable<T>(source: ShardSource, meta: TableMeta, onBroken: () => void): (key: string) => T | undefined {
  const parsed = new Map<number, Record<string, T>>();
  const mask = meta.count - 1;
  return (key) => {
    const i = hashKey(key) & mask;
    let shard = parsed.get(i);
    if (!shard) {
      try {
        const text = source(meta.first + i);
        const value: unknown = text === undefined ? undefined : JSON.parse(text);
        shard = isObject(value) ? (value as Record<string, T>) : undefined;
      } catch {
        shard = undefined;
      }
      if (!shard) {
        onBroken();
        shard = {};
      }
      parsed.set(i, shard);
    }
    // Own keys only: `constructor` is a valid id, and a word, and every object inherits one.
    return Object.hasOwn(shard, key) ? shard[key] : undefined;
  };
}
