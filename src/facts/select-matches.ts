import type { ClaimEvidence, Match } from './match-evidence.js';

type Selector = (m: Match) => boolean;

const SELECTORS = {
  all: () => true,
  /** Independent support: not from the claimant, not from the claim's own appearance, not a number's subject vouching for itself. */
  supporting: (m) => m.role === 'support' && !m.selfReported && !m.ownAppearance && !m.participant,
  /** Support for a number from its subject's own account of its own conduct. */
  participant: (m) => m.role === 'support' && m.participant && !m.selfReported && !m.ownAppearance,
  contradicting: (m) => m.role === 'contradict',
  neutral: (m) => m.role === 'neutral',
  selfReported: (m) => m.role === 'support' && m.selfReported,
  ownAppearance: (m) => m.role === 'support' && m.ownAppearance && !m.selfReported,
  /** Records that take a side, whoever they come from. */
  decisive: (m) => m.role !== 'neutral',
} satisfies Record<string, Selector>;

// Some sixty facts ask for the same few subsets of one claim's matches: each is filtered once.
const chosen = new WeakMap<ClaimEvidence, Map<string, Match[]>>();

function pick(f: ClaimEvidence, name: keyof typeof SELECTORS): Match[] {
  let byName = chosen.get(f);
  if (!byName) chosen.set(f, (byName = new Map()));
  let list = byName.get(name);
  if (!list) byName.set(name, (list = name === 'all' ? f.matches : f.matches.filter(SELECTORS[name])));
  return list;
}

/** The subsets of a claim's matches that facts are computed over. Read-only: they are shared. */
export const select = Object.fromEntries(Object.keys(SELECTORS).map((name) => [name, (f: ClaimEvidence) => pick(f, name as keyof typeof SELECTORS)])) as Record<
  keyof typeof SELECTORS,
  (f: ClaimEvidence) => Match[]
>;

const originLists = new WeakMap<readonly Match[], string[]>();

/** The sorted, distinct ids of records or matches. */
export function ids(matches: readonly { record: { id: string } }[] | readonly { id: string }[]): string[] {
  const list = (matches as readonly ({ record: { id: string } } | { id: string })[]).map((m) => ('record' in m ? m.record.id : m.id));
  return list.length < 2 ? list : [...new Set(list)].sort();
}

export function distinctOrigins(matches: readonly Match[]): string[] {
  let known = originLists.get(matches);
  if (!known) {
    // A loop, not flatMap: this runs for most of 10,000 claims, and flatMap cost five times as much in a micro-benchmark.
    const origins = new Set<string>();
    for (const m of matches) for (const origin of m.origins) origins.add(origin);
    originLists.set(matches, (known = [...origins].sort()));
  }
  return known;
}

/** Records that show what the claim gets wrong in one way: another channel, another speaker, different words. */
export function mismatched(f: ClaimEvidence, kind: NonNullable<Match['mismatch']>): Match[] {
  return f.matches.filter((m) => m.mismatch === kind);
}
