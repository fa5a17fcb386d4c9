// The worker thread that extracts articles (extract-in-worker.ts): a page
// that makes Readability or the HTML parser slow is stopped from outside.
import { parentPort } from 'node:worker_threads';
import { extractArticle } from './extract-article.js';

export interface ExtractRequest {
  id: number;
  html: string;
  url?: string;
}

parentPort?.on('message', (request: ExtractRequest) => {
  try {
    parentPort!.postMessage({ id: request.id, ok: true, result: extractArticle(request.html, request.url) ?? null });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, ok: false, message: (error as Error).message });
  }
});
