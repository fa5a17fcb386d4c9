import { parseHTML } from 'linkedom';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { addRevision } from '../../src/archive/add-revision.js';
import { diffLines, formatDiff } from '../../src/archive/diff-lines.js';
import { extractArticle } from '../../src/archive/extract-article.js';
import { decodePage, mediaOf } from '../../src/archive/media-type.js';
import { readMetadata, type MetaDocument } from '../../src/archive/page-metadata.js';
import { blocksOf, type TextNode } from '../../src/archive/page-text.js';
import { reanchorQuotes } from '../../src/archive/reanchor-quotes.js';

const body = (html: string) => parseHTML(`<html><body>${html}</body></html>`).document.body as unknown as TextNode;
const doc = (head: string, html = '') => parseHTML(`<html lang="en"><head>${head}</head><body>${html}</body></html>`).document as unknown as MetaDocument;

describe('blocksOf', () => {
  it('gives a paragraph per block, a line per <br>, HTML white space as one space, and other spaces as they are', () => {
    expect(blocksOf(body('<h1>Title</h1><p>One\n   two <b>bold</b>\tthree</p><ul><li>a</li><li>b<br>c</li></ul><p>By\u00a0Jane</p>'))).toEqual(['Title', 'One two bold three', 'a', 'b\nc', 'By\u00a0Jane']);
  });

  it('leaves out scripts, styles, forms and empty blocks', () => {
    expect(blocksOf(body('<p>kept</p><script>var x = "no";</script><style>p{}</style><div> </div><button>Sign up</button><noscript>no</noscript>'))).toEqual(['kept']);
  });
});

describe('readMetadata', () => {
  it('prefers the JSON-LD article, and names where each field was found', () => {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite' }, { '@type': 'NewsArticle', headline: 'Head', datePublished: '2026-03-14T09:30:00+01:00', author: [{ name: 'A B' }, 'C D'], publisher: { name: 'Gazette' } }] });
    const m = readMetadata(doc(`<title>Other | Site</title><meta property="og:title" content="OG"><script type="application/ld+json">${ld}</script>`));
    expect(m).toEqual({
      title: { value: 'Head', basis: `the page's schema.org NewsArticle "headline"` },
      authors: { names: ['A B', 'C D'], basis: `the page's schema.org NewsArticle "author"` },
      publisher: { value: 'Gazette', basis: `the page's schema.org NewsArticle "publisher"` },
      published: { value: '2026-03-14T09:30:00+01:00', date: '2026-03-14', basis: `the page's schema.org NewsArticle "datePublished"` },
      kind: { value: 'news-report', basis: "the page's schema.org type, NewsArticle" },
      lang: 'en',
    });
  });

  it('falls back to Open Graph and meta tags, then to <title> and <time>, and states nothing the page does not', () => {
    expect(readMetadata(doc('<meta property="og:title" content="OG"><meta property="og:site_name" content="Site"><meta name="author" content="A B and C D">'))).toMatchObject({
      title: { value: 'OG' },
      publisher: { value: 'Site' },
      authors: { names: ['A B', 'C D'], basis: `the page's <meta name="author">` },
    });
    const plain = readMetadata(doc('<title> Just  a title </title><script type="application/ld+json">{ not json</script>', '<article><time datetime="2026-01-02">2 Jan</time></article>'));
    expect(plain).toEqual({ title: { value: 'Just a title', basis: "the page's <title>" }, published: { value: '2026-01-02', date: '2026-01-02', basis: `the page's <time datetime="2026-01-02">2 Jan</time>` }, lang: 'en' });
    expect(readMetadata(doc('<meta name="author" content="https://example.org/people/a">'))).toEqual({ lang: 'en' });
  });
});

describe('readMetadata on pages that hold more than their own story', () => {
  const ld = (headline: string, date: string) => `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline, datePublished: date })}</script>`;

  it('takes the JSON-LD article the page names as its own, and none when it cannot tell', () => {
    const both = ld('Other story in the sidebar', '2020-01-01') + ld('Our story', '2021-02-03');
    expect(readMetadata(doc(`<meta property="og:title" content="Our story">${both}`))).toMatchObject({ title: { value: 'Our story' }, published: { date: '2021-02-03' } });
    expect(readMetadata(doc(`<title>Site</title>${both}`))).toEqual({ title: { value: 'Site', basis: "the page's <title>" }, lang: 'en' });
  });

  it('dates it only by a <time> marked as its publication or in the article, never one in the header', () => {
    expect(readMetadata(doc('', '<header>Today is <time datetime="2026-12-01">1 Dec</time></header><aside><time datetime="2019-05-05">x</time></aside>')).published).toBeUndefined();
    expect(readMetadata(doc('', '<header><time datetime="2026-12-01">1 Dec</time></header><article><time datetime="2021-02-03">3 Feb</time></article>')).published).toMatchObject({ date: '2021-02-03' });
    expect(readMetadata(doc('', '<span itemprop="datePublished" content="2022-04-05">5 April</span>')).published).toMatchObject({ date: '2022-04-05' });
  });
});

describe('extractArticle', () => {
  it("heads the text with the article's own h1, not the site's logo, and never takes an author's biography for a byline", () => {
    const html = `<html><head><title>T</title><meta name="author" content="Clark Kent"></head><body><h1 class="logo">Daily Planet</h1>
      <article><h1>Council votes</h1>${'<p>A paragraph of the story, long enough, with commas, to be the article. </p>'.repeat(4)}
      <p class="author-bio">About the author: Clark Kent has covered City Hall since 2010, and before that the courts.</p></article></body></html>`;
    const article = extractArticle(html) as { text: string; byline?: string };
    expect(article.text.split('\n\n')[0]).toBe('Council votes');
    expect(article.byline).toBeUndefined();
    expect(article.text).not.toContain('Daily Planet');
  });

  it('puts the headline and the byline the page shows above the article, and never a script or the menu', () => {
    const html = `<html><head><title>T</title><meta name="author" content="Jane Roe"></head><body><nav><a href="/">Home</a><a href="/w">World</a></nav>
      <article><h1>The headline</h1><p class="byline">By Jane Roe</p>${'<p>A paragraph of the story, long enough, with commas, to be the article. </p>'.repeat(4)}</article>
      <aside><h2>Most read</h2><ul><li><a href="/x">Other story</a></li></ul></aside><script>document.body.innerHTML = ''</script></body></html>`;
    const article = extractArticle(html) as { text: string; byline?: string };
    expect(article.text.split('\n\n').slice(0, 3)).toEqual(['The headline', 'By Jane Roe', 'A paragraph of the story, long enough, with commas, to be the article.']);
    expect(article.text).not.toMatch(/Home|World|Most read|innerHTML/);
    expect(article.text.endsWith('.\n')).toBe(true);
  });

  it('finds no article in a page of navigation alone', () => {
    expect(extractArticle('<html><body><nav><a href="/">Home</a></nav></body></html>')).toBeUndefined();
  });
});

describe('mediaOf and decodePage', () => {
  it('takes HTML and plain text, by Content-Type or, without one, by how the body starts', () => {
    const bytes = new TextEncoder().encode('<!DOCTYPE html><html></html>');
    expect(mediaOf('text/html; charset=ISO-8859-1', bytes)).toEqual({ ok: true, media: 'html', charset: 'iso-8859-1' });
    expect(mediaOf('application/xhtml+xml', bytes)).toEqual({ ok: true, media: 'html' });
    expect(mediaOf('text/plain', bytes)).toEqual({ ok: true, media: 'text' });
    expect(mediaOf(null, bytes)).toEqual({ ok: true, media: 'html' });
    expect(mediaOf('application/pdf', bytes)).toEqual({ ok: false, found: 'Content-Type "application/pdf"' });
    expect(mediaOf(null, new TextEncoder().encode('%PDF-1.7'))).toMatchObject({ ok: false });
  });

  it('decodes by the declared charset, the page\'s own <meta charset>, else UTF-8', () => {
    const latin = Uint8Array.from([0x3c, 0x70, 0x3e, 0x63, 0x61, 0x66, 0xe9]);
    expect(decodePage(latin, 'html', 'iso-8859-1')).toBe('<p>café');
    const meta = new Uint8Array([...new TextEncoder().encode('<meta charset="windows-1252"><p>'), 0x93, 0x61, 0x94]);
    expect(decodePage(meta, 'html')).toBe('<meta charset="windows-1252"><p>“a”');
    expect(decodePage(new TextEncoder().encode('é'), 'text', 'no-such-charset')).toBe('é');
  });
});

describe('diffLines', () => {
  it('shows paragraphs removed and added, with one kept on each side, and blank lines as layout', () => {
    const lines = diffLines('a\n\nb\n\nc\n\nd\n\ne\n', 'a\nb\nC\nd\ne\nf\n');
    expect(formatDiff(lines)).toBe('  b\n- c\n+ C\n  d\n  e\n+ f\n');
    expect(formatDiff(diffLines('same\n', 'same\n\n'))).toBe('');
  });
});

describe('addRevision', () => {
  const file = '# A comment kept\nsources:\n  - id: one\n    kind: news-report\n    title: One\n    note: >-\n      A folded note that a serialiser\n      would reflow.\n\n  - { id: flow, kind: news-report, title: Flow, published: unknown }\n';

  it('adds the lines at the end of the source, then at the end of its revisions, and leaves every other byte', () => {
    const first = addRevision(file, 'one', { path: 'evidence/snapshots/one.2026-12-01.txt', sha256: 'a'.repeat(64) });
    if (!('text' in first)) throw new Error(first.problem);
    expect(first.text).toBe(file.replace('would reflow.\n', `would reflow.\n    revisions:\n      - path: evidence/snapshots/one.2026-12-01.txt\n        sha256: ${'a'.repeat(64)}\n`));
    const second = addRevision(first.text, 'one', { path: 'b.txt', sha256: 'b' });
    if (!('text' in second)) throw new Error(second.problem);
    expect((parse(second.text) as { sources: { revisions?: { path: string }[] }[] }).sources[0]!.revisions!.map((r) => r.path)).toEqual(['evidence/snapshots/one.2026-12-01.txt', 'b.txt']);
    expect(second.text.startsWith(first.text.slice(0, first.text.indexOf('\n\n')))).toBe(true);
  });

  it('keeps a CRLF file CRLF, and reads a file with aliases', () => {
    const crlf = file.replace(/\n/g, '\r\n');
    const added = addRevision(crlf, 'one', { path: 'x.txt', sha256: 'x' });
    if (!('text' in added)) throw new Error(added.problem);
    expect(added.text.replace(/\r\n/g, '')).not.toContain('\n');
    const aliased = 'sources:\n  - { id: a, kind: &k news-report, title: A, published: unknown }\n  - id: b\n    kind: *k\n    title: B\n';
    expect(addRevision(aliased, 'b', { path: 'x.txt', sha256: 'x' })).toMatchObject({ text: expect.stringContaining('revisions:') });
  });

  it('refuses a source it cannot edit as text, rather than rewrite the file', () => {
    expect(addRevision(file, 'flow', { path: 'x.txt', sha256: 'x' })).toEqual({ problem: 'source "flow" is not a block mapping in this file' });
    expect(addRevision(file, 'none', { path: 'x.txt', sha256: 'x' })).toMatchObject({ problem: expect.any(String) });
  });
});

describe('reanchorQuotes', () => {
  const quote = (id: string, words: string) => ({ what: 'evidence record' as const, id, file: 'evidence/x.yaml', line: 1, quote: words, hint: {} });

  it('finds each quote exactly, after normalising, as changed past the threshold, or as orphaned, and never moves one', () => {
    const text = 'The bridge reopened on Wednesday.\n\n“We’re glad,” she said.\n\nThe bridge reopened on Wednesday.\n';
    const found = reanchorQuotes(
      [{ ...quote('moved', 'reopened on Wednesday'), hint: { prefix: 'The old bridge ' } }, quote('exact', 'she said'), quote('typography', '"We\'re glad," she said'), quote('edited', 'the bridge reopened on Tuesday'), quote('gone', 'Buses will return from Monday, the operator said'), quote('twice', 'The bridge reopened on Wednesday')],
      text,
    );
    expect(found.map((r) => [r.id, r.status])).toEqual([
      ['moved', 'context-changed'],
      ['exact', 'exact'],
      ['typography', 'normalised'],
      ['edited', 'changed'],
      ['gone', 'orphaned'],
      ['twice', 'ambiguous'],
    ]);
  });
});
