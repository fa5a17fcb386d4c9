import { describe, expect, it } from 'vitest';
import { answerHash } from '../../src/verdict/hash-reads.js';
import type { EvidenceRecord } from '../../src/types.js';

// The fields these hashes read: an id, a file, and the records it refers to.
const record = (id: string, file: string, after?: string, more: Record<string, unknown> = {}) =>
  ({ id, kind: 'event', dated_by: [], ref: { file, path: [] }, ...(after ? { after: { record: after } } : {}), ...more }) as unknown as EvidenceRecord;

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

  it('change when a record the answer is dated by, or answers, goes', () => {
    const dates = record('dates', 'evidence/b.yaml');
    const asked = record('asked', 'evidence/c.yaml');
    const reply = record('reply', 'evidence/a.yaml', undefined, { dated_by: ['dates'], in_response_to: 'asked' });
    const known = new Map([reply, dates, asked].map((r) => [r.id, r]));
    const files = inputs('b1', 'c1');
    const base = answerHash([reply], files, (id) => known.get(id));
    for (const gone of ['dates', 'asked']) expect(answerHash([reply], new Map(files), (id) => (id === gone ? undefined : known.get(id))), gone).not.toBe(base);
    expect(answerHash([reply], inputs('b2', 'c1'), (id) => known.get(id))).not.toBe(base);
  });

  it('end at a cycle of relations', () => {
    const a = record('a', 'evidence/a.yaml', 'b');
    const b = record('b', 'evidence/b.yaml', 'a');
    const both = new Map([a, b].map((r) => [r.id, r]));
    expect(answerHash([a, b], inputs('b1', 'c1'), (id) => both.get(id))).toMatch(/^[0-9a-f]{64}$/);
  });
});
