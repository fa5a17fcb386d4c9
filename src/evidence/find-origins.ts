import type { EvidenceRecord, Source } from '../types.js';
import { append } from '../model/append.js';

/**
 * Origins are the roots of `relays` chains: two outlets relaying one report
 * share one origin. A source that relays nothing is its own root.
 */
export function createOriginFinder(sources: ReadonlyMap<string, Source>): {
  rootsOf(sourceId: string): string[];
  originsOf(record: EvidenceRecord): string[];
  chainOf(sourceId: string): ReadonlySet<string>;
} {
  const roots = new Map<string, string[]>();
  const chains = new Map<string, Set<string>>();
  const chainOf = (id: string): Set<string> => {
    const known = chains.get(id);
    if (known) return known;
    // Iterative walk with a visited set: a relays cycle (reported at load) cannot loop here.
    const visited = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const current = stack.pop()!;
      if (visited.has(current)) continue;
      visited.add(current);
      append(stack, sources.get(current)?.relays ?? []);
    }
    chains.set(id, visited);
    return visited;
  };
  const rootsOf = (id: string): string[] => {
    const known = roots.get(id);
    if (known) return known;
    const found = [...chainOf(id)].filter((s) => (sources.get(s)?.relays ?? []).length === 0).sort();
    // Inside a pure cycle nothing is a root; the source then stands for itself.
    const result = found.length ? found : [id];
    roots.set(id, result);
    return result;
  };
  // A record without relayed_from is its source's own reporting, whatever else that source relays.
  const originsOf = (record: EvidenceRecord) => (record.relayed_from ? rootsOf(record.relayed_from) : [record.source]);
  return { rootsOf, originsOf, chainOf };
}
