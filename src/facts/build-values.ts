import type { Match } from './match-evidence.js';
import { ids } from './select-matches.js';

/** A count of matches, with their ids as its evidence. */
export const count = (matches: Match[]) => ({ value: matches.length, evidence: ids(matches) });

/** Names without repeats, sorted, for list facts. */
export const sortedNames = (names: string[]) => [...new Set(names)].sort();
