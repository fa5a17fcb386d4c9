/**
 * Every cycle a depth-first walk of a graph finds, each once, rotated to
 * start at its smallest id. Without recursion: a chain of thousands of links
 * (a long relays chain) cannot exhaust the stack.
 */
export function findCycles(ids: Iterable<string>, next: (id: string) => readonly string[]): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'active' | 'done'>();
  for (const start of [...ids].sort()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { id: string; rest: string[] }[] = [];
    const enter = (id: string) => {
      state.set(id, 'active');
      path.push(id);
      stack.push({ id, rest: [...next(id)] });
    };
    enter(start);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const to = top.rest.shift();
      if (to === undefined) {
        state.set(top.id, 'done');
        path.pop();
        stack.pop();
      } else if (state.get(to) === 'active') {
        const cycle = path.slice(path.indexOf(to));
        const first = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
        cycles.set(rotated.join('\0'), rotated);
      } else if (!state.has(to)) {
        enter(to);
      }
    }
  }
  return [...cycles.values()];
}
