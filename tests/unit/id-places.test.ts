import { describe, expect, it } from 'vitest';
import { idPlaceReader, writeIdPlaces } from '../../src/cache/id-places.js';
import { isTableMeta } from '../../src/cache/sharded-table.js';

describe('id places', () => {
  // Ids that are each other's prefixes and suffixes, and the place of each.
  const lists = Array.from({ length: 40 }, (_, place) => Array.from({ length: 30 }, (_, k) => [`a${k}`, `a${k}-${place}`, `${place}-a${k}`][k % 3]!).filter((id, k) => place > 0 || k < 3));
  const unique = new Map<string, number>();
  lists.forEach((ids, place) => ids.forEach((id) => unique.has(id) || unique.set(id, place)));
  const byPlace = lists.map((ids, place) => ids.filter((id) => unique.get(id) === place));

  it('give back each id its place, and nothing for an id not written, from text put after a head', () => {
    const { text, meta } = writeIdPlaces(byPlace, 5)!;
    const kept = `head.${text}`;
    expect(isTableMeta(meta, kept.length)).toBe(true);
    expect(meta.ends.length).toBeGreaterThan(1);
    let broken = 0;
    const placeOf = idPlaceReader(kept, meta, byPlace.length, () => broken++);
    for (const [id, place] of unique) expect(placeOf(id), id).toBe(place);
    for (const id of ['a', 'a1-', '-a1', 'zz', 'a1:0', 'a1 a2', 'constructor', '__proto__', '']) expect(placeOf(id), id).toBeUndefined();
    expect(broken).toBe(0);
  });

  it('tell apart ids that end or start alike in one shard', () => {
    const { text, meta } = writeIdPlaces([['a1', 'b-a1'], ['xa1', 'a1-b'], ['a11']], 0)!;
    expect(meta.ends).toHaveLength(1);
    const placeOf = idPlaceReader(text, meta, 3, () => {
      throw new Error('broken');
    });
    expect(['a1', 'b-a1', 'xa1', 'a1-b', 'a11', 'a', '1', 'b'].map(placeOf)).toEqual([0, 0, 1, 1, 2, undefined, undefined, undefined]);
  });

  it('are not written for an id outside the schema, and report a place or shard that does not read back', () => {
    expect(writeIdPlaces([['good'], ['has space']], 0)).toBeUndefined();
    expect(writeIdPlaces([['a:1']], 0)).toBeUndefined();
    const { text, meta } = writeIdPlaces([['one'], ['two']], 0)!;
    let broken = 0;
    // A place past the list, as a damaged head would give.
    const placeOf = idPlaceReader(text, meta, 1, () => broken++);
    expect(placeOf('one')).toBe(0);
    expect(placeOf('two')).toBeUndefined();
    expect(broken).toBe(1);
    // A shard cut short, as damaged bounds would give: inside an entry, or by a whole entry.
    const cut = idPlaceReader(text, { start: 0, ends: [meta.ends[0]! - 1] }, 2, () => broken++);
    expect(cut('one')).toBeUndefined();
    expect(broken).toBe(2);
    const { text: both, meta: one } = writeIdPlaces([['one', 'two']], 0)!;
    const short = idPlaceReader(both, { start: 0, ends: [one.ends[0]! - 'two:0 '.length] }, 1, () => broken++);
    expect(short('two')).toBeUndefined();
    expect(broken).toBe(3);
  });
});
