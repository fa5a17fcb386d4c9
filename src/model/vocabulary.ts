import type { Vocabulary } from '../types.js';

/** The action and every broader action above it, nearest first. Stops on a cycle. */
export function actionAncestors(vocabulary: Vocabulary, action: string): string[] {
  const chain: string[] = [];
  let current: string | undefined = action;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    current = vocabulary.actions.get(current)?.broader;
  }
  return chain;
}

/** True when `narrow` is `broad` or a kind of it. */
export function isKindOf(vocabulary: Vocabulary, narrow: string, broad: string): boolean {
  return actionAncestors(vocabulary, narrow).includes(broad);
}

/** Finds a cycle in the `broader` links, as the list of actions on it. */
export function findActionCycle(vocabulary: Vocabulary): string[] | undefined {
  for (const start of [...vocabulary.actions.keys()].sort()) {
    const seen: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined) {
      const at = seen.indexOf(current);
      if (at !== -1) return seen.slice(at);
      seen.push(current);
      current = vocabulary.actions.get(current)?.broader;
    }
  }
  return undefined;
}
