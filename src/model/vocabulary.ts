import type { Vocabulary } from '../types.js';

/** Terms that form a hierarchy through `broader`: actions and topics. */
type Hierarchy = ReadonlyMap<string, { broader?: string }>;

/** The term and every broader term above it, nearest first. Stops on a cycle. */
export function ancestors(terms: Hierarchy, id: string): string[] {
  const chain: string[] = [];
  let current: string | undefined = id;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    current = terms.get(current)?.broader;
  }
  return chain;
}

/** The action and every broader action above it, nearest first. Stops on a cycle. */
export function actionAncestors(vocabulary: Vocabulary, action: string): string[] {
  return ancestors(vocabulary.actions, action);
}

/** True when `narrow` is `broad` or a kind of it. */
export function isKindOf(vocabulary: Vocabulary, narrow: string, broad: string): boolean {
  return actionAncestors(vocabulary, narrow).includes(broad);
}

/** True when a record about `narrow` is about `broad`: the same topic or a kind of it. */
export function isTopicOf(vocabulary: Vocabulary, narrow: string, broad: string): boolean {
  return ancestors(vocabulary.topics, narrow).includes(broad);
}

/** An action or any broader action is marked `once`: a single act, as "posted the link he had been sent". */
export function happensOnce(vocabulary: Vocabulary, action: string): boolean {
  return actionAncestors(vocabulary, action).some((a) => vocabulary.actions.get(a)?.once === true);
}

/** Finds a cycle in the `broader` links of a hierarchy, as the list of terms on it. */
export function findCycle(terms: Hierarchy): string[] | undefined {
  for (const start of [...terms.keys()].sort()) {
    const seen: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined) {
      const at = seen.indexOf(current);
      if (at !== -1) return seen.slice(at);
      seen.push(current);
      current = terms.get(current)?.broader;
    }
  }
  return undefined;
}

/** Finds a cycle in the actions' `broader` links. */
export function findActionCycle(vocabulary: Vocabulary): string[] | undefined {
  return findCycle(vocabulary.actions);
}
