import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { DateInfo, EvidenceRecord, Locator, RecordRelation } from '../types.js';
import { formatMinutes } from './read-duration.js';
import { formatDate } from '../model/format-date.js';

const DAY = 1440;
const NONE: readonly never[] = [];

/**
 * Dates records given relative to another ("15 minutes later", "two days
 * earlier"): a record with a gap and no date of its own gets the other's date
 * moved by the gap, and keeps the other's id as its date's anchor, so that the
 * trail can cite it. A record with both must agree with the gap, and any two
 * dated records must agree with their order. Problems: a gap from a record
 * with no date, records dated by each other in a cycle, and dates that
 * disagree. Records with a problem are left out (`invalid`). The records come
 * back as they were given, the same map, when none of this changes them.
 */
export function resolveRecordDates(
  records: ReadonlyMap<string, EvidenceRecord>,
  locate: Locator,
): { evidence: ReadonlyMap<string, EvidenceRecord>; diagnostics: Diagnostic[]; invalid: Set<string> } {
  const diagnostics: Diagnostic[] = [];
  const invalid = new Set<string>();
  const resolved = new Map<string, DateInfo | undefined>();
  // A copy only when a record's date or presence changes: most archives date every record themselves.
  let out: Map<string, EvidenceRecord> | undefined;
  const edited = () => (out ??= new Map(records));

  const relations = (r: EvidenceRecord): readonly (readonly ['after' | 'before', RecordRelation])[] => {
    // Most records are dated by no other: no arrays made for each of 100,000.
    if (r.after === undefined && r.before === undefined) return NONE;
    return (
      [
        ['after', r.after],
        ['before', r.before],
      ] as const
    ).filter((entry): entry is readonly ['after' | 'before', RecordRelation] => entry[1] !== undefined);
  };

  // A record with a date of its own, or dated by no other, is its own date: most of 100,000, so
  // they are never put in `resolved`, which holds the rest as they are worked out.
  const trivial = (r: EvidenceRecord) => Boolean(r.date) || relations(r) === NONE;
  const dateOf = (id: string): DateInfo | undefined => {
    if (resolved.has(id)) return resolved.get(id);
    const r = records.get(id);
    return r && trivial(r) ? r.date : undefined;
  };

  /** The relation a record with no date of its own is dated by: the first with a gap. */
  const datedBy = (r: EvidenceRecord) => (r.date ? undefined : relations(r).find(([, rel]) => rel.by !== undefined && records.has(rel.record)));

  // First every date, depth-first without recursion: a long chain of relative dates cannot
  // exhaust the stack. A record with a date of its own needs no other to be dated.
  for (const first of records.values()) {
    if (resolved.has(first.id) || trivial(first)) continue;
    const path: EvidenceRecord[] = [first];
    while (path.length) {
      const r = path[path.length - 1]!;
      const by = datedBy(r);
      const other = by && records.get(by[1].record)!;
      if (other && !resolved.has(other.id) && !trivial(other)) {
        const at = path.findIndex((p) => p.id === other.id);
        if (at === -1) {
          path.push(other);
          continue;
        }
        const cycle = [...path.slice(at).map((p) => p.id), other.id];
        diagnostics.push(diagnostic('ref/relation-cycle', locate(r.ref, by[0], 'record'), `records are dated by each other in a cycle: ${cycle.join(' → ')}; give one of them a date`));
        for (const id of cycle) {
          invalid.add(id);
          resolved.set(id, undefined);
        }
        path.length = 0;
        break;
      }
      resolved.set(r.id, by ? dateFrom(r, by[0], by[1], other!) : r.date);
      path.pop();
    }
  }

  /** A record's date from its anchor's; undefined, and reported, when the anchor has none. */
  function dateFrom(r: EvidenceRecord, field: 'after' | 'before', rel: RecordRelation, other: EvidenceRecord): DateInfo | undefined {
    const otherDate = dateOf(other.id);
    if (!otherDate) {
      if (!invalid.has(other.id)) {
        diagnostics.push(diagnostic('date/unanchored', locate(r.ref, field, 'record'), `the date is given as ${rel.by!.text} ${field} "${other.id}", which has no date; give "${other.id}" a date, or this record its own`));
      }
      invalid.add(r.id);
      return undefined;
    }
    return shift(otherDate, field === 'after' ? rel.by!.minutes : -rel.by!.minutes, other.id);
  }

  // Then every relation against the dates: a record's own date must agree with its gap from the
  // other, and any two dated records with their order.
  for (const r of records.values()) {
    if (relations(r) === NONE || invalid.has(r.id)) continue;
    let date = dateOf(r.id);
    for (const [field, rel] of relations(r)) {
      const otherDate = dateOf(rel.record);
      if (!date || !otherDate || invalid.has(rel.record)) continue;
      if (rel.by) {
        const moved = shift(otherDate, field === 'after' ? rel.by.minutes : -rel.by.minutes, rel.record);
        if (date.end < moved.start || date.start > moved.end) {
          diagnostics.push(diagnostic('date/inconsistent', locate(r.ref, 'date'), `${r.id} is dated ${formatDate(date)}, but ${rel.by.text} ${field} ${rel.record} (${formatDate(otherDate)}) is ${formatDate(moved)}`));
          invalid.add(r.id);
        } else if (date.anchor === undefined) {
          // The record's own date stands; the record it was reckoned from is cited with it.
          date = { ...date, anchor: rel.record };
        }
      } else if (field === 'after' ? date.end < otherDate.start : date.start > otherDate.end) {
        diagnostics.push(diagnostic('date/inconsistent', locate(r.ref, field, 'record'), `${r.id} is dated ${formatDate(date)}, which is not ${field} ${rel.record} (${formatDate(otherDate)})`));
        invalid.add(r.id);
      }
    }
    if (date !== r.date && !invalid.has(r.id)) edited().set(r.id, { ...r, date } as EvidenceRecord);
  }
  for (const id of invalid) edited().delete(id);
  return { evidence: out ?? records, diagnostics, invalid };
}

/**
 * A date moved by a number of minutes. Whole days move both ends; a gap
 * shorter than a day keeps the day, as the texts mean it ("15 minutes later"
 * on the same day), and a gap of days and hours widens the interval.
 */
function shift(date: DateInfo, minutes: number, anchor: string): DateInfo {
  const days = minutes / DAY;
  const whole = Math.abs(minutes) < DAY ? [0, 0] : [Math.floor(days), Math.ceil(days)];
  const start = addDays(date.start, whole[0]!);
  const end = addDays(date.end, whole[1]!);
  const basis = `${formatMinutes(minutes)} ${minutes >= 0 ? 'after' : 'before'} ${anchor} (${formatDate(date)})`;
  if (start === end) return { text: start, precision: 'day', start, end, from: start, begunBy: end, complete: false, basis, anchor };
  return { text: `${start}/${end}`, precision: 'range', start, end, from: start, begunBy: end, complete: false, span: 'within', basis, anchor };
}

function addDays(day: string, n: number): string {
  if (n === 0) return day;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d + n);
  const iso = date.toISOString();
  // Past year 9999 or before year 1, toISOString writes six digits and a sign: kept as it is, such a day is refused later.
  return iso.length === 24 ? iso.slice(0, 10) : iso.slice(0, iso.indexOf('T'));
}
