import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { generateCorpus, seeded } from '../../bench/generate-corpus.js';
import { runVerify, verifyWithCache } from '../../src/pipeline.js';
import { PLAIN } from '../../src/report/formatters/format-context.js';
import { VERIFY_FORMATS } from '../../src/report/formatters/index.js';
import { blob, packEntries } from '../helpers/cache-packs.js';
import { textView } from '../../src/cli/print-report.js';
import { cleanProjects, copyBundled, makeTempDir, REPO, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;

/** Every record of the corpus, as YAML nodes, with the file it is in. */
async function recordsOf(dir: string): Promise<{ file: string; item: YAMLMap }[]> {
  const out: { file: string; item: YAMLMap }[] = [];
  for (const name of (await readdir(join(dir, 'evidence'))).filter((n) => n.endsWith('.yaml')).sort()) {
    const list = parseDocument(await readFile(join(dir, 'evidence', name), 'utf8')).get('evidence');
    if (isSeq(list)) for (const item of list.items) if (isMap(item)) out.push({ file: name, item });
  }
  return out;
}

/**
 * New records, each a copy of one already there (so its quote is in its
 * snapshot) changed as new evidence changes things: another figure, another
 * actor, speaker or subject, another's words, a date relative to another
 * record, an answer to another, a window said to hold every occurrence.
 */
function newRecord(records: readonly { item: YAMLMap }[], rnd: () => number, id: string): YAMLMap {
  const copy = pick(records, rnd).item.clone() as YAMLMap;
  copy.set('id', id);
  const other = () => pick(records, rnd).item;
  const someone = () => {
    const r = other();
    return String(r.get('actor') ?? r.get('subject') ?? r.get('speaker'));
  };
  const kind = copy.get('kind');
  for (let n = 1 + Math.floor(rnd() * 2); n > 0; n--) {
    const change = rnd();
    if (kind === 'quantity') {
      if (change < 0.6) copy.set('value', Number(copy.get('value')) + 1 + Math.floor(rnd() * 5));
      else copy.set('subject', someone());
    } else if (kind === 'statement') {
      const words = records.find((r) => r.item.get('kind') === 'statement' && rnd() < 0.05)?.item.get('words');
      if (change < 0.5 && words) copy.set('words', words);
      else copy.set('speaker', someone());
    } else if (kind === 'event') {
      const event = records.filter((r) => r.item.get('kind') === 'event' && r.item.get('date') !== undefined && !r.item.get('negated'));
      if (change < 0.25) copy.set('actor', someone());
      else if (change < 0.45) copy.set('negated', !copy.get('negated'));
      else if (change < 0.65 && event.length) {
        copy.delete('date');
        copy.set('after', { record: String(pick(event, rnd).item.get('id')), by: '2 days' });
      } else if (change < 0.8 && event.length) copy.set('in_response_to', String(pick(event, rnd).item.get('id')));
      else if (!copy.get('negated')) copy.set('date', { from: '2016-09-01', to: '2016-12-31', complete: true });
    } else if (change < 0.5) copy.set('subject', someone());
  }
  return copy;
}

async function addFiles(dir: string, records: readonly { item: YAMLMap }[], rnd: () => number, scenario: number): Promise<string[]> {
  const paths: string[] = [];
  for (let f = 0; f < 1 + Math.floor(rnd() * 3); f++) {
    const doc = new Document({ evidence: [] });
    for (let r = 0; r < 1 + Math.floor(rnd() * 4); r++) (doc.get('evidence') as YAMLSeq).items.push(newRecord(records, rnd, `new-${scenario}-${f}-${r}`));
    const path = `evidence/zz-new-${scenario}-${f}.yaml`;
    await writeFile(join(dir, path), doc.toString({ lineWidth: 0 }));
    paths.push(path);
  }
  return paths;
}

/** The CLI's table on a terminal, wrapped and painted: what the full runs keep, and a partial run makes from their rows. */
const terminalView = textView({ color: true, width: 100 }, { color: true });

async function sameAsFresh(dir: string, scene: string) {
  // One run without the cache, printed in both formats: the table prints the same from whole results.
  const fresh = await runVerify(dir);
  if ('problem' in fresh || !fresh.report) throw new Error(`${scene}: no result`);
  const runs = [];
  for (const format of ['text', 'json'] as const) {
    const cached = await verifyWithCache(dir, { whole: format !== 'text' });
    expect(VERIFY_FORMATS[format]({ result: cached.result }, PLAIN), `${scene}, ${format}`).toBe(VERIFY_FORMATS[format]({ result: fresh.report.result }, PLAIN));
    runs.push(cached);
  }
  // The view alone, as the CLI asks for it: made from the kept view's rows where they hold.
  const viewed = await verifyWithCache(dir, { whole: false, view: terminalView });
  expect(Buffer.from(viewed.view!).toString('utf8'), `${scene}, view`).toBe(terminalView.make(fresh.report.result));
  return { runs, viewed };
}

/** The full runs a partial run builds on: whole results, and the table with its view. */
async function keepFull(dir: string) {
  await verifyWithCache(dir, { whole: true });
  await verifyWithCache(dir, { whole: false, view: terminalView });
}

describe('a run after evidence files were added', () => {
  it('loads only what they can reach, and gives byte for byte what a full run gives', async () => {
    const dir = join(await makeTempDir('partial'), 'corpus');
    await generateCorpus(dir, { claims: 160, evidence: 3_200 }, 11, REPO);
    const records = await recordsOf(dir);
    const files = new Set(records.map((r) => r.file)).size;
    const rnd = seeded(Number(process.env.FACTCHECK_SEED ?? 20261203));
    // Whole results and the table kept by full runs, for the partial runs to build on.
    await keepFull(dir);
    let partial = 0;
    let moved = 0;
    let patched = 0;
    // Records kept by partial runs, against those their files hold (about the corpus's mean a file).
    let kept = 0;
    let held = 0;
    // Runs whose first load was all they needed: what the new records reach was guessed right.
    let oneRound = 0;
    for (let scenario = 0; scenario < 10; scenario++) {
      const paths = await addFiles(dir, records, rnd, scenario);
      const { runs, viewed } = await sameAsFresh(dir, `scenario ${scenario}`);
      // A partial run that moved a claim made its view from the kept rows: no result made to show it.
      if (viewed.partial && viewed.result === undefined) patched++;
      for (const run of runs) {
        if (!run.partial) continue;
        partial++;
        expect(run.partial.evidenceFiles).toBeLessThan(files);
        kept += run.partial.records;
        held += (run.partial.evidenceFiles * records.length) / files;
        if (run.reused.claims < run.result!.claims.length) moved++;
        if (run.partial.rounds === 1) oneRound++;
      }
      // Back to the project the kept results are of: a change that took a full run kept its own.
      for (const path of paths) await rm(join(dir, path));
      if (runs.some((run) => !run.partial) || !viewed.partial) await keepFull(dir);
    }
    // Most changes are taken partially, and some of those verify claims again.
    expect(partial).toBeGreaterThan(10);
    expect(patched).toBeGreaterThan(4);
    expect(moved).toBeGreaterThan(4);
    // Of the files loaded, only the records asked for are kept.
    expect(kept).toBeLessThan(held / 2);
    // Most in one load: without the first round's guess, 2 of 16 were.
    expect(oneRound).toBeGreaterThan(partial * 0.75);
  }, 180_000);
});

describe('a partial run', () => {
  const valid = `evidence:
  - id: new-contact-record
    source: euronews-trump-jr-wikileaks
    kind: event
    actor: donald-trump-jr
    action: contact
    target: wikileaks
    mutual: true
    attributed_to: donald-trump-jr
    quote: Donald Trump's eldest son has confirmed he had direct contacts with WikiLeaks during the presidential campaign.
`;
  const broken = valid.replace('actor: donald-trump-jr', 'actor: donald-trump-junior');
  // A window said to hold every message of the group, a year early: its contradictions are with
  // the members' events, which claims read without asking for anything the window is filed under.
  const window = `evidence:
  - id: new-group-window
    source: the-week-trump-jr-wikileaks
    kind: event
    actor: trump-team
    action: message
    target: wikileaks
    mutual: true
    date: { from: "2015-01-01", to: "2015-12-31", complete: true }
    quote: It says Trump Jr exchanged Twitter direct messages with WikiLeaks between 20 September and 12 October 2016.
`;

  it('prints its view again while nothing changed since, and only then', async () => {
    const dir = await copyBundled();
    // Without the rules of last resort, a claim no rule rates: a problem of its own, which a view
    // made from the kept rows must show as the full run did.
    for (const name of await readdir(join(dir, 'rules'))) {
      if (!name.endsWith('.yaml')) continue;
      const path = join(dir, 'rules', name);
      const parts = (await readFile(path, 'utf8')).split(/^ {2}- name: /m);
      await writeFile(path, [parts[0], ...parts.slice(1).filter((rule) => !/^ {4}priority: [12]\s*$/m.test(rule))].join('  - name: '));
    }
    const file = join(dir, 'evidence/new.yaml');
    const view = textView(PLAIN, PLAIN);
    const run = () => verifyWithCache(dir, { whole: false, view });
    const shown = (r: Awaited<ReturnType<typeof run>>) => Buffer.from(r.view!).toString('utf8');
    // The view as a run without the cache makes it: exit code, problems and table.
    const freshResult = async () => {
      const fresh = await runVerify(dir);
      if ('problem' in fresh || !fresh.report) throw new Error('no result');
      return fresh.report.result;
    };
    const freshView = async () => view.make(await freshResult());
    const claimCount = async () => (await freshResult()).claims.length;
    await run();
    await writeFile(file, valid);
    const partial = await run();
    expect(partial.partial).toBeDefined();
    expect(partial.reused.claims).toBeGreaterThan(0);
    // Made from the full run's kept view, its rows for the claims not verified again taken as kept: no result made.
    expect(partial.result).toBeUndefined();
    const fresh = await runCli(['verify', '--no-cache', '--root', dir]);
    const made = await freshView();
    expect(made).toContain('verify/no-rule-fired');
    expect(shown(partial)).toBe(made);

    // Nothing changed: the view kept, and no result, since none was read; through the CLI, the fresh run's output.
    const again = await run();
    expect([again.result, again.partial, shown(again)]).toEqual([undefined, undefined, made]);
    expect(again.reused).toEqual({ whole: true, claims: await claimCount() });
    expect(await runCli(['verify', '--root', dir])).toEqual(fresh);
    // What is printed is what was kept: a marked copy shows through.
    const kept = await blob(dir, 'partial-view');
    const marked = kept.sign((await kept.payload()).replace('The count of', 'VIEW: the count of'));
    await writeFile(kept.file, marked);
    expect((await runCli(['verify', '--root', dir])).stdout).toContain('VIEW: the count of');
    // The new file touched, its content the same: proved by its content.
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    expect(shown(await run())).toContain('VIEW: the count of');
    // Another terminal: another view, made afresh.
    const painted = await runCli(['verify', '--root', dir], undefined, {}, { isTTY: true, columns: 90 });
    expect(painted).toEqual(await runCli(['verify', '--no-cache', '--root', dir], undefined, {}, { isTTY: true, columns: 90 }));

    // The new file changed: another partial run, whose view is kept in place of the first.
    await writeFile(kept.file, marked);
    const changed = valid.replace('id: new-contact-record', 'id: new-contact-record-2');
    await writeFile(file, changed);
    const moved = await run();
    expect(moved.partial).toBeDefined();
    expect(shown(moved)).toBe(await freshView());
    expect(shown(moved)).not.toContain('VIEW:');
    // Changed again, to what it was: not the view kept of it since.
    await writeFile(kept.file, kept.sign((await kept.payload()).replace('The count of', 'VIEW: the count of')));
    await writeFile(file, valid);
    const back = await run();
    expect([back.partial !== undefined, shown(back)]).toEqual([true, made]);

    // Another file added, or one the last full run read changed: never the view of a project without them.
    await writeFile(kept.file, marked);
    await writeFile(join(dir, 'evidence/other.yaml'), valid.replace('id: new-contact-record', 'id: other-contact-record'));
    const two = await run();
    expect([two.partial?.evidenceFiles !== undefined, shown(two).includes('VIEW:')]).toEqual([true, false]);
    expect(shown(two)).toBe(await freshView());
    await rm(join(dir, 'evidence/other.yaml'));
    await writeFile(kept.file, marked);
    const config = join(dir, 'factcheck.config.yaml');
    await writeFile(config, `${await readFile(config, 'utf8')}\n# edited\n`);
    const full = await run();
    expect([full.partial, shown(full).includes('VIEW:')]).toEqual([undefined, false]);
    expect(shown(full)).toBe(await freshView());
    // The new file gone: the full run's view again.
    await rm(file);
    expect((await run()).partial).toBeUndefined();
    expect((await run()).reused.whole).toBe(true);
  }, 60_000);

  it('trusts the stamps of files older than its run by the margin, and sees an edit that keeps size and time', async () => {
    const dir = await copyBundled();
    const file = join(dir, 'evidence/new.yaml');
    const view = textView(PLAIN, PLAIN);
    // A clock ahead: every stamp is older than each run by more than the margin, so stamps are trusted.
    const run = () => verifyWithCache(dir, { whole: false, view, now: () => Date.now() + 10_000 });
    const shown = (r: Awaited<ReturnType<typeof run>>) => Buffer.from(r.view!).toString('utf8');
    await run();
    await writeFile(file, valid);
    // A whole second, which utimes can put back exactly.
    const second = Math.floor(Date.now() / 1000) - 100;
    await utimes(file, second, second);
    expect((await run()).partial).toBeDefined();
    const kept = await blob(dir, 'partial-view');
    await writeFile(kept.file, kept.sign((await kept.payload()).replace('The count of', 'VIEW: the count of')));
    expect(shown(await run())).toContain('VIEW: the count of');
    // Stamps that prove every input unchanged need none of the inputs' hashes: with them gone, the
    // view still prints.
    const hashes = (await blob(dir, 'run-hashes')).file;
    const saved = await readFile(hashes);
    await rm(hashes);
    expect(shown(await run())).toContain('VIEW: the count of');
    await writeFile(hashes, saved);
    // The same size, the modification time put back: only the change time tells.
    await writeFile(file, valid.replace('id: new-contact-record', 'id: new-contact-recorx'));
    await utimes(file, second, second);
    const edited = await run();
    expect([edited.partial !== undefined, shown(edited).includes('VIEW:')]).toEqual([true, false]);
  }, 60_000);

  it('takes only a change it can reproduce, leaves the cache as the last full run left it, and needs a last run without errors', async () => {
    const dir = await copyBundled();
    const write = (name: string, text: string) => writeFile(join(dir, 'evidence', name), text);
    await verifyWithCache(dir, { whole: false });

    // A new file with an error: a full run reports it.
    await write('new.yaml', broken);
    let [text] = (await sameAsFresh(dir, 'an unknown entity')).runs;
    expect(text!.partial).toBeUndefined();
    await rm(join(dir, 'evidence/new.yaml'));
    await verifyWithCache(dir, { whole: false });

    // A valid one is taken partially; the kept results are still those of the run before it, and
    // every parse too, though the run read few of them.
    const parsed = [...(await packEntries(dir, 'parse')).keys()];
    await write('new.yaml', valid);
    [text] = (await sameAsFresh(dir, 'a valid record')).runs;
    expect(text!.partial).toBeDefined();
    expect([...(await packEntries(dir, 'parse')).keys()]).toEqual(expect.arrayContaining(parsed));
    await rm(join(dir, 'evidence/new.yaml'));
    expect((await verifyWithCache(dir, { whole: false })).reused.whole).toBe(true);

    // An id Object.prototype has a property for: the facts are JSON, read as own keys only.
    await write('new.yaml', valid.replace('id: new-contact-record', 'id: constructor'));
    [text] = (await sameAsFresh(dir, 'a record named constructor')).runs;
    expect(text!.partial).toBeDefined();
    await rm(join(dir, 'evidence/new.yaml'));

    await write('window.yaml', window);
    const { runs } = await sameAsFresh(dir, 'a window on a group');
    expect(runs.map((run) => Boolean(run.partial))).toEqual([true, true]);
    expect(runs[0]!.reused.claims).toBeLessThan(runs[0]!.result!.claims.length);
    await rm(join(dir, 'evidence/window.yaml'));
    await verifyWithCache(dir, { whole: false });

    // A window on a group in a file not added, of an act no claim asks about, and a member's act
    // after it: only the member's key reaches the group's record, so the pair is found only if the
    // record is kept for its member, from the first round.
    const week = join(dir, 'evidence/the-week-trump-jr-wikileaks.yaml');
    const kept = await readFile(week, 'utf8');
    const act = (id: string, actor: string, date: string) =>
      `  - id: ${id}\n    source: the-week-trump-jr-wikileaks\n    kind: event\n    actor: ${actor}\n    action: release\n    target: the-guardian\n    date: ${date}\n    quote: It says Trump Jr exchanged Twitter direct messages with WikiLeaks between 20 September and 12 October 2016.\n`;
    await writeFile(week, `${kept}\n${act('week-team-guardian-window', 'trump-team', '{ from: "2016-09-01", to: "2016-09-30", complete: true }')}`);
    await verifyWithCache(dir, { whole: false });
    await write('member.yaml', `evidence:\n${act('new-member-release', 'mike-pence', '"2016-10-20"')}`);
    const member = (await sameAsFresh(dir, 'a member after a window on a group')).runs;
    expect(member.map((run) => Boolean(run.partial))).toEqual([true, true]);
    expect(member[1]!.result!.diagnostics.some((d) => d.code === 'evidence/contradiction' && d.message.includes('new-member-release'))).toBe(true);
    await rm(join(dir, 'evidence/member.yaml'));
    await writeFile(week, kept);
    await verifyWithCache(dir, { whole: false });

    // After a run with an error, nothing is taken partially.
    await write('broken.yaml', broken);
    await verifyWithCache(dir, { whole: false });
    await write('new.yaml', valid);
    [text] = (await sameAsFresh(dir, 'a valid record after a run with an error')).runs;
    expect(text!.partial).toBeUndefined();
  }, 60_000);
});
