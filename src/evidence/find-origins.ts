import type { EvidenceRecord, Source } from '../types.js';
import { append } from '../model/append.js';

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
  const reaching = new Map<string, Set<string>>();
  const chainHas = (id: string, other: string): boolean => {
    let found = reaching.get(other);
    if (!found) {
      if (!relayedBy) {
        relayedBy = new Map();
        for (const s of sources.values()) {
          for (const r of s.relays) {
            const by = relayedBy.get(r);
            if (by) by.push(s.id);
            else relayedBy.set(r, [s.id]);
          }
        }
      }
      found = new Set<string>();
      const stack = [other];
      while (stack.length) {
        const current = stack.pop()!;
        if (found.has(current)) continue;
        found.add(current);
        append(stack, relayedBy.get(current) ?? []);
      }
      reaching.set(other, found);
    }
    return found.has(id);
  };
  const rootsOf = (id: string): string[] => {
    const known = roots.get(id);
    if (known) return known;
    const found = chainsOf([id]).filter((s) => (sources.get(s)?.relays ?? []).length === 0).sort();
    // Inside a pure cycle nothing is a root; the source then stands for itself.
    const result = found.length ? found : [id];
    roots.set(id, result);
    return result;
  };
  // A record without relayed_from is its source's own reporting, whatever else that source relays.
  const originsOf = (record: EvidenceRecord) => (record.relayed_from ? rootsOf(record.relayed_from) : [record.source]);
  return { rootsOf, originsOf, chainHas, chainsOf };
}
