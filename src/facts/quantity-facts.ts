import { isKindOf } from '../model/vocabulary.js';
import { claimedValue } from './claim-facts.js';
import type { Claim, EventRecord, EvidenceRecord } from '../types.js';
import { formatDate } from '../model/format-date.js';
import type { FactDefinition, FactValue } from './fact-types.js';
import type { Match, MatchContext } from './match-evidence.js';
import { ids } from './select-matches.js';
import { append } from '../model/append.js';

const QUANTITY = ['quantity'] as const;

const independent = (matches: Match[]) => matches.filter((m) => m.role !== 'neutral' && !m.selfReported && !m.ownAppearance && m.value !== undefined);

/** The value nearest the claimed one, with every record that reports it. */
function nearest(matches: Match[], claimed: number): { value: number; matches: Match[] } | undefined {
  let best: number | undefined;
  for (const m of matches) {
    if (best === undefined || Math.abs(m.value! - claimed) < Math.abs(best - claimed) || (Math.abs(m.value! - claimed) === Math.abs(best - claimed) && m.value! < best)) best = m.value!;
  }
  if (best === undefined) return undefined;
  return { value: best, matches: matches.filter((m) => m.value === best) };
}

const none: FactValue = { value: null, evidence: [] };

/** Facts about numbers: what was claimed, what the evidence says, and what the number leaves out. */
export const QUANTITY_FACTS: FactDefinition[] = [
  {
    name: 'claimed_value',
    label: 'the number claimed',
    type: 'number',
    kinds: QUANTITY,
    description: 'The number the claim states, in its own unit.',
    compute: ({ claim }) => (claim.asserts.kind === 'quantity' ? { value: claim.asserts.value, evidence: [] } : none),
  },
  {
    name: 'claimed_amount',
    label: 'the amount claimed',
    type: 'string',
    kinds: QUANTITY,
    description: 'The number the claim states with its comparison and unit, for explanations: "3 messages", "fewer than 5 messages", "between 1 and 3 days".',
    compute: ({ claim }) => (claim.asserts.kind === 'quantity' ? { value: `${claimedValue(claim.asserts)} ${unitFor(claim.asserts.comparison === 'between' ? claim.asserts.to! : claim.asserts.value, claim.asserts.unit)}`, evidence: [] } : none),
  },
  {
    name: 'unit',
    label: 'the unit of the number',
    type: 'string',
    kinds: QUANTITY,
    description: "The claim's unit; evidence values are converted into it.",
    compute: ({ claim }) => (claim.asserts.kind === 'quantity' ? { value: claim.asserts.unit, evidence: [] } : none),
  },
  {
    name: 'evidenced_value',
    label: 'the number the independent evidence gives',
    type: 'number',
    kinds: QUANTITY,
    description: 'The independently evidenced value nearest the claimed one, in the claim\'s unit; null when there is none.',
    compute: ({ claim, found }) => {
      if (claim.asserts.kind !== 'quantity') return none;
      const n = nearest(independent(found.matches), claim.asserts.value);
      return n ? { value: n.value, evidence: ids(n.matches) } : none;
    },
  },
  {
    name: 'evidenced_amount',
    label: 'the amount the independent evidence gives',
    type: 'string',
    kinds: QUANTITY,
    description: 'evidenced_value with its unit, for explanations: "15 minutes", "1 message"; null when there is none.',
    compute: ({ claim, found }) => {
      if (claim.asserts.kind !== 'quantity') return none;
      const n = nearest(independent(found.matches), claim.asserts.value);
      return n ? { value: `${String(Number(n.value.toPrecision(6)))} ${unitFor(n.value, claim.asserts.unit)}`, evidence: ids(n.matches) } : none;
    },
  },
  {
    name: 'quantity_difference',
    label: 'the difference between the evidenced and the claimed number',
    type: 'number',
    kinds: QUANTITY,
    description: 'evidenced_value minus claimed_value, in the claim\'s unit; null without independent evidence.',
    compute: ({ claim, found }) => {
      if (claim.asserts.kind !== 'quantity') return none;
      const n = nearest(independent(found.matches), claim.asserts.value);
      return n ? { value: round(n.value - claim.asserts.value), evidence: ids(n.matches) } : none;
    },
  },
  {
    name: 'difference_amount',
    label: 'how far the claimed number is from the evidenced one',
    type: 'string',
    kinds: QUANTITY,
    description: 'How far the claimed value is from the evidenced one, with its unit, for explanations: "13 minutes"; null without independent evidence.',
    compute: ({ claim, found }) => {
      if (claim.asserts.kind !== 'quantity') return none;
      const n = nearest(independent(found.matches), claim.asserts.value);
      if (!n) return none;
      const gap = Math.abs(round(n.value - claim.asserts.value));
      return { value: `${String(Number(gap.toPrecision(6)))} ${unitFor(gap, claim.asserts.unit)}`, evidence: ids(n.matches) };
    },
  },
  {
    name: 'relative_difference',
    label: 'the difference as a share of the evidenced number',
    type: 'number',
    kinds: QUANTITY,
    description: 'The difference as a share of the evidenced value (0.1 is 10%); null when there is no evidenced value or it is 0.',
    compute: ({ claim, found }) => {
      if (claim.asserts.kind !== 'quantity') return none;
      const n = nearest(independent(found.matches), claim.asserts.value);
      if (!n || n.value === 0) return none;
      return { value: round(Math.abs(n.value - claim.asserts.value) / Math.abs(n.value)), evidence: ids(n.matches) };
    },
  },
  {
    name: 'self_reported_value',
    label: "the number the claimant's own statements give",
    type: 'number',
    kinds: QUANTITY,
    description: 'The value the claimant\'s own statements give, nearest the claimed one; null when they give none.',
    compute: ({ claim, found }) => {
      if (claim.asserts.kind !== 'quantity') return none;
      const own = found.matches.filter((m) => m.selfReported && m.value !== undefined);
      const n = nearest(own, claim.asserts.value);
      return n ? { value: n.value, evidence: ids(n.matches) } : none;
    },
  },
  {
    name: 'omitted_conduct',
    label: 'the other responses the number leaves out',
    type: 'number',
    kinds: QUANTITY,
    description: 'For measures that count an action (replies, say): other responses by the subject to the counterpart that the number does not count, such as acting on a request without replying.',
    compute: ({ found }) => ({ value: found.omittedConduct.length, evidence: ids(found.omittedConduct) }),
  },
  {
    name: 'omitted_conduct_summary',
    label: 'the responses the number leaves out',
    type: 'list',
    kinds: QUANTITY,
    description: 'Those responses in words, such as "Donald Trump Jr. posted the link he had been sent on Twitter (14 October 2016), in response to WikiLeaks, without replying": the request acted on, and any record that it went unanswered, are cited too.',
    compute: ({ claim, found, names, ctx }) => {
      const cited: EvidenceRecord[] = [...found.omittedConduct];
      const value = found.omittedConduct.map((e) => {
        const parts = [names.entity(e.actor), names.action(e.action)];
        if (e.channel) parts.push(names.channel(e.channel));
        const answered = ctx.index.get(e.in_response_to!);
        // The request acted on is cited too, and any record that it went unanswered.
        if (answered) cited.push(answered);
        const unanswered = answered ? noAnswer(claim, e.actor, answered, ctx) : [];
        append(cited, unanswered);
        const to = answered?.kind === 'event' ? `, in response to ${names.entity(answered.actor)}` : '';
        return `${parts.join(' ')}${e.date ? ` (${formatDate(e.date)})` : ''}${to}${unanswered.length ? ', without replying' : ''}`;
      });
      return { value, evidence: ids(cited) };
    },
  },
];

/** Records that the subject did not give the counted answer to this request (or to the same occurrence of it). */
function noAnswer(claim: Claim, subject: string, request: EvidenceRecord, ctx: MatchContext): EventRecord[] {
  if (claim.asserts.kind !== 'quantity') return [];
  const counts = ctx.vocabulary.measures.get(claim.asserts.measure)?.counts;
  if (counts === undefined) return [];
  const occurrence = request.kind === 'event' ? request.occurrence : undefined;
  return ctx.index.negatedEvents(subject).filter((r) => {
    if (r.actor !== subject || !isKindOf(ctx.vocabulary, r.action, counts) || r.in_response_to === undefined) return false;
    const answered = ctx.index.get(r.in_response_to);
    return r.in_response_to === request.id || (occurrence !== undefined && answered?.kind === 'event' && answered.occurrence === occurrence);
  });
}

/** A unit as it agrees with its number: "1 minute", "15 minutes". Units are plural nouns in the vocabulary. */
export function unitFor(value: number, unit: string): string {
  return value === 1 && /[^s]s$/.test(unit) ? unit.slice(0, -1) : unit;
}

function round(n: number): number {
  return Number(n.toPrecision(12));
}
