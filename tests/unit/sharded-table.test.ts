import { describe, expect, it } from 'vitest';
import { parseFacts, serializeFacts } from '../../src/cache/project-facts.js';
import { hashKey, isTableMeta, readTable, writeTable } from '../../src/cache/sharded-table.js';
import { queryRoutes, recordRoutes } from '../../src/evidence/route-keys.js';
import { loadProject } from '../../src/load/load-project.js';
import type { Query } from '../../src/verdict/record-reads.js';
import { verifyProject } from '../../src/verdict/verify-project.js';
import { REPO } from '../helpers/project.js';
import { diagnostic } from '../../src/diagnostics.js';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRangedBlob, writeRangedBlob } from '../../src/cache/ranged-blob.js';

const macOf = (key: string, ...parts: readonly Uint8Array[]) => {
  const mac = createHmac('sha256', 'test secret').update(key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

describe('sharded tables', () => {
  const entries: [string, number[]][] = Array.from({ length: 300 }, (_, i) => [`key-${i}`, [i]]);
  entries.push(['constructor', [1000]], ['__proto__', [1001]], ['x\0naïve\0“words”', [1002]], ['none', []], ['many', [0, 3, 17, 2 ** 31, Number.MAX_SAFE_INTEGER]]);
  // The table's shards as parts after others, read by their place.
  const partsOf = (shards: readonly string[]) => ['head', 'other', ...shards];
  const sourceOf = (parts: readonly (string | undefined)[]) => (i: number) => parts[i];

  it('give back every value written, from shards put after other parts', () => {
    const shards = writeTable(entries);
    expect(shards.length).toBeGreaterThan(1);
    expect(shards.length & (shards.length - 1)).toBe(0);
    for (const shard of shards) expect(/^[\x00-\x7f]*$/.test(shard)).toBe(true);
    const parts = partsOf(shards);
    const meta = { first: 2, count: shards.length };
    expect(isTableMeta(meta, parts.length)).toBe(true);
    let broken = 0;
    const get = readTable<number[]>(sourceOf(parts), meta, () => broken++);
    for (const [key, value] of entries) expect(get(key)).toEqual(value);
    expect(broken).toBe(0);
  });

  it('find only own keys: one that every object inherits is not there unless written', () => {
    const shards = writeTable([['a', [1]]]);
    const get = readTable<number[]>(sourceOf(shards), { first: 0, count: shards.length }, () => undefined);
    expect(get('a')).toEqual([1]);
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'b']) expect(get(key)).toBeUndefined();
  });

  it('say so when a shard does not read back, or does not parse, and find nothing in it', () => {
    const shards = writeTable(entries);
    const shard = hashKey('key-5') & (shards.length - 1);
    for (const damaged of [undefined, `[${shards[shard]!.slice(1)}`, '[1]', 'null']) {
      const parts: (string | undefined)[] = partsOf(shards);
      parts[2 + shard] = damaged;
      let broken = 0;
      const get = readTable<number[]>(sourceOf(parts), { first: 2, count: shards.length }, () => broken++);
      expect(get('key-5')).toBeUndefined();
      expect(get('key-5')).toBeUndefined();
      expect(broken).toBe(1);
    }
  });

  it('refuse metas that do not describe shards among the parts', () => {
    const count = writeTable(entries).length;
    expect(isTableMeta({ first: 0, count }, count)).toBe(true);
    expect(isTableMeta({ first: 1, count }, count)).toBe(false);
    expect(isTableMeta({ first: 0, count: count - 1 }, count)).toBe(false);
    expect(isTableMeta({ first: -1, count }, count)).toBe(false);
    expect(isTableMeta({ first: 0, count: 0 }, count)).toBe(false);
    expect(isTableMeta({ first: 0.5, count }, count + 1)).toBe(false);
    expect(isTableMeta({ start: 0, ends: [count] }, count)).toBe(false);
  });
});

describe('kept facts', () => {
  it('read back every record, route and claim the bundled project files', async () => {
    const { project, diagnostics: found } = await loadProject(REPO);
    if (!project) throw new Error('the bundled project does not load');
    const { stored } = await verifyProject(project, { store: true });
    // A warning that quotes evidence past ASCII, as contradictions do: it must come back as it was.
    const diagnostics = [...found, diagnostic('evidence/contradiction', { file: 'evidence/x.yaml', line: 3, col: 5 }, 'r1 (“naïve” words) gives 3, r2 gives 4', 'warning')];
    const written = serializeFacts(project, diagnostics, 'table-hash', stored!);
    expect(written).toBeDefined();
    // As a run keeps them and reads them back: a ranged blob on disk.
    const dir = mkdtempSync(join(tmpdir(), 'facts-'));
    writeRangedBlob(dir, 'blob-facts', Buffer.from(written!.head, 'utf8'), written!.parts.map((part) => Buffer.from(part, 'utf8')), macOf);
    const read = readRangedBlob(dir, 'blob-facts', macOf)!;
    expect(read.count).toBe(written!.parts.length);
    // Heads that do not hold together are no facts: bounds that do not meet, as a damaged head would give.
    const inMemory = (head: string, part: (i: number) => string | undefined = (i) => written!.parts[i]) => ({
      head: Buffer.from(head, 'utf8'),
      count: written!.parts.length,
      part: (i: number) => (part(i) === undefined ? undefined : Buffer.from(part(i)!, 'utf8')),
    });
    type Head = { ids: { first: number; count: number }; tables: Record<string, { count: number }> };
    for (const damage of [(h: Head) => h.ids.first++, (h: Head) => (h.tables.routes!.count /= 2), (h: Head) => (h.ids = { first: 0, count: 1 })]) {
      const head = JSON.parse(written!.head) as Head;
      damage(head);
      expect(parseFacts(inMemory(JSON.stringify(head)), 'table-hash')).toBeUndefined();
    }
    expect(parseFacts(inMemory(written!.head.slice(1)), 'table-hash')).toBeUndefined();
    // A shard that does not read back finds nothing, and says so.
    const noShards = parseFacts(inMemory(written!.head, () => undefined), 'table-hash')!;
    const someRecord = [...project.evidence.values()][0]!;
    expect(noShards.fileOf(someRecord.id)).toBeUndefined();
    expect(noShards.broken()).toBe(true);
    for (const kept of [read, inMemory(written!.head)]) {
      expect(parseFacts(kept, 'another-table')).toBeUndefined();
      const facts = parseFacts(kept, 'table-hash')!;
      const { vocabulary } = project.config;
      for (const r of project.evidence.values()) {
        const file = facts.fileOf(r.id);
        expect(facts.files[file!]).toBe(r.ref.file);
        for (const key of recordRoutes(r, vocabulary, project.entities)) expect(facts.routes(key)).toContain(file);
      }
      expect(facts.fileOf('constructor')).toBeUndefined();
      expect(facts.contradictions).toEqual(project.contradictions);
      expect(facts.load).toEqual(diagnostics);
      for (const [id, claim] of stored!) {
        const i = facts.claims.ids.indexOf(id);
        expect(i).toBeGreaterThanOrEqual(0);
        if (!claim.footprint) {
          expect(facts.claims.always).toContain(i);
          continue;
        }
        for (const [query] of claim.footprint.queries) {
          const [method, ...args] = JSON.parse(query) as Query;
          for (const key of queryRoutes(method, args, (k) => facts.routes(k)?.length ?? 0) ?? []) expect(facts.claims.byRoute(key)).toContain(i);
        }
        for (const [record] of claim.footprint.contradictions) expect(facts.claims.byRecord(record)).toContain(i);
      }
      expect(facts.broken()).toBe(false);
    }
  });
});
