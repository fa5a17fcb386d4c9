import { convert } from '../model/units.js';
import type { Entity, EventRecord, EvidenceRecord, QuantityRecord } from '../types.js';
import type { EvidenceIndex } from './build-index.js';
import { expandEntity, findEvents, place } from './find-events.js';
import type { Contradiction } from '../types.js';
import { byId } from '../model/compare.js';
import { addTo } from '../model/append.js';

export type { Contradiction };

/**
 * How far the check goes before it stops: a pull request of a few hundred
 * kilobytes (2,000 records of one measure, each with another value) made two
 * million pairs, and a run took minutes and gigabytes before it failed. Far
 * past any archive's: the bench's 100,000 records make a few hundred pairs.
 */
export const CONTRADICTION_LIMITS = { pairs: 100_000, comparisons: 50_000_000 };

/** Groups this small are compared pair by pair, which costs less than sorting them: nearly every group is. */
export const SWEEP_FROM = 16;

/** What the check found; `stopped` when it went past a limit, at the record it had reached. */
export interface ContradictionCheck {
  contradictions: Contradiction[];
  /** Pairs of records compared, or a record and an event it could place. */
  comparisons: number;
  /** Contradictions counted against the pairs limit, before each pair is kept once (two windows find each other). */
  counted: number;
  stopped?: { record: string; limit: 'pairs' | 'comparisons' };
}

/**
 * Finds records that disagree, generically:
 * - value: the same subject, measure and counterpart with different values, at overlapping or no dates;
 * - window: an event dated outside a range that another record says holds every occurrence (`complete`);
 * - date: records of one `occurrence` with dates that cannot both be true.
 * Only pairs that can disagree are compared: records in order of date, so a
 * series of figures over the years costs its length, not its square.
 */
export function detectContradictions(
  records: readonly EvidenceRecord[],
  index: EvidenceIndex,
  entities: ReadonlyMap<string, Entity>,
  limits = CONTRADICTION_LIMITS,
  sweepFrom = SWEEP_FROM,
): ContradictionCheck {
  const found: Contradiction[] = [];
  const sorted = [...records].sort(byId);
  // Each pair in id order, as the check was first written and its output is keyed.
  const ordered = <T extends EvidenceRecord>(x: T, y: T): [T, T] => (x.id < y.id ? [x, y] : [y, x]);
  let comparisons = 0;
  const over = (at: EvidenceRecord): ContradictionCheck['stopped'] =>
    found.length > limits.pairs ? { record: at.id, limit: 'pairs' } : comparisons > limits.comparisons ? { record: at.id, limit: 'comparisons' } : undefined;

  const quantities = new Map<string, QuantityRecord[]>();
  const occurrences = new Map<string, EventRecord[]>();
  for (const r of sorted) {
    if (r.kind === 'quantity') addTo(quantities, `${r.subject}\0${r.measure}\0${r.counterpart ?? ''}`, r);
    if (r.kind === 'event' && !r.negated && r.occurrence !== undefined && r.date) addTo(occurrences, r.occurrence, r);
  }

  // a before b in id order.
  const differ = (a: QuantityRecord, b: QuantityRecord): void => {
    comparisons++;
    if (disagree(a, b)) found.push({ kind: 'value', records: [a.id, b.id] });
  };
  // Every pair of two classes, when their first members disagree either way round: members of a
  // class have one value, unit and date. Counted as the pairs of records they stand for when they
  // disagree, once when they agree: never more than comparing record by record counts.
  const differClasses = (a: Figures, b: Figures): void => {
    const [ab, ba] = [disagree(a.first, b.first), disagree(b.first, a.first)];
    if (!ab && !ba) {
      comparisons++;
      return;
    }
    for (const x of a.members) {
      if (found.length > limits.pairs) return;
      comparisons += b.members.length;
      for (const y of b.members) if (x.id < y.id ? ab : ba) found.push({ kind: 'value', records: x.id < y.id ? [x.id, y.id] : [y.id, x.id] });
    }
  };
  // Figures that repeat each other (one value, unit and date) never disagree among themselves: ten thousand alike are one class.
  const byClasses = (group: readonly QuantityRecord[]): ContradictionCheck['stopped'] => {
    const classes = classesOf(group);
    const undated = classes.filter((c) => !c.first.date);
    // An undated figure can disagree with any other; dated ones only with those whose dates overlap.
    for (const u of undated) {
      for (const c of classes) if (c !== u && (c.first.date || u.first.id < c.first.id)) differClasses(u, c);
      const stop = over(u.first);
      if (stop) return stop;
    }
    const dated = classes.filter((c) => c.first.date).sort((a, b) => compare(a.first.date!.start, b.first.date!.start) || byId(a.first, b.first));
    for (let i = 0; i < dated.length; i++) {
      const a = dated[i]!;
      for (let j = i + 1; j < dated.length && dated[j]!.first.date!.start <= a.first.date!.end; j++) differClasses(a, dated[j]!);
      const stop = over(a.first);
      if (stop) return stop;
    }
    return undefined;
  };
  // The same pairs record by record, in the order the check has always taken them.
  const byRecords = (group: readonly QuantityRecord[]): ContradictionCheck['stopped'] => {
    for (const u of group.filter((r) => !r.date)) {
      for (const r of group) if (r !== u && (r.date || u.id < r.id)) differ(...ordered(u, r));
      const stop = over(u);
      if (stop) return stop;
    }
    const dated = byStart(group.filter((r) => r.date));
    for (let i = 0; i < dated.length; i++) {
      const a = dated[i]!;
      for (let j = i + 1; j < dated.length && dated[j]!.date!.start <= a.date!.end; j++) differ(...ordered(a, dated[j]!));
      const stop = over(a);
      if (stop) return stop;
    }
    return undefined;
  };
  for (const group of quantities.values()) {
    if (group.length <= sweepFrom) {
      for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) differ(group[i]!, group[j]!);
      const stop = over(group[0]!);
      if (stop) return { contradictions: finish(found), comparisons, counted: found.length, stopped: stop };
      continue;
    }
    const [before, counted] = [found.length, comparisons];
    let stop = byClasses(group);
    // Past the pairs limit, the group again record by record: the check stops at the record it always named.
    if (stop?.limit === 'pairs') {
      [found.length, comparisons] = [before, counted];
      stop = byRecords(group);
    }
    if (stop) return { contradictions: finish(found), comparisons, counted: found.length, stopped: stop };
  }

  // Each group expanded once, and counted: every member of a window's actor is two index lookups.
  const groups = new Map<string, Set<string>>();
  const expand = (id: string) => {
    let members = groups.get(id);
    if (!members) groups.set(id, (members = expandEntity(id, entities)));
    comparisons += members.size;
    return members;
  };
  for (const w of sorted) {
    if (w.kind !== 'event' || w.negated || !w.date?.complete) continue;
    const pattern = { actor: w.actor, action: w.action, target: w.target, channel: w.channel, mutual: w.mutual, once: false };
    for (const e of findEvents(pattern, expand, index)) {
      comparisons++;
      if (e.id !== w.id && place(e.date, w.date) === 'outside') found.push({ kind: 'window', records: [w.id, e.id] });
    }
    const stop = over(w);
    if (stop) return { contradictions: finish(found), comparisons, counted: found.length, stopped: stop };
  }

  for (const group of occurrences.values()) {
    // Dates that cannot both be true do not overlap: in order of start, each record disagrees with
    // every one that starts after it ends, and with no other.
    // Read-date refuses a range that ends before it starts; if one got in, every pair is compared.
    const sweep = group.length > sweepFrom && group.every((r) => r.date!.start <= r.date!.end);
    const dated = sweep ? byStart(group) : group;
    const starts = sweep ? dated.map((r) => r.date!.start) : [];
    for (let i = 0; i < dated.length; i++) {
      const a = dated[i]!;
      for (let j = sweep ? Math.max(i + 1, firstAfter(starts, a.date!.end)) : i + 1; j < dated.length; j++) {
        comparisons++;
        const [x, y] = ordered(a, dated[j]!);
        if (x.date!.end < y.date!.start || y.date!.end < x.date!.start) found.push({ kind: 'date', records: [x.id, y.id] });
      }
      const stop = over(a);
      if (stop) return { contradictions: finish(found), comparisons, counted: found.length, stopped: stop };
    }
  }
  return { contradictions: finish(found), comparisons, counted: found.length };
}

/** Figures of one value, unit and date, in id order; `first` has the lowest id. */
interface Figures {
  first: QuantityRecord;
  members: QuantityRecord[];
}

function classesOf(group: readonly QuantityRecord[]): Figures[] {
  const classes = new Map<string, Figures>();
  for (const r of group) {
    // String(value) tells every two numbers apart but 0 and -0, which never disagree.
    const key = `${r.value}\0${r.unit}\0${r.date ? `${r.date.start}\0${r.date.end}` : ''}`;
    const c = classes.get(key);
    if (c) c.members.push(r);
    else classes.set(key, { first: r, members: [r] });
  }
  return [...classes.values()];
}

/** Whether two figures of one measure disagree: values apart at dates that overlap or are missing, b converted to a's unit. */
function disagree(a: QuantityRecord, b: QuantityRecord): boolean {
  const bValue = convert(b.value, b.unit, a.unit);
  const comparable = !a.date || !b.date || !(a.date.end < b.date.start || b.date.end < a.date.start);
  return bValue !== undefined && comparable && Math.abs(a.value - bValue) > 1e-9 * Math.max(1, Math.abs(a.value));
}

/** Two disjoint complete windows each find the other outside: each pair once, in order. Also how a partial run merges kept pairs with new ones. */
export function finish(found: readonly Contradiction[]): Contradiction[] {
  const unique = new Map<string, Contradiction>();
  for (const c of found) {
    const key = `${c.kind}\0${[...c.records].sort().join('\0')}`;
    if (!unique.has(key)) unique.set(key, c);
  }
  return [...unique.values()].sort((x, y) => compare(x.records.join('\0'), y.records.join('\0')) || compare(x.kind, y.kind));
}

/** Records by the first day their date can denote, then by id; each has a date. */
function byStart<T extends EvidenceRecord>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => compare(a.date!.start, b.date!.start) || byId(a, b));
}

/** The first index whose start is after `day`, in starts sorted ascending. */
function firstAfter(starts: readonly string[], day: string): number {
  let [lo, hi] = [0, starts.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
