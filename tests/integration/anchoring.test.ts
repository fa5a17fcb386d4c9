import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../../src/anchor/text-positions.js';
import { loadProject, verify } from '../../src/pipeline.js';
import type { VerifyResult } from '../../src/types.js';
import { cleanProjects, copyBundled, fromFixture, REPO, runCli } from '../helpers/project.js';

afterAll(cleanProjects);
const CORPUS = { copy: ['sources', 'evidence', 'claims'] };
const errorsOf = (diagnostics: { code: string; file: string; line: number; col: number; severity: string }[]) =>
  diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);

describe('misquotes', () => {
  it('refuses each misquote at its quote, and anchors the normalised and disambiguated ones', async () => {
    const dir = await fromFixture('misquotes', CORPUS);
    const { project, diagnostics } = await loadProject(dir);
    expect(errorsOf(diagnostics)).toEqual([
      'evidence/misquotes.yaml:8:12 quote/not-found',
      'evidence/misquotes.yaml:16:12 quote/not-found',
      'evidence/misquotes.yaml:22:12 quote/not-found',
      'evidence/misquotes.yaml:28:12 quote/wrong-source',
      'evidence/misquotes.yaml:34:12 quote/ambiguous',
    ]);
    const messages = diagnostics.map((d) => d.message);
    // The suggestion shows the snapshot's words, not the misquote's, then the words that differ.
    expect(messages).toContainEqual(expect.stringContaining('did you mean “Mike Pence told Fox News “nothing could be further from the truth”” (line 16, 98% similar; differs: “farther” → “further”)?'));
    expect(messages).toContainEqual(expect.stringContaining('did you mean “Trump Jr. largely ignored the frequent messages from WikiLeaks” (line 16, 85% similar; differs: missing “frequent” before “messages”)?'));
    expect(messages).toContainEqual(expect.stringContaining('“US intelligence officials have since concluded the the emails were hacked by Russian operatives.” (line 6, 96% similar; differs: missing “the” before “emails”)?'));
    expect(messages.some((m) => m.includes('but is in euronews-trump-jr-wikileaks'))).toBe(true);
    // A misquote never gets in; the good records do, with their anchors.
    expect(project!.evidence.has('misquote-changed-word')).toBe(false);
    expect(project!.anchors.records.get('repeated-with-hint')).toMatchObject({ line: 12, match: 'exact' });
    expect(project!.anchors.records.get('normalised-line-break')).toMatchObject({ match: 'normalised', exact: 'between 20 September and 12 October 2016.\nIn the messages, Wikileaks was seeking cooperation' });
    expect(project!.anchors.records.get('normalised-straight-quotes')).toMatchObject({ match: 'normalised' });
  });

  it('refuses a claim whose own words are not in the source that quotes it', async () => {
    const dir = await copyBundled();
    const path = join(dir, 'claims/statements.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('text: nothing could be further from the truth', 'text: nothing could be farther from the truth'));
    const result = await verify(dir);
    expect(errorsOf(result.diagnostics)).toEqual(['claims/statements.yaml:6:11 quote/not-found']);
    expect(result.claims.map((c) => c.id)).not.toContain('pence-denies-wikileaks-connection');
  });
});

describe('pinned snapshots', () => {
  it('reports a tampered snapshot at its source record, in lint and in verify', async () => {
    const dir = await copyBundled();
    await appendFile(join(dir, 'evidence/snapshots/the-week-trump-jr-wikileaks.txt'), ' ');
    const lines = (await readFile(join(dir, 'sources/news.yaml'), 'utf8')).split('\n');
    const pinned = lines.findIndex((l) => l.includes('sha256: a523b77d')) + 1;
    for (const command of ['lint', 'verify']) {
      const run = await runCli([command, '--root', dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`sources/news.yaml:${pinned}:15  error  snapshot/hash-mismatch  snapshot evidence/snapshots/the-week-trump-jr-wikileaks.txt has changed`);
    }
  });
});

describe('relays', () => {
  it('reports a cycle once, and still terminates', async () => {
    const dir = await fromFixture('relays-cycle', CORPUS);
    const result = await verify(dir);
    expect(errorsOf(result.diagnostics)).toEqual(['sources/cycle.yaml:2:77 ref/relays-cycle']);
    expect(result.claims).toHaveLength(11);
  });
});

describe('unanchored sources', () => {
  it('cites a source with no snapshot as unanchored, and tells rules so', async () => {
    const dir = await fromFixture('unanchored', CORPUS);
    const result = await verify(dir);
    expect(errorsOf(result.diagnostics)).toEqual([]);
    const claim = result.claims.find((c) => c.id === 'trump-tweeted-15-minutes-later')!;
    // The Atlantic cited directly, and The Week relaying it: one origin, anchored once.
    expect(claim.facts.unanchored_support).toEqual({ value: 1, evidence: ['atlantic-trump-tweet-delay'] });
    expect(claim.facts.anchored_support).toEqual({ value: 1, evidence: ['week-trump-tweet-delay'] });
    expect(claim.facts.supporting_origins?.value).toBe(1);
    const byId = Object.fromEntries(claim.citations.map((c) => [c.evidence, c]));
    expect(byId['atlantic-trump-tweet-delay']).toMatchObject({ unanchored: true, anchor: null });
    expect(byId['week-trump-tweet-delay']).toMatchObject({ unanchored: false, anchor: { match: 'exact' } });
  });
});

describe('the seed contradiction', () => {
  let result: VerifyResult;
  beforeAll(async () => {
    result = await verify(REPO);
  });

  it("is a fact for rules and part of the window claim's result", () => {
    const claim = result.claims.find((c) => c.id === 'week-exchange-window')!;
    expect(claim.facts.contradiction_count).toEqual({ value: 1, evidence: ['euronews-election-day-message', 'week-messages-window'] });
    expect(claim.facts.conflicting_records?.value).toEqual(['euronews-election-day-message', 'week-messages-window']);
    expect(claim.contradictions).toMatchObject([{ kind: 'window', records: ['week-messages-window', 'euronews-election-day-message'] }]);
  });

  it('is a lint warning naming both records with both citations', async () => {
    const run = await runCli(['lint']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('week-messages-window (The Week: “It says Trump Jr exchanged');
    expect(run.stderr).toContain('euronews-election-day-message (Euronews: “On election day');
  });

  it('anchors every bundled citation, and every selector slices to its exact words', async () => {
    const texts = new Map<string, string>();
    for (const claim of result.claims) {
      const anchors = [claim.anchor, ...claim.citations.map((c) => c.anchor)];
      expect(claim.citations.every((c) => !c.unanchored), claim.id).toBe(true);
      for (const anchor of anchors) {
        expect(anchor, claim.id).not.toBeNull();
        const path = anchor!.snapshot.path;
        if (!texts.has(path)) texts.set(path, await readFile(join(REPO, path), 'utf8'));
        const [quote, position] = anchor!.selectors;
        expect(sliceCodePoints(texts.get(path)!, position.start, position.end)).toBe(quote.exact);
        expect(texts.get(path)!.includes(quote.prefix + quote.exact + quote.suffix)).toBe(true);
      }
    }
  });
});

describe('factcheck cite', () => {
  it('prints a stub whose quote anchors once pasted into the evidence', async () => {
    const run = await runCli(['cite', 'the-week-trump-jr-wikileaks', 'Trump Jr broadcast the link via Twitter two days later']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# TextPositionSelector: start 1596, end 1650');
    const [stub] = parse(run.stdout) as Record<string, string>[];
    expect(stub).toMatchObject({ source: 'the-week-trump-jr-wikileaks', quote: 'Trump Jr broadcast the link via Twitter two days later' });
    const dir = await copyBundled();
    const record = { ...stub, kind: 'event', actor: 'donald-trump-jr', action: 'share-link' };
    await writeFile(join(dir, 'evidence/pasted.yaml'), `evidence:\n  - ${JSON.stringify(record)}\n`);
    const { project, diagnostics } = await loadProject(dir);
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(project!.anchors.records.get(stub!.id!)).toMatchObject({ start: 1596, end: 1650 });
  });

  it('gives each occurrence of repeated words a stub that picks it out', async () => {
    const run = await runCli(['cite', 'the-week-trump-jr-wikileaks', 'get the best of The Week delivered directly to your inbox', '--format', 'json']);
    expect(run.code).toBe(0);
    const found = JSON.parse(run.stdout);
    expect(found.occurrences.map((o: { anchor: { line: number }; hint: object }) => [o.anchor.line, o.hint])).toEqual([
      [11, { suffix: '. From' }],
      [12, { suffix: '. “The' }],
    ]);
  });

  it('finds words written with plain quotes', async () => {
    const run = await runCli(['cite', 'euronews-trump-jr-wikileaks', "Trump Jr. didn't respond immediately"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(normalised match)');
    expect(run.stdout).toContain('quote: Trump Jr. didn’t respond immediately');
  });

  it('does not crash on repeated passages it cannot tell apart', async () => {
    const dir = await copyBundled();
    // The middle occurrences have the same words around them for far longer than any prefix may be.
    const snapshot = 'same words '.repeat(120);
    await writeFile(join(dir, 'evidence/snapshots/twice.txt'), snapshot);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(snapshot).digest('hex');
    await writeFile(join(dir, 'sources/twice.yaml'), `sources:\n  - { id: twice, kind: news-report, title: Twice, published: "2017", snapshot: { path: evidence/snapshots/twice.txt, sha256: ${sha} } }\n`);
    const run = await runCli(['cite', 'twice', 'same words same words', '--root', dir]);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/occur 50 times in twice with the same words around them \(lines 1, 1, .*\); quote more words/);
  });

  it.each([
    [['the-week-trump-jr-wikileaks', 'US intelligence officials have since concluded the emails were hacked'], 'the closest passage, line 6, 95% similar, is: “US intelligence officials have since concluded the the emails were hacked” (differs: missing “the” before “emails”)'],
    [['the-atlantic-trump-jr-wikileaks', 'anything'], 'no usable archived snapshot'],
    [['the-weak-trump-jr-wikileaks', 'anything'], 'did you mean "the-week-trump-jr-wikileaks"'],
    [['the-week-trump-jr-wikileaks'], 'takes a source id and the words'],
  ])('refuses %j', async (args, message) => {
    const run = await runCli(['cite', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
