import { formatDate, formatPoint, formatWhen } from '../model/format-date.js';
import type { DateInfo } from '../types.js';
import type { FactDefinition, FactInput } from './fact-types.js';
import type { Match } from './match-evidence.js';
import { ids, select } from './select-matches.js';
import { compareIds } from '../model/compare.js';

const EVENT_KINDS = ['event', 'absence', 'timing'] as const;

const dated = (matches: Match[]) =>
  matches.filter((m): m is Match & { record: { date: DateInfo } } => 'date' in m.record && m.record.date !== undefined);

const dateOf = (m: Match) => (m.record as { date: DateInfo }).date;
const byStart = (a: Match, b: Match) => compare(dateOf(a).start, dateOf(b).start) || compare(a.record.id, b.record.id);
const compare = compareIds;

const dateList = (matches: Match[]) => {
  const d = dated(matches).sort(byStart);
  return { value: [...new Set(d.map((m) => formatDate(m.record.date)))], evidence: ids(d) };
};

/**
 * When a record shows its event had happened: by its date (the day it had
 * begun by, for a range that went on throughout; the range's end for one
 * within it), or failing a date, by the time its source, or the source it
 * relays, was published: what a 2017 article reports had happened by 2017.
 */
export function knownBy(m: Match, ctx: FactInput['ctx']): { day: string; when: () => string } | undefined {
  const date = 'date' in m.record ? m.record.date : undefined;
  if (date) {
    const when = () => (date.precision === 'range' && date.span === 'throughout' ? `from ${formatPoint(date.from)}` : formatWhen(date));
    return { day: date.begunBy, when };
  }
  let best: { day: string; when: () => string } | undefined;
  for (const id of [m.record.source, m.record.relayed_from]) {
    if (id === undefined) continue;
    const source = ctx.sources.get(id);
    if (!source || source.published.precision === 'unknown') continue;
    const { end: day, text } = source.published;
    if (!best || day < best.day) best = { day, when: () => `by ${formatPoint(text)}, when it was reported` };
  }
  return best;
}

function before(matches: Match[], input: FactInput): Match[] {
  return matches.filter((m) => {
    const known = knownBy(m, input.ctx);
    return known !== undefined && known.day < input.claim.date.start;
  });
}

function earliest(matches: Match[], input: FactInput): { value: string | null; evidence: string[]; when: string | null } {
  const known = matches.flatMap((m) => {
    const k = knownBy(m, input.ctx);
    return k ? [{ m, ...k }] : [];
  });
  known.sort((a, b) => compare(a.day, b.day) || compare(a.m.record.id, b.m.record.id));
  const first = known[0];
  if (!first) return { value: null, evidence: [], when: null };
  return { value: first.day, evidence: ids(known.filter((k) => k.day === first.day).map((k) => k.m)), when: first.when() };
}

/** Facts about when things happened relative to the claim. */
export const TIME_FACTS: FactDefinition[] = [
  {
    name: 'claim_date',
    label: 'when the claim was made',
    type: 'date',
    description: 'When the claim was made.',
    compute: ({ claim }) => ({ value: claim.date.from, evidence: [] }),
  },
  {
    name: 'events_before_claim',
    label: 'the events known to have happened before the claim was made',
    type: 'number',
    kinds: EVENT_KINDS,
    description: 'Matching events (supporting or contradicting) known to have happened before the claim was made: by their dates ("2016" is not known to be before 12 October 2016), or, undated, by when their sources published them.',
    compute: (input) => {
      const m = before(select.decisive(input.found), input);
      return { value: m.length, evidence: ids(m) };
    },
  },
  {
    name: 'contradicting_before_claim',
    label: 'the contradicting records known to date from before the claim',
    type: 'number',
    kinds: EVENT_KINDS,
    description: 'Contradicting records known to have happened before the claim was made, by their dates or by when they were reported: for a denial, what it denies, documented before it was said.',
    compute: (input) => {
      const m = before(select.contradicting(input.found), input);
      return { value: m.length, evidence: ids(m) };
    },
  },
  {
    name: 'earliest_contradicting_date',
    label: 'the earliest date a contradicting record shows',
    type: 'date',
    kinds: EVENT_KINDS,
    description: 'The earliest day by which a contradicting record shows it had happened (by its date, or by when it was reported); null when none shows.',
    compute: (input) => {
      const { value, evidence } = earliest(select.contradicting(input.found), input);
      return { value, evidence };
    },
  },
  {
    name: 'contradicting_known_when',
    label: 'when the contradicting records show it happened',
    type: 'string',
    kinds: EVENT_KINDS,
    description: 'When the earliest contradicting record shows it happened, in words: "from 20 September 2016", "in 2016", or "by 2017, when it was reported"; null when none shows.',
    compute: (input) => {
      const { when, evidence } = earliest(select.contradicting(input.found), input);
      return { value: when, evidence };
    },
  },
  {
    name: 'earliest_event_date',
    label: 'the earliest date a record shows it happened',
    type: 'date',
    kinds: EVENT_KINDS,
    description: 'The earliest day by which a matching event that takes a side is known to have happened ("20 September 2016" beats "2016"); null when none is.',
    compute: (input) => {
      const { value, evidence } = earliest(select.decisive(input.found), input);
      return { value, evidence };
    },
  },
  {
    name: 'supporting_dates',
    label: 'the dates of the support',
    type: 'list',
    kinds: EVENT_KINDS,
    description: 'Dates of the independent supporting records, earliest first.',
    compute: ({ found }) => dateList(select.supporting(found)),
  },
  {
    name: 'contradicting_dates',
    label: 'the dates of the contradicting records',
    type: 'list',
    kinds: EVENT_KINDS,
    description: 'Dates of the contradicting records, earliest first: for timing claims, the dates that fall outside the claimed time.',
    compute: ({ found }) => dateList(select.contradicting(found)),
  },
  {
    name: 'claimed_time',
    label: 'the time the claim names',
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
