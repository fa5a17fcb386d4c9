import { describe, expect, it } from 'vitest';
import { parseFacts, serializeFacts } from '../../src/cache/project-facts.js';
import { hashKey, isTableMeta, readTable, writeTable } from '../../src/cache/sharded-table.js';
import { queryRoutes, recordRoutes } from '../../src/evidence/route-keys.js';
import { loadProject } from '../../src/load/load-project.js';
import type { Query } from '../../src/verdict/record-reads.js';
import { verifyProject } from '../../src/verdict/verify-project.js';
import { REPO } from '../helpers/project.js';
import { diagnostic } from '../../src/diagnostics.js';

describe('sharded tables', () => {
  const entries: [string, unknown][] = Array.from({ length: 300 }, (_, i) => [`key-${i}`, [i]]);
  entries.push(['constructor', [1000]], ['__proto__', [1001]], ['x\0naïve\0“words”', [1002]]);

  it('give back every value written, from text put after a head', () => {
    const { text, meta } = writeTable(entries, 7);
    expect(meta.ends.length).toBeGreaterThan(1);
    expect(meta.ends.length & (meta.ends.length - 1)).toBe(0);
    const kept = `head...${text}`;
    expect(isTableMeta(meta, kept.length)).toBe(true);
    let broken = 0;
    const get = readTable<number[]>(kept, meta, () => broken++);
    for (const [key, value] of entries) expect(get(key)).toEqual(value);
    expect(broken).toBe(0);
  });

  it('find only own keys: one that every object inherits is not there unless written', () => {
    const { text, meta } = writeTable([['a', [1]]], 0);
    const get = readTable<number[]>(text, meta, () => undefined);
    expect(get('a')).toEqual([1]);
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'b']) expect(get(key)).toBeUndefined();
  });

  it('say so when a shard does not read back, and find nothing in it', () => {
    const { text, meta } = writeTable(entries, 0);
    const shard = hashKey('key-5') & (meta.ends.length - 1);
    const at = shard === 0 ? 0 : meta.ends[shard - 1]!;
    const damaged = `${text.slice(0, at)}[${text.slice(at + 1)}`;
    let broken = 0;
    const get = readTable<number[]>(damaged, meta, () => broken++);
    expect(get('key-5')).toBeUndefined();
    expect(broken).toBe(1);
  });

  it('refuse metas that do not describe shards in the text', () => {
    const { text, meta } = writeTable(entries, 0);
    expect(isTableMeta(meta, text.length - 1)).toBe(false);
    expect(isTableMeta({ ...meta, ends: meta.ends.slice(1) }, text.length)).toBe(false);
    expect(isTableMeta({ ...meta, start: -1 }, text.length)).toBe(false);
    expect(isTableMeta({ start: 0, ends: [5, 3] }, text.length)).toBe(false);
    expect(isTableMeta({ start: 0, ends: [] }, text.length)).toBe(false);
  });
});

describe('kept facts', () => {
  it('read back every record, route and claim the bundled project files', async () => {
    const { project, diagnostics: found } = await loadProject(REPO);
    if (!project) throw new Error('the bundled project does not load');
    const { stored } = await verifyProject(project, { store: true });
    // A warning that quotes evidence past ASCII, as contradictions do: it must come back as it was.
    const diagnostics = [...found, diagnostic('evidence/contradiction', { file: 'evidence/x.yaml', line: 3, col: 5 }, 'r1 (“naïve” words) gives 3, r2 gives 4', 'warning')];
    const text = serializeFacts(project, diagnostics, 'table-hash', stored!);
    expect(text).toBeDefined();
    // As text, and as the bytes a run reads them from: the same facts.
    const bytes = Buffer.from(text!, 'utf8');
    // Bytes past ASCII are not facts as written.
    expect(parseFacts(Buffer.concat([bytes, Buffer.from('é', 'utf8')]), 'table-hash')).toBeUndefined();
    // Nor are bounds that do not meet, as a damaged head would give.
    const line = text!.indexOf('\n');
    for (const damage of [(h: { ids: { start: number } }) => h.ids.start++, (h: { ids: { ends: number[] } }) => h.ids.ends[h.ids.ends.length - 1]!--]) {
      const head = JSON.parse(text!.slice(0, line)) as { ids: { start: number; ends: number[] } };
      damage(head);
      expect(parseFacts(`${JSON.stringify(head)}${text!.slice(line)}`, 'table-hash')).toBeUndefined();
    }
    for (const kept of [text, bytes]) {
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
