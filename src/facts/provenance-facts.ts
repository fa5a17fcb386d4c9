import { PRIMARY_SOURCE_KINDS } from '../types.js';
import type { FactDefinition } from './fact-types.js';
import type { Match, MatchContext } from './match-evidence.js';
import { ids, select } from './select-matches.js';
import { count, sortedNames } from './build-values.js';

/** Facts about who the support comes from: the claimant, a primary source or a participant, and whether it is archived. */
export const PROVENANCE_FACTS: FactDefinition[] = [
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
