import { routeKey } from '../evidence/route-keys.js';

/** Nested lists built by adding each number once in a row, as each file or claim is filed in turn. */
export class NestedLists {
  private readonly top = new Map<string, Map<string, Map<string, number[]>>>();
  add(kind: string, a: string, b: string, i: number): void {
    let first = this.top.get(kind);
    if (!first) this.top.set(kind, (first = new Map()));
    let second = first.get(a);
    if (!second) first.set(a, (second = new Map()));
    const list = second.get(b);
    if (!list) second.set(b, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  }
  /** A list made whole elsewhere. */
  set(kind: string, a: string, b: string, list: number[]): void {
    let first = this.top.get(kind);
    if (!first) this.top.set(kind, (first = new Map()));
    let second = first.get(a);
    if (!second) first.set(a, (second = new Map()));
    second.set(b, list);
  }
  count(kind: string, a: string, b: string): number {
    return this.top.get(kind)?.get(a)?.get(b)?.length ?? 0;
  }
  /** Every list, by its route key. */
  entries(): [string, number[]][] {
    const out: [string, number[]][] = [];
    for (const [kind, first] of this.top) for (const [a, second] of first) for (const [b, list] of second) out.push([routeKey(kind, a, b), list]);
    return out;
  }
}
