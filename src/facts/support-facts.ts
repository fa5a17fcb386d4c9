import type { Contradiction } from '../evidence/detect-contradictions.js';
import type { FactDefinition } from './fact-types.js';
import type { MatchContext } from './match-evidence.js';
import { ids, select } from './select-matches.js';
import { count } from './build-values.js';
import { ORIGIN_FACTS } from './origin-facts.js';
import { PROVENANCE_FACTS } from './provenance-facts.js';

/** Facts about how much evidence bears on the claim, which way, and how independent it is. */
export const SUPPORT_FACTS: FactDefinition[] = [
  {
    name: 'matching_count',
    label: 'the records about what the claim asserts',
    type: 'number',
    description: 'Evidence records about what the claim asserts, whichever way they point.',
    compute: ({ found }) => count(select.all(found)),
  },
  {
    name: 'supporting_count',
    label: 'the independent records that support it',
    type: 'number',
    description: "Records that support the claim independently: not the claimant's own words and not from the claim's own appearance.",
    compute: ({ found }) => count(select.supporting(found)),
  },
  {
    name: 'contradicting_count',
    label: 'the records that contradict it',
    type: 'number',
    description: 'Records that contradict the claim, from any source, the claimant included.',
    compute: ({ found }) => count(select.contradicting(found)),
  },
  {
    name: 'neutral_count',
    label: 'the records that take no side',
    type: 'number',
    description: 'Matching records that take no side: undated, or dated too loosely to place.',
    compute: ({ found }) => count(select.neutral(found)),
  },
  ...ORIGIN_FACTS,
  ...PROVENANCE_FACTS,
  {
    name: 'contradiction_count',
    label: 'the disagreements among the records',
    type: 'number',
    description: 'Disagreements among the evidence records bearing on the claim (different values, a date outside a stated window, conflicting dates for one happening), counted once per pair of origins or happenings: a second outlet relaying the same report does not double them.',
    compute: ({ found, ctx }) => ({ value: distinctContradictions(found.contradictions, ctx).length, evidence: [...new Set(found.contradictions.flatMap((c) => c.records))].sort() }),
  },
  {
    name: 'conflicting_records',
    label: 'the records that disagree',
    type: 'list',
    description: 'The ids of the records in those contradictions.',
    compute: ({ found }) => {
      const ids = [...new Set(found.contradictions.flatMap((c) => c.records))].sort();
      return { value: ids, evidence: ids };
    },
  },
  {
    name: 'assessment_count',
    label: 'the assessments of its subject',
    type: 'number',
    description: "Assessments (judgements such as an investigation's findings) about the claim's subject and topic. They inform but neither support nor contradict.",
    compute: ({ found }) => ({ value: found.assessments.length, evidence: ids(found.assessments) }),
  },
  {
    name: 'assessment_findings',
    label: 'the findings of those assessments',
    type: 'list',
    description: 'The findings of those assessments, in their sources\' words.',
    compute: ({ found }) => ({ value: found.assessments.map((a) => a.finding), evidence: ids(found.assessments) }),
  },
];

/** Contradictions, one per kind and pair of sides, where a side is a happening (`occurrence`) or else an origin. */
function distinctContradictions(contradictions: readonly Contradiction[], ctx: MatchContext): Contradiction[] {
  const side = (id: string) => {
    const r = ctx.index.get(id);
    if (!r) return id;
    if (r.kind === 'event' && r.occurrence !== undefined) return `occurrence:${r.occurrence}`;
    return `origin:${ctx.originsOf(r).join('+')}:${r.kind === 'event' ? `${r.actor}/${r.action}` : r.kind}`;
  };
  const seen = new Map<string, Contradiction>();
  for (const c of contradictions) {
    const key = `${c.kind}\0${[side(c.records[0]), side(c.records[1])].sort().join('\0')}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}
