import type { EvidenceRecord, Source } from '../types.js';
import { addTo, append } from '../model/append.js';

/**
 * Origins are the roots of `relays` chains: two outlets relaying one report
 * share one origin. A source that relays nothing is its own root.
 *
 * No source's whole chain is kept: a chain of thousands of links, each link
 * the origin of a record, kept a set of the rest of the chain for each, in
 * memory the square of its length (8,000 links: a gigabyte). Whether a chain
 * holds a source is answered from the sources that reach it, worked out once
 * for each source asked about.
 */
export function createOriginFinder(sources: ReadonlyMap<string, Source>): {
  rootsOf(sourceId: string): string[];
  originsOf(record: EvidenceRecord): string[];
  chainHas(sourceId: string, other: string): boolean;
  chainsOf(sourceIds: Iterable<string>): string[];
} {
  const roots = new Map<string, string[]>();
  // Iterative walks with a visited set: a relays cycle (reported at load) cannot loop here.
  const chainsOf = (ids: Iterable<string>): string[] => {
    // Each source's chain in turn, in the order of a walk of it alone, skipping what is already in:
    // whatever a source seen before reaches is in already.
    const visited = new Set<string>();
    const out: string[] = [];
    for (const id of ids) {
      const stack = [id];
      while (stack.length) {
        const current = stack.pop()!;
        if (visited.has(current)) continue;
        visited.add(current);
        out.push(current);
        append(stack, sources.get(current)?.relays ?? []);
      }
    }
    return out;
  };
  let relayedBy: Map<string, string[]> | undefined;
  let numbers: Map<string, number> | undefined;
  let scratch: Uint8Array | undefined;
  const reaching = new Map<string, (n: number) => boolean>();
  const chainHas = (id: string, other: string): boolean => {
    if (id === other) return true;
    let found = reaching.get(other);
    if (!found) {
      if (!relayedBy || !numbers || !scratch) {
        relayedBy = new Map();
        for (const s of sources.values()) for (const r of s.relays) addTo(relayedBy, r, s.id);
        numbers = new Map([...sources.values()].map((s, i) => [s.id, i]));
        scratch = new Uint8Array(numbers.size);
      }
      // Every source that reaches `other`, by number: each one relays something, so is known.
      const seen: number[] = [];
      const stack = [...(relayedBy.get(other) ?? [])];
      while (stack.length) {
        const current = stack.pop()!;
        const n = numbers.get(current)!;
        if (scratch[n]) continue;
        scratch[n] = 1;
        seen.push(n);
        append(stack, relayedBy.get(current) ?? []);
      }
      for (const n of seen) scratch[n] = 0;
      found = memberOf(seen, numbers.size);
      reaching.set(other, found);
    }
    const n = numbers!.get(id);
    return n !== undefined && found(n);
  };
  // The roots a source's chain reaches, possibly none. A source relaying one other reaches what
  // that one does: followed link by link, so that each link of a chain of thousands, asked
  // about, costs one step, where walking each one's chain whole cost the square of its length.
  const reached = new Map<string, string[]>();
  const rootsReached = (id: string): string[] => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current = id;
    let found = reached.get(current);
    while (!found) {
      const relays = sources.get(current)?.relays ?? [];
      if (relays.length !== 1) {
        found = chainsOf([current]).filter((s) => (sources.get(s)?.relays ?? []).length === 0).sort();
        reached.set(current, found);
      } else if (onPath.has(current)) {
        // A cycle of sources that each relay one other: none of them reaches a root.
        found = [];
      } else {
        onPath.add(current);
        path.push(current);
        current = relays[0]!;
        found = reached.get(current);
      }
    }
    for (const link of path) reached.set(link, found);
    return found;
  };
  const rootsOf = (id: string): string[] => {
    const known = roots.get(id);
    if (known) return known;
    const found = rootsReached(id);
    // Inside a pure cycle nothing is a root; the source then stands for itself.
    const result = found.length ? found : [id];
    roots.set(id, result);
    return result;
  };
  // A record without relayed_from is its source's own reporting, whatever else that source relays.
  const originsOf = (record: EvidenceRecord) => (record.relayed_from ? rootsOf(record.relayed_from) : [record.source]);
  return { rootsOf, originsOf, chainHas, chainsOf };
}

/**
 * Membership of a set of source numbers, in the less memory of two forms: a
 * set while it is small against all sources, else one bit for each source.
 * Asked about every link of a chain of 8,000 sources: 865 MB of heap as
 * sets of ids, 3.5 MB as bits.
 */
function memberOf(numbers: readonly number[], of: number): (n: number) => boolean {
  if (numbers.length * 128 < of) {
    const set = new Set(numbers);
    return (n) => set.has(n);
  }
  const bits = new Uint32Array((of + 31) >>> 5);
  for (const n of numbers) bits[n >>> 5]! |= 1 << (n & 31);
  return (n) => (bits[n >>> 5]! & (1 << (n & 31))) !== 0;
}
