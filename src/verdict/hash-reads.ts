import { sha256 } from '../model/hash.js';
import type { Contradiction, EvidenceRecord } from '../types.js';

// An index answers with the same array for the same query, so each is hashed once however many claims ask.
const hashedLists = new WeakMap<readonly unknown[], string>();
const listFiles = new WeakMap<readonly EvidenceRecord[], string[]>();

/** The files a query's records come from, worked out once per answer. */
export function filesOf(list: readonly EvidenceRecord[]): string[] {
  let known = listFiles.get(list);
  if (!known) {
    known = [...new Set(list.map((r) => r.ref.file))];
    listFiles.set(list, known);
  }
  return known;
}

/** The ids of a query's records, hashed: equal hashes, the same records. */
export function idsHash(list: readonly { id: string }[]): string {
  let known = hashedLists.get(list);
  if (known === undefined) {
    known = sha256(list.map((r) => r.id).join('\0'));
    hashedLists.set(list, known);
  }
  return known;
}

export function contradictionsHash(list: readonly Contradiction[]): string {
  let known = hashedLists.get(list);
  if (known === undefined) {
    known = sha256(list.map((c) => `${c.kind}:${c.records.join(',')}`).join('\0'));
    hashedLists.set(list, known);
  }
  return known;
}
