import { isAscii } from 'node:buffer';
import { asciiText } from './ascii-json.js';
import { isObject } from './manifest-table.js';

/**
 * A lookup table kept as JSON in shards, each key in the shard its hash
 * picks: a run that looks up a few hundred keys of half a million parses a
 * few hundred small shards, not the table. Parsing the whole of a partial
 * run's facts (7 MB of nested objects at the large bench size) took about a
 * tenth of the run.
 *
 * A table is its shards' JSON objects back to back in a text, and where each
 * ends (TableMeta), kept beside it.
 */
export interface TableMeta {
  /** Where the first shard starts in the text. */
  start: number;
  /** Where each shard ends; their number is a power of two. */
  ends: number[];
}

/** Where shards are read from: the kept text itself, or its bytes, each shard decoded when asked. */
export interface TextSource {
  slice(start: number, end: number): string;
}

/**
 * Kept bytes read as text, each part decoded when asked: ASCII throughout as
 * written, so latin1 decodes them; undefined for bytes that are not, which
 * were not written so.
 */
export function asciiSource(kept: Uint8Array): (TextSource & { indexOf(char: string): number }) | undefined {
  if (!isAscii(kept)) return undefined;
  const bytes = Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength);
  return { slice: (start, end) => bytes.toString('latin1', start, end), indexOf: (char) => bytes.indexOf(char) };
}

/** Whether tables (each meta already checked) lie back to back from 0 to `length`: bounds that do not meet are damaged. */
export function backToBack(metas: readonly TableMeta[], length: number): boolean {
  let at = 0;
  for (const meta of metas) {
    if (meta.start !== at) return false;
    at = meta.ends[meta.ends.length - 1]!;
  }
  return at === length;
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
 * A table's shards as text, to be put at `start` in the kept text, and its
 * meta. The keys are distinct. Each shard is written as JSON.stringify would
 * write an object of its entries: building those objects, each of its own
 * shape, took most of the time.
 */
export function writeTable(entries: readonly (readonly [string, unknown])[], start: number): { text: string; meta: TableMeta } {
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
  const ends: number[] = [];
  let text = '';
  for (let s = 0; s < count; s++) {
    const members: string[] = [];
    for (let j = first[s]!; j < first[s + 1]!; j++) {
      const entry = entries[order[j]!]!;
      members.push(`${JSON.stringify(entry[0])}:${JSON.stringify(entry[1])}`);
    }
    ends.push(start + (text += asciiText(`{${members.join(',')}}`)).length);
  }
  return { text, meta: { start, ends } };
}

/** Whether `meta` describes shards that lie within a text of this length, in order. */
export function isTableMeta(meta: unknown, length: number): meta is TableMeta {
  if (!isObject(meta) || !Number.isSafeInteger(meta.start) || (meta.start as number) < 0 || !Array.isArray(meta.ends)) return false;
  const { ends } = meta as { ends: unknown[] };
  if (ends.length === 0 || (ends.length & (ends.length - 1)) !== 0) return false;
  let at = meta.start as number;
  for (const end of ends) {
    if (!Number.isSafeInteger(end) || (end as number) < at) return false;
    at = end as number;
  }
  return at <= length;
}

/**
 * Looks keys up in a table kept in `text`, parsing each shard when first
 * asked. A shard that does not parse as an object gives `onBroken` a call
 * and every key in it nothing: the caller must then not trust what it found.
 */
export function readTable<T>(text: TextSource, meta: TableMeta, onBroken: () => void): (key: string) => T | undefined {
  const parsed = new Map<number, Record<string, T>>();
  const mask = meta.ends.length - 1;
  return (key) => {
    const i = hashKey(key) & mask;
    let shard = parsed.get(i);
    if (!shard) {
      try {
        const value: unknown = JSON.parse(text.slice(i === 0 ? meta.start : meta.ends[i - 1]!, meta.ends[i]!));
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
