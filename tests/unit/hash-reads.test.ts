import { describe, expect, it } from 'vitest';
import { answerHash } from '../../src/verdict/hash-reads.js';
import type { EvidenceRecord } from '../../src/types.js';

// The fields these hashes read: an id, a file, and the relations a date is worked out from.
const record = (id: string, file: string, after?: string) => ({ id, ref: { file, path: [] }, ...(after ? { after: { record: after } } : {}) }) as unknown as EvidenceRecord;

describe('answer hashes', () => {
  const message = record('message', 'evidence/a.yaml', 'tweet');
  const tweet = record('tweet', 'evidence/b.yaml', 'origin');
  const origin = record('origin', 'evidence/c.yaml');
  const all = new Map([message, tweet, origin].map((r) => [r.id, r]));
  const inputs = (b: string, c: string) => new Map([['evidence/a.yaml', 'a1'], ['evidence/b.yaml', b], ['evidence/c.yaml', c]]);
  const hash = (files: ReadonlyMap<string, string>, get: (id: string) => EvidenceRecord | undefined = (id) => all.get(id)) => answerHash([message], files, get);

  it('change when a file holding a record the answer is dated by changes, down the chain, or when that record goes', () => {
    const base = hash(inputs('b1', 'c1'));
    expect(hash(inputs('b1', 'c1'))).toBe(base);
    expect(hash(inputs('b2', 'c1'))).not.toBe(base);
    expect(hash(inputs('b1', 'c2'))).not.toBe(base);
    expect(hash(inputs('b1', 'c1'), (id) => (id === 'tweet' ? undefined : all.get(id)))).not.toBe(base);
  });

  it('end at a cycle of relations', () => {
    const a = record('a', 'evidence/a.yaml', 'b');
    const b = record('b', 'evidence/b.yaml', 'a');
    const both = new Map([a, b].map((r) => [r.id, r]));
    expect(answerHash([a, b], inputs('b1', 'c1'), (id) => both.get(id))).toMatch(/^[0-9a-f]{64}$/);
  });
});
