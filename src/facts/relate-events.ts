import type { EvidenceIndex } from '../evidence/build-index.js';
import type { Duration, EventRecord, EvidenceRecord } from '../types.js';
import { formatMinutes } from '../validate/read-duration.js';

const DAY = 1440;

export type Relation = 'answers' | 'after' | 'before';

export interface Related {
  state: 'holds' | 'fails' | 'unknown';
  /** The two are tied to one another (one answers the other, or is dated from it), not just dated apart. */
  bound: boolean;
  /** Why, in words, for the trail. */
  reason: string;
  /** The records of the other event that settled it. */
  partners: EventRecord[];
}

/** One and the same happening: the same record, or records sharing an `occurrence`. */
export function sameHappening(a: EvidenceRecord | undefined, b: EvidenceRecord | undefined): boolean {
  if (!a || !b) return false;
  if (a.id === b.id) return true;
  return a.kind === 'event' && b.kind === 'event' && a.occurrence !== undefined && a.occurrence === b.occurrence;
}

/**
 * Whether record `r` stands in the relation to some record of the other event
 * (`partners`): it answers one, or came after or before one, by the gap when
 * one is claimed. It holds when some partner shows it; it fails when every
 * partner shows otherwise; else it is unknown.
 */
export function relate(
  r: EventRecord,
  relation: Relation,
  by: Duration | undefined,
  partners: readonly EventRecord[],
  index: EvidenceIndex,
  name: (q: EventRecord) => string,
): Related {
  if (!partners.length) return { state: 'unknown', bound: false, reason: 'reports it, but nothing records the event the claim relates it to', partners: [] };
  if (relation === 'answers') {
    if (r.in_response_to === undefined) return { state: 'unknown', bound: false, reason: 'does not say what it answered', partners: [] };
    const answered = index.get(r.in_response_to);
    const hits = partners.filter((q) => sameHappening(q, answered));
    if (hits.length) return { state: 'holds', bound: true, reason: `reports it answering ${name(hits[0]!)}`, partners: hits };
    return { state: 'fails', bound: false, reason: `reports it answering something else (${r.in_response_to})`, partners: [] };
  }
  const outcomes = partners.map((q) => ({ q, ...order(r, q, index) }));
  const fits = (o: (typeof outcomes)[number]) => o.direction === relation && (!by || gapFits(o.gap, by) === 'yes');
  const held = outcomes.filter(fits);
  if (held.length) {
    return { state: 'holds', bound: held.some((o) => o.bound), reason: `reports it ${by ? `${by.text} ` : ''}${relation} ${name(held[0]!.q)}`, partners: held.map((o) => o.q) };
  }
  const definite = outcomes.filter((o) => o.direction !== 'unknown' && (o.direction !== relation || (by !== undefined && gapFits(o.gap, by) === 'no')));
  if (definite.length === outcomes.length) {
    const first = definite[0]!;
    const claimed = `${by ? `${by.text} ` : ''}${relation}`;
    return {
      state: 'fails',
      bound: definite.some((o) => o.bound),
      reason: `reports it ${describeGap(first.gap)}${first.direction} ${name(first.q)}, not ${claimed} it`,
      partners: definite.map((o) => o.q),
    };
  }
  return { state: 'unknown', bound: false, reason: `reports it, but does not place it ${relation} ${name(partners[0]!)}`, partners: [] };
}

/** A gap known exactly, from a relative date, or as a range of calendar days, from two dates. */
type Gap = { minutes: number } | { days: [number, number] };

/**
 * Which way `r` lies from `q`, and the gap when known: through a relative date
 * or a response between them (tied), else through their dates.
 */
function order(r: EventRecord, q: EventRecord, index: EvidenceIndex): { direction: 'after' | 'before' | 'unknown'; gap?: Gap; bound: boolean } {
  const get = (id: string | undefined) => (id === undefined ? undefined : index.get(id));
  const exact = (by: Duration | undefined): Gap | undefined => (by ? { minutes: by.minutes } : undefined);
  const tied = (direction: 'after' | 'before', by?: Duration) => ({ direction, bound: true, ...(by ? { gap: exact(by)! } : {}) });
  if (sameHappening(q, get(r.after?.record))) return tied('after', r.after!.by);
  if (sameHappening(q, get(r.before?.record))) return tied('before', r.before!.by);
  if (sameHappening(r, get(q.after?.record))) return tied('before', q.after!.by);
  if (sameHappening(r, get(q.before?.record))) return tied('after', q.before!.by);
  if (sameHappening(q, get(r.in_response_to))) return tied('after');
  if (sameHappening(r, get(q.in_response_to))) return tied('before');
  if (r.date && q.date) {
    if (r.date.start > q.date.end) return { direction: 'after', gap: { days: [days(q.date.end, r.date.start), days(q.date.start, r.date.end)] }, bound: false };
    if (r.date.end < q.date.start) return { direction: 'before', gap: { days: [days(r.date.end, q.date.start), days(r.date.start, q.date.end)] }, bound: false };
  }
  return { direction: 'unknown', bound: false };
}

/**
 * Does a known gap fit the claimed one? An exact gap must match it. Events on
 * days d1 and d2 lie between (d2 - d1 - 1) and (d2 - d1 + 1) days apart: that
 * rules out a claimed gap outside those bounds, and confirms a claim in whole
 * days that matches the difference of the days, as "two days later" is meant.
 */
function gapFits(gap: Gap | undefined, by: Duration): 'yes' | 'no' | 'unknown' {
  if (!gap) return 'unknown';
  if ('minutes' in gap) return Math.abs(gap.minutes - by.minutes) <= Math.max(1, by.minutes / 100) ? 'yes' : 'no';
  const [lo, hi] = gap.days;
  if (by.minutes <= (lo - 1) * DAY || by.minutes >= (hi + 1) * DAY) return 'no';
  return by.minutes % DAY === 0 && lo === hi && lo === by.minutes / DAY ? 'yes' : 'unknown';
}

function describeGap(gap: Gap | undefined): string {
  if (!gap) return '';
  if ('minutes' in gap) return `${formatMinutes(gap.minutes)} `;
  const [lo, hi] = gap.days;
  return lo === hi ? `${lo} day${lo === 1 ? '' : 's'} ` : '';
}

/** Calendar days from one ISO day to another. */
function days(from: string, to: string): number {
  return Math.round((dayTime(to) - dayTime(from)) / 86_400_000);
}

/**
 * Each day's time parsed once: relating thousands of records to thousands of
 * partners parsed four dates a pair, most of the time it took. Days are few.
 */
const dayTimes = new Map<string, number>();
function dayTime(day: string): number {
  let time = dayTimes.get(day);
  if (time === undefined) {
    time = Date.parse(`${day}T00:00:00Z`);
    if (dayTimes.size < 100_000) dayTimes.set(day, time);
  }
  return time;
}
