import { sha256 } from '../model/hash.js';
import type { Contradiction, EvidenceRecord } from '../types.js';
import { forEachReferenced } from '../evidence/referenced-records.js';

// An index answers with the same array for the same query, so each is hashed once however many claims ask.
const hashedLists = new WeakMap<readonly unknown[], string>();
const hashedAnswers = new WeakMap<readonly EvidenceRecord[], { inputs: ReadonlyMap<string, string>; hash: string }>();

/**
 * A query's answer, hashed: each record's id, its file and that file's
 * SHA-256, and the same for the records it refers to (its date's relations,
 * what it is dated by and what it answers), so equal hashes mean the same
 * records from the same files as they were. A record an answer brought but
 * nothing used is covered here, and its file need not be listed in each
 * footprint: most of a footprint's files came from answers, and listing
 * them was most of what a footprint cost.
 */
export function answerHash(list: readonly EvidenceRecord[], inputs: ReadonlyMap<string, string>, get: (id: string) => EvidenceRecord | undefined): string {
  const known = hashedAnswers.get(list);
  // The same map, the same hashes: a project's inputs are never changed once it is loaded.
  if (known?.inputs === inputs) return known.hash;
  const parts: string[] = [];
  const part = (id: string, r: EvidenceRecord | undefined) => parts.push(r ? `${id}\0${r.ref.file}\0${inputs.get(r.ref.file) ?? ''}` : `${id}\0\0absent`);
  for (const r of list) {
    part(r.id, r);
    forEachReferenced(r, get, (id, found) => part(`refers to ${id}`, found));
  }
  const hash = sha256(parts.join('\0'));
  hashedAnswers.set(list, { inputs, hash });
  return hash;
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
 * that names it: 10,000 claims name 200,000 files between them, mostly the same
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
