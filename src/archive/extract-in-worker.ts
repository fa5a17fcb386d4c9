import type { Worker } from 'node:worker_threads';
import { startWorker, workerUrl } from '../load/start-worker.js';
import type { ExtractedArticle } from './extract-article.js';
import type { ExtractRequest } from './extract-worker.js';

export type Extraction = { ok: true; result: ExtractedArticle | { tooDeep: number } | undefined } | { ok: false; reason: 'timeout' | 'failed'; message: string };

type Reply = { id: number; ok: true; result: ExtractedArticle | { tooDeep: number } | null } | { id: number; ok: false; message: string };

/** Memory one extraction may take: many times what a 10 MiB page needs, far below what would hurt the machine. */
const MAX_HEAP_MB = 1024;

interface Running {
  worker: Worker;
  waiting: Map<number, (reply: Reply) => void>;
}

/** The worker, started on first use and kept for the next page (lint --live reads many); it never keeps the process alive. */
let current: Running | undefined;
let nextId = 0;

function worker(): Running {
  if (current) return current;
  const started: Running = { worker: startWorker(workerUrl(import.meta.url, 'extract-worker'), { resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB } }), waiting: new Map() };
  const fail = (message: string) => {
    if (current === started) current = undefined;
    for (const [id, settle] of started.waiting) settle({ id, ok: false, message });
    started.waiting.clear();
  };
  started.worker.on('message', (reply: Reply) => {
    started.waiting.get(reply.id)?.(reply);
    started.waiting.delete(reply.id);
  });
  started.worker.on('error', (error: Error) => fail(error.message));
  started.worker.on('exit', (code: number) => fail(`the extraction stopped (exit ${code})`));
  started.worker.unref();
  current = started;
  return started;
}

/**
 * extractArticle in a worker thread, stopped after `timeoutMs`: Readability
 * and the HTML parser slow down far faster than a page grows (40 KB of
 * "a<br>" takes Readability over a minute), so no page, however small, is
 * read where it could hold the command.
 */
export function extractInWorker(html: string, url: string | undefined, timeoutMs: number): Promise<Extraction> {
  return new Promise((resolve) => {
    const w = worker();
    const id = nextId++;
    const timer = setTimeout(() => {
      w.waiting.delete(id);
      // Stopped mid-page, the worker is of no more use: the next page starts another.
      if (current === w) current = undefined;
      void w.worker.terminate();
      resolve({ ok: false, reason: 'timeout', message: `reading the article out of the page took over ${timeoutMs / 1000} s` });
    }, timeoutMs);
    w.waiting.set(id, (reply) => {
      clearTimeout(timer);
      resolve(reply.ok ? { ok: true, result: reply.result ?? undefined } : { ok: false, reason: 'failed', message: reply.message });
    });
    w.worker.postMessage({ id, html, ...(url ? { url } : {}) } satisfies ExtractRequest);
  });
}
