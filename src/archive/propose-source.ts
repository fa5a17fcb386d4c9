import type { Entity } from '../types.js';
import { readPublished } from '../validate/read-date.js';
import { slug } from '../authoring/check-ids.js';
import { shortSlug } from '../authoring/field-types.js';
import type { CapturedArticle } from './capture-article.js';

/** What the page states, as answers to `new source`'s questions, with the basis of each. */
export interface Proposal {
  /** Answers by flag name, as if given on the command line. */
  given: Record<string, string>;
  /** Where the page states each answer, by field of the source record. */
  basis: Partial<Record<'title' | 'author' | 'publisher' | 'url' | 'kind', string>>;
  /** The publication date as the page gives it, and where; written as the record's `published` with its basis. */
  published?: { on: string; basis: string };
  /** What the page states that could not be used as it is, and what to do. */
  notes: string[];
}

/**
 * Answers from the page. A byline or site name becomes an entity id only when
 * an entity has that name or alias: a person is never created or guessed.
 */
export function proposeSource(article: CapturedArticle, entities: Iterable<Entity>): Proposal {
  const known = [...entities];
  const m = article.metadata;
  const out: Proposal = { given: {}, basis: {}, notes: [] };
  if (m.title) {
    out.given.title = m.title.value;
    out.basis.title = m.title.basis;
    // The id `new` would suggest, so that a scripted run needs no --id.
    const id = shortSlug(m.title.value);
    if (id) out.given.id = id;
  }
  if (m.kind) {
    out.given.kind = m.kind.value;
    out.basis.kind = m.kind.basis;
  }
  const url = article.capture.url ?? m.canonical;
  if (url) {
    out.given.url = url;
    out.basis.url = article.capture.url ? (article.capture.response?.redirects.length ? `the address fetched, after ${article.capture.response.redirects.length} redirect(s) from ${article.capture.requested}` : 'the address fetched') : "the page's <link rel=\"canonical\">";
  }
  if (m.published && readPublished(m.published.date).ok) {
    out.given.date = m.published.date;
    out.published = { on: m.published.date, basis: `${m.published.basis}: "${m.published.value}"` };
  } else if (m.published) {
    out.notes.push(`the page states it was published "${m.published.value}" (${m.published.basis}), which is not a real date: give --date`);
  }
  if (m.publisher) {
    const id = entityNamed(m.publisher.value, known);
    if (id) {
      out.given.publisher = id;
      out.basis.publisher = `${m.publisher.basis}: "${m.publisher.value}"`;
    } else out.notes.push(unknownEntity('publisher', m.publisher.value, 'organisation', known));
  }
  if (m.authors) {
    const ids = m.authors.names.map((name) => entityNamed(name, known));
    if (ids.every(Boolean)) {
      out.given.author = ids.join(',');
      out.basis.author = `${m.authors.basis}${m.authors.basis.includes('"') ? '' : `: ${m.authors.names.map((n) => `"${n}"`).join(', ')}`}`;
    } else m.authors.names.forEach((name, i) => ids[i] || out.notes.push(unknownEntity('author', name, 'person', known)));
  }
  return out;
}

/** The entity whose id, name or an alias is `name`, ignoring case and spacing. */
export function entityNamed(name: string, entities: readonly Entity[]): string | undefined {
  const key = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  const wanted = key(name);
  return entities.find((e) => [e.id, e.name, ...e.aliases].some((n) => key(n) === wanted))?.id;
}

function unknownEntity(field: string, name: string, kind: string, entities: readonly Entity[]): string {
  const id = slug(name);
  const close = entities.filter((e) => e.name.toLowerCase().includes(name.toLowerCase().split(' ').at(-1) ?? '')).map((e) => e.id);
  const near = close.length ? ` (entities with a like name: ${close.slice(0, 3).join(', ')})` : '';
  return `the page names "${name}" as its ${field}, but no entity has that name or alias${near}: add one with factcheck new entity --id ${id} --name "${name}" --kind ${kind}, then give --${field} ${id}`;
}
