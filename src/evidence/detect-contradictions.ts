import { convert } from '../model/units.js';
import type { Entity, EventRecord, EvidenceRecord, QuantityRecord } from '../types.js';
import type { EvidenceIndex } from './build-index.js';
import { expandEntity, findEvents, place } from './find-events.js';
import type { Contradiction } from '../types.js';
import { byId } from '../model/compare.js';

export type { Contradiction };

/**
 * Finds records that disagree, generically:
 * - value: the same subject, measure and counterpart with different values, at overlapping or no dates;
 * - window: an event dated outside a range that another record says holds every occurrence (`complete`);
 * - date: records of one `occurrence` with dates that cannot both be true.
 */
export function detectContradictions(
  records: readonly EvidenceRecord[],
  index: EvidenceIndex,
  entities: ReadonlyMap<string, Entity>,
): Contradiction[] {
  const found: Contradiction[] = [];
  const sorted = [...records].sort(byId);

  const quantities = new Map<string, QuantityRecord[]>();
  const occurrences = new Map<string, EventRecord[]>();
  for (const r of sorted) {
    if (r.kind === 'quantity') push(quantities, `${r.subject}\0${r.measure}\0${r.counterpart ?? ''}`, r);
    if (r.kind === 'event' && !r.negated && r.occurrence !== undefined && r.date) push(occurrences, r.occurrence, r);
  }

  for (const group of quantities.values()) {
    forEachPair(group, (a, b) => {
      const bValue = convert(b.value, b.unit, a.unit);
      const comparable = !a.date || !b.date || !(a.date.end < b.date.start || b.date.end < a.date.start);
      if (bValue !== undefined && comparable && Math.abs(a.value - bValue) > 1e-9 * Math.max(1, Math.abs(a.value))) {
        found.push({ kind: 'value', records: [a.id, b.id] });
      }
    });
  }

  const expand = (id: string) => expandEntity(id, entities);
  for (const w of sorted) {
    if (w.kind !== 'event' || w.negated || !w.date?.complete) continue;
    const pattern = { actor: w.actor, action: w.action, target: w.target, channel: w.channel, mutual: w.mutual, once: false };
    for (const e of findEvents(pattern, expand, index)) {
      if (e.id !== w.id && place(e.date, w.date) === 'outside') found.push({ kind: 'window', records: [w.id, e.id] });
    }
  }

  for (const group of occurrences.values()) {
    forEachPair(group, (a, b) => {
      if (a.date!.end < b.date!.start || b.date!.end < a.date!.start) found.push({ kind: 'date', records: [a.id, b.id] });
    });
  }
  // Two disjoint complete windows each find the other outside: keep the pair once.
  const unique = new Map<string, Contradiction>();
  for (const c of found) {
    const key = `${c.kind}\0${[...c.records].sort().join('\0')}`;
    if (!unique.has(key)) unique.set(key, c);
  }
  return [...unique.values()].sort((x, y) => compare(x.records.join('\0'), y.records.join('\0')) || compare(x.kind, y.kind));
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function forEachPair<T>(list: readonly T[], visit: (a: T, b: T) => void): void {
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) visit(list[i]!, list[j]!);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
