/** Code-unit order, as ids and paths are sorted everywhere: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Items by their id, in compareIds order. */
export function byId(a: { id: string }, b: { id: string }): number {
  return compareIds(a.id, b.id);
}
