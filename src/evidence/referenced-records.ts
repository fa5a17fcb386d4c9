import type { EvidenceRecord } from '../types.js';

/**
 * The records a record refers to: those its date is worked out from or
 * checked against (`after`, `before`), those it is dated by (`dated_by`) and
 * the one it answers (`in_response_to`), and theirs in turn, each once. Its
 * date moves when one of its relations does, and it is left out at load when
 * one of them is missing, while its own file stays as it was: whatever read
 * the record read them too. `found` is undefined for a record not in the
 * evidence now.
 */
export function forEachReferenced(record: EvidenceRecord, get: (id: string) => EvidenceRecord | undefined, each: (id: string, found: EvidenceRecord | undefined) => void): void {
  // Most records refer to no other.
  if (!refersToAny(record)) return;
  const seen = new Set([record.id]);
  const queue = [record];
  for (let i = 0; i < queue.length; i++) {
    for (const id of referencesOf(queue[i]!)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const found = get(id);
      each(id, found);
      if (found) queue.push(found);
    }
  }
}

function refersToAny(r: EvidenceRecord): boolean {
  return r.after !== undefined || r.before !== undefined || r.dated_by.length > 0 || (r.kind === 'event' && r.in_response_to !== undefined);
}

/** The ids a record refers to directly. */
export function referencesOf(r: EvidenceRecord): string[] {
  const ids = [...r.dated_by];
  if (r.after !== undefined) ids.push(r.after.record);
  if (r.before !== undefined) ids.push(r.before.record);
  if (r.kind === 'event' && r.in_response_to !== undefined) ids.push(r.in_response_to);
  return ids;
}

/**
 * The records that refer to one of `ids`, directly or through records that do:
 * those whose date, presence or answer hash can change when records of those
 * ids come or go, though their own files stay as they were.
 */
export function referringTo(records: Iterable<EvidenceRecord>, ids: Iterable<string>): EvidenceRecord[] {
  const referrers = new Map<string, EvidenceRecord[]>();
  for (const r of records) {
    if (!refersToAny(r)) continue;
    for (const id of referencesOf(r)) {
      const list = referrers.get(id);
      if (list) list.push(r);
      else referrers.set(id, [r]);
    }
  }
  const found: EvidenceRecord[] = [];
  if (!referrers.size) return found;
  const seen = new Set<EvidenceRecord>();
  const queue = [...ids];
  for (let i = 0; i < queue.length; i++) {
    for (const r of referrers.get(queue[i]!) ?? []) {
      if (seen.has(r)) continue;
      seen.add(r);
      found.push(r);
      queue.push(r.id);
    }
  }
  return found;
}
