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

/**
 * One [path, hash] pair per path for the whole run, shared by every footprint
 * that names it: 10,000 claims name 300,000 files between them, mostly the same
 * few, and a pair each was megabytes held to the end of the run. Never mutated.
 */
const entries = new WeakMap<ReadonlyMap<string, string>, Map<string, [string, string]>>();
export function fileEntries(inputs: ReadonlyMap<string, string>): (path: string) => [string, string] {
  let byPath = entries.get(inputs);
  if (!byPath) entries.set(inputs, (byPath = new Map()));
  const known = byPath;
  return (path) => {
    const hash = inputs.get(path) ?? '';
    let entry = known.get(path);
    if (entry?.[1] !== hash) known.set(path, (entry = [path, hash]));
    return entry;
  };
}
