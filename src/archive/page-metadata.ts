import { withoutControls } from './page-text.js';
import { append } from '../model/append.js';

/** A field the page states, and where on the page it says so. */
export interface Stated {
  value: string;
  basis: string;
}

export interface PageMetadata {
  title?: Stated;
  /** Each author the page names. */
  authors?: { names: string[]; basis: string };
  publisher?: Stated;
  /** As the page writes it (an ISO date or date-time); `date` is its YYYY-MM-DD part. */
  published?: Stated & { date: string };
  /** The source kind the page's schema.org type states: a NewsArticle is a news report. */
  kind?: Stated;
  canonical?: string;
  lang?: string;
}

/** The subset of a DOM document this reads. */
export interface MetaDocument {
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
}

type Json = Record<string, unknown>;
const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|ScholarlyArticle|WebPage)$/;

/**
 * What the page says of itself, each with its basis: schema.org JSON-LD first
 * (the publisher's own structured statement), then Open Graph and article
 * meta tags, then what a reader sees (<title>, <time>). Nothing is guessed:
 * a field the page does not state is left out, to be asked for.
 */
export function readMetadata(doc: MetaDocument): PageMetadata {
  const ld = articleJsonLd(doc, [doc.querySelector('meta[property="og:title"]')?.getAttribute('content'), doc.querySelector('title')?.textContent, doc.querySelector('link[rel="canonical"]')?.getAttribute('href')]);
  const meta = (attr: 'property' | 'name', key: string) => {
    const raw = doc.querySelector(`meta[${attr}="${key}"]`)?.getAttribute('content');
    const content = raw ? withoutControls(raw).trim() : undefined;
    return content ? { content, basis: `the page's <meta ${attr}="${key}">` } : undefined;
  };
  const out: PageMetadata = {};

  const headline = text(ld?.headline);
  const ogTitle = meta('property', 'og:title');
  const title = doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
  if (headline) out.title = { value: headline, basis: `the page's schema.org ${text(ld!['@type'])} "headline"` };
  else if (ogTitle) out.title = { value: ogTitle.content, basis: ogTitle.basis };
  else if (title) out.title = { value: title, basis: "the page's <title>" };

  const ldAuthors = names(ld?.author);
  const metaAuthor = meta('name', 'author');
  if (ldAuthors.length) out.authors = { names: ldAuthors, basis: `the page's schema.org ${text(ld!['@type'])} "author"` };
  else if (metaAuthor && !/^https?:/.test(metaAuthor.content)) out.authors = { names: splitNames(metaAuthor.content), basis: metaAuthor.basis };

  const ldPublisher = names(ld?.publisher)[0];
  const siteName = meta('property', 'og:site_name');
  if (ldPublisher) out.publisher = { value: ldPublisher, basis: `the page's schema.org ${text(ld!['@type'])} "publisher"` };
  else if (siteName) out.publisher = { value: siteName.content, basis: siteName.basis };

  const published = [
    text(ld?.datePublished) ? { content: text(ld!.datePublished)!, basis: `the page's schema.org ${text(ld!['@type'])} "datePublished"` } : undefined,
    meta('property', 'article:published_time'),
    meta('name', 'citation_publication_date'),
    meta('name', 'dc.date'),
    meta('name', 'date'),
    itemprop(doc),
    timeElement(doc),
  ].find((p) => p && /^\d{4}-\d{2}-\d{2}/.test(p.content));
  if (published) out.published = { value: published.content, date: published.content.slice(0, 10), basis: published.basis };

  const type = [ld?.['@type']].flat().find((t): t is string => typeof t === 'string' && /NewsArticle$/.test(t));
  if (type) out.kind = { value: 'news-report', basis: `the page's schema.org type, ${type}` };

  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  if (canonical && /^https?:\/\//.test(canonical)) out.canonical = canonical;
  const lang = doc.querySelector('html')?.getAttribute('lang');
  if (lang) out.lang = lang;
  return out;
}

/**
 * The page's schema.org article, from its JSON-LD blocks, @graph included;
 * blocks that do not parse are skipped. A page with several (a sidebar's
 * stories) names its own by a headline or address that its <title>, Open
 * Graph title or canonical link repeats; when none does, none is taken.
 */
function articleJsonLd(doc: MetaDocument, own: (string | null | undefined)[]): Json | undefined {
  const found = jsonLdArticles(doc);
  if (found.length <= 1) return found[0];
  const marks = own.filter((m): m is string => Boolean(m)).map((m) => m.replace(/\s+/g, ' ').trim());
  const matching = found.filter((a) => [text(a.headline), text(a.url), text(a['@id'])].some((v) => v && marks.some((m) => m === v || m.includes(v))));
  return matching.length === 1 ? matching[0] : undefined;
}

function jsonLdArticles(doc: MetaDocument): Json[] {
  const found: Json[] = [];
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(scripts[i]!.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    // Bounded: a hostile page cannot make this walk for ever.
    for (let seen = 0; queue.length && seen < 1000; seen++) {
      const item = queue.shift();
      if (Array.isArray(item)) append(queue, item);
      else if (item && typeof item === 'object') {
        const types = [(item as Json)['@type']].flat();
        if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t)) && (item as Json).headline !== undefined) found.push(item as Json);
        if (Array.isArray((item as Json)['@graph'])) queue.push((item as Json)['@graph']);
      }
    }
  }
  return found;
}

function text(value: unknown): string | undefined {
  if (Array.isArray(value)) return text(value[0]);
  const clean = typeof value === 'string' ? withoutControls(value).replace(/\s+/g, ' ').trim() : '';
  return clean || undefined;
}

function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (typeof v === 'string' ? text(v) : v && typeof v === 'object' ? text((v as Json).name) : undefined)).filter((n): n is string => Boolean(n));
}

function splitNames(byline: string): string[] {
  return byline.split(/\s*(?:,|\band\b|&)\s*/).map((n) => n.trim()).filter(Boolean);
}

/** A date marked as the publication date with microdata. */
function itemprop(doc: MetaDocument): { content: string; basis: string } | undefined {
  const el = doc.querySelector('[itemprop="datePublished"]');
  const content = (el?.getAttribute('content') ?? el?.getAttribute('datetime'))?.trim();
  return content ? { content, basis: `the page's itemprop="datePublished"` } : undefined;
}

/** A <time> marked as the publication (pubdate), or the first in the article: never one in a header or sidebar ("Today is …"). */
function timeElement(doc: MetaDocument): { content: string; basis: string } | undefined {
  const time = doc.querySelector('time[pubdate][datetime]') ?? doc.querySelector('article time[datetime]');
  const content = time?.getAttribute('datetime')?.trim();
  return content ? { content, basis: `the page's <time datetime="${content}">${(time!.textContent ?? '').replace(/\s+/g, ' ').trim()}</time>` } : undefined;
}

/** "By Natalie Huet" → ["Natalie Huet"]: a byline as the page shows it, as names. */
export function bylineNames(byline: string): string[] {
  return splitNames(byline.replace(/\s+/g, ' ').trim().replace(/^by\s+/i, ''));
}
