import type { DiagnosticCode } from '../diagnostics.js';
import type { NodeRef, PinnedFile, Source } from '../types.js';
import { readPublished } from './read-date.js';

type Raw = Record<string, any>;

/** A source; an unreadable publication date is reported (its field is `published`) and read as unknown. */
export function readSource(s: Raw, ref: NodeRef, badDate: (code: DiagnosticCode, message: string) => void): Source {
  const published = readPublished(s.published);
  if (!published.ok) badDate(published.code, published.message);
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    publisher: s.publisher,
    authors: s.author === undefined ? [] : Array.isArray(s.author) ? s.author : [s.author],
    url: s.url,
    published: published.ok ? published.date : { text: 'unknown', precision: 'unknown' },
    relays: s.relays ?? [],
    snapshot: s.snapshot ? { path: s.snapshot.path, sha256: s.snapshot.sha256 } : undefined,
    ...archived(s),
    note: s.note,
    ref,
  };
}

/** The files archive pinned besides the snapshot; nothing for a source written by hand. */
function archived(s: Raw): Pick<Source, 'pinned' | 'revisions'> {
  const pinned: PinnedFile[] = [];
  const page = (owner: Raw | undefined, at: (string | number)[]) => owner?.page && pinned.push({ path: owner.page.path, sha256: owner.page.sha256, at: [...at, 'page'] });
  page(s.snapshot, ['snapshot']);
  const revisions = ((s.revisions ?? []) as Raw[]).map((r, i) => {
    pinned.push({ path: r.path, sha256: r.sha256, at: ['revisions', i] });
    page(r, ['revisions', i]);
    return { path: r.path as string, sha256: r.sha256 as string, ...(r.retrieved ? { retrieved: r.retrieved as string } : {}) };
  });
  return { ...(pinned.length ? { pinned } : {}), ...(revisions.length ? { revisions } : {}) };
}
