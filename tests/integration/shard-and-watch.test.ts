import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { edit, gitProject } from '../helpers/git.js';
import { cleanProjects, makeTempDir, REPO, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

async function shardFiles(root: string, count: number, extra: string[] = []): Promise<string[]> {
  const dir = await makeTempDir('shards');
  const files: string[] = [];
  for (let i = 1; i <= count; i++) {
    const run = await runCli(['verify', '--format', 'json', '--shard', `${i}/${count}`, '--root', root, ...extra]);
    const file = join(dir, `shard-${i}.json`);
    await writeFile(file, run.stdout);
    files.push(file);
  }
  return files;
}

describe('shards', () => {
  it.each([1, 2, 3, 5, 16])('merge %i shards into exactly the bytes of an unsharded run', async (count) => {
    const files = await shardFiles(REPO, count);
    const shards = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8'))));
    // Every claim lands in exactly one shard.
    expect(shards.flatMap((s) => s.claims.map((c: { id: string }) => c.id)).sort()).toHaveLength(11);
    const merged = await runCli(['merge', ...files, '--format', 'json']);
    const whole = await runCli(['verify', '--format', 'json']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
  });

  it('merge the --check diffs too, and exit as the unsharded check does', async () => {
    const dir = await gitProject();
    await edit(dir, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
    const files = await shardFiles(dir, 3, ['--check']);
    const merged = await runCli(['merge', ...files, '--format', 'json']);
    const whole = await runCli(['verify', '--check', '--format', 'json', '--root', dir]);
    expect(merged.stdout).toBe(whole.stdout);
    expect([merged.code, whole.code]).toEqual([1, 1]);
    const text = await runCli(['merge', ...files]);
    expect(text.stdout).toContain('Compared with factcheck.lock.json: 2 verdict changes');
  });

  it('refuse shards that do not fit together', async () => {
    const files = await shardFiles(REPO, 3);
    const other = await shardFiles(REPO, 2);
    for (const [args, message] of [
      [[files[0]!, files[2]!], 'shard 2 of 3 missing'],
      [[files[0]!, files[0]!, files[1]!, files[2]!], 'are both shard 1/3'],
      [[files[0]!, other[1]!], 'is not a shard of 3'],
      [[join(REPO, 'package.json')], 'not a factcheck result'],
    ] as const) {
      const run = await runCli(['merge', ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
    expect((await runCli(['verify', '--shard', '4/3'])).code).toBe(2);
  });
});

describe('factcheck watch', () => {
  it('prints the table, then only the verdicts that changed and new problems', async () => {
    const dir = await gitProject();
    let out = '';
    const stop = new AbortController();
    const running = main({ argv: ['watch', '--root', dir], cwd: dir, stdout: (t) => (out += t), stderr: (t) => (out += t), signal: stop.signal });
    const waitFor = async (text: string) => {
      for (let i = 0; i < 200 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 25));
      expect(out).toContain(text);
    };
    await waitFor('Watching');
    const table = out;
    expect(table).toContain('11 claims:');

    await edit(dir, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
    await waitFor('changed  trump-jr-link-two-days-later');
    const update = out.slice(table.length);
    expect(update).toMatch(/^changed {2}trump-jr-link-two-days-later: True, citations changed \(rule confirmed-by-one-report-repeated → confirmed\)/);
    expect(update).not.toContain('CLAIM');
    expect(update).not.toContain('pence-denies-wikileaks-connection');

    const before = out.length;
    await edit(dir, 'claims/statements.yaml', 'claimant: mike-pence', 'claimant: mike-pense');
    await waitFor('ref/unknown-entity');
    // Still written in its file: not gone, but failing, with the error that keeps it out.
    expect(out.slice(before)).toMatch(/failing {2}pence-denies-wikileaks-connection: fails to load \(see the error\)\nclaims\/statements\.yaml:7:15 {2}error {2}ref\/unknown-entity/);
    expect(out.slice(before)).not.toContain('gone');

    stop.abort();
    expect(await running).toBe(0);
  });

  it('keeps seeing a file that editors save by writing a new file and renaming it over the old', async () => {
    const dir = await gitProject();
    await rm(join(dir, '.factcheck-cache'), { recursive: true, force: true });
    let out = '';
    const stop = new AbortController();
    const running = main({ argv: ['watch', '--root', dir, '--no-cache'], cwd: dir, stdout: (t) => (out += t), stderr: (t) => (out += t), signal: stop.signal });
    const waitFor = async (text: string, from = 0) => {
      for (let i = 0; i < 200 && !out.includes(text, from); i++) await new Promise((r) => setTimeout(r, 25));
      expect(out.slice(from)).toContain(text);
    };
    const renameSave = async (from: string, to: string) => {
      const file = join(dir, 'claims/statements.yaml');
      const text = await readFile(file, 'utf8');
      await writeFile(`${file}.swp`, text.replace(from, to));
      await rename(`${file}.swp`, file);
    };
    await waitFor('Watching');
    // Three saves of the same file in turn: each must be seen, not only the first.
    for (const [from, to, seen] of [
      ['claimant: mike-pence', 'claimant: mike-pense', 'failing  pence-denies-wikileaks-connection'],
      ['claimant: mike-pense', 'claimant: mike-pence', 'new      pence-denies-wikileaks-connection'],
      ['claimant: mike-pence', 'claimant: mike-pense', 'failing  pence-denies-wikileaks-connection'],
    ] as const) {
      const mark = out.length;
      await renameSave(from, to);
      await waitFor(seen, mark);
    }
    expect(existsSync(join(dir, '.factcheck-cache'))).toBe(false);
    stop.abort();
    expect(await running).toBe(0);
  });

  it('tells a claim that fails to load from one that is gone', async () => {
    const dir = await gitProject();
    let out = '';
    const stop = new AbortController();
    const running = main({ argv: ['watch', '--root', dir], cwd: dir, stdout: (t) => (out += t), stderr: (t) => (out += t), signal: stop.signal });
    const waitFor = async (text: string, from: number) => {
      for (let i = 0; i < 200 && !out.includes(text, from); i++) await new Promise((r) => setTimeout(r, 25));
      expect(out.slice(from)).toContain(text);
    };
    await waitFor('Watching', 0);

    // A schema error: the claim is still in its file.
    let mark = out.length;
    await edit(dir, 'claims/statements.yaml', 'kind: absence', 'kind: absense');
    await waitFor('schema/enum', mark);
    expect(out.slice(mark)).toContain('failing  pence-denies-wikileaks-connection: fails to load (see the error)\n');
    expect(out.slice(mark)).not.toContain('gone');

    // A claims file that does not parse: each of its claims fails to load, none is gone.
    mark = out.length;
    const reporting = await readFile(join(dir, 'claims/reporting.yaml'), 'utf8');
    await writeFile(join(dir, 'claims/reporting.yaml'), `${reporting}\n  - id: [unclosed\n`);
    await waitFor('claims/reporting.yaml:', mark);
    const ids = [...reporting.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) expect(out.slice(mark)).toContain(`failing  ${id}: fails to load (see the error)\n`);
    expect(out.slice(mark)).not.toContain('gone');
    await writeFile(join(dir, 'claims/reporting.yaml'), reporting);
    await waitFor(`new      ${ids[ids.length - 1]}`, mark);

    mark = out.length;
    await edit(dir, 'claims/statements.yaml', 'kind: absense', 'kind: absence');
    await waitFor('new      pence-denies-wikileaks-connection', mark);

    // Deleted from its file: gone.
    mark = out.length;
    await edit(dir, 'claims/statements.yaml', /  - id: pence-denies-wikileaks-connection\n[\s\S]*?\n\n(?=  - id:)/, '');
    await waitFor('gone     pence-denies-wikileaks-connection\n', mark);
    expect(out.slice(mark)).not.toContain('failing');

    stop.abort();
    expect(await running).toBe(0);
  });

  // Linux lists each inotify watch of the process in /proc/self/fdinfo: a recursive watch costs one per folder.
  it.runIf(existsSync('/proc/self/fdinfo'))('watches the input folders only, not node_modules, .git or the cache', async () => {
    const watches = async () => {
      let count = 0;
      for (const fd of await readdir('/proc/self/fdinfo')) {
        const info = await readFile(`/proc/self/fdinfo/${fd}`, 'utf8').catch(() => '');
        count += info.match(/^inotify wd:/gm)?.length ?? 0;
      }
      return count;
    };
    const dir = await gitProject();
    for (let i = 0; i < 100; i++) await mkdir(join(dir, 'node_modules', `package-${i}`, 'lib'), { recursive: true });
    await mkdir(join(dir, '.factcheck-cache', 'more', 'folders'), { recursive: true });
    // A folder, and everything in it: Node's recursive watch on Linux watches each folder, and each file too.
    const entries = async (path: string): Promise<number> => {
      const inside = await readdir(join(dir, path), { withFileTypes: true });
      const counts = await Promise.all(inside.map((e) => (e.isDirectory() ? entries(`${path}/${e.name}`) : 1)));
      return 1 + counts.reduce((a, b) => a + b, 0);
    };
    // At most the project folder itself, and what is under the five input folders.
    let most = 1;
    for (const folder of ['claims', 'evidence', 'sources', 'entities', 'rules']) most += await entries(folder);

    const before = await watches();
    let out = '';
    const stop = new AbortController();
    const running = main({ argv: ['watch', '--root', dir], cwd: dir, stdout: (t) => (out += t), stderr: (t) => (out += t), signal: stop.signal });
    for (let i = 0; i < 200 && !out.includes('Watching'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(out).toContain('Watching');
    // Node adds the watches of a recursive watch as it walks the folders: let it finish.
    await new Promise((r) => setTimeout(r, 500));
    const added = (await watches()) - before;
    expect(added).toBeGreaterThanOrEqual(6);
    expect(added).toBeLessThanOrEqual(most);

    // A save in node_modules is no reason to verify again; a save in claims is.
    const mark = out.length;
    await writeFile(join(dir, 'node_modules', 'package-1', 'lib', 'index.yaml'), 'claims: []\n');
    await new Promise((r) => setTimeout(r, 500));
    await edit(dir, 'claims/statements.yaml', 'claimant: mike-pence', 'claimant: mike-pense');
    for (let i = 0; i < 200 && !out.includes('ref/unknown-entity', mark); i++) await new Promise((r) => setTimeout(r, 25));
    expect(out.slice(mark)).toMatch(/^failing {2}pence-denies-wikileaks-connection/);
    stop.abort();
    expect(await running).toBe(0);
  });
});
