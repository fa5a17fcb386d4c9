/**
 * Pushes every item onto a list. `list.push(...items)` passes each item as an
 * argument, and a file of 50,000 broken items gave more diagnostics than the
 * call stack holds: an internal error instead of a report.
 */
export function append<T>(list: T[], items: Iterable<T>): void {
  for (const item of items) list.push(item);
}

/** Adds a value to its key's list, in place: a copy of the list for each one costs the square of its length. */
export function addTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
