import { describe, expect, it } from 'vitest';
import { forEachReferenced, referringTo } from '../../src/evidence/referenced-records.js';
import type { EvidenceRecord } from '../../src/types.js';

/** A record with only what references read: its id and the ids it names. */
function record(id: string, refs: { after?: string; before?: string; dated_by?: string[]; in_response_to?: string } = {}): EvidenceRecord {
  return {
    id,
    kind: 'event',
    dated_by: refs.dated_by ?? [],
    ...(refs.after ? { after: { record: refs.after } } : {}),
    ...(refs.before ? { before: { record: refs.before } } : {}),
    ...(refs.in_response_to ? { in_response_to: refs.in_response_to } : {}),
    ref: { file: `evidence/${id}.yaml`, path: [] },
  } as unknown as EvidenceRecord;
}

describe('referringTo', () => {
  const records = [
    record('a', { after: 'b' }),
    record('b', { dated_by: ['c'] }),
    record('c'),
    record('d', { in_response_to: 'a' }),
    record('e', { before: 'x' }),
    record('f'),
    // A cycle: each is taken once.
    record('g', { after: 'h' }),
    record('h', { before: 'g', dated_by: ['c'] }),
  ];

  it('finds every record that refers to one of the ids, directly or through another', () => {
    expect(referringTo(records, ['c']).map((r) => r.id).sort()).toEqual(['a', 'b', 'd', 'g', 'h']);
    expect(referringTo(records, ['a']).map((r) => r.id)).toEqual(['d']);
    // An id no record has yet counts as well: a record may name it before a file defines it.
    expect(referringTo(records, ['x']).map((r) => r.id)).toEqual(['e']);
    expect(referringTo(records, ['f'])).toEqual([]);
    expect(referringTo(records, ['g']).map((r) => r.id).sort()).toEqual(['g', 'h']);
  });

  it('agrees with forEachReferenced: r refers to an id exactly when r is found for it', () => {
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x']) {
      const referring = records.filter((r) => {
        let found = false;
        forEachReferenced(r, (other) => byId.get(other), (other) => (found ||= other === id));
        return found && r.id !== id;
      });
      // A record in a cycle refers to itself, which forEachReferenced never reports.
      const found = referringTo(records, [id]).filter((r) => r.id !== id);
      expect(found.map((r) => r.id).sort(), id).toEqual(referring.map((r) => r.id).sort());
    }
  });
});
