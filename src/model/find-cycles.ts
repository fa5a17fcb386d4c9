/**
 * Cycles a depth-first walk of a graph finds, each once, rotated to start at
 * its smallest id, up to `max` of them, and how many more it found. Without
 * recursion: a chain of thousands of links (a long relays chain) cannot
 * exhaust the stack. Each cycle costs its length, so a graph of thousands of
 * cycles through one node (each link also relaying the first) would cost
 * their square without the cap.
 */
export function findCycles(ids: Iterable<string>, next: (id: string) => readonly string[], max = Infinity): { cycles: string[][]; more: number } {
  const cycles = new Map<string, string[]>();
  let more = 0;
  const state = new Map<string, 'active' | 'done'>();
  // Where each active id is on the path, so that a cycle is cut out without a search.
  const at = new Map<string, number>();
  for (const start of [...ids].sort()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    // An index into each id's list, not shift(): a source relaying thousands made that their square.
    const stack: { id: string; rest: readonly string[]; next: number }[] = [];
    const enter = (id: string) => {
      state.set(id, 'active');
      at.set(id, path.length);
      path.push(id);
      // Each edge once: a source relaying another twice closes one cycle, counted once past the cap too.
      stack.push({ id, rest: [...new Set(next(id))], next: 0 });
    };
    enter(start);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const to = top.rest[top.next++];
      if (to === undefined) {
        state.set(top.id, 'done');
        path.pop();
        stack.pop();
      } else if (state.get(to) === 'active') {
        if (cycles.size >= max) {
          more++;
          continue;
        }
        const cycle = path.slice(at.get(to));
        let first = 0;
        for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[first]!) first = i;
        const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
        cycles.set(rotated.join('\0'), rotated);
      } else if (!state.has(to)) {
        enter(to);
      }
    }
  }
  return { cycles: [...cycles.values()], more };
}
