import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { buildIndex } from '../../src/evidence/build-index.js';
import { detectContradictions } from '../../src/evidence/detect-contradictions.js';
import { partnerRoutes, queryRoutes, recordRoutes, routedIndex, RouteSet } from '../../src/evidence/route-keys.js';
import { wordsOf } from '../../src/facts/compare-words.js';
import { loadProject } from '../../src/load/load-project.js';
import type { EvidenceRecord, Project } from '../../src/types.js';
import { cleanProjects, makeTempDir, REPO } from '../helpers/project.js';

afterAll(cleanProjects);

async function bundled(): Promise<Project> {
  const { project } = await loadProject(REPO);
  if (!project) throw new Error('the bundled project does not load');
  return project;
}

/** Every query shape the index answers, over every entity, action, measure and run of stated words. */
function queriesOf(project: Project): [string, ...unknown[]][] {
  const { vocabulary } = project.config;
  const entities = [...project.entities.keys()];
  const topics = [...vocabulary.actions.keys(), ...vocabulary.measures.keys()];
  const out: [string, ...unknown[]][] = [];
  for (const e of entities) {
    for (const action of vocabulary.actions.keys()) out.push(['events', e, action, false], ['events', e, action, true]);
    for (const measure of vocabulary.measures.keys()) out.push(['quantities', e, measure]);
    for (const topic of topics) out.push(['assessments', e, topic]);
    out.push(['negatedEvents', e], ['statements', e], ['responsesBy', e]);
  }
  for (const r of project.evidence.values()) {
    if (r.kind !== 'statement') continue;
    const words = wordsOf(r);
    for (let i = 0; i < words.length; i++) for (let n = 1; n <= 3 && i + n <= words.length; n++) out.push(['statementsSaying', words.slice(i, i + n).join(' ')]);
  }
  return out;
}

describe('route keys', () => {
  it('file every record an index query answers with under the key that query is routed by, whichever rarest key it picks', async () => {
    const project = await bundled();
    const index = buildIndex(project.evidence.values(), project.config.vocabulary);
    const routes = new Map([...project.evidence.values()].map((r) => [r.id, new Set(recordRoutes(r, project.config.vocabulary, project.entities))]));
    let answered = 0;
    for (const [method, ...args] of queriesOf(project)) {
      const answer = (index as unknown as Record<string, (...a: unknown[]) => readonly EvidenceRecord[]>)[method]!(...args);
      // Any key may be the rarest: each pick must hold every answer.
      for (const filesOf of [() => 0, (key: string) => -key.length, (key: string) => key.length]) {
        const keys = queryRoutes(method, args, filesOf);
        expect(keys, method).toBeDefined();
        for (const r of answer) for (const key of keys!) expect(routes.get(r.id)!.has(key), `${r.id} under ${JSON.stringify(key)} for ${method}(${args.join(', ')})`).toBe(true);
      }
      answered += answer.length;
    }
    expect(answered).toBeGreaterThan(100);
  });

  it('file each record of a contradiction under a key of its partner', async () => {
    const project = await bundled();
    const records = [...project.evidence.values()];
    const { contradictions } = detectContradictions(records, buildIndex(records, project.config.vocabulary), project.entities);
    expect(contradictions.length).toBeGreaterThan(0);
    for (const c of contradictions) {
      const [a, b] = c.records.map((id) => project.evidence.get(id)!);
      for (const [x, y] of [
        [a!, b!],
        [b!, a!],
      ] as const) {
        const filed = new Set(recordRoutes(y, project.config.vocabulary, project.entities));
        expect(
          partnerRoutes(x, project.entities).some((key) => filed.has(key)),
          `${y.id} found from ${x.id}`,
        ).toBe(true);
      }
    }
  });

  it('pass over, unread, only records no key of the set files', async () => {
    const dir = join(await makeTempDir('route-keys'), 'corpus');
    await generateCorpus(dir, { claims: 20, evidence: 600 }, 5, REPO);
    for (const root of [REPO, dir]) {
      const { project } = await loadProject(root);
      if (!project) throw new Error(`${root} does not load`);
      // Each record as its file gives it, before it is read.
      const raws = new Map<string, Record<string, unknown>>();
      for (const file of new Set([...project.evidence.values()].map((r) => r.ref.file))) {
        const list = (parse(await readFile(join(root, file), 'utf8')) as { evidence: Record<string, unknown>[] }).evidence;
        for (const raw of list) raws.set(String(raw.id), raw);
      }
      const records = [...project.evidence.values()];
      const keys = [...new Set(records.flatMap((r) => [...recordRoutes(r, project.config.vocabulary, project.entities), ...partnerRoutes(r, project.entities)]))].sort();
      let refused = 0;
      for (const key of keys) {
        const set = new RouteSet();
        set.add(key);
        for (const r of records) {
          const may = set.mayFile(raws.get(r.id)!, project.entities);
          if (set.files(r, project.config.vocabulary, project.entities)) expect(may, `${r.id} under ${JSON.stringify(key)}`).toBe(true);
          else if (!may) refused++;
        }
      }
      // Most records under no key of a set of one are passed over.
      expect(refused, root).toBeGreaterThan(keys.length * records.length * 0.5);
      if (root !== REPO) continue;
      // A window the group's events fill is filed under each member: no record of either corpus has one.
      const window = [...raws.values()].find((raw) => (raw.date as { complete?: boolean } | undefined)?.complete === true)!;
      const set = new RouteSet();
      set.add('w\0mike-pence');
      expect(set.mayFile({ ...window, actor: 'trump-team' }, project.entities)).toBe(true);
      expect(set.mayFile({ ...window, actor: 'wikileaks' }, project.entities)).toBe(false);
    }
  }, 60_000);

  it('are reported for each query a routed index answers, and each id it is asked for', async () => {
    const project = await bundled();
    const asked: string[] = [];
    const ids: string[] = [];
    const index = routedIndex(project.index, () => 0, (key) => asked.push(key), (id) => ids.push(id));
    expect(index.events('wikileaks', 'message', true)).toEqual(project.index.events('wikileaks', 'message', true));
    index.events('wikileaks', 'message');
    index.negatedEvents('mike-pence');
    index.quantities('donald-trump-jr', 'replies');
    index.statements('mike-pence');
    index.statementsSaying('nothing could be further');
    index.assessments('donald-trump-jr', 'contact');
    index.responsesBy('donald-trump-jr');
    index.get('some-record');
    expect(asked).toEqual([
      't\0wikileaks\0message',
      'e\0wikileaks\0message',
      'n\0mike-pence',
      'q\0donald-trump-jr\0replies',
      's\0mike-pence',
      'x\0nothing\0could',
      'a\0donald-trump-jr\0contact',
      'r\0donald-trump-jr',
    ]);
    expect(ids).toEqual(['some-record']);
  });

  it('are made the same way for a query as for a record, so that the two meet whatever the arguments are', () => {
    const none = () => 0;
    // An empty last part is left out, as recordRoutes leaves it out for a record without one.
    expect(queryRoutes('quantities', ['a', ''], none)).toEqual(['q\0a']);
    expect(queryRoutes('events', ['a', '', true], none)).toEqual(['t\0a']);
    expect(queryRoutes('assessments', ['a', 'b'], none)).toEqual(['a\0a\0b']);
    expect(partnerRoutes({ kind: 'quantity', subject: 'a', measure: '' } as EvidenceRecord, new Map())).toEqual(['q\0a']);
  });
});
