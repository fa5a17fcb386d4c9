import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, seeded, SIZES } from '../../bench/generate-corpus.js';
import { loadProject } from '../../src/pipeline.js';
import { changedKeys, dependsOn, keysOf, type ReadsSeen } from '../../src/verdict/read-keys.js';
import type { MatchContext } from '../../src/facts/match-evidence.js';
import { evaluate, workbench } from '../../src/verdict/workbench.js';
import { REPO } from '../helpers/project.js';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('dependsOn', () => {
  it('counts an id looked up and not found, as the keys do', () => {
    const log: ReadsSeen = { entityIds: new Set(), sourceIds: new Set(), evidenceIds: new Set(['not-there']), records: new Set(), buckets: new Map() };
    const base = { index: { get: () => undefined }, sources: new Map(), chainsOf: () => [] } as unknown as MatchContext;
    expect(keysOf(log, base, 'c', 'r')).toContain('evidence:not-there');
    expect(dependsOn(log, base, 'c', 'r', changedKeys(new Set(['evidence:not-there'])))).toBe(true);
    expect(dependsOn(log, base, 'c', 'r', changedKeys(new Set(['evidence:other', 'claim:d', 'ruleset:s'])))).toBe(false);
    expect(dependsOn(log, base, 'c', 'r', changedKeys(new Set(['ruleset:r'])))).toBe(true);
  });

  // --changed-since asks each claim whether it read a changed key; it must answer as its list of keys does.
  it.each([
    ['the bundled project', async () => REPO],
    ['a bench corpus, every claim kind', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'factcheck-keys-'));
      made.push(dir);
      await generateCorpus(dir, SIZES.tiny, 11, REPO);
      return dir;
    }],
  ])('answers as the claim\'s keys do, for any set of changed keys: %s', async (_, root) => {
    const project = (await loadProject(await root())).project!;
    const bench = workbench(project);
    const claims = project.claims.flatMap((claim) => {
      const ruleset = bench.rulesetOf(claim);
      return ruleset ? [{ claim, reads: evaluate(claim, ruleset, bench.ctx).reads }] : [];
    });
    const keysOf = new Map(claims.map(({ claim, reads }) => [claim.id, reads.keys()]));
    // Keys some claim read, and keys of every kind none did.
    const universe = [...new Set([...keysOf.values()].flat()), 'evidence:nobody', 'source:nowhere', 'entity:no-one', 'rules:x'];
    const byKind = (kind: string) => universe.filter((k) => k.startsWith(`${kind}:`));
    const rnd = seeded(3);
    const sets: Set<string>[] = [new Set(), new Set(['config'])];
    for (const kind of ['evidence', 'source', 'entity', 'claim', 'ruleset']) {
      const of = byKind(kind);
      for (let i = 0; i < 20; i++) sets.push(new Set([of[Math.floor(rnd() * of.length)]!]));
    }
    for (let i = 0; i < 40; i++) sets.push(new Set(universe.filter(() => rnd() < 0.02)));
    const both = { yes: 0, no: 0 };
    for (const keys of sets) {
      const changed = changedKeys(keys);
      for (const { claim, reads } of claims) {
        const expected = keysOf.get(claim.id)!.some((k) => keys.has(k));
        expect(reads.dependsOn(changed), `${claim.id} against ${[...keys].join(', ')}`).toBe(expected);
        both[expected ? 'yes' : 'no']++;
      }
    }
    // Each key a claim read, alone: ids it looked up and did not find among them.
    for (const { claim, reads } of claims) for (const key of keysOf.get(claim.id)!) expect(reads.dependsOn(changedKeys(new Set([key]))), `${claim.id}: ${key}`).toBe(true);
    // Both answers, many times, or the comparison proves nothing.
    expect(Math.min(both.yes, both.no)).toBeGreaterThan(100);
  });
});
