import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../src/types.js';
import { edit, git, gitProject } from '../helpers/git.js';
import { cleanProjects, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

/** A small seeded generator (mulberry32), so every run makes the same edits. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edit = (dir: string, rnd: () => number) => Promise<string>;

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;

/** Edits one list item of a YAML file through the document API. */
async function editItem(dir: string, path: string, listKey: string, rnd: () => number, change: (item: YAMLMap, items: YAMLMap[]) => string | undefined): Promise<string> {
  const file = join(dir, path);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return 'nothing'; // moved away earlier in the scenario
  const doc = parseDocument(text);
  const list = doc.get(listKey);
  if (!isSeq(list)) return 'nothing';
  // The document's own array, so that deleting or adding an item lands in the file.
  const items = list.items as YAMLMap[];
  const item = pick(items.filter(isMap), rnd);
  const what = change(item, items);
  if (what === undefined) return 'nothing';
  await writeFile(file, doc.toString({ lineWidth: 0 }));
  return `${path}: ${what}`;
}

const EVIDENCE = ['evidence/euronews-trump-jr-wikileaks.yaml', 'evidence/the-week-trump-jr-wikileaks.yaml'];

const EDITS: Edit[] = [
  // A record's value, date or polarity changes.
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item) => {
      if (item.get('kind') === 'quantity') {
        item.set('value', Number(item.get('value')) + 1);
        return `${item.get('id')} value +1`;
      }
      if (item.get('kind') === 'event') {
        item.set('date', pick(['2016-09-01', '2016-10-20', '2016-11-30', '2017'], rnd));
        return `${item.get('id')} redated`;
      }
      return undefined;
    }),
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item) => {
      if (item.get('kind') !== 'event') return undefined;
      item.set('negated', !item.get('negated'));
      return `${item.get('id')} negation flipped`;
    }),
  // Records are tied to, or cut from, one occurrence (what the unanswered-request check follows).
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item) => {
      if (item.get('kind') !== 'event') return undefined;
      if (item.has('occurrence')) item.delete('occurrence');
      else item.set('occurrence', 'wikileaks-link-message');
      return `${item.get('id')} occurrence toggled`;
    }),
  // A record is deleted.
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item, items) => {
      items.splice(items.indexOf(item), 1);
      return `${item.get('id')} deleted`;
    }),
  // A record is added: a copy of another, about someone else or at another time.
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item, items) => {
      const copy = item.clone() as YAMLMap;
      copy.set('id', `${String(item.get('id'))}-copy`);
      if (copy.has('actor')) copy.set('actor', pick(['donald-trump-jr', 'wikileaks', 'mike-pence', 'donald-trump'], rnd));
      if (copy.has('value')) copy.set('value', Number(copy.get('value')) * 2);
      items.push(copy);
      return `${item.get('id')} copied`;
    }),
  // An entity is renamed, or a group gains or loses a member.
  (dir, rnd) =>
    editItem(dir, 'entities/organisations.yaml', 'entities', rnd, (item) => {
      if (item.get('id') === 'trump-team') {
        item.set('members', ['donald-trump', 'mike-pence']);
        return 'trump-team loses Trump Jr.';
      }
      item.set('name', `${String(item.get('name'))} (renamed)`);
      return `${item.get('id')} renamed`;
    }),
  // A rule's priority or threshold changes.
  async (dir, rnd) => {
    const path = pick(['rules/quantity.yaml', 'rules/event.yaml', 'rules/absence.yaml', 'rules/timing.yaml', 'rules/attribution.yaml'], rnd);
    const file = join(dir, path);
    const doc = parseDocument(await readFile(file, 'utf8'));
    const rules = doc.get('rules');
    if (!isSeq(rules)) return 'nothing';
    const rule = pick(rules.items.filter(isMap) as YAMLMap[], rnd);
    rule.set('priority', Math.floor(rnd() * 100) + 1);
    await writeFile(file, doc.toString({ lineWidth: 0 }));
    return `${path}: ${rule.get('name')} priority changed`;
  },
  // A claim's assertion changes.
  (dir, rnd) =>
    editItem(dir, pick(['claims/statements.yaml', 'claims/reporting.yaml'], rnd), 'claims', rnd, (item) => {
      const asserts = item.get('asserts') as YAMLMap;
      if (asserts.get('kind') === 'quantity') {
        asserts.set('value', Number(asserts.get('value')) + 1);
        return `${item.get('id')} claimed value +1`;
      }
      item.set('context', 'edited context');
      return `${item.get('id')} context edited`;
    }),
  // A source stops relaying another, or a file moves.
  (dir, rnd) =>
    editItem(dir, 'sources/news.yaml', 'sources', rnd, (item) => {
      if (!item.has('relays')) return undefined;
      item.delete('relays');
      return `${item.get('id')} relays nothing`;
    }),
  async (dir, rnd) => {
    const from = pick(['claims/statements.yaml', 'evidence/the-week-trump-jr-wikileaks.yaml', 'sources/primary.yaml'], rnd);
    const to = from.replace('.yaml', '-moved.yaml');
    // A scenario may pick the same move twice; the second finds nothing to move.
    return git(dir, 'mv', from, to).then(() => `${from} moved`, () => 'nothing');
  },
];

const withoutPosition = ({ file: _f, line: _l, col: _c, ...rest }: ClaimResult) => rest;

describe('--changed-since', () => {
  it('selects claims whose results equal a full run, and leaves out only claims whose verdicts cannot have changed', async () => {
    // A fixed seed keeps CI deterministic; FACTCHECK_SEED sweeps other scenarios locally.
    const rnd = random(Number(process.env.FACTCHECK_SEED ?? 20261122));
    const base = await gitProject();
    const before = new Map<string, ClaimResult>(JSON.parse((await runCli(['verify', '--format', 'json', '--root', base])).stdout).claims.map((c: ClaimResult) => [c.id, c]));
    let selectedSomewhere = 0;
    let leftOutSomewhere = 0;
    for (let scenario = 0; scenario < 24; scenario++) {
      await git(base, 'reset', '-q', '--hard', 'HEAD');
      await git(base, 'clean', '-q', '-fd', '-e', '.factcheck-cache');
      const made: string[] = [];
      for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) made.push(await pick(EDITS, rnd)(base, rnd));

      const full = JSON.parse((await runCli(['verify', '--format', 'json', '--root', base])).stdout);
      const partial = await runCli(['verify', '--format', 'json', '--changed-since', 'HEAD', '--root', base]);
      const selected = new Map<string, ClaimResult>(JSON.parse(partial.stdout).claims.map((c: ClaimResult) => [c.id, c]));
      const now = new Map<string, ClaimResult>(full.claims.map((c: ClaimResult) => [c.id, c]));

      for (const [id, result] of selected) expect(result, `scenario ${scenario} (${made.join('; ')}): ${id} differs from a full run`).toEqual(now.get(id));
      for (const [id, result] of now) {
        if (selected.has(id)) continue;
        const old = before.get(id);
        expect(old, `scenario ${scenario} (${made.join('; ')}): new claim ${id} was not selected`).toBeDefined();
        expect(withoutPosition(result), `scenario ${scenario} (${made.join('; ')}): ${id} changed but was not selected`).toEqual(withoutPosition(old!));
      }
      if (selected.size) selectedSomewhere++;
      if (selected.size < now.size) leftOutSomewhere++;
    }
    // The scenarios exercise both sides of the selection.
    expect(selectedSomewhere).toBeGreaterThan(10);
    expect(leftOutSomewhere).toBeGreaterThan(10);
  }, 120_000);

  it("selects every claim when a group's members change, since groups decide matching and contradictions everywhere", async () => {
    const dir = await gitProject();
    await edit(dir, 'evidence/the-week-trump-jr-wikileaks.yaml', /(id: week-messages-window\n(?:.*\n){2}\s+actor: )donald-trump-jr/, '$1trump-team');
    await git(dir, 'commit', '-q', '-am', 'window by the group');
    await edit(dir, 'entities/organisations.yaml', 'members: [donald-trump, mike-pence, donald-trump-jr]', 'members: [donald-trump, mike-pence]');
    const run = await runCli(['verify', '--changed-since', 'HEAD', '--root', dir]);
    expect(run.stderr).toContain('11 of 11 claims depend on what changed');
  });

  it('accepts paths whose claims are all unchanged', async () => {
    const dir = await gitProject();
    const run = await runCli(['verify', join(dir, 'claims/statements.yaml'), '--changed-since', 'HEAD', '--root', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^0 claims; /m);
  });

  it('refuses a ref that is not one, or that looks like an option', async () => {
    const dir = await gitProject();
    for (const ref of ['no-such-ref', '--output=/tmp/x']) {
      const run = await runCli(['verify', `--changed-since=${ref}`, '--root', dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--changed-since: (unknown git ref|"--output=\/tmp\/x" is not a git ref)/);
    }
  });
});
