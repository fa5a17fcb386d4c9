import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOriginFinder } from '../../src/evidence/find-origins.js';
import type { Source } from '../../src/types.js';

/** A source's whole chain by a walk of it alone, as it was first written: what the finder must agree with. */
function chainOf(sources: ReadonlyMap<string, Source>, id: string): Set<string> {
  const visited = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const current = stack.pop()!;
    if (visited.has(current)) continue;
    visited.add(current);
    stack.push(...(sources.get(current)?.relays ?? []));
  }
  return visited;
}

const source = (id: string, relays: string[]) => ({ id, relays }) as unknown as Source;

describe('createOriginFinder', () => {
  it('answers chains, their unions and roots as walking each chain whole would, cycles and unknown sources too', () => {
    const id = fc.integer({ min: 0, max: 11 }).map((n) => `s${n}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.array(id, { maxLength: 3 })), { maxLength: 10 }), fc.array(id, { maxLength: 5 }), fc.constantFrom(0, 50, 2000), (edges, asked, others) => {
        // Other sources first, so that these are numbered past a word of bits; among 2,000, the sources that reach one are a set.
        const sources = new Map(Array.from({ length: others }, (_, n) => [`other-${n}`, source(`other-${n}`, [])]));
        for (const [from, relays] of edges) sources.set(from, source(from, relays));
        const finder = createOriginFinder(sources);
        for (const a of asked) for (let n = 0; n < 12; n++) expect(finder.chainHas(a, `s${n}`)).toBe(chainOf(sources, a).has(`s${n}`));
        // The union in the order the chains were added one by one, each skipping what was in.
        const union = new Set<string>();
        for (const a of asked) for (const s of chainOf(sources, a)) union.add(s);
        expect(finder.chainsOf(asked)).toEqual([...union]);
        for (const a of asked) {
          const roots = [...chainOf(sources, a)].filter((s) => (sources.get(s)?.relays ?? []).length === 0).sort();
          expect(finder.rootsOf(a)).toEqual(roots.length ? roots : [a]);
        }
      }),
      { seed: 17, numRuns: 2000 },
    );
  });
});
