import { sha256 } from '../model/hash.js';
import type { CapturedArticle } from './capture-article.js';
import { EXTRACTOR } from './capture.js';

export interface ArchiveFile {
  path: string;
  content: Uint8Array | string;
}

/**
 * The files one capture is kept in, and the `snapshot` entry that pins them:
 * the text at evidence/snapshots/<name>.txt; for a page, its bytes as they
 * came at evidence/archive/<name>.html; for a fetch, the HTTP exchange at
 * evidence/archive/<name>.response.json. The snapshot is written first and
 * the source record last, so a record never pins a file that is not there.
 */
/** Where one capture's files go: the names archiveFiles writes, for a caller that must find free ones first. */
export function archivePaths(name: string): { snapshot: string; response: string; page: string } {
  return { snapshot: `evidence/snapshots/${name}.txt`, response: `evidence/archive/${name}.response.json`, page: `evidence/archive/${name}.html` };
}

export function archiveFiles(name: string, article: CapturedArticle): { files: ArchiveFile[]; snapshot: Record<string, unknown> } {
  const { capture } = article;
  const text = article.snapshot;
  const paths = archivePaths(name);
  const files: ArchiveFile[] = [{ path: paths.snapshot, content: text }];
  const snapshot: Record<string, unknown> = { path: files[0]!.path, sha256: sha256(text) };
  if (capture.retrieved) snapshot.retrieved = capture.retrieved;
  if (capture.response) {
    const path = paths.response;
    files.push({ path, content: `${JSON.stringify(responseRecord(article), null, 2)}\n` });
    snapshot.response = path;
  }
  if (capture.media === 'html') {
    const path = paths.page;
    files.push({ path, content: capture.bytes });
    snapshot.extracted_by = EXTRACTOR;
    snapshot.page = { path, sha256: sha256(capture.bytes) };
  }
  return { files, snapshot };
}

/** The HTTP exchange, as it happened: what was asked, each redirect, the status and every header. */
function responseRecord(article: CapturedArticle): Record<string, unknown> {
  const { capture } = article;
  return {
    requested: capture.requested,
    url: capture.url,
    retrieved: capture.retrieved,
    redirects: capture.response!.redirects,
    status: capture.response!.status,
    headers: capture.response!.headers,
  };
}
