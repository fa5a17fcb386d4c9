import { startWorker, workerUrl } from '../load/start-worker.js';
import type { ExtractedArticle } from './extract-article.js';
import type { ExtractRequest } from './extract-worker.js';

export type Extraction = { ok: true; result: ExtractedArticle | { tooDeep: number } | undefined } | { ok: false; reason: 'timeout' | 'failed'; message: string };

/** Memory one extraction may take: many times what a 10 MiB page needs, far below what would hurt the machine. */
const MAX_HEAP_MB = 1024;

/**
 * extractArticle in a worker thread, stopped after `timeoutMs`: Readability
 * and the HTML parser slow down much faster than a page grows (0.5 MB of
 * bare paragraphs takes Readability 16 s), so a hostile or odd page must not
 * hold the command for hours.
 */
export function extractInWorker(html: string, url: string | undefined, timeoutMs: number): Promise<Extraction> {
  return new Promise((resolve) => {
    const worker = startWorker(workerUrl(import.meta.url, 'extract-worker'), { resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB } });
    let settled = false;
    const settle = (outcome: Extraction) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: 'timeout', message: `extracting the article took over ${timeoutMs / 1000} s` }), timeoutMs);
    worker.on('message', (reply: { ok: true; result: ExtractedArticle | { tooDeep: number } | null } | { ok: false; message: string }) =>
      settle(reply.ok ? { ok: true, result: reply.result ?? undefined } : { ok: false, reason: 'failed', message: reply.message }),
    );
    worker.on('error', (error) => settle({ ok: false, reason: 'failed', message: error.message }));
    worker.on('exit', (code) => settle({ ok: false, reason: 'failed', message: `the extraction stopped (exit ${code})` }));
    worker.postMessage({ html, ...(url ? { url } : {}) } satisfies ExtractRequest);
  });
}
