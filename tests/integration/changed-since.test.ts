import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../src/types.js';
import { EDITS, pick, random } from '../helpers/edits.js';
import { datedByAnotherFile, edit, git, gitProject, moveRecord } from '../helpers/git.js';
import { cleanProjects, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

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

  // euronews-link-message is dated two days before euronews-link-tweet: moved to a file of its own,
  // the tweet's date moves the message's without the message's file changing.
  it('selects a claim whose record is dated by a record that changed in another file', async () => {
    const dir = await gitProject();
    await moveRecord(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', 'euronews-link-tweet', 'evidence/link-tweet.yaml', (text) => text.replace('date: "2016-10-14"', 'date: "2017-01-10"'));
    // Into 2016: the message it dates now bears on the claim of contacts in 2016.
    const changed = await selectsWhatChanged(dir, () => edit(dir, 'evidence/link-tweet.yaml', 'date: "2017-01-10"', 'date: "2017-01-01"'));
    expect(changed).toContain('euronews-direct-contacts-in-campaign');
  });

  it('selects a claim whose record comes back when a record it refers to comes back in another file', async () => {
    const dir = await gitProject();
    const helper = await datedByAnotherFile(dir);
    const helperText = await readFile(helper, 'utf8');
    await rm(helper);
    const changed = await selectsWhatChanged(dir, () => writeFile(helper, helperText));
    expect(changed).toContain('trump-jr-whopping-3-responses');
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

/**
 * Commits the project as it is, makes the change, and expects `--changed-since HEAD` to select
 * every claim whose result the change moved, with the result a full run gives. The ids it moved.
 */
async function selectsWhatChanged(dir: string, change: () => Promise<void>): Promise<string[]> {
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'before the change');
  const claims = async (...args: string[]) => new Map<string, ClaimResult>(JSON.parse((await runCli(['verify', '--format', 'json', ...args, '--root', dir])).stdout).claims.map((c: ClaimResult) => [c.id, c]));
  const before = await claims('--no-cache');
  await change();
  const now = await claims('--no-cache');
  const selected = await claims('--changed-since', 'HEAD');
  const changed = [...now.keys()].filter((id) => JSON.stringify(now.get(id)) !== JSON.stringify(before.get(id)));
  for (const id of changed) expect(selected.get(id), `${id} changed but was not selected`).toEqual(now.get(id));
  return changed;
}
