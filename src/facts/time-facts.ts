import { formatDate, formatWhen } from '../validate/read-date.js';
import type { DateInfo } from '../types.js';
import type { FactDefinition } from './fact-types.js';
import type { Match } from './match-evidence.js';
import { ids, select } from './select-matches.js';

const EVENT_KINDS = ['event', 'absence', 'timing'] as const;

const dated = (matches: Match[]) =>
  matches.filter((m): m is Match & { record: { date: DateInfo } } => 'date' in m.record && m.record.date !== undefined);

const dateOf = (m: Match) => (m.record as { date: DateInfo }).date;
const byStart = (a: Match, b: Match) => compare(dateOf(a).start, dateOf(b).start) || compare(a.record.id, b.record.id);
const byBegunBy = (a: Match, b: Match) => compare(dateOf(a).begunBy, dateOf(b).begunBy) || compare(a.record.id, b.record.id);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const dateList = (matches: Match[]) => {
  const d = dated(matches).sort(byStart);
  return { value: [...new Set(d.map((m) => formatDate(m.record.date)))], evidence: ids(d) };
};

function earliest(matches: Match[]) {
  const d = dated(matches).sort(byBegunBy);
  const first = d[0];
  if (!first) return { value: null, evidence: [] };
  const same = d.filter((m) => m.record.date.begunBy === first.record.date.begunBy);
  return { value: first.record.date.from, evidence: ids(same) };
}

/** Facts about when things happened relative to the claim. */
export const TIME_FACTS: FactDefinition[] = [
  {
    name: 'claim_date',
    type: 'date',
    description: 'When the claim was made.',
    compute: ({ claim }) => ({ value: claim.date.from, evidence: [] }),
  },
  {
    name: 'events_before_claim',
    type: 'number',
    kinds: EVENT_KINDS,
    description: 'Matching events (supporting or contradicting) known to have begun before the claim was made. "2016" is not known to be before 12 October 2016.',
    compute: ({ claim, found }) => {
      const m = dated(select.decisive(found)).filter((x) => x.record.date.begunBy < claim.date.start);
      return { value: m.length, evidence: ids(m) };
    },
  },
  {
    name: 'contradicting_before_claim',
    type: 'number',
    kinds: EVENT_KINDS,
    description: 'Contradicting records known to have begun before the claim was made: for a denial, what it denies, documented before it was said.',
    compute: ({ claim, found }) => {
      const m = dated(select.contradicting(found)).filter((x) => x.record.date.begunBy < claim.date.start);
      return { value: m.length, evidence: ids(m) };
    },
  },
  {
    name: 'earliest_contradicting_date',
    type: 'date',
    kinds: EVENT_KINDS,
    description: 'The earliest date by which a contradicting record is known to have begun; null when none is dated.',
    compute: ({ found }) => earliest(select.contradicting(found)),
  },
  {
    name: 'earliest_event_date',
    type: 'date',
    kinds: EVENT_KINDS,
    description: 'The earliest date by which a matching event that takes a side is known to have begun ("20 September 2016" beats "2016"); null when none is dated.',
    compute: ({ found }) => earliest(select.decisive(found)),
  },
  {
    name: 'supporting_dates',
    type: 'list',
    kinds: EVENT_KINDS,
    description: 'Dates of the independent supporting records, earliest first.',
    compute: ({ found }) => dateList(select.supporting(found)),
  },
  {
    name: 'contradicting_dates',
    type: 'list',
    kinds: EVENT_KINDS,
    description: 'Dates of the contradicting records, earliest first: for timing claims, the dates that fall outside the claimed time.',
    compute: ({ found }) => dateList(select.contradicting(found)),
  },
  {
    name: 'claimed_time',
    type: 'string',
    kinds: ['timing', 'event', 'absence'],
    description: 'The time or window the claim names, for explanations; null when it names none.',
    compute: ({ claim }) => {
      const a = claim.asserts;
      const when = 'when' in a ? a.when : undefined;
      return { value: when ? formatWhen(when) : null, evidence: [] };
    },
  },
];
