import { describe, expect, it } from 'vitest';
import { idPlaceReader, writeIdPlaces } from '../../src/cache/id-places.js';
import { isTableMeta } from '../../src/cache/sharded-table.js';

describe('id places', () => {
  // Ids that are each other's prefixes and suffixes, and the place of each.
  const lists = Array.from({ length: 40 }, (_, place) => Array.from({ length: 30 }, (_, k) => [`a${k}`, `a${k}-${place}`, `${place}-a${k}`][k % 3]!).filter((id, k) => place > 0 || k < 3));
  const unique = new Map<string, number>();
  lists.forEach((ids, place) => ids.forEach((id) => unique.has(id) || unique.set(id, place)));
  const byPlace = lists.map((ids, place) => ids.filter((id) => unique.get(id) === place));

  // The shards as parts after another, read by their place.
  const readerOf = (shards: readonly (string | undefined)[], places: number, onBroken: () => void) =>
    idPlaceReader((i) => ['head', ...shards][i], { first: 1, count: shards.length }, places, onBroken);

  it('give back each id its place, and nothing for an id not written, from shards put after another part', () => {
    const shards = writeIdPlaces(byPlace)!;
    expect(isTableMeta({ first: 1, count: shards.length }, shards.length + 1)).toBe(true);
    expect(shards.length).toBeGreaterThan(1);
    let broken = 0;
    const placeOf = readerOf(shards, byPlace.length, () => broken++);
    for (const [id, place] of unique) expect(placeOf(id), id).toBe(place);
    for (const id of ['a', 'a1-', '-a1', 'zz', 'a1:0', 'a1 a2', 'constructor', '__proto__', '']) expect(placeOf(id), id).toBeUndefined();
    expect(broken).toBe(0);
  });

  it('tell apart ids that end or start alike in one shard', () => {
    const shards = writeIdPlaces([['a1', 'b-a1'], ['xa1', 'a1-b'], ['a11']])!;
    expect(shards).toHaveLength(1);
    const placeOf = readerOf(shards, 3, () => {
      throw new Error('broken');
    });
    expect(['a1', 'b-a1', 'xa1', 'a1-b', 'a11', 'a', '1', 'b'].map(placeOf)).toEqual([0, 0, 1, 1, 2, undefined, undefined, undefined]);
  });

  it('are not written for an id outside the schema, and report a place or shard that does not read back', () => {
    expect(writeIdPlaces([['good'], ['has space']])).toBeUndefined();
    expect(writeIdPlaces([['a:1']])).toBeUndefined();
    const shards = writeIdPlaces([['one'], ['two']])!;
    let broken = 0;
    // A place past the list, as a damaged head would give.
    const placeOf = readerOf(shards, 1, () => broken++);
    expect(placeOf('one')).toBe(0);
    expect(placeOf('two')).toBeUndefined();
    expect(broken).toBe(1);
    // A shard that does not read back, or not as a shard: cut inside an entry, or without its spaces.
    for (const damaged of [undefined, shards[0]!.slice(0, -2), shards[0]!.trim()]) {
      const cut = readerOf([damaged], 2, () => broken++);
      expect(cut('one')).toBeUndefined();
      expect(cut('one')).toBeUndefined();
    }
    expect(broken).toBe(4);
  });
});
