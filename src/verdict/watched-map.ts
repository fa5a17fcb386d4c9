/** A map whose lookups are reported; everything else passes through. A class, not a Proxy: it sits on every lookup. */
class WatchedMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly map: ReadonlyMap<string, V>,
    private readonly seen: (key: string) => void,
  ) {}
  get(key: string): V | undefined {
    this.seen(key);
    return this.map.get(key);
  }
  has(key: string): boolean {
    this.seen(key);
    return this.map.has(key);
  }
  get size(): number {
    return this.map.size;
  }
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    this.map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }
  entries(): MapIterator<[string, V]> {
    return this.map.entries();
  }
  keys(): MapIterator<string> {
    return this.map.keys();
  }
  values(): MapIterator<V> {
    return this.map.values();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.map[Symbol.iterator]();
  }
}

export function watchedMap<V>(map: ReadonlyMap<string, V>, seen: (key: string) => void): ReadonlyMap<string, V> {
  return new WatchedMap(map, seen);
}
