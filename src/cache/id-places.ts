import { hashKey, type ShardSource, type TableMeta } from './sharded-table.js';

/**
 * Each record id's file (by its place in a list), kept as text in shards by
 * the id's hash: a partial run asks for a few hundred ids of 100,000, and a
 * map of them all took it 20 to 30 ms to build. A shard is ` id:place` for
 * each id in it, then a space. Ids are the schema's (lowercase letters, digits
 * and hyphens), so no id holds either character, and JSON escapes neither.
 */
export function writeIdPlaces(idsByPlace: readonly (readonly string[])[]): string[] | undefined {
  const count = idsByPlace.reduce((n, ids) => n + ids.length, 0);
  let size = 1;
  while (size * IDS_PER_SHARD < count) size *= 2;
  const shards = Array.from({ length: size }, () => [] as string[]);
  for (let place = 0; place < idsByPlace.length; place++) {
    for (const id of idsByPlace[place]!) {
      if (!ID.test(id)) return undefined;
      shards[hashKey(id) & (size - 1)]!.push(`${id}:${place}`);
    }
  }
  return shards.map((entries) => ` ${entries.join(' ')} `);
}

/**
 * Looks ids up in shards writeIdPlaces wrote, the parts `meta` names of
 * `source`, each read when first asked. A shard or place that does not read
 * as one gives `onBroken` a call, and nothing.
 */
export function idPlaceReader(source: ShardSource, meta: TableMeta, places: number, onBroken: () => void): (id: string) => number | undefined {
  const mask = meta.count - 1;
  const shards = new Map<number, string>();
  return (id) => {
    // An id the schema refuses is in no file, and could match across an entry's parts.
    if (!ID.test(id)) return undefined;
    const i = hashKey(id) & mask;
    let shard = shards.get(i);
    if (shard === undefined) {
      shard = source(meta.first + i);
      if (shard === undefined || !shard.startsWith(' ') || !shard.endsWith(' ')) {
        onBroken();
        shard = ' ';
      }
      shards.set(i, shard);
    }
    const at = shard.indexOf(` ${id}:`);
    if (at === -1) return undefined;
    const from = at + id.length + 2;
    const end = shard.indexOf(' ', from);
    const place = end === -1 ? NaN : Number(shard.slice(from, end));
    if (Number.isSafeInteger(place) && place >= 0 && place < places && end > from) return place;
    onBroken();
    return undefined;
  };
}

/** About this many ids to a shard: a few hundred bytes to search. */
const IDS_PER_SHARD = 64;
const ID = /^[a-z0-9][a-z0-9-]*$/;
