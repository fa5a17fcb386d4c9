import { PRIMARY_SOURCE_KINDS } from '../types.js';
import type { Contradiction } from '../evidence/detect-contradictions.js';
import type { FactDefinition } from './fact-types.js';
import type { Match, MatchContext } from './match-evidence.js';
import { distinctOrigins, ids, select } from './select-matches.js';

const count = (matches: Match[]) => ({ value: matches.length, evidence: ids(matches) });
const sortedNames = (names: string[]) => [...new Set(names)].sort();

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
  {
    name: 'supporting_origins',
    label: 'the independent origins of the support',
    type: 'number',
    description: 'Distinct origins of the independent support: roots of the relays chains, so outlets repeating one report count once.',
    compute: ({ found }) => {
      const m = select.supporting(found);
      return { value: distinctOrigins(m).length, evidence: ids(m) };
    },
  },
  {
    name: 'contradicting_origins',
    label: 'the origins of the contradicting records',
    type: 'number',
    description: 'Distinct origins of the contradicting records.',
    compute: ({ found }) => {
      const m = select.contradicting(found);
      return { value: distinctOrigins(m).length, evidence: ids(m) };
    },
  },
  {
    name: 'supporting_origin_names',
    label: 'the names of the origins of the support',
    type: 'list',
    description: 'Names of the origins of the independent support, such as "The Atlantic".',
    compute: ({ found, names }) => {
      const m = select.supporting(found);
      return { value: sortedNames(distinctOrigins(m).map(names.source)), evidence: ids(m) };
    },
  },
  {
    name: 'contradicting_origin_names',
    label: 'the names of the origins of the contradicting records',
    type: 'list',
    description: 'Names of the origins of the contradicting records.',
    compute: ({ found, names }) => {
      const m = select.contradicting(found);
      return { value: sortedNames(distinctOrigins(m).map(names.source)), evidence: ids(m) };
    },
  },
  {
    name: 'supporting_outlets',
    label: 'the outlets the support was read in',
    type: 'list',
    description: 'Names of the sources the independent support was read in, such as "The Week".',
    compute: ({ found, names }) => {
      const m = select.supporting(found);
      return { value: sortedNames(m.map((x) => names.source(x.record.source))), evidence: ids(m) };
    },
  },
  {
    name: 'contradicting_outlets',
    label: 'the outlets the contradicting records were read in',
    type: 'list',
    description: 'Names of the sources the contradicting records were read in.',
    compute: ({ found, names }) => {
      const m = select.contradicting(found);
      return { value: sortedNames(m.map((x) => names.source(x.record.source))), evidence: ids(m) };
    },
  },
  {
    name: 'matching_origins',
    label: 'the origins of every record that takes a side',
    type: 'number',
    description: "Distinct origins of every record that takes a side, the set-aside ones included: 1 means every report of it is one report repeated.",
    compute: ({ found }) => {
      const m = select.decisive(found);
      return { value: distinctOrigins(m).length, evidence: ids(m) };
    },
  },
  {
    name: 'matching_origin_names',
    label: 'the names of the origins of every record that takes a side',
    type: 'list',
    description: 'Names of those origins.',
    compute: ({ found, names }) => {
      const m = select.decisive(found);
      return { value: sortedNames(distinctOrigins(m).map(names.source)), evidence: ids(m) };
    },
  },
  {
    name: 'matching_outlets',
    label: 'the outlets of every record that takes a side',
    type: 'list',
    description: "Names of the sources every record that takes a side was read in, the claim's own appearance included.",
    compute: ({ found, names }) => {
      const m = select.decisive(found);
      return { value: sortedNames(m.map((x) => names.source(x.record.source))), evidence: ids(m) };
    },
  },
  {
    name: 'self_reported_count',
    label: 'the supporting records that come from the claimant',
    type: 'number',
    description: "Supporting records that come from the claimant: attributed to them, spoken by them, or from a source they wrote.",
    compute: ({ found }) => count(select.selfReported(found)),
  },
  {
    name: 'self_reported_only',
    label: 'all its support comes from the claimant',
    type: 'boolean',
    description: 'All support comes from the claimant: there is self-reported support and no independent support.',
    compute: ({ found }) => {
      const self = select.selfReported(found);
      return { value: self.length > 0 && select.supporting(found).length === 0, evidence: ids(self) };
    },
  },
  {
    name: 'own_appearance_count',
    label: "the supporting records that are the claim's own appearance",
    type: 'number',
    description: "Supporting records set aside because they come from the claim's own appearance (the claim repeated, not confirmed).",
    compute: ({ found }) => count(select.ownAppearance(found)),
  },
  {
    name: 'primary_support',
    label: 'the independent records from a primary source',
    type: 'number',
    description: 'Independent supporting records whose origin is a primary source: a social post, primary document, official statement or interview.',
    compute: ({ found, ctx }) => count(primary(select.supporting(found), ctx)),
  },
  {
    name: 'primary_origin_names',
    label: 'the primary sources of the support',
    type: 'list',
    description: 'Names of the primary sources the independent support comes from, such as "Donald Trump on Twitter".',
    compute: ({ found, ctx, names }) => {
      const m = primary(select.supporting(found), ctx);
      const origins = m.flatMap((x) => x.origins.filter((o) => isPrimary(o, ctx)));
      return { value: sortedNames(origins.map(names.source)), evidence: ids(m) };
    },
  },
  {
    name: 'participant_confirmations',
    label: 'the records in which a participant confirms it',
    type: 'number',
    description: 'Records in which a participant confirms what happened: attributed to the actor or target of the event, or to the subject or counterpart of the number.',
    compute: ({ found }) => count(participantConfirmations(select.decisive(found))),
  },
  {
    name: 'confirming_participants',
    label: 'the participants who confirm it',
    type: 'list',
    description: 'Names of the participants who confirmed it.',
    compute: ({ found, names }) => {
      const m = participantConfirmations(select.decisive(found));
      return { value: sortedNames(m.map((x) => names.entity(x.record.attributed_to!))), evidence: ids(m) };
    },
  },
  {
    name: 'anchored_support',
    label: 'the supporting records quoted word for word from an archived source',
    type: 'number',
    description: 'Independent supporting records whose quotes are located word for word in an archived snapshot.',
    compute: ({ found, ctx }) => count(select.supporting(found).filter((m) => ctx.isAnchored(m.record.id))),
  },
  {
    name: 'unanchored_support',
    label: 'the supporting records from sources that are not archived',
    type: 'number',
    description: 'Independent supporting records cited from sources with no archived snapshot (such as an unarchived report or post): their words cannot be checked here.',
    compute: ({ found, ctx }) => count(select.supporting(found).filter((m) => !ctx.isAnchored(m.record.id))),
  },
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

function isPrimary(sourceId: string, ctx: MatchContext): boolean {
  const kind = ctx.sources.get(sourceId)?.kind;
  return kind !== undefined && PRIMARY_SOURCE_KINDS.has(kind);
}

function primary(matches: Match[], ctx: MatchContext): Match[] {
  return matches.filter((m) => m.origins.some((o) => isPrimary(o, ctx)));
}

function participantConfirmations(matches: Match[]): Match[] {
  return matches.filter(({ record: r }) => {
    if (r.attributed_to === undefined) return false;
    if (r.kind === 'event') return !r.negated && (r.attributed_to === r.actor || r.attributed_to === r.target);
    if (r.kind === 'quantity') return r.attributed_to === r.subject || r.attributed_to === r.counterpart;
    return false;
  });
}

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
