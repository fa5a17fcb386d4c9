import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorQuote, prepareSnapshot } from '../../src/anchor/anchor-quote.js';
import { loadProject } from '../../src/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { cleanProjects, copyBundled, makeProject, REPO, runCli } from '../helpers/project.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
  await cleanProjects();
});

/** 1 December 2026, 06:40 UTC: what every test's clock says, so that records and files are the same each run. */
const NOW = Date.UTC(2026, 11, 1, 6, 40, 0);
const archive = (dir: string, ...args: string[]) => runCli(['archive', ...args, '--root', dir], dir, {}, { now: () => NOW });
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** A project with the bundled config, rules and entities, and the Riverside Gazette's people, as a newsroom would add them. */
async function newsroom(): Promise<string> {
  return makeProject({
    'entities/riverside.yaml':
      'entities:\n  - { id: riverside-gazette, name: Riverside Gazette, kind: organisation }\n  - { id: maria-ortega, name: Maria Ortega, kind: person }\n  - { id: tom-reyes, name: Tom Reyes, kind: person }\n',
    'claims/none.yaml': 'claims: []\n',
  });
}

/** article.html as a browser's "Save page as" writes it: the address it came from in a comment, and no HTTP exchange. */
async function savedArticle(): Promise<string> {
  const folder = await makeProject({}, { bare: true });
  const page = await readFile(join(REPO, 'tests/fixtures/archive/article.html'), 'utf8');
  const saved = join(folder, 'saved-article.html');
  await writeFile(saved, page.replace(/^<!doctype html>\n/i, '<!DOCTYPE html>\n<!-- saved from url=(0067)https://example.org/news/2026/03/14/council-approves-library-budget -->\n'));
  return saved;
}

/** Every file of a project but the parse cache, with a hash of its bytes: what "nothing written" is checked against. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    if (name.startsWith('.factcheck-cache')) continue;
    const path = join(dir, name);
    if ((await lstat(path)).isFile()) out[name] = sha(await readFile(path));
  }
  return out;
}

async function sourceRecord(dir: string, file: string, id: string): Promise<Record<string, any>> {
  const data = parse(await readFile(join(dir, file), 'utf8')) as { sources: Record<string, any>[] };
  return data.sources.find((s) => s.id === id)!;
}

describe('factcheck archive <url>', () => {
  it('keeps the page, the HTTP exchange and the article text, and writes a source record that states the basis of each field', async () => {
    const dir = await newsroom();
    const run = await archive(dir, server.url('/article'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const id = 'council-approves-the-new-library-budget';
    expect(run.stdout).toContain(`archived "${id}" at sources/${id}.yaml`);

    const source = await sourceRecord(dir, `sources/${id}.yaml`, id);
    expect(source).toMatchObject({
      kind: 'news-report',
      title: 'Council approves the new library budget',
      publisher: 'riverside-gazette',
      author: ['maria-ortega'],
      url: server.url('/article'),
      published: { on: '2026-03-14', basis: expect.stringContaining('datePublished') },
      basis: { title: expect.stringContaining('headline'), kind: expect.stringContaining('NewsArticle'), publisher: expect.stringContaining('Riverside Gazette'), author: expect.stringContaining('author') },
    });
    // Every file is where the record says, with the bytes it pins.
    const { snapshot } = source;
    expect(snapshot).toMatchObject({ path: `evidence/snapshots/${id}.txt`, retrieved: '2026-12-01T06:40:00Z', response: `evidence/archive/${id}.response.json`, page: { path: `evidence/archive/${id}.html` } });
    expect(sha(await readFile(join(dir, snapshot.path)))).toBe(snapshot.sha256);
    expect(sha(await readFile(join(dir, snapshot.page.path)))).toBe(snapshot.page.sha256);
    expect(await readFile(join(dir, snapshot.page.path))).toEqual(await readFile(join(REPO, 'tests/fixtures/archive/article.html')));
    const response = JSON.parse(await readFile(join(dir, snapshot.response), 'utf8'));
    expect(response).toMatchObject({ requested: server.url('/article'), url: server.url('/article'), status: 200, redirects: [], retrieved: '2026-12-01T06:40:00Z' });
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');

    // The article, a paragraph a line, and none of the page around it.
    const text = await readFile(join(dir, snapshot.path), 'utf8');
    expect(text.split('\n\n').slice(0, 2)).toEqual(['Council approves the new library budget', 'By Maria Ortega']);
    expect(text).toContain('Riverside’s council voted 7–2 on Thursday night');
    expect(text).not.toMatch(/Most read|newsletter|cookies|innerHTML|Subscribe/i);

    // The new source is a valid part of the project, and evidence can quote it.
    await writeFile(
      join(dir, 'evidence/council.yaml'),
      `evidence:\n  - { id: vote, source: ${id}, kind: statement, speaker: riverside-gazette, words: x, quote: "Riverside’s council voted 7–2 on Thursday night" }\n`,
    );
    const lint = await runCli(['lint', '--root', dir], dir);
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(0);
  });

  it('gives the same files, byte for byte, for the same page at the same time', async () => {
    const [a, b] = [await newsroom(), await newsroom()];
    for (const dir of [a, b]) expect((await archive(dir, server.url('/article'), '--id', 'budget')).code).toBe(0);
    const [ta, tb] = [await tree(a), await tree(b)];
    expect(Object.keys(ta).filter((p) => /budget/.test(p))).toHaveLength(4);
    expect(ta).toEqual(tb);
  });

  it('follows redirects to the article, and records each one', async () => {
    const dir = await newsroom();
    const run = await archive(dir, server.url('/redirect-chain'), '--id', 'budget');
    expect(run.code).toBe(0);
    const source = await sourceRecord(dir, 'sources/budget.yaml', 'budget');
    expect(source.url).toBe(server.url('/article'));
    expect(source.basis.url).toContain('after 2 redirect(s)');
    const response = JSON.parse(await readFile(join(dir, source.snapshot.response), 'utf8'));
    expect(response.redirects.map((r: { status: number; to: string }) => [r.status, r.to])).toEqual([
      [301, server.url('/redirect')],
      [302, server.url('/article')],
    ]);
  });

  it('picks the story out of a page that is almost all furniture', async () => {
    const dir = await newsroom();
    expect((await archive(dir, server.url('/furniture'), '--id', 'story', '--kind', 'news-report', '--date', 'unknown')).code).toBe(0);
    const text = await readFile(join(dir, 'evidence/snapshots/story.txt'), 'utf8');
    const furniture = await readFile(join(REPO, 'tests/fixtures/archive/furniture.html'), 'utf8');
    const story = [...furniture.matchAll(/<div class="story-body">([\s\S]*?)<\/div>/g)][0]![1]!;
    const paragraphs = [...story.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim());
    expect(paragraphs.length).toBeGreaterThanOrEqual(3);
    for (const p of paragraphs) expect(text).toContain(p.replace(/&amp;/g, '&').replace(/&rsquo;/g, '’'));
    // Title first, then the story, and nothing else: no navigation, lists of links or newsletter boxes.
    expect(text.split('\n\n').length).toBe(paragraphs.length + 1);
  });

  it('takes a page served with no Content-Type when it starts as HTML does', async () => {
    const dir = await newsroom();
    const run = await archive(dir, server.url('/no-content-type'), '--id', 'untyped', '--kind', 'news-report', '--date', 'unknown', '--title', 'Untyped');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  const refused: [string, string[], string, RegExp][] = [
    ['a 404', ['/missing'], 'archive/status', /answered 404/],
    ['a 500', ['/broken'], 'archive/status', /answered 500/],
    ['a redirect loop', ['/loop-a'], 'archive/redirect-loop', /loop/],
    ['a redirect to ftp', ['/to-ftp'], 'archive/redirect-scheme', /ftp:\/\/example\.org\/file/],
    ['a redirect to a file', ['/to-file'], 'archive/redirect-scheme', /file:\/\/\/etc\/passwd/],
    ['a page over the size limit', ['/huge'], 'archive/too-large', /over the 10 MiB limit/],
    ['a page that declares a size over the limit', ['/huge-declared'], 'archive/too-large', /declares 50000000 bytes/],
    ['a page over a smaller --max-size', ['/article', '--max-size', '0.001'], 'archive/too-large', /over the 0 MiB limit|over the/],
    ['a page slower than --timeout', ['/slow', '--timeout', '0.5'], 'archive/timeout', /within 0.5 s/],
    ['an image', ['/image.png'], 'archive/not-html', /Content-Type "image\/png"/],
    ['part of a page (206)', ['/partial'], 'archive/status', /answered 206.*part of the page only/],
    ['an answer with no page (204)', ['/no-content'], 'archive/status', /answered 204/],
    ['an empty page', ['/empty-200'], 'archive/no-text', /no article text/],
    ['a --timeout past a day', ['/article', '--timeout', '100000'], '--timeout takes a number of seconds', /at most 86400/],
    ['a page with no text', ['/empty'], 'archive/no-text', /no article text/],
  ];
  for (const [what, [path, ...args], code, message] of refused) {
    it(`refuses ${what}, and writes nothing`, async () => {
      const dir = await newsroom();
      const before = await tree(dir);
      const run = await archive(dir, server.url(path!), ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(code);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
      expect(await tree(dir)).toEqual(before);
    });
  }

  it('takes a fractional --timeout, and text in another charset as UTF-8', async () => {
    const dir = await newsroom();
    expect((await archive(dir, server.url('/article'), '--timeout', '1.5001', '--id', 'budget')).code).toBe(0);
    const run = await archive(dir, server.url('/latin1.txt'), '--id', 'cafe', '--title', 'Le café', '--kind', 'news-report', '--date', 'unknown');
    expect(run.code).toBe(0);
    expect(await readFile(join(dir, 'evidence/snapshots/cafe.txt'), 'utf8')).toBe('Le café a fermé ses portes.\n');
    const lint = await runCli(['lint', '--root', dir], dir);
    expect([lint.code, lint.stderr]).toEqual([0, '']);
  });

  it('writes nothing at all when one of its folders is a link out of the project', async () => {
    const dir = await newsroom();
    const outside = await makeProject({}, { bare: true });
    await mkdir(join(dir, 'evidence'), { recursive: true });
    await symlink(outside, join(dir, 'evidence/archive'));
    const before = await tree(dir);
    const run = await archive(dir, server.url('/article'), '--id', 'budget');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write evidence\/archive\/budget\.(html|response\.json): .*; nothing was written/);
    expect(await tree(dir)).toEqual(before);
    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses what is not an http or https URL or an .html or .txt file, and a file that is not there', async () => {
    const dir = await newsroom();
    const before = await tree(dir);
    for (const [target, code] of [
      ['ftp://example.org/page', 'archive/bad-url'],
      ['page.pdf', 'archive/not-html'],
      ['missing.html', 'archive/unreadable'],
    ] as const) {
      const run = await archive(dir, target);
      expect([run.code, run.stderr.includes(code)], `${target}: ${run.stderr}`).toEqual([2, true]);
    }
    expect(await tree(dir)).toEqual(before);
  });
});

describe('factcheck archive <file>', () => {
  it('reads a saved page as a fetched one, without an HTTP exchange', async () => {
    const dir = await newsroom();
    const run = await archive(dir, await savedArticle(), '--id', 'saved');
    expect(run.code).toBe(0);
    const source = await sourceRecord(dir, 'sources/saved.yaml', 'saved');
    expect(source.snapshot.response).toBeUndefined();
    expect(source.snapshot.retrieved).toBeUndefined();
    expect(source.url).toMatch(/^https:\/\/example\.org\//);
    expect(source.basis.url).toContain('canonical');
    expect(await readFile(join(dir, 'evidence/snapshots/saved.txt'), 'utf8')).toContain('Riverside’s council voted 7–2');
  });

  it('archives a .txt file byte for byte, and asks for every field it cannot know only on a terminal', async () => {
    const note = join(REPO, 'tests/fixtures/archive/note.txt');
    const dir = await newsroom();
    const before = await tree(dir);
    const flagless = await archive(dir, note);
    expect(flagless.code).toBe(2);
    expect(flagless.stderr).toMatch(/missing --title, --id, --kind, --date/);
    expect(await tree(dir)).toEqual(before);

    const answers = ['A note from the council', 'council-note', 'official-statement', '', '', '', '2026-03', ''];
    const asked: string[] = [];
    const run = await runCli(['archive', note, '--root', dir], dir, {}, { now: () => NOW, isTTY: true, ask: async (q) => (asked.push(q), answers.shift()) });
    expect(run.stderr).not.toMatch(/factcheck archive:/);
    expect(run.code).toBe(0);
    expect(asked[0]).toMatch(/^Title/);
    expect(await readFile(join(dir, 'evidence/snapshots/council-note.txt'))).toEqual(await readFile(note));
    expect(await sourceRecord(dir, 'sources/council-note.yaml', 'council-note')).toMatchObject({ kind: 'official-statement', published: '2026-03', snapshot: { path: 'evidence/snapshots/council-note.txt' } });
  });

  it('refuses a .txt file that is not UTF-8, and writes nothing', async () => {
    const dir = await newsroom();
    const folder = await makeProject({ 'latin1.txt': '' }, { bare: true });
    await writeFile(join(folder, 'latin1.txt'), Buffer.from('caf\xe9\n', 'latin1'));
    const before = await tree(dir);
    const run = await archive(dir, join(folder, 'latin1.txt'), '--id', 'x', '--title', 'X', '--kind', 'news-report', '--date', 'unknown');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/archive\/unreadable: .*not valid UTF-8; convert it to UTF-8 first/);
    expect(await tree(dir)).toEqual(before);
  });

  it('refuses to write over an archived file, and writes nothing', async () => {
    const dir = await newsroom();
    expect((await archive(dir, server.url('/article'), '--id', 'budget')).code).toBe(0);
    const before = await tree(dir);
    const again = await archive(dir, server.url('/article'), '--id', 'budget');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists|already defined|is taken/);
    expect(await tree(dir)).toEqual(before);
  });
});

describe('the seed articles, archived from HTML renditions of their pages', () => {
  for (const [page, sourceId] of [
    ['/seed/euronews', 'euronews-trump-jr-wikileaks'],
    ['/seed/the-week', 'the-week-trump-jr-wikileaks'],
  ] as const) {
    it(`${page}: every bundled quote of ${sourceId} anchors in the text extracted, and none of the page furniture is in it`, async () => {
      const dir = await copyBundled();
      const run = await archive(dir, server.url(page), '--id', 'rendition', '--kind', 'news-report', '--date', 'unknown');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const text = await readFile(join(dir, 'evidence/snapshots/rendition.txt'), 'utf8');
      expect(text).not.toMatch(/You might also like|Subscribe to The Week|Sign up for|The FDA plans to embrace AI/);
      const { project } = await loadProject(dir, { cache: false });
      const snapshot = prepareSnapshot(text);
      const quotes = [
        ...[...project!.evidence.values()].filter((r) => r.source === sourceId).map((r) => [r.id, r.quote, { prefix: r.prefix, suffix: r.suffix }] as const),
        ...project!.claims.filter((c) => c.quoted_in === sourceId).map((c) => [c.id, c.text, { prefix: c.prefix, suffix: c.suffix }] as const),
      ];
      expect(quotes.length).toBeGreaterThan(10);
      const lost = quotes.filter(([, quote, hint]) => !anchorQuote(snapshot, quote, hint).ok).map(([id]) => id);
      expect(lost).toEqual([]);
    });
  }
});

describe('factcheck archive --refresh', () => {
  /** The /revised story archived at revision 1, with evidence quoting each kind of paragraph revision 2 has. */
  async function archivedStory(): Promise<string> {
    server.setRevision(1);
    const dir = await newsroom();
    expect((await archive(dir, server.url('/revised'), '--id', 'bridge')).code).toBe(0);
    const quote = (id: string, words: string) => `  - { id: ${id}, source: bridge, kind: statement, speaker: tom-reyes, words: x, quote: ${JSON.stringify(words)} }\n`;
    await writeFile(
      join(dir, 'evidence/bridge.yaml'),
      'evidence:\n' +
        quote('kept', 'Engineers replaced 240 corroded steel hangers') +
        quote('retyped', `"We're glad to have it back," said Helen Marsh`) +
        quote('edited', 'The first cars crossed the bridge at 6 am on Tuesday, an hour later than planned') +
        quote('deleted', 'A 20 mph speed limit will remain in place until the end of the month'),
    );
    return dir;
  }

  it('shows the diff, keeps the old snapshot for the records, writes the new one beside it, and lists each quote: kept, changed or orphaned', async () => {
    const dir = await archivedStory();
    const pinned = await readFile(join(dir, 'evidence/snapshots/bridge.txt'));
    server.setRevision(2);
    const run = await archive(dir, '--refresh', 'bridge');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('- A 20 mph speed limit will remain in place');
    expect(run.stdout).toContain('+ Buses on routes 4 and 11 will return to the bridge');
    expect(run.stdout).toMatch(/evidence\/bridge\.yaml:2 +evidence record kept: anchors as written/);
    expect(run.stdout).toMatch(/evidence record retyped: anchors after normalising typography/);
    expect(run.stdout).toMatch(/evidence record edited: CHANGED: .*"The first cars crossed the bridge at 6 am on Wednesday, an hour later than planned"/);
    expect(run.stdout).toMatch(/evidence record deleted: ORPHANED: not in the new text/);
    expect(run.stdout).toContain('4 quotes: 2 still anchor, 1 changed, 0 ambiguous or with another context, 1 orphaned');
    expect(run.stderr).toMatch(/2 quotes of bridge no longer anchor/);

    // Nothing moved: the records quote the same bytes; the new text is a revision beside them.
    expect(await readFile(join(dir, 'evidence/snapshots/bridge.txt'))).toEqual(pinned);
    const source = await sourceRecord(dir, 'sources/bridge.yaml', 'bridge');
    expect(source.snapshot.path).toBe('evidence/snapshots/bridge.txt');
    expect(source.revisions).toEqual([
      expect.objectContaining({ path: 'evidence/snapshots/bridge.2026-12-01.txt', retrieved: '2026-12-01T06:40:00Z', page: expect.objectContaining({ path: 'evidence/archive/bridge.2026-12-01.html' }) }),
    ]);
    expect(await readFile(join(dir, 'evidence/snapshots/bridge.2026-12-01.txt'), 'utf8')).toContain('on Wednesday');
    // Every quote still anchors where it was written: lint checks them all, and the archived files' hashes.
    const lint = await runCli(['lint', '--root', dir], dir);
    expect([lint.code, lint.stderr]).toEqual([0, '']);

    // Fetched again unchanged: compared with the latest revision, and nothing written.
    const before = await tree(dir);
    const again = await archive(dir, '--refresh', 'bridge');
    expect([again.code, again.stdout]).toEqual([0, 'bridge: unchanged since fetched 2026-12-01T06:40:00Z (evidence/snapshots/bridge.2026-12-01.txt); nothing was written\n']);
    expect(await tree(dir)).toEqual(before);
  });

  it('exits 0 when every quote still anchors, and names a second revision on the same day apart', async () => {
    const dir = await archivedStory();
    await writeFile(join(dir, 'evidence/bridge.yaml'), (await readFile(join(dir, 'evidence/bridge.yaml'), 'utf8')).split('\n').slice(0, 3).join('\n') + '\n');
    server.setRevision(2);
    expect((await archive(dir, '--refresh', 'bridge')).code).toBe(0);
    server.setRevision(1);
    const back = await archive(dir, '--refresh', 'bridge');
    expect(back.code).toBe(0);
    expect((await sourceRecord(dir, 'sources/bridge.yaml', 'bridge')).revisions.map((r: { path: string }) => r.path)).toEqual([
      'evidence/snapshots/bridge.2026-12-01.txt',
      'evidence/snapshots/bridge.2026-12-01-2.txt',
    ]);
  });

  it('calls a text laid out otherwise unchanged, and never writes over a file a revision would use', async () => {
    const dir = await archivedStory();
    // The same paragraphs, a line each, as a snapshot saved by hand would have them.
    const snapshot = join(dir, 'evidence/snapshots/bridge.txt');
    const relaid = (await readFile(snapshot, 'utf8')).replace(/\n\n/g, '\n');
    await writeFile(snapshot, relaid);
    const sources = join(dir, 'sources/bridge.yaml');
    await writeFile(sources, (await readFile(sources, 'utf8')).replace(/sha256: [0-9a-f]{64}\n(\s+retrieved)/, `sha256: ${sha(relaid)}\n$1`));
    const same = await archive(dir, '--refresh', 'bridge');
    expect([same.code, same.stdout]).toEqual([0, 'bridge: unchanged since archived (evidence/snapshots/bridge.txt); nothing was written\n']);

    await writeFile(join(dir, 'evidence/archive/bridge.2026-12-01.html'), 'PRECIOUS');
    server.setRevision(2);
    expect((await archive(dir, '--refresh', 'bridge')).code).toBe(1);
    expect(await readFile(join(dir, 'evidence/archive/bridge.2026-12-01.html'), 'utf8')).toBe('PRECIOUS');
    expect((await sourceRecord(dir, 'sources/bridge.yaml', 'bridge')).revisions[0].path).toBe('evidence/snapshots/bridge.2026-12-01-2.txt');
  });

  it('refuses a source it cannot refresh, with what to do', async () => {
    const dir = await copyBundled();
    expect((await archive(dir, '--refresh', 'the-weak-trump-jr-wikileaks')).stderr).toMatch(/no source "the-weak-trump-jr-wikileaks"; did you mean "the-week-trump-jr-wikileaks"/);
    expect((await archive(dir, '--refresh', 'the-week-trump-jr-wikileaks')).stderr).toMatch(/has no url to fetch it from/);
  });
});

describe('factcheck lint --live', () => {
  it('warns about a source revised since it was archived, or that cannot be fetched, and only when asked', async () => {
    server.setRevision(1);
    const dir = await newsroom();
    expect((await archive(dir, server.url('/revised'), '--id', 'bridge')).code).toBe(0);
    expect((await archive(dir, server.url('/article'), '--id', 'budget')).code).toBe(0);
    const quiet = await runCli(['lint', '--live', '--format', 'json', '--root', dir], dir);
    expect(JSON.parse(quiet.stdout).diagnostics).toEqual([]);

    server.setRevision(2);
    const offline = await runCli(['lint', '--format', 'json', '--root', dir], dir);
    expect(JSON.parse(offline.stdout).diagnostics).toEqual([]);
    const sources = await readFile(join(dir, 'sources/budget.yaml'), 'utf8');
    await writeFile(join(dir, 'sources/budget.yaml'), sources.replace(server.url('/article'), server.url('/missing')));
    const live = await runCli(['lint', '--live', '--format', 'json', '--root', dir], dir);
    expect(live.code).toBe(0);
    const found = JSON.parse(live.stdout).diagnostics as { code: string; file: string; line: number; message: string }[];
    expect(found.map((d) => [d.code, d.file])).toEqual([
      ['snapshot/revised', 'sources/bridge.yaml'],
      ['snapshot/unreachable', 'sources/budget.yaml'],
    ]);
    expect(found[0]!.message).toMatch(/archive --refresh bridge/);
    expect(found[1]!.message).toMatch(/answered 404/);
  });

  it('reports a raw page or a revision whose bytes changed, offline', async () => {
    const dir = await newsroom();
    expect((await archive(dir, server.url('/article'), '--id', 'budget')).code).toBe(0);
    await writeFile(join(dir, 'evidence/archive/budget.html'), '<html>tampered</html>');
    const lint = await runCli(['lint', '--format', 'json', '--root', dir], dir);
    expect(lint.code).toBe(2);
    expect(JSON.parse(lint.stdout).diagnostics.map((d: { code: string; message: string }) => d.code)).toEqual(['snapshot/hash-mismatch']);
  });
});

describe('a large page', () => {
  it('is read in a worker thread, stopped at --timeout when the page is built to be slow to read, and nothing is written', async () => {
    const dir = await newsroom();
    const folder = await makeProject({}, { bare: true });
    // Readability's time grows much faster than a flat page of paragraphs: 0.5 MB takes it many seconds.
    const slow = join(folder, 'flat.html');
    await writeFile(slow, `<html><body>${'<p>Paragraph with some words, and commas, here.</p>'.repeat(10_000)}</body></html>`);
    const before = await tree(dir);
    const run = await archive(dir, slow, '--timeout', '1', '--id', 'flat', '--kind', 'news-report', '--date', 'unknown');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/archive\/too-complex: .*took over 1 s/);
    expect(await tree(dir)).toEqual(before);

    // A real article made large by its scripts and styles reads as the small one does.
    const article = await readFile(join(REPO, 'tests/fixtures/archive/article.html'), 'utf8');
    const large = join(folder, 'large.html');
    await writeFile(large, article.replace('</head>', `<script>/*${'x'.repeat(300_000)}*/</script></head>`));
    expect((await archive(dir, large, '--id', 'large')).code).toBe(0);
    expect((await archive(dir, await savedArticle(), '--id', 'small')).code).toBe(0);
    expect(await readFile(join(dir, 'evidence/snapshots/large.txt'), 'utf8')).toBe(await readFile(join(dir, 'evidence/snapshots/small.txt'), 'utf8'));
  });

  it('small but built to be slow to read is stopped at --timeout too', async () => {
    const dir = await newsroom();
    const folder = await makeProject({}, { bare: true });
    // 30 KB of line breaks: Readability's time grows far faster than the page (a minute at 40 KB).
    await writeFile(join(folder, 'breaks.html'), `<!doctype html><html><body>${'a<br>'.repeat(6000)}</body></html>`);
    const started = Date.now();
    const run = await archive(dir, join(folder, 'breaks.html'), '--timeout', '1', '--id', 'breaks', '--kind', 'news-report', '--date', 'unknown');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/archive\/too-complex: .*took over 1 s/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('nested past any article is refused before Readability reads it', async () => {
    const dir = await newsroom();
    const folder = await makeProject({}, { bare: true });
    const deep = join(folder, 'deep.html');
    await writeFile(deep, `<html><body>${'<div>'.repeat(5000)}<p>${'Words, and more words. '.repeat(20)}</p>${'</div>'.repeat(5000)}</body></html>`);
    const run = await archive(dir, deep, '--id', 'deep', '--kind', 'news-report', '--date', 'unknown');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/archive\/too-complex: .*nest more than 1000 deep/);
  });
});
