import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { EXTRACTOR, MAX_DEPTH } from './capture.js';
import { blocksOf, withoutControls, type TextNode } from './page-text.js';
import { bylineNames, readMetadata, type MetaDocument, type PageMetadata } from './page-metadata.js';
import { append } from '../model/append.js';

export interface ExtractedArticle {
  /** The snapshot: headline, byline, then the article's paragraphs, apart by blank lines, ending in a newline. */
  text: string;
  metadata: PageMetadata;
  /** The byline as the page shows it, when it shows one. */
  byline?: string;
}

export { EXTRACTOR, MAX_DEPTH };

/**
 * The article in a page: Mozilla's Readability (Firefox Reader View) picks it
 * out of navigation, newsletter boxes and lists of other headlines; the text
 * is then laid out a paragraph per block. linkedom builds the DOM and runs no
 * script, fetches nothing and applies no style. Pure: the same page gives the
 * same text. Undefined when the page holds no article text.
 */
export function extractArticle(html: string, url?: string): ExtractedArticle | { tooDeep: number } | undefined {
  // Readability changes the document it reads: metadata and the headline come from a copy.
  const original = parseHTML(html).document;
  // Readability walks the tree recursively: a hostile page nested deeper would overflow the stack.
  const depth = depthOf(original as unknown as TextNode);
  if (depth > MAX_DEPTH) return { tooDeep: depth };
  const metadata = readMetadata(original as unknown as MetaDocument);
  const { document } = parseHTML(html);
  if (url) setBase(document, url);
  // Site navigation and forms are never the article; Readability may keep a page's only text, its menu.
  for (const el of [...document.querySelectorAll('nav, [role="navigation"], [role="search"], form, script, style, noscript, template')]) el.remove();
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { serializer: (el) => el }).parse();
  const content = article?.content as unknown as TextNode | undefined;
  const blocks = content ? blocksOf(content) : [];
  if (!blocks.join('').trim()) return undefined;

  // The article's own h1, not the first on the page (a site's logo is often one).
  const h1s = original.querySelectorAll('h1');
  const ownH1 = original.querySelector('article h1') ?? original.querySelector('main h1') ?? (h1s.length === 1 ? h1s[0] : null);
  const headline = oneLine(ownH1?.textContent) ?? metadata.title?.value ?? oneLine(article?.title);
  const byline = visibleByline(original, article?.byline ?? undefined);
  const lines: string[] = [];
  if (headline && !blocks.slice(0, 3).some((b) => same(b, headline))) lines.push(headline);
  if (byline && !blocks.some((b) => b.includes(byline))) lines.push(byline);
  append(lines, blocks);
  const found: ExtractedArticle = { text: `${lines.join('\n\n')}\n`, metadata };
  if (byline) {
    found.byline = byline;
    if (!metadata.authors) found.metadata = { ...metadata, authors: { names: bylineNames(byline), basis: `the byline the page shows: "${byline}"` } };
  }
  return found;
}

/**
 * The byline as the page shows it ("By Natalie Huet"), from the element that
 * holds it: Readability's byline may come from a meta tag, and the snapshot
 * holds only words a reader sees.
 */
function visibleByline(doc: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }, byline: string | undefined): string | undefined {
  const names = byline ? bylineNames(byline) : [];
  const candidates = doc.querySelectorAll('[class*="byline" i], [rel="author"], [itemprop="author"], [class*="author" i]');
  for (let i = 0; i < candidates.length; i++) {
    const text = oneLine(candidates[i]!.textContent);
    // A byline is a few words ("By Natalie Huet"); an author's biography is not one.
    if (text && text.split(' ').length <= 12 && !/^about\b/i.test(text) && names.some((n) => text.includes(n))) return text;
  }
  return undefined;
}


/** How deep the elements nest, counted without recursion, stopping just past the limit. */
function depthOf(root: TextNode): number {
  let deepest = 0;
  const stack: [TextNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_DEPTH) break;
    for (let i = 0; i < node.childNodes.length; i++) if (node.childNodes[i]!.nodeType === 1) stack.push([node.childNodes[i]!, depth + 1]);
  }
  return deepest;
}

function oneLine(text: string | null | undefined): string | undefined {
  const line = text === null || text === undefined ? undefined : withoutControls(text).replace(/[ \t\n\r\f]+/g, ' ').trim();
  return line || undefined;
}

function same(a: string, b: string): boolean {
  const key = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return key(a) === key(b);
}

/** Relative links resolve against the page's address, as Readability expects. */
function setBase(document: { querySelector(s: string): unknown; head?: { prepend(node: unknown): void } | null; createElement(tag: string): { setAttribute(k: string, v: string): void } }, url: string): void {
  if (document.querySelector('base[href]') || !document.head) return;
  const base = document.createElement('base');
  base.setAttribute('href', url);
  document.head.prepend(base);
}
