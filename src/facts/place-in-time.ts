import { place } from '../evidence/find-events.js';
import type { DateInfo, EventRecord } from '../types.js';
import { formatDate } from '../model/format-date.js';
import type { MatchContext } from './match-evidence.js';
import type { EventAssertion, Verdict } from './match-events.js';

/**
 * A record whose range holds every occurrence (`complete`) rules out a claimed
 * time outside it, on the sides no other record has shown it to be wrong: The
 * Week's window is contradicted after its end (an election-day message), so it
 * still rules out a message before 20 September, but not one in November.
 */
export function boundExcludes(r: EventRecord, when: DateInfo, ctx: MatchContext): string | undefined {
  const d = r.date;
  if (!d?.complete) return undefined;
  let startHolds = true;
  let endHolds = true;
  for (const c of ctx.contradictionsOf(r.id)) {
    if (c.kind !== 'window' || c.records[0] !== r.id) continue;
    const other = ctx.index.get(c.records[1]);
    const od = other && 'date' in other ? other.date : undefined;
    if (od && od.start > d.end) endHolds = false;
    if (od && od.end < d.start) startHolds = false;
  }
  const throughout = when.span === 'throughout';
  const before = throughout ? when.start < d.start : when.end < d.start;
  const after = throughout ? when.end > d.end : when.start > d.end;
  if ((before && startHolds) || (after && endHolds)) return `puts every occurrence within ${formatDate(d)}, outside the claimed time`;
  return undefined;
}

/** The role a record of the event takes by its date: inside or outside the claimed time, or before or after the claim itself. */
export function placeInTime(r: EventRecord, kind: EventAssertion['kind'], when: DateInfo | undefined, said: DateInfo, single: boolean): Verdict {
  const dated = r.date ? `dated ${formatDate(r.date)}` : 'undated';
  const dates = r.date ? formatDate(r.date) : '';
  if (kind === 'absence') {
    if (!when) {
      // A denial speaks up to the moment it is made: what certainly happened later cannot falsify it.
      if (r.date && r.date.start > said.end) return ['neutral', `reports it after the claim was made (${dated})`];
      return ['contradict', `reports it happening (${dated})`];
    }
    const placement = place(r.date, when);
    if (placement === 'inside') return ['contradict', `reports it happening in the period denied (${dated})`];
    return ['neutral', placement === 'outside' ? `reports it outside the period denied (${dated})` : `reports it, but cannot be placed in the period denied (${dated})`];
  }
  if (!when) return ['support', `reports it (${dated})`];
  const placement = place(r.date, when);
  if (when.span === 'throughout') {
    if (r.date?.span === 'throughout' && r.date.start <= when.start && r.date.end >= when.end) return ['support', `reports it going on throughout ${formatDate(r.date)}`];
    if (placement === 'outside' && (when.complete || single)) return ['contradict', `dates it ${dates}, outside the claimed time`, { mismatch: 'time' }];
    return ['neutral', `does not show it going on throughout the claimed time (${dated})`];
  }
  if (placement === 'inside') return ['support', `dates it ${dates}, inside the claimed time`];
  // Outside the claimed time contradicts a single act, or a window said to hold every
  // occurrence; otherwise it is another occurrence, which says nothing about this one.
  if (placement === 'outside' && (when.complete || single)) return ['contradict', `dates it ${dates}, outside the claimed time`, { mismatch: 'time' }];
  if (placement === 'outside') return ['neutral', `reports another occurrence, ${dates}, outside the claimed time`];
  return ['neutral', r.date ? `dates it ${dates}, which may or may not fall inside the claimed time` : 'does not date it'];
}
