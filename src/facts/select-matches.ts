import type { ClaimEvidence, Match } from './match-evidence.js';

/** The subsets of a claim's matches that facts are computed over. */
export const select = {
  all: (f: ClaimEvidence) => f.matches,
  /** Independent support: not from the claimant, not from the claim's own appearance, not a number's subject vouching for itself. */
  supporting: (f: ClaimEvidence) => f.matches.filter((m) => m.role === 'support' && !m.selfReported && !m.ownAppearance && !m.participant),
  /** Support for a number from its subject's own account of its own conduct. */
  participant: (f: ClaimEvidence) => f.matches.filter((m) => m.role === 'support' && m.participant && !m.selfReported && !m.ownAppearance),
  contradicting: (f: ClaimEvidence) => f.matches.filter((m) => m.role === 'contradict'),
  neutral: (f: ClaimEvidence) => f.matches.filter((m) => m.role === 'neutral'),
  selfReported: (f: ClaimEvidence) => f.matches.filter((m) => m.role === 'support' && m.selfReported),
  ownAppearance: (f: ClaimEvidence) => f.matches.filter((m) => m.role === 'support' && m.ownAppearance && !m.selfReported),
  /** Records that take a side, whoever they come from. */
  decisive: (f: ClaimEvidence) => f.matches.filter((m) => m.role !== 'neutral'),
};

export function ids(matches: readonly { record: { id: string } }[] | readonly { id: string }[]): string[] {
  const list = (matches as readonly ({ record: { id: string } } | { id: string })[]).map((m) => ('record' in m ? m.record.id : m.id));
  return [...new Set(list)].sort();
}

export function distinctOrigins(matches: readonly Match[]): string[] {
  return [...new Set(matches.flatMap((m) => m.origins))].sort();
}

/** Records that show what the claim gets wrong in one way: another channel, another speaker, different words. */
export function mismatched(f: ClaimEvidence, kind: NonNullable<Match['mismatch']>): Match[] {
  return f.matches.filter((m) => m.mismatch === kind);
}
