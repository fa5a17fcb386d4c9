import { lstat, open } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { problem, type ArchiveProblem } from './archive-problem.js';
import { MAX_DEPTH, type Capture, type CaptureLimits } from './capture.js';
import { extractInWorker } from './extract-in-worker.js';
import { fetchPage } from './fetch-page.js';
import { decodePage, isPlainUtf8, mediaOf } from './media-type.js';
import type { PageMetadata } from './page-metadata.js';

/** A capture, and the text to archive from it. */
export interface CapturedArticle {
  capture: Capture;
  /** The snapshot: the extracted article, or a text file's own text. */
  text: string;
  /** Its bytes as written: UTF-8, as the loader reads snapshots. */
  snapshot: Uint8Array;
  metadata: PageMetadata;
  byline?: string;
}

export type Captured = { ok: true; article: CapturedArticle } | { ok: false; problem: ArchiveProblem };

export interface CaptureOptions {
  cwd: string;
  limits: CaptureLimits;
  now: () => number;
  fetchImpl?: typeof fetch;
}

/** A URL is fetched; anything else is a saved .html or .txt file, read as it is. */
export async function captureArticle(target: string, options: CaptureOptions): Promise<Captured> {
  const fetched = /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? await fetchPage(target, options.limits, options.now, options.fetchImpl) : await readSaved(target, options);
  if (!fetched.ok) return fetched;
  return articleOf(fetched.capture, options.limits.timeoutMs);
}

/** The text to archive from a capture: a text page as it is, an HTML page's article. */
export async function articleOf(capture: Capture, extractMs: number): Promise<Captured> {
  const where = capture.url ?? capture.requested;
  const decoded = decodePage(capture.bytes, capture.media, capture.charset);
  if (capture.media === 'text') {
    if (!decoded.trim()) return problem('archive/no-text', `${where}: the text is empty; nothing was written`);
    // Kept byte for byte when it is UTF-8 as snapshots must be; a text the server declared in another charset is kept as UTF-8.
    if (isPlainUtf8(capture.bytes)) return { ok: true, article: { capture, text: decoded, snapshot: capture.bytes, metadata: {} } };
    if (!capture.charset || capture.bytes.includes(0)) return problem('archive/unreadable', `${where}: expected UTF-8 text, found ${capture.bytes.includes(0) ? 'a NUL byte (a binary file)' : 'bytes that are not valid UTF-8'}; convert it to UTF-8 first (iconv -f <charset> -t UTF-8); nothing was written`);
    return { ok: true, article: { capture, text: decoded, snapshot: new TextEncoder().encode(decoded), metadata: {} } };
  }
  const extraction = await extractInWorker(decoded, capture.url, extractMs);
  if (!extraction.ok && extraction.reason === 'timeout') return problem('archive/too-complex', `${where}: ${extraction.message}; the page is too large or too odd to read as an article: save its text and archive the .txt file; nothing was written`);
  // Readability refuses a page with no document to read (an empty body, no element at all).
  if (!extraction.ok) return problem('archive/no-text', `${where}: no article text found in the page (${extraction.message}); nothing was written`);
  const article = extraction.result;
  if (article && 'tooDeep' in article) return problem('archive/too-complex', `${where}: its elements nest more than ${MAX_DEPTH} deep, past what any article needs; save its text and archive the .txt file; nothing was written`);
  if (!article) return problem('archive/no-text', `${where}: no article text found in the page (only navigation, forms or scripts); save the text by hand and archive the .txt file; nothing was written`);
  return { ok: true, article: { capture, text: article.text, snapshot: new TextEncoder().encode(article.text), metadata: article.metadata, ...(article.byline ? { byline: article.byline } : {}) } };
}

async function readSaved(target: string, options: CaptureOptions): Promise<{ ok: true; capture: Capture } | { ok: false; problem: ArchiveProblem }> {
  const path = resolve(options.cwd, target);
  const ext = extname(path).toLowerCase();
  const media = ext === '.html' || ext === '.htm' || ext === '.xhtml' ? 'html' : ext === '.txt' ? 'text' : undefined;
  if (!media) return problem('archive/not-html', `${target}: expected an http or https URL, or an .html or .txt file; found a "${ext || 'no'}" extension`);
  let info;
  try {
    info = await lstat(path);
  } catch {
    return problem('archive/unreadable', `${target}: no such file`);
  }
  // A FIFO or a device would block or never end: only regular files are read.
  if (!info.isFile()) return problem('archive/unreadable', `${target}: expected a regular file; found ${info.isDirectory() ? 'a folder' : info.isSymbolicLink() ? 'a symbolic link' : 'a special file'}`);
  if (info.size > options.limits.maxBytes) return problem('archive/too-large', `${target}: ${info.size} bytes, over the ${Math.round(options.limits.maxBytes / 1024 / 1024)} MiB limit`);
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(info.size);
    await handle.read(bytes, 0, info.size, 0);
    const sniffed = media === 'html' ? mediaOf('text/html', bytes) : mediaOf('text/plain', bytes);
    return { ok: true, capture: { requested: target, bytes, media, ...(sniffed.ok && sniffed.charset ? { charset: sniffed.charset } : {}) } };
  } finally {
    await handle.close();
  }
}
