import type { EvidenceRecord } from '../types.js';

/**
 * The records a record's date is worked out from or checked against: those
 * its `after` and `before` name, and theirs in turn, each once. A change to
 * any of them can move its date or leave it out while its own file stays as
 * it was, so whatever read the record read them too. `found` is undefined
 * for a record not in the evidence now.
 */
export function forEachDating(record: EvidenceRecord, get: (id: string) => EvidenceRecord | undefined, each: (id: string, found: EvidenceRecord | undefined) => void): void {
  // Most records are dated by no other.
  if (record.after === undefined && record.before === undefined) return;
  const seen = new Set([record.id]);
  const queue = [record];
  for (let i = 0; i < queue.length; i++) {
    const r = queue[i]!;
    for (const relation of [r.after, r.before]) {
      if (relation === undefined || seen.has(relation.record)) continue;
      seen.add(relation.record);
      const found = get(relation.record);
      each(relation.record, found);
      if (found) queue.push(found);
    }
  }
}
