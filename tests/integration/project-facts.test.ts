import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, SIZES } from '../../bench/generate-corpus.js';
import { filesUnder, parseFacts, serializeFacts } from '../../src/cache/project-facts.js';
import type { RangedBlob } from '../../src/cache/ranged-blob.js';
import { queryRoutes, recordRoutes } from '../../src/evidence/route-keys.js';
import { loadProject, verifyProject } from '../../src/pipeline.js';
import type { Query } from '../../src/verdict/record-reads.js';
import { cleanProjects, copyBundled, makeProject, REPO } from '../helpers/project.js';

afterAll(cleanProjects);

/** The facts a full run of the project at `root` keeps, read back as a partial run reads them, with what they were made from. */
async function factsOf(root: string) {
  const { project, diagnostics } = await loadProject(root);
  if (!project) throw new Error(`${root} did not load`);
  const verification = await verifyProject(project, { store: true, whole: false, dependencies: false });
  const stored = verification.stored!;
  const made = serializeFacts(project, diagnostics, 'table', stored);
  if (!made) throw new Error(`${root} keeps no facts`);
  const blob: RangedBlob = { head: Buffer.from(made.head), count: made.parts.length, part: (i) => (made.parts[i] === undefined ? undefined : Buffer.from(made.parts[i]!)) };
  const facts = parseFacts(blob, 'table')!;
  expect(facts).toBeDefined();
  return { project, stored, facts };
}

/**
 * What the facts must say, from the definitions rather than from the index
 * they were built from: each route key's files are the files of the records
 * filed under it by recordRoutes; each claim is under the key of every query
 * it asked, and under every record whose contradictions it consulted.
 */
function expectFactsHold({ project, stored, facts }: Awaited<ReturnType<typeof factsOf>>) {
  const files = new Map<string, Set<number>>();
  for (const r of project.evidence.values()) {
    const place = facts.files.indexOf(r.ref.file);
    expect(place).toBeGreaterThanOrEqual(0);
    expect(facts.fileOf(r.id)).toBe(place);
    for (const key of recordRoutes(r, project.config.vocabulary, project.entities)) {
      if (!files.has(key)) files.set(key, new Set());
      files.get(key)!.add(place);
    }
  }
  for (const [key, places] of files) expect(facts.routes(key), key).toEqual([...places].sort((a, b) => a - b));

  const byRoute = new Map<string, Set<number>>();
  const byRecord = new Map<string, Set<number>>();
  const add = (map: Map<string, Set<number>>, key: string, i: number) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(i);
  const kinds = new Set<string>();
  let i = 0;
  for (const [id, claim] of stored) {
    expect(facts.claims.ids[i]).toBe(id);
    for (const [query] of claim.footprint?.queries ?? []) {
      const [method, ...args] = JSON.parse(query) as Query;
      kinds.add(method);
      for (const key of queryRoutes(method, args, (k) => filesUnder(facts, k)) ?? []) add(byRoute, key, i);
    }
    for (const [record] of claim.footprint?.contradictions ?? []) add(byRecord, record, i);
    i++;
  }
  for (const [key, claims] of byRoute) expect(facts.claims.byRoute(key), key).toEqual([...claims]);
  for (const [record, claims] of byRecord) expect(facts.claims.byRecord(record), record).toEqual([...claims]);
  expect(facts.broken()).toBe(false);
  return { routes: files.size, queryKinds: [...kinds].sort(), contradictions: byRecord.size };
}

describe("a full run's facts", () => {
  it('file every record, query and consulted contradiction as their definitions say, on the bench corpus', async () => {
    const dir = await makeProject({}, { bare: true });
    await generateCorpus(dir, SIZES.tiny, 2016, REPO);
    const held = expectFactsHold(await factsOf(dir));
    // Every kind of index query a claim can ask is among those checked.
    expect(held.queryKinds).toEqual(['assessments', 'events', 'negatedEvents', 'quantities', 'responsesBy', 'statements', 'statementsSaying']);
    expect(held.contradictions).toBeGreaterThan(0);
  });

  it('do so on the bundled project', async () => {
    const held = expectFactsHold(await factsOf(REPO));
    expect(held.routes).toBeGreaterThan(10);
  });

  it('list each key\'s files in order when records in id order are not in file order', async () => {
    // euronews-… ids sort before week-… ones; renamed, their file sorts after the other.
    const dir = await copyBundled();
    await rename(join(dir, 'evidence/euronews-trump-jr-wikileaks.yaml'), join(dir, 'evidence/zz-euronews.yaml'));
    const facts = await factsOf(dir);
    expect(facts.facts.files).toEqual(['evidence/the-week-trump-jr-wikileaks.yaml', 'evidence/zz-euronews.yaml']);
    expectFactsHold(facts);
  });
});
