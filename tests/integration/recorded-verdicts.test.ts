import { execFile, execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_DIR, CACHE_FOLDER } from '../../src/cache/file-cache.js';
import { LOCK_FILE } from '../../src/lock/lock-file.js';
import { COUNT_EVIDENCE, COUNT_SOURCE, edit, git, gitProject } from '../helpers/git.js';
import { cleanProjects, makeTempDir, REPO, runCli } from '../helpers/project.js';
import { packEntries, parseKey, readPacks, removePacks, writePack } from '../helpers/cache-packs.js';

afterAll(cleanProjects);

const check = (dir: string, ...extra: string[]) => runCli(['verify', '--check', '--root', dir, ...extra]);
const checkJson = async (dir: string, ...extra: string[]) => {
  const run = await check(dir, '--format', 'json', ...extra);
  return { code: run.code, result: JSON.parse(run.stdout), stderr: run.stderr };
};

/** A record from a source that is not in the corpus: test data only, marked as such. */
const LATER_SOURCE = `sources:
  - id: later-report
    kind: news-report
    title: "[Test fixture: a later report that the messages went on until July 2017]"
    publisher: the-guardian
    published: "2017"
`;
const LATER_EVIDENCE = `evidence:
  - id: later-messages-until-july-2017
    source: later-report
    kind: event
    actor: wikileaks
    action: message
    target: donald-trump-jr
    channel: twitter-dm
    date: "2017-07"
    quote: the messages went on until July 2017
`;

describe('recorded verdicts', () => {
  it('are sorted, stable, and left byte-identical by a second run with no change', async () => {
    const dir = await gitProject();
    const lock = await readFile(join(dir, LOCK_FILE), 'utf8');
    const parsed = JSON.parse(lock);
    expect(Object.keys(parsed.claims)).toEqual([...Object.keys(parsed.claims)].sort());
    const pence = parsed.claims['pence-denies-wikileaks-connection'];
    expect(pence).toMatchObject({ rating: 'false', ruleset: 'absence', rule: 'contradicted-before-claim-and-admitted', hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(Object.keys(pence.inputs)).toEqual([...Object.keys(pence.inputs)].sort());
    // The inputs it was decided on, down to the claim's fields and the ruleset's rules.
    expect(pence.inputs).toMatchObject({
      config: expect.any(String),
      'claim:pence-denies-wikileaks-connection/text': expect.any(String),
      'ruleset:absence': expect.any(String),
      'rule:absence/contradicted-before-claim-and-admitted': expect.any(String),
      'evidence:week-messages-window': expect.any(String),
      'source:the-atlantic-trump-jr-wikileaks': expect.any(String),
      'entity:donald-trump-jr': expect.any(String),
    });
    const again = await runCli(['verify', '--update', '--root', dir]);
    expect(again.stderr).toContain('recorded verdicts unchanged');
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(lock);
    expect((await check(dir)).code).toBe(0);
  });

  it('reports a verdict flipped by new evidence, naming the record as its cause', async () => {
    const dir = await gitProject();
    await writeFile(join(dir, 'sources/independent.yaml'), COUNT_SOURCE);
    await writeFile(join(dir, 'evidence/independent.yaml'), COUNT_EVIDENCE);
    const { code, result } = await checkJson(dir);
    expect(code).toBe(1);
    // Replies are contacts: the denial that the Trump team had any contact gains the count as one
    // more record against it, its verdict unchanged.
    expect(result.diff.changed.map((c: { id: string }) => c.id)).toEqual(['pence-denies-wikileaks-connection', 'trump-jr-whopping-3-responses']);
    expect(result.diff.changed[0]).toMatchObject({ kind: 'trail', before: { rating: 'false' }, after: { rating: 'false' }, citations: { gained: ['independent-reply-count'], lost: [] } });
    const change = result.diff.changed[1];
    expect(change).toMatchObject({
      id: 'trump-jr-whopping-3-responses',
      kind: 'verdict',
      before: { rating: 'half-true', rule: 'self-reported-leaves-out-conduct' },
      after: { rating: 'mostly-true', rule: 'confirmed-but-leaves-out-conduct' },
      citations: { gained: ['independent-reply-count'], lost: ['euronews-release-tweet-count'] },
    });
    expect(change.causes).toContainEqual(
      expect.objectContaining({ kind: 'evidence record', name: 'independent-reply-count', change: 'added', detail: 'new', at: { file: 'evidence/independent.yaml', line: 2, col: 5 } }),
    );
    const text = await check(dir);
    expect(text.stdout).toContain('rating     Half true → Mostly true');
    expect(text.stdout).toContain('evidence record independent-reply-count added (new), at evidence/independent.yaml:2:5');
  });

  it('reports the window claim when a source says the messages went on until July 2017', async () => {
    const dir = await gitProject();
    await writeFile(join(dir, 'sources/later.yaml'), LATER_SOURCE);
    await writeFile(join(dir, 'evidence/later.yaml'), LATER_EVIDENCE);
    const { code, result } = await checkJson(dir);
    expect(code).toBe(1);
    expect(result.diff.changed.map((c: { id: string }) => c.id)).toEqual(['week-exchange-window']);
    expect(result.diff.changed[0].causes.map((c: { name: string }) => c.name)).toContain('later-messages-until-july-2017');
    expect(result.diff.changed[0].citations.gained).toEqual(['later-messages-until-july-2017']);
  });

  it('passes evidence that changes no verdict', async () => {
    const dir = await gitProject();
    await writeFile(join(dir, 'evidence/unrelated.yaml'), LATER_EVIDENCE.replace('actor: wikileaks', 'actor: fox-news').replace(/later-messages-until-july-2017/, 'unrelated-record').replace('source: later-report', 'source: the-guardian-trump-jr-wikileaks').replace('quote: the messages went on until July 2017', 'quote: something'));
    const run = await check(dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Compared with factcheck.lock.json: 0 verdict changes, 0 trail changes, 0 new, 0 gone, 11 unchanged');
  });

  it('names the rule whose edit moved a verdict', async () => {
    const dir = await gitProject();
    await edit(dir, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
    const { code, result } = await checkJson(dir);
    expect(code).toBe(1);
    expect(result.diff.changed.map((c: { id: string }) => c.id)).toEqual(['trump-jr-link-two-days-later', 'trump-tweeted-15-minutes-later']);
    for (const change of result.diff.changed) {
      expect(change.after.rule).toBe('confirmed');
      expect(change.causes).toEqual([expect.objectContaining({ kind: 'rule', name: 'quantity/confirmed-by-one-report-repeated', change: 'edited' })]);
    }
  });

  it('treats a renamed claim file as no change', async () => {
    const dir = await gitProject();
    await git(dir, 'mv', 'claims/statements.yaml', 'claims/people.yaml');
    const run = await check(dir);
    expect(run.code).toBe(0);
    expect((await runCli(['verify', '--changed-since', 'HEAD', '--root', dir])).stderr).toContain('0 of 11 claims depend on what changed');
  });

  it('lists a claim that is gone and a claim that is new', async () => {
    const dir = await gitProject();
    await edit(dir, 'claims/reporting.yaml', /id: week-trump-tweet-words\n/, 'id: week-trump-tweet-words-renamed\n');
    const { code, result } = await checkJson(dir);
    expect(code).toBe(1);
    expect(result.diff).toMatchObject({ added: ['week-trump-tweet-words-renamed'], removed: ['week-trump-tweet-words'], changed: [] });
  });

  it('fails on a deleted source that records still cite, and will not record verdicts then', async () => {
    const dir = await gitProject();
    await edit(dir, 'sources/primary.yaml', /  - id: fox-news-pence-interview[\s\S]*$/, '');
    const lock = await readFile(join(dir, LOCK_FILE), 'utf8');
    const run = await check(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ref\/unknown-source {2}unknown source "fox-news-pence-interview"/);
    const update = await runCli(['verify', '--update', '--root', dir]);
    expect(update.code).toBe(2);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(lock);
  });

  it('names the first error found inside a claim that did not load, not the first by line', async () => {
    // The claimant is checked before the event, so its error, lower in the file, is found first.
    const dir = await gitProject();
    await edit(dir, 'claims/statements.yaml', '    claimant: mike-pence\n', '');
    await edit(dir, 'claims/statements.yaml', '        actor: trump-team\n        action: contact\n        target: wikileaks\n        mutual: true\n', '        actor: nobody-else\n        action: contact\n        target: wikileaks\n        mutual: true\n    claimant: nobody-at-all\n');
    const { result } = await checkJson(dir);
    const blocked = result.diff.uncompared.find((u: { id: string }) => u.id === 'pence-denies-wikileaks-connection');
    expect(blocked.because[0].problem).toMatchObject({ code: 'ref/unknown-entity', line: 25, message: expect.stringContaining('"nobody-at-all"') });
  });

  it('passes when an unused source is deleted', async () => {
    const dir = await gitProject();
    await edit(dir, 'sources/primary.yaml', /  - id: twitter-dms-trump-jr-wikileaks[\s\S]*?(?=\n  - id:)\n/, '');
    expect((await check(dir)).code).toBe(0);
  });

  it('keeps the causes right after a partial --update', async () => {
    const dir = await gitProject();
    // A change that moves a claim in reporting.yaml, recorded by an update of statements.yaml only.
    await edit(dir, 'evidence/the-week-trump-jr-wikileaks.yaml', 'from: "2016-09-20"', 'from: "2017-01-10"');
    await edit(dir, 'evidence/the-week-trump-jr-wikileaks.yaml', 'to: "2016-10-12"', 'to: "2017-02-20"');
    expect((await runCli(['verify', '--update', join(dir, 'claims/statements.yaml'), '--root', dir])).code).toBe(0);
    const { result } = await checkJson(dir);
    const contacts = result.diff.changed.find((c: { id: string }) => c.id === 'euronews-direct-contacts-in-campaign');
    expect(contacts.causes).toEqual([expect.objectContaining({ kind: 'evidence record', name: 'week-messages-window', change: 'edited' })]);
  });

  it('calls an input edited when it changed as well as stopping to bear on the claim', async () => {
    const dir = await gitProject();
    await edit(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', /(id: euronews-trump-tweet-delay\n(?:.*\n){2}\s+subject: )donald-trump/, '$1mike-pence');
    const { result } = await checkJson(dir);
    const change = result.diff.changed.find((c: { id: string }) => c.id === 'trump-tweeted-15-minutes-later');
    expect(change.causes).toContainEqual(expect.objectContaining({ name: 'euronews-trump-tweet-delay', change: 'edited', detail: 'no longer bears on the claim' }));
  });

  it('lets --update replace a lock that cannot be read', async () => {
    const dir = await gitProject();
    await writeFile(join(dir, LOCK_FILE), '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n');
    const update = await runCli(['verify', '--update', '--root', dir]);
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('writing a new one');
    expect((await check(dir)).code).toBe(0);
  });

  it('refuses a missing or malformed lock file', async () => {
    const dir = await gitProject();
    await writeFile(join(dir, LOCK_FILE), '{"factcheck_lock": 2, "claims": {"x": {"rating": 5}}}');
    const malformed = await check(dir);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('lock/invalid');
    await rm(join(dir, LOCK_FILE));
    const missing = await check(dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('lock/missing');
  });
});

/** The built CLI in a child process of its own. */
function spawnCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [join(REPO, 'bin/factcheck.js'), ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

describe('the cache', () => {
  const claimIds = (stdout: string) => (JSON.parse(stdout) as { claims: { id: string }[] }).claims.map((c) => c.id);
  // --check loads the project every time: what it prints comes through the parse cache, never from kept results.
  const load = (dir: string, ...extra: string[]) => runCli(['verify', '--check', '--format', 'json', '--root', dir, ...extra]);
  /** Replaces the parse packs with one pack holding these entries, signed as given. */
  const replaceParsePacks = async (dir: string, entries: Map<string, string>, sign?: Parameters<typeof writePack>[3]) => {
    await removePacks(dir, 'parse');
    await writePack(dir, 'parse', entries, sign);
  };

  it('is used: an entry signed with this machine\'s key stands in for parsing its file', async () => {
    const dir = await gitProject();
    const first = await load(dir);
    expect(claimIds(first.stdout)).toContain('pence-denies-wikileaks-connection');
    const entries = await packEntries(dir, 'parse');
    const key = await parseKey(dir, 'claims/statements.yaml');
    const entry = JSON.parse(entries.get(key)!);
    entry.value = { claims: [] };
    entries.set(key, JSON.stringify(entry));
    await replaceParsePacks(dir, entries);
    const fooled = await load(dir);
    expect(claimIds(fooled.stdout)).not.toContain('pence-denies-wikileaks-connection');
  });

  it('ignores corrupt, tampered, forged and stale packs, rebuilds their entries, and gives the same output', async () => {
    const dir = await gitProject();
    const first = await load(dir);
    const genuine = await packEntries(dir, 'parse');
    const key = await parseKey(dir, 'claims/statements.yaml');
    const lie = new Map([[key, JSON.stringify({ ...JSON.parse(genuine.get(key)!), value: { claims: [] } })]]);
    await removePacks(dir, 'parse');
    const packs = [
      // Not a pack at all, and an empty file.
      await writeFile(join(dir, CACHE_FOLDER, 'parse-0000000000000001.pack'), 'not a pack').then(() => 'corrupt'),
      await writeFile(join(dir, CACHE_FOLDER, 'parse-0000000000000002.pack'), '').then(() => 'empty'),
      // What a pull request could add: a well-formed pack, signed with a key that is not this machine's.
      await writePack(dir, 'parse', lie, { secret: 'guessed' }),
      // Signed here, but by another build: what it parsed is not to be trusted by this one.
      await writePack(dir, 'parse', lie, { stamp: '0.0.0:old' }),
      // Signed for another kind of entry.
      await writePack(dir, 'kept', lie, { name: 'parse-0000000000000003.pack' }),
    ];
    // Signed here, but holding an entry that is not a parse result: that file is parsed again, and its entry written anew.
    const rulesKey = await parseKey(dir, 'rules/quantity.yaml');
    await writePack(dir, 'parse', [[rulesKey, 'not json']]);
    // Signed here and then altered: one byte of the entry.
    const tampered = await writePack(dir, 'parse', genuine);
    const bytes = await readFile(tampered);
    await writeFile(tampered, bytes.toString('utf8').replace('"claims":[{', '"claims":[{"x":1,'));
    expect(packs).toHaveLength(5);
    const second = await load(dir);
    expect(second.stdout).toBe(first.stdout);
    // The packs that failed their check are gone, and every entry is back, signed.
    const now = await readPacks(dir, 'parse');
    expect(now.every((p) => p.signed)).toBe(true);
    for (const [k, text] of genuine) expect(now.some((p) => p.entries.get(k) === text), k).toBe(true);
    const uncached = await load(dir, '--no-cache');
    expect(uncached.stdout).toBe(first.stdout);
  });

  it('refuses a cache folder that is a link, and never hangs on a pack that is not a file', async () => {
    const dir = await gitProject();
    const first = await load(dir);
    const fifo = join(dir, CACHE_FOLDER, 'parse-00000000000000ff.pack');
    execFileSync('mkfifo', [fifo]);
    const withFifo = await load(dir);
    expect(withFifo.stdout).toBe(first.stdout);
    // Never read, and never removed: it is not a file the cache wrote.
    expect((await lstat(fifo)).isFIFO()).toBe(true);

    const elsewhere = await makeTempDir('elsewhere');
    await writeFile(join(elsewhere, 'parse-0000000000000000.pack'), 'keep me');
    await rm(join(dir, CACHE_DIR), { recursive: true });
    await symlink(elsewhere, join(dir, CACHE_DIR));
    const linked = await load(dir);
    const result = JSON.parse(linked.stdout);
    expect(result.claims).toEqual(JSON.parse(first.stdout).claims);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'cache/refused', file: '.factcheck-cache', severity: 'warning' }));
    expect((await runCli(['verify', '--root', dir])).stderr).toContain('.factcheck-cache:1:1  warning  cache/refused');
    expect(await readdir(elsewhere)).toEqual(['parse-0000000000000000.pack']);
    expect(linked.code).toBe(0);
  });

  it('stays a few packs through many edits, each entry once, merged when most of it is out of use', async () => {
    const dir = await gitProject();
    await runCli(['verify', '--root', dir]);
    const files = ['claims/statements.yaml', 'claims/reporting.yaml', 'rules/quantity.yaml', 'rules/event.yaml', 'sources/news.yaml', 'evidence/euronews-trump-jr-wikileaks.yaml', 'evidence/the-week-trump-jr-wikileaks.yaml', 'entities/people.yaml'];
    const old = new Set<string>();
    let most = 0;
    // Each run changes another file: its pack holds one entry, and every older pack still holds some in use.
    for (let n = 0; n < 20; n++) {
      const path = files[n % files.length]!;
      old.add(await parseKey(dir, path));
      await writeFile(join(dir, path), `${await readFile(join(dir, path), 'utf8')}# edit ${n}\n`);
      expect((await runCli(['verify', '--root', dir])).code).toBe(0);
      const packs = await readPacks(dir, 'parse');
      most = Math.max(most, packs.length);
      expect(packs.length, `after edit ${n}`).toBeLessThanOrEqual(8);
      const keys = packs.flatMap((p) => [...p.entries.keys()]);
      expect(new Set(keys).size, 'each entry once').toBe(keys.length);
      const bytes = (stale: boolean) => packs.flatMap((p) => [...p.entries].filter(([k]) => old.has(k) === stale).map(([, t]) => Buffer.byteLength(t))).reduce((a, b) => a + b, 0);
      expect(bytes(true), `after edit ${n}`).toBeLessThanOrEqual(bytes(false));
    }
    // Packs did pile up, and were merged before they passed eight.
    expect(most).toBe(8);
    const entries = await packEntries(dir, 'parse');
    for (const file of files) expect(entries.has(await parseKey(dir, file)), file).toBe(true);
    expect((await readPacks(dir, 'kept')).length).toBeLessThanOrEqual(8);
    expect((await runCli(['verify', '--root', dir])).stdout).toBe((await runCli(['verify', '--no-cache', '--root', dir])).stdout);
  });

  it('never fails a run over what else the cache folder holds', async () => {
    const dir = await gitProject();
    await runCli(['verify', '--root', dir]);
    // Folders and a FIFO with the names of a blob, a pack and a dead writer's temporary file: none is read or removed.
    const strays = [`blob-${'0'.repeat(64)}.json`, 'parse-0000000000000abc.pack', `kept-0000000000000abc.pack.999999.abcdefabcdef.tmp`];
    for (const name of strays) await mkdir(join(dir, CACHE_FOLDER, name));
    execFileSync('mkfifo', [join(dir, CACHE_FOLDER, `x.999999.abcdefabcdef.tmp`)]);
    await edit(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', /value: 15\n/, 'value: 16\n');
    for (const command of [['verify'], ['lint'], ['verify', '--format', 'json']]) {
      const run = await runCli([...command, '--root', dir]);
      expect(run.code, `${command.join(' ')}: ${run.stderr}`).toBe(0);
    }
    expect((await runCli(['verify', '--root', dir])).stdout).toBe((await runCli(['verify', '--no-cache', '--root', dir])).stdout);
    for (const name of strays) expect((await lstat(join(dir, CACHE_FOLDER, name))).isDirectory(), name).toBe(true);
    expect((await lstat(join(dir, CACHE_FOLDER, 'x.999999.abcdefabcdef.tmp'))).isFIFO()).toBe(true);
  });

  it("gives every run a fresh run's output while others prune and merge the same packs", async () => {
    const dir = await gitProject();
    await runCli(['verify', '--root', dir]);
    const files = ['claims/statements.yaml', 'rules/quantity.yaml', 'evidence/euronews-trump-jr-wikileaks.yaml', 'entities/people.yaml'];
    for (let round = 0; round < 3; round++) {
      // Each round changes another file, so every run has packs to prune, and some rounds merge.
      const path = files[round]!;
      await writeFile(join(dir, path), `${await readFile(join(dir, path), 'utf8')}# round ${round}\n`);
      const expected = {
        text: (await runCli(['verify', '--no-cache', '--root', dir])).stdout,
        json: (await runCli(['verify', '--no-cache', '--format', 'json', '--root', dir])).stdout,
      };
      // Separate processes, so that reading, writing and pruning really overlap.
      const runs = await Promise.all(
        [['verify'], ['verify', '--format', 'json'], ['lint'], ['verify']].map((args) => spawnCli([...args, '--root', dir])),
      );
      for (const [i, run] of runs.entries()) {
        expect(run.code, `round ${round}, run ${i}: ${run.stderr}`).toBe(0);
        if (i !== 2) expect(run.stdout, `round ${round}, run ${i}`).toBe(i === 1 ? expected.json : expected.text);
      }
      // (The children run the built code, whose stamp is not the one these tests sign with: packs are checked by the runs themselves.)
      expect((await readdir(join(dir, CACHE_FOLDER))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
  });

  it('is safe under two runs at once', async () => {
    const dir = await gitProject();
    await rm(join(dir, CACHE_DIR), { recursive: true, force: true });
    const runs = await Promise.all([1, 2, 3, 4].map(() => runCli(['verify', '--format', 'json', '--root', dir])));
    for (const run of runs) expect(run.stdout).toBe(runs[0]!.stdout);
    const names = await readdir(join(dir, CACHE_FOLDER));
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Every pack is complete and signed: no reader could have seen a half-written one.
    for (const family of ['parse', 'kept', 'results'] as const) for (const pack of await readPacks(dir, family)) expect(pack.signed, pack.file).toBe(true);
    expect((await packEntries(dir, 'parse')).get(await parseKey(dir, 'claims/statements.yaml'))).toBeDefined();
  });
});
