import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerify, verifyWithCache, type CachedVerification } from '../../src/pipeline.js';
import { main } from '../../src/cli/main.js';
import { PLAIN } from '../../src/report/formatters/format-context.js';
import { VERIFY_FORMATS } from '../../src/report/formatters/index.js';
import { textView } from '../../src/cli/print-report.js';
import { HASHES_BLOB, hashesOf, MANIFEST_BLOB, parseManifest, RACY_MS, TABLE_BLOB } from '../../src/cache/run-manifest.js';
import { unchangedSince } from '../../src/cache/unchanged-since.js';
import { listProjectFiles } from '../../src/load/list-files.js';
import { stampProjectFile } from '../../src/load/read-files.js';
import { blob, packEntries, removePacks, rewriteKeptTable } from '../helpers/cache-packs.js';
import { EDITS, pick, random } from '../helpers/edits.js';
import { datedByAnotherFile, edit, git, gitProject, moveRecord } from '../helpers/git.js';
import { cleanProjects, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

describe('the result cache', () => {
  it('gives byte for byte what a run without the cache gives, through any sequence of edits', async () => {
    const rnd = random(Number(process.env.FACTCHECK_SEED ?? 20261123));
    const dir = await gitProject();
    let reusedSomewhere = 0;
    let recomputedSomewhere = 0;
    let warmSomewhere = 0;
    for (let scenario = 0; scenario < 20; scenario++) {
      // The cache is never cleared: every run reuses what the runs before it kept.
      if (rnd() < 0.3) {
        await git(dir, 'reset', '-q', '--hard', 'HEAD');
        await git(dir, 'clean', '-q', '-fd', '-e', '.factcheck-cache');
      }
      const made: string[] = [];
      for (let n = Math.floor(rnd() * 3); n > 0; n--) made.push(await pick(EDITS, rnd)(dir, rnd));
      for (const format of rnd() < 0.5 ? (['text', 'json'] as const) : (['json', 'text'] as const)) {
        // Through the library, to see what was reused; printed as the CLI prints it.
        const cached = await verifyWithCache(dir, { whole: format !== 'text' });
        const fresh = await runCli(['verify', '--format', format, '--no-cache', '--root', dir]);
        const scene = `scenario ${scenario} (${made.join('; ') || 'no edit'}), ${format}`;
        expect(VERIFY_FORMATS[format]({ result: cached.result }, PLAIN), scene).toBe(fresh.stdout);
        // And through the CLI, as printed: the table from a view kept by an earlier run when nothing changed.
        if (format === 'text') expect(await runCli(['verify', '--root', dir]), scene).toEqual(fresh);
        const claims = cached.result.claims.length;
        if (!cached.reused.whole && cached.reused.claims > 0 && cached.reused.claims < claims) reusedSomewhere++;
        if (!cached.reused.whole && cached.reused.claims < claims) recomputedSomewhere++;
        if (cached.reused.whole) warmSomewhere++;
      }
    }
    // Runs that reused some results and verified others again: the footprints were put to work.
    expect(reusedSomewhere).toBeGreaterThan(5);
    expect(recomputedSomewhere).toBeGreaterThan(5);
    expect(warmSomewhere).toBeGreaterThan(2);
  }, 120_000);

  it('prints the last result again when nothing changed, and notices an edit that keeps size and modification time', async () => {
    const dir = await gitProject();
    const first = await runCli(['verify', '--root', dir]);
    // A kept table row changed behind the tool's back, but signed: the next run shows it, so it was reused whole.
    await rewriteKeptTable(dir, (text) => text.replace('The count of', 'REUSED: the count of'));
    expect((await runCli(['verify', '--root', dir])).stdout).toContain('REUSED: the count of');

    // An edit that keeps size and mtime (a racy write) is still seen, by content.
    const path = join(dir, 'claims/statements.yaml');
    const before = await readFile(path, 'utf8');
    const { mtime } = await import('node:fs').then((fs) => fs.statSync(path));
    await writeFile(path, before.replace('value: 3', 'value: 4'));
    await utimes(path, mtime, mtime);
    const after = await runCli(['verify', '--root', dir]);
    expect(after.stdout).not.toContain('REUSED');
    expect(after.stdout).not.toBe(first.stdout);
    expect(after.stdout).toBe((await runCli(['verify', '--no-cache', '--root', dir])).stdout);
  });

  it('keeps the stamps files have now once their content proves them unchanged, so later runs need not read them', async () => {
    const dir = await gitProject();
    // A clock ahead of the files, so that no stamp is too recent to trust.
    const start = Date.now() + 10_000;
    const first = await verifyWithCache(dir, { whole: false, now: () => start });
    const manifestFile = (await blob(dir, MANIFEST_BLOB)).file;
    const read = async () => {
      const hashes = await (await blob(dir, HASHES_BLOB)).payload();
      return parseManifest(await (await blob(dir, MANIFEST_BLOB)).bytes(), () => undefined, () => hashes)!;
    };
    const written = async () => (await stat(manifestFile, { bigint: true })).mtimeNs;
    const before = await read();
    const table = (run: CachedVerification) => VERIFY_FORMATS.text({ result: run.result }, PLAIN);

    // Nothing touched: a warm run writes nothing.
    const untouched = await written();
    expect((await verifyWithCache(dir, { whole: false, now: () => start + 5_000 })).reused.whole).toBe(true);
    expect(await written()).toBe(untouched);

    // New times and the same content, as a checkout, a copy or a restored CI cache leaves them.
    const touched = new Date();
    for (const path of before.paths) await utimes(join(dir, path), touched, touched);
    const second = await verifyWithCache(dir, { whole: false, now: () => start + 10_000 });
    expect(second.reused.whole).toBe(true);
    expect(table(second)).toBe(table(first));
    const after = await read();
    expect(after.written).toBe(start + 10_000);
    expect(after.table).toBe(before.table);
    // The same hashes, still each with its own file: the new stamps keep the inputs' order.
    expect(after.hashes).toBe(before.hashes);
    expect(hashesOf(after)).toEqual(hashesOf(before));
    expect(after.paths).toEqual(before.paths);
    // Every stamp is as the manifest now says: nothing to read again.
    const listing = await listProjectFiles(dir);
    expect(await unchangedSince(dir, after, listing, start + 20_000)).toMatchObject({ all: true, renewable: false });
    expect(await unchangedSince(dir, before, listing, start + 20_000)).toMatchObject({ all: true, renewable: true });
    // Each file known with its hash and its stamp now: the kept one when its stats prove it, the one
    // read when its content does.
    const byStats = (await unchangedSince(dir, after, listing, start + 20_000)).unchanged;
    const byContent = (await unchangedSince(dir, before, listing, start + 20_000)).unchanged;
    for (const [i, path] of before.paths.entries()) {
      const now = { hash: hashesOf(before)![i], stamp: stampProjectFile(dir, path) };
      expect([byStats.has(path), byContent.has(path)]).toEqual([true, true]);
      expect([byStats.get(path), byContent.get(path)]).toEqual([now, now]);
    }
    expect([byStats.has('claims/none.yaml'), byStats.get('claims/none.yaml')]).toEqual([false, undefined]);

    // A file dated in the future is never trusted: it is read each run, and renews nothing.
    const future = new Date(start + 3_600_000);
    await utimes(join(dir, before.paths[0]!), future, future);
    const rewritten = await written();
    const third = await verifyWithCache(dir, { whole: false, now: () => start + 20_000 });
    expect(third.reused.whole).toBe(true);
    expect(table(third)).toBe(table(first));
    expect(await written()).toBe(rewritten);

    // A file edited is no longer known, nor is any file once the hashes are gone; the rest are.
    const edited = before.paths[1]!;
    await writeFile(join(dir, edited), `${await readFile(join(dir, edited), 'utf8')}\n# edited\n`);
    const since = await unchangedSince(dir, after, listing, start + 20_000);
    expect(since.allInputs).toBe(false);
    expect(before.paths.filter((path) => !since.unchanged.has(path))).toEqual([edited]);
    const unhashed = parseManifest(await (await blob(dir, MANIFEST_BLOB)).bytes(), () => undefined, () => undefined)!;
    const blind = await unchangedSince(dir, unhashed, listing, start + 20_000);
    expect(before.paths.filter((path) => blind.unchanged.has(path))).toEqual([]);
  });

  it('trusts a stamp only when it is older than two seconds before the manifest, and proves the rest by content', async () => {
    const dir = await gitProject();
    await verifyWithCache(dir, { whole: false, now: () => Date.now() + 10_000 });
    // Without the hashes, a file its stamp cannot vouch for is not proved unchanged at all.
    const kept = parseManifest(await (await blob(dir, MANIFEST_BLOB)).bytes(), () => undefined, () => undefined)!;
    let newest = 0;
    for (let i = 0; i < kept.stamps.length; i += 4) newest = Math.max(newest, kept.stamps[i + 2]!, kept.stamps[i + 3]!);
    const ms = newest / 1e6;
    const listing = await listProjectFiles(dir);
    const at = async (written: number) => (await unchangedSince(dir, { ...kept, written }, listing, written)).allInputs;
    expect(await at(Math.ceil(ms) + RACY_MS + 1)).toBe(true);
    expect(await at(Math.floor(ms) + RACY_MS - 1)).toBe(false);
  });

  it('verifies again only the claims a new evidence file can change', async () => {
    const dir = await gitProject();
    await runCli(['verify', '--root', dir]);
    await rewriteKeptTable(dir, (text) => text.replaceAll('Confirmed by', 'KEPT: confirmed by'));
    // A record about Mike Pence bears on no claim in reporting.yaml: their kept results stand.
    await writeFile(
      join(dir, 'evidence/more.yaml'),
      `evidence:\n  - id: extra-pence-statement\n    source: the-week-trump-jr-wikileaks\n    kind: statement\n    speaker: mike-pence\n    words: nothing could be further from the truth\n    quote: nothing could be further from the truth\n`,
    );
    const run = await runCli(['verify', '--root', dir]);
    expect(run.stdout).toContain('KEPT: confirmed by');
    // A record about the 15 minutes does bear on one: that one is verified again.
    await edit(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', /value: 15\n/, 'value: 16\n');
    const again = await runCli(['verify', '--root', dir]);
    const line = again.stdout.split('\n').find((l) => l.startsWith('trump-tweeted-15-minutes-later'))!;
    expect(line).not.toContain('KEPT');
    expect(again.stdout).toBe((await runCli(['verify', '--no-cache', '--root', dir])).stdout);
  });

  // A record dated relative to another ("two days before the tweet") changes when that other one
  // does, though its own file does not: euronews-link-message is dated by euronews-link-tweet.
  it('verifies again a claim whose record is dated by a record in another file that changed', async () => {
    const dir = await gitProject();
    const tweet = join(dir, 'evidence/link-tweet.yaml');
    // Out of 2016 at first, so the message it dates is another occurrence to the 2016 claim, and takes no side.
    await moveRecord(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', 'euronews-link-tweet', 'evidence/link-tweet.yaml', (text) => text.replace('date: "2016-10-14"', 'date: "2017-01-10"'));
    for (const date of ['2017-01-10', '2017-01-01', '2016-10-14', '2017-01-10']) {
      if (!(await readFile(tweet, 'utf8')).includes(date)) await edit(dir, 'evidence/link-tweet.yaml', /date: "[0-9-]+"/, `date: "${date}"`);
      for (const format of ['json', 'text']) {
        const fresh = await runCli(['verify', '--format', format, '--no-cache', '--root', dir]);
        expect(await runCli(['verify', '--format', format, '--root', dir]), `${date}, ${format}`).toEqual(fresh);
      }
    }
  });

  // A record fetched by id (the message the tweet answers) is left out when the record it is dated by goes.
  it('verifies again a claim whose record is left out when a record it refers to goes from another file', async () => {
    const dir = await gitProject();
    const helper = await datedByAnotherFile(dir);
    const helperText = await readFile(helper, 'utf8');
    for (const step of ['with the helper', 'without', 'with it again']) {
      if (step === 'without') await rm(helper);
      if (step === 'with it again') await writeFile(helper, helperText);
      for (const format of ['json', 'text']) {
        const fresh = await runCli(['verify', '--format', format, '--no-cache', '--root', dir]);
        expect(await runCli(['verify', '--format', format, '--root', dir]), `${step}, ${format}`).toEqual(fresh);
      }
    }
  });

  // Only evidence files added: the run checks only the queries their records, or records that refer
  // to them, can enter. A record left out for naming one no file defines comes back when a file
  // defines it, though its own file is unchanged and the new record is in none of its answers.
  it('verifies again a claim whose record a new evidence file makes whole again', async () => {
    const note = 'evidence:\n  - id: later-note\n    source: euronews-trump-jr-wikileaks\n    kind: statement\n    speaker: wikileaks\n    words: strongly suggest your dad tweets this link if he mentions us.\n    date: "2016-10-03"\n    quote: \'writing: “strongly suggest your dad tweets this link if he mentions us.”\'\n';
    const claim = (stdout: string) => stdout.split('\n').find((l) => l.startsWith('trump-tweeted-15-minutes-later'));
    // One format a project: a table run keeps no whole results for a JSON run to reuse.
    for (const format of ['json', 'text'] as const) {
      const dir = await gitProject();
      await edit(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', /value: 15\n/, 'value: 15\n    dated_by: [later-note]\n');
      for (const step of ['without the record named', 'with it', 'with another file too']) {
        if (step === 'with it') await writeFile(join(dir, 'evidence/later-note.yaml'), note);
        if (step === 'with another file too') await writeFile(join(dir, 'evidence/other.yaml'), note.replaceAll('later-note', 'other-note'));
        const fresh = await runCli(['verify', '--format', format, '--no-cache', '--root', dir]);
        const cached = await verifyWithCache(dir, { whole: format === 'json' });
        expect(VERIFY_FORMATS[format]({ result: cached.result }, PLAIN), `${step}, ${format}`).toBe(fresh.stdout);
        // Reused every result but the claims the new records can change.
        if (step !== 'without the record named') expect(cached.reused.claims, step).toBeGreaterThan(cached.result.claims.length - 5);
      }
    }
    // The record's absence and return show in the claim's verdict, or the test proves nothing.
    const dir = await gitProject();
    await edit(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', /value: 15\n/, 'value: 15\n    dated_by: [later-note]\n');
    const without = await runCli(['verify', '--no-cache', '--root', dir]);
    await writeFile(join(dir, 'evidence/later-note.yaml'), note);
    expect(claim(without.stdout)).not.toBe(claim((await runCli(['verify', '--no-cache', '--root', dir])).stdout));
  });

  // A changed or removed file's records as they were count too: a record that leaves an answer
  // is in none of its file's records now. Each edit changes the claim's verdict, or it proves nothing.
  it.each([
    ['removed from its file', /  - id: euronews-trump-tweet-delay\n(?:    .*\n)+\n/, ''],
    ['about someone else now', /(id: euronews-trump-tweet-delay\n(?:    .*\n){2})    subject: donald-trump\n/, '$1    subject: mike-pence\n'],
  ])('verifies again a claim whose record is %s', async (_what, from, to) => {
    const claim = (stdout: string) => stdout.split('\n').find((l) => l.startsWith('trump-tweeted-15-minutes-later'));
    const lines: (string | undefined)[] = [];
    for (const format of ['json', 'text'] as const) {
      const dir = await gitProject();
      await verifyWithCache(dir, { whole: format === 'json' });
      await edit(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', from, to);
      const fresh = await runCli(['verify', '--format', format, '--no-cache', '--root', dir]);
      const cached = await verifyWithCache(dir, { whole: format === 'json' });
      expect(VERIFY_FORMATS[format]({ result: cached.result }, PLAIN), format).toBe(fresh.stdout);
      if (format === 'text') lines.push(claim(fresh.stdout), claim((await runCli(['verify', '--no-cache', '--root', await gitProject()])).stdout));
    }
    expect(lines[0]).not.toBe(lines[1]);
  });

  it('keeps whole results with their curly quotes escaped, and prints them again as a run without the cache does', async () => {
    const dir = await gitProject();
    const first = await runCli(['verify', '--format', 'json', '--root', dir]);
    const fresh = await runCli(['verify', '--format', 'json', '--no-cache', '--root', dir]);
    expect(first).toEqual(fresh);
    expect(fresh.stdout).toMatch(/[\u201c\u201d\u2019]/);
    // ASCII kept: a string of one byte a character hashes, decodes and parses several times faster.
    const results = [...(await packEntries(dir, 'results')).values()];
    expect(results.length).toBeGreaterThan(0);
    for (const text of results) expect(text).toMatch(/^[\x00-\x7f]*$/);
    expect(results.join('')).toMatch(/\\u201[cd9]/);
    // Nothing changed: the kept results themselves, read back and printed.
    const again = await verifyWithCache(dir);
    expect(again.reused.whole).toBe(true);
    expect(VERIFY_FORMATS.json({ result: again.result }, PLAIN)).toBe(fresh.stdout);
    expect(await runCli(['verify', '--format', 'json', '--root', dir])).toEqual(fresh);
  });

  it('checks only the queries an edited or removed evidence file can change, and reuses the rest', async () => {
    const dir = await gitProject();
    const more = join(dir, 'evidence/more.yaml');
    const statement = (words: string) =>
      `evidence:\n  - id: extra-pence-statement\n    source: the-week-trump-jr-wikileaks\n    kind: statement\n    speaker: mike-pence\n    words: ${words}\n    quote: ${words}\n`;
    await writeFile(more, statement('nothing could be further from the truth'));
    for (const step of ['added', 'edited', 'removed']) {
      if (step === 'edited') await writeFile(more, statement('nothing could be further'));
      if (step === 'removed') await rm(more);
      const fresh = await runCli(['verify', '--format', 'json', '--no-cache', '--root', dir]);
      const cached = await verifyWithCache(dir);
      expect(VERIFY_FORMATS.json({ result: cached.result }, PLAIN), step).toBe(fresh.stdout);
      // Only claims about what Pence said can read his statements.
      if (step !== 'added') expect(cached.reused.claims, step).toBeGreaterThan(cached.result.claims.length - 3);
    }
  });

  // A run with an id defined twice keeps its results; the definition it left out, in a file that
  // does not change, comes in when the one that won is renamed. It is in no changed file and refers
  // to none: only knowing the kept run had duplicates sends this through the full check.
  it('verifies again a claim whose record was left out as a duplicate when the other definition is renamed', async () => {
    const dir = await gitProject();
    const source = 'source: the-guardian-trump-jr-wikileaks';
    await writeFile(join(dir, 'evidence/a-dup.yaml'), `evidence:\n  - id: dup-record\n    ${source}\n    kind: statement\n    speaker: wikileaks\n    words: nothing of interest here\n    quote: nothing of interest here\n    date:\n      on: "2016-10-01"\n`);
    await writeFile(join(dir, 'evidence/zz-later.yaml'), `evidence:\n  - id: dup-record\n    ${source}\n    kind: event\n    actor: congressional-committees\n    action: leak\n    date:\n      on: "2017-11-13"\n    quote: The committees leaked the messages.\n`);
    await runCli(['verify', '--root', dir]);
    await edit(dir, 'evidence/a-dup.yaml', 'id: dup-record', 'id: other-record');
    const fresh = await runCli(['verify', '--no-cache', '--root', dir]);
    expect(await runCli(['verify', '--root', dir])).toEqual(fresh);
    expect(fresh.stdout).toMatch(/trump-jr-committee-selective-leak +True/);
  });

  it('verifies again a claim whose evidence gains a contradiction from a record it never read', async () => {
    const dir = await gitProject();
    // JSON both times: a table run keeps no whole results, and the JSON run would verify everything again.
    await runCli(['verify', '--format', 'json', '--root', dir]);
    // Same occurrence as the link message the claim cites, another date, another actor: outside
    // every file and every index query the claim's result was computed from.
    await writeFile(
      join(dir, 'evidence/later-account.yaml'),
      `evidence:\n  - id: later-link-account\n    source: the-week-trump-jr-wikileaks\n    kind: event\n    actor: donald-trump\n    action: post\n    channel: twitter\n    occurrence: wikileaks-link-message\n    date: "2016-11-30"\n    quote: Trump Jr broadcast the link via Twitter two days later\n`,
    );
    const cached = JSON.parse((await runCli(['verify', '--format', 'json', '--root', dir])).stdout);
    const fresh = JSON.parse((await runCli(['verify', '--format', 'json', '--no-cache', '--root', dir])).stdout);
    const sought = (r: { claims: { id: string; contradictions: { records: string[] }[] }[] }) => r.claims.find((c) => c.id === 'week-wikileaks-sought-cooperation')!;
    expect(sought(fresh).contradictions.some((c) => c.records.includes('later-link-account'))).toBe(true);
    expect(cached).toEqual(fresh);
  });

  it.each([
    ['an evidence record', 'evidence/0-first.yaml', 'evidence:\n  - id: euronews-release-tweet-count\n    source: euronews-trump-jr-wikileaks\n    kind: quantity\n    subject: donald-trump-jr\n    measure: replies\n    counterpart: wikileaks\n    value: 7\n    unit: messages\n    quote: his father tweeted 15 minutes later\n'],
    ['a group', 'entities/0-first.yaml', 'entities:\n  - id: trump-team\n    name: the Trump team\n    kind: group\n    members: [mike-pence]\n'],
    ['a claim', 'claims/a-first.yaml', 'claims:\n  - id: pence-denies-wikileaks-connection\n    text: nothing could be further from the truth\n    claimant: mike-pence\n    date: "2016-10-12"\n    appearance: fox-news-pence-interview\n    quoted_in: the-week-trump-jr-wikileaks\n    asserts:\n      kind: opinion\n      reason: Read as a judgement.\n'],
    ['a ruleset default', 'rules/a-first.yaml', 'ruleset: a-first\ndescription: Takes quantities over.\ndefault_for: [quantity]\nrules:\n  - name: always-false\n    priority: 1\n    conditions:\n      all:\n        - { fact: claim_kind, operator: equal, value: quantity }\n    event:\n      type: verdict\n      params:\n        rating: "false"\n        explanation: Always false.\n'],
  ])('reuses nothing when a new file defines %s again, since which definition wins can change', async (_what, path, text) => {
    const dir = await gitProject();
    for (const format of ['text', 'json']) await runCli(['verify', '--format', format, '--root', dir]);
    await writeFile(join(dir, path), text);
    for (const format of ['text', 'json', 'text']) {
      const cached = await runCli(['verify', '--format', format, '--root', dir]);
      expect(cached.stdout, format).toBe((await runCli(['verify', '--format', format, '--no-cache', '--root', dir])).stdout);
    }
  });

  it('verifies again when a kept whole result is missing, rather than failing', async () => {
    const dir = await gitProject();
    await runCli(['verify', '--format', 'json', '--root', dir]);
    await removePacks(dir, 'results');
    const run = await runCli(['verify', '--format', 'json', '--root', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe((await runCli(['verify', '--format', 'json', '--no-cache', '--root', dir])).stdout);
  });

  it('never prints a stale result once a file that could not be read is readable again', async () => {
    const dir = await gitProject();
    const path = join(dir, 'claims/statements.yaml');
    const good = await readFile(path);
    await writeFile(path, Buffer.concat([good, Buffer.from([0xff])]));
    expect((await runCli(['verify', '--root', dir])).code).toBe(2);
    await writeFile(path, good);
    for (let i = 0; i < 2; i++) {
      const run = await runCli(['verify', '--root', dir]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe((await runCli(['verify', '--no-cache', '--root', dir])).stdout);
    }
  });

  it('gives a program whole results unless it asks for the table alone', async () => {
    const dir = await gitProject();
    const fresh = (await runCli(['verify', '--format', 'json', '--no-cache', '--root', dir])).stdout;
    // Cold, then warm: both whole, as the JSON output a fresh run prints.
    for (let i = 0; i < 2; i++) {
      const run = await runVerify(dir, { cache: true });
      expect('report' in run && VERIFY_FORMATS.json(run.report, PLAIN)).toBe(fresh);
    }
    const table = await verifyWithCache(dir, { whole: false });
    expect(() => JSON.stringify(table.result)).toThrow(/only the table's fields/);
  });

  it('keeps results through other commands, and verifies again what it lost', async () => {
    const dir = await gitProject();
    await verifyWithCache(dir);
    for (const command of [['lint'], ['explain', 'pence-denies-wikileaks-connection'], ['verify', '--check']]) await runCli([...command, '--root', dir]);
    expect((await verifyWithCache(dir)).reused.whole).toBe(true);
    // The footprints lost (another run's prune, a disk cleaned): a run with nothing changed needs only the manifest.
    await removePacks(dir, 'kept');
    expect((await verifyWithCache(dir)).reused.whole).toBe(true);
    // After an edit nothing kept can be checked, so every claim is verified again, and the output is a fresh run's.
    await edit(dir, 'evidence/euronews-trump-jr-wikileaks.yaml', /value: 15\n/, 'value: 16\n');
    const next = await verifyWithCache(dir);
    expect(next.reused).toEqual({ whole: false, claims: 0 });
    expect(VERIFY_FORMATS.text({ result: next.result }, PLAIN)).toBe((await runCli(['verify', '--no-cache', '--root', dir])).stdout);
  });

  it('without the inputs\u2019 hashes, reuses a result only when no stamp changed, and verifies a change afresh', async () => {
    const dir = await gitProject();
    // A clock ahead of the files, so that their stamps are trusted.
    const now = () => Date.now() + 10_000;
    const first = await verifyWithCache(dir, { whole: false, now });
    const text = (run: CachedVerification) => VERIFY_FORMATS.text({ result: run.result }, PLAIN);
    const fresh = async () => (await runCli(['verify', '--no-cache', '--root', dir])).stdout;
    await rm((await blob(dir, HASHES_BLOB)).file);
    const warm = await verifyWithCache(dir, { whole: false, now });
    expect([warm.reused.whole, text(warm)]).toEqual([true, text(first)]);
    // A file touched, then one edited: nothing can be proved unchanged by content, so all is verified again.
    const claims = join(dir, 'claims/statements.yaml');
    await utimes(claims, new Date(), new Date());
    const touched = await verifyWithCache(dir, { whole: false, now });
    expect([touched.reused, text(touched)]).toEqual([{ whole: false, claims: 0 }, await fresh()]);
    await rm((await blob(dir, HASHES_BLOB)).file);
    await writeFile(claims, (await readFile(claims, 'utf8')).replace('text: ', 'text: Said: '));
    const edited = await verifyWithCache(dir, { whole: false, now });
    expect([edited.reused, text(edited)]).toEqual([{ whole: false, claims: 0 }, await fresh()]);
  });

  it('prints the view of the table it kept when nothing changed, only for the terminal it was made for', async () => {
    const dir = await gitProject();
    const first = await runCli(['verify', '--root', dir]);
    const view = await blob(dir, 'run-view');
    await writeFile(view.file, view.sign((await view.payload()).replace('The count of', 'VIEW: the count of')));
    const again = await runCli(['verify', '--root', dir]);
    expect(again.stdout).toContain('VIEW: the count of');
    expect(again.stdout.replace('VIEW: the count of', 'The count of')).toBe(first.stdout);
    expect([again.code, again.stderr]).toEqual([first.code, first.stderr]);
    // Where stdout takes bytes, as the bin's does, the kept view goes out as the bytes kept.
    const chunks: Uint8Array[] = [];
    let text = '';
    const env = process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {};
    const code = await main({ argv: ['verify', '--root', dir], cwd: dir, env, isTTY: false, stdout: (t) => (text += t), stdoutBytes: (b) => chunks.push(b), stderr: () => {} });
    expect([code, text, Buffer.concat(chunks).toString('utf8')]).toEqual([again.code, '', again.stdout]);

    // Colour and a width: another view, made as a fresh run prints, and kept in place of the first.
    const terminal = { isTTY: true, columns: 90 } as const;
    const painted = await runCli(['verify', '--root', dir], undefined, {}, terminal);
    expect(painted).toEqual(await runCli(['verify', '--no-cache', '--root', dir], undefined, {}, terminal));
    expect(painted.stdout).toContain('\u001b[');
    expect(await runCli(['verify', '--root', dir], undefined, {}, terminal)).toEqual(painted);
    expect(await runCli(['verify', '--root', dir])).toEqual(first);

    // A view of another table (a later run's) is never printed.
    await writeFile(view.file, view.sign((await view.payload()).replace('The count of', 'VIEW: the count of')));
    await rewriteKeptTable(dir, (text) => text.replace('The count of', 'TABLE: the count of'));
    expect((await runCli(['verify', '--root', dir])).stdout).toContain('TABLE: the count of');
  });

  it('gives a program that asks for whole results a whole result, whatever view was kept', async () => {
    const dir = await gitProject();
    await runCli(['verify', '--root', dir]);
    const view = textView(PLAIN, PLAIN);
    // A text run kept a view and no whole results: a program that wants them gets them, verified again.
    const run = await verifyWithCache(dir, { view });
    expect(run.result).toBeDefined();
    expect(VERIFY_FORMATS.json({ result: run.result! }, PLAIN)).toBe((await runCli(['verify', '--format', 'json', '--no-cache', '--root', dir])).stdout);
    // A table alone: the kept view, and no result, since none was read.
    const table = await verifyWithCache(dir, { view, whole: false });
    expect(table.result).toBeUndefined();
    expect(Buffer.from(table.view!).toString('utf8')).toBe(view.make(run.result!));
    expect(Buffer.from(run.view!).toString('utf8')).toBe(view.make(run.result!));
    expect(table.reused).toEqual({ whole: true, claims: run.result!.claims.length });
  });

  it('takes a clock with fractions of a millisecond', async () => {
    const dir = await gitProject();
    const now = () => Date.now() + 10_000.5;
    const first = await verifyWithCache(dir, { whole: false, now });
    const again = await verifyWithCache(dir, { whole: false, now });
    expect(again.reused.whole).toBe(true);
    expect(VERIFY_FORMATS.text({ result: again.result }, PLAIN)).toBe(VERIFY_FORMATS.text({ result: first.result }, PLAIN));
  });

  it('gives the exit code and problems of a fresh run from a kept view', async () => {
    const dir = await gitProject();
    await writeFile(join(dir, 'evidence/broken.yaml'), 'evidence:\n  - id: broken-record\n    kind: statement\n');
    const fresh = await runCli(['verify', '--no-cache', '--root', dir]);
    expect(fresh.code).toBe(2);
    expect(await runCli(['verify', '--root', dir])).toEqual(fresh);
    const view = await blob(dir, 'run-view');
    await writeFile(view.file, view.sign((await view.payload()).replace('The count of', 'VIEW: the count of')));
    const again = await runCli(['verify', '--root', dir]);
    expect(again.stdout).toContain('VIEW: the count of');
    expect([again.code, again.stderr]).toEqual([fresh.code, fresh.stderr]);
  });

  it('ignores kept results it did not sign', async () => {
    const dir = await gitProject();
    const first = await runCli(['verify', '--root', dir]);
    const table = await blob(dir, TABLE_BLOB);
    const text = await table.payload();
    await writeFile(table.file, `${'0'.repeat(64)}\n${text.replace('The count of', 'FORGED: the count of')}`);
    const run = await runCli(['verify', '--root', dir]);
    expect(run.stdout).toBe(first.stdout);
  });
});
