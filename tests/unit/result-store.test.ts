import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { generateCorpus, SIZES } from '../../bench/generate-corpus.js';
import { loadProject, verifyProject } from '../../src/pipeline.js';
import { hydrate, SUMMARY, type KeptClaim } from '../../src/cache/result-store.js';
import { createFootprintCheck, type EvidenceDelta } from '../../src/cache/footprint-check.js';
import { REPO } from '../helpers/project.js';
import type { Footprint } from '../../src/verdict/record-reads.js';
import type { EvidenceRecord, Project } from '../../src/types.js';

/** What a footprint's query returns now, asked of the project's index by name. */
function answerOf(project: Project, query: string): readonly EvidenceRecord[] {
  const [method, ...args] = JSON.parse(query) as [string, ...unknown[]];
  return (project.index as unknown as Record<string, (...a: unknown[]) => readonly EvidenceRecord[]>)[method]!(...args);
}

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('kept results', () => {
  it('reads only the table fields until something reads further, and serialises as the original', async () => {
    const { project } = await loadProject(REPO);
    const [result] = (await verifyProject(project!)).claims;
    const json = JSON.stringify(result);
    let reads = 0;
    const kept: KeptClaim = {
      summary: { id: result!.id, file: result!.file, line: result!.line, col: result!.col, rating: result!.rating, rating_label: result!.rating_label, rule: result!.rule, explanation: result!.explanation },
      fields: Object.keys(result!),
      diagnostics: [],
      footprint: undefined,
      wholeHash: null,
      json: () => {
        reads++;
        return json;
      },
    };
    const rebuilt = hydrate(kept);
    expect([rebuilt.id, rebuilt.rating_label, rebuilt.explanation]).toEqual([result!.id, result!.rating_label, result!.explanation]);
    // Listing its fields, and asking whether it has one, read nothing either.
    expect(Object.keys(rebuilt)).toEqual(Object.keys(result!));
    expect('citations' in rebuilt && !('nothing' in rebuilt)).toBe(true);
    // What every object has, it has too.
    expect(Object.prototype.hasOwnProperty.call(rebuilt, 'rating') && rebuilt.hasOwnProperty('citations')).toBe(true);
    expect(String(rebuilt)).toBe('[object Object]');
    expect(reads).toBe(0);
    expect(JSON.stringify(rebuilt)).toBe(json);
    expect(rebuilt.citations).toEqual(result!.citations);
    expect({ ...rebuilt }).toEqual(result);
    expect(reads).toBe(1);
    // A write makes it a plain object, the write kept and the rest as it was.
    const written = hydrate(kept) as unknown as Record<string, unknown>;
    written.rating = 'changed';
    expect(written.rating).toBe('changed');
    expect(JSON.parse(JSON.stringify(written))).toEqual({ ...JSON.parse(json), rating: 'changed' });
    expect(reads).toBe(2);
  });

  // A table run never builds the whole result; what it makes instead must match the whole one's fields.
  it.each([
    ['the bundled project', async () => REPO],
    ['a bench corpus, every claim kind', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'factcheck-table-'));
      made.push(dir);
      await generateCorpus(dir, SIZES.tiny, 5, REPO);
      return dir;
    }],
  ])("gives a table run results with the table's fields alone, and says so if anything reads further: %s", async (_, root) => {
    const { project } = await loadProject(await root());
    const whole = await verifyProject(project!);
    const table = await verifyProject(project!, { whole: false, store: true });
    expect(table.claims.map((c) => Object.keys(c))).toEqual(whole.claims.map((c) => Object.keys(c)));
    for (const [i, c] of table.claims.entries()) for (const f of SUMMARY) expect(c[f], `${c.id} ${f}`).toEqual(whole.claims[i]![f]);
    expect(table.diagnostics).toEqual(whole.diagnostics);
    expect(() => table.claims[0]!.citations).toThrow(`only the table's fields of the result for claim "${table.claims[0]!.id}" were kept`);
  });

  it('holds a footprint only while every file, query, contradiction and missing item is as it was', async () => {
    const { project } = await loadProject(REPO);
    const check = createFootprintCheck(project!, (id) => project!.contradictions.filter((c) => c.records.includes(id)));
    const base = { files: [] as [string, string][], queries: [] as [string, string][], contradictions: [] as [string, string][], absent: [] as string[] };
    expect(check(base)).toBe(true);
    const config = project!.inputs.get('factcheck.config.yaml')!;
    expect(check({ ...base, files: [['factcheck.config.yaml', config]] })).toBe(true);
    expect(check({ ...base, files: [['factcheck.config.yaml', '0'.repeat(64)]] })).toBe(false);
    expect(check({ ...base, files: [['claims/gone.yaml', '0'.repeat(64)]] })).toBe(false);
    expect(check({ ...base, queries: [['["statements","donald-trump"]', 'not the hash']] })).toBe(false);
    expect(check({ ...base, queries: [['["noSuchQuery","x"]', 'anything']] })).toBe(false);
    expect(check({ ...base, contradictions: [['euronews-link-message', 'not the hash']] })).toBe(false);
    expect(check({ ...base, absent: ['evidence:no-such-record', 'entity:no-such-entity', 'source:no-such-source'] })).toBe(true);
    for (const key of ['evidence:euronews-link-message', 'entity:mike-pence', 'source:the-week-trump-jr-wikileaks', 'unknown:x']) {
      expect(check({ ...base, absent: [key] }), key).toBe(false);
    }
  });

  // With only evidence files changed, a run checks only the queries their records, then and now,
  // can enter or leave: it must hold exactly the footprints a check of every query holds.
  it('holds, after evidence files change, the footprints a check of every query holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factcheck-delta-'));
    made.push(dir);
    await generateCorpus(dir, SIZES.tiny, 7, REPO);
    const before = (await loadProject(dir)).project!;
    // Queries alone: a footprint's files would fail first for most claims whose evidence changed.
    const footprints = [...(await verifyProject(before, { store: true })).stored!.values()].map((c): Footprint => ({ files: [], queries: c.footprint!.queries, contradictions: [], absent: [] }));
    const files = (await readdir(join(dir, 'evidence'))).sort().map((f) => `evidence/${f}`);
    const editItems = async (path: string, change: (items: YAMLMap[]) => void) => {
      const doc = parseDocument(await readFile(join(dir, path), 'utf8'));
      const list = doc.get('evidence');
      if (isSeq(list)) change(list.items.filter(isMap) as YAMLMap[]);
      if (isSeq(list)) list.items = list.items.filter((item) => !isMap(item) || !item.get('gone'));
      await writeFile(join(dir, path), doc.toString({ lineWidth: 0 }));
    };
    // A record removed, records about someone else, a file gone, a file added.
    await editItems(files[0]!, (items) => items[0]!.set('gone', true));
    await editItems(files[1]!, (items) => {
      for (const item of items) for (const key of ['subject', 'actor', 'speaker']) if (item.has(key)) item.set(key, 'nobody-known');
    });
    await rm(join(dir, files[2]!));
    await writeFile(join(dir, 'evidence/zz-added.yaml'), (await readFile(join(dir, files[3]!), 'utf8')).replaceAll('id: report-', 'id: added-report-'));
    const changed = new Set([...files.slice(0, 3), 'evidence/zz-added.yaml']);
    const after = (await loadProject(dir)).project!;
    const delta: EvidenceDelta = { files: changed, before: [...before.evidence.values(), ...before.excludedEvidence].filter((r) => changed.has(r.ref.file)) };
    const contradictionsOf = (id: string) => after.contradictions.filter((c) => c.records.includes(id));
    const full = createFootprintCheck(after, contradictionsOf);
    const quick = createFootprintCheck(after, contradictionsOf, delta);
    const held = footprints.map((f) => full(f));
    expect(footprints.map((f) => quick(f))).toEqual(held);
    // Both answers occur, or the comparison proves nothing.
    expect(held.filter((h) => !h).length).toBeGreaterThan(5);
    expect(held.filter((h) => h).length).toBeGreaterThan(5);
  });

  // A footprint lists no file for records an answer brought and nothing used: the answer's hash holds each one's file and its hash.
  it('holds a query only while every record it returned, and the file each is in, is as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factcheck-answers-'));
    made.push(dir);
    await generateCorpus(dir, SIZES.tiny, 5, REPO);
    const { project } = await loadProject(dir);
    const { stored } = await verifyProject(project!, { store: true });
    const contradictionsOf = (id: string) => project!.contradictions.filter((c) => c.records.includes(id));
    const holds = (footprint: Footprint, inputs: ReadonlyMap<string, string>) => createFootprintCheck({ ...project!, inputs }, contradictionsOf)(footprint);
    let tried = 0;
    for (const { footprint } of stored!.values()) {
      const listed = new Set(footprint!.files.map(([path]) => path));
      // The files of records its queries returned that it did not list: it read nothing else from them.
      const brought = new Set(footprint!.queries.flatMap(([query]) => answerOf(project!, query)).map((r) => r.ref.file).filter((file) => !listed.has(file)));
      expect(holds(footprint!, project!.inputs)).toBe(true);
      for (const file of brought) {
        expect(holds(footprint!, new Map(project!.inputs).set(file, '0'.repeat(64))), file).toBe(false);
        tried++;
      }
    }
    expect(tried, 'records returned and not used, in files their claims read nothing else from').toBeGreaterThan(10);
  });
});
