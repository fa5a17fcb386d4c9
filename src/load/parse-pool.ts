import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { MAX_WORKERS } from './layout.js';
import type { ParseReply, ParseRequest } from './parse-worker.js';
import { isProcessedFile, processedJson, processFile, type ProcessedFile } from './process-file.js';
import type { TextFile } from './read-files.js';
import { startWorker, workerUrl } from './start-worker.js';

/** One file's result, with its JSON when it has one (for the cache). */
export interface Processed {
  processed: ProcessedFile;
  json: string | undefined;
}

/** Below this much YAML, starting threads costs more than it saves. */
export const WORKER_MIN_BYTES = 1024 * 1024;
/** Files per message: enough to make messaging cheap, few enough to keep both threads busy to the end. */
const BATCH_BYTES = 256 * 1024;

/** Worker threads to parse with by default: one per core, as the main thread mostly waits. */
export function defaultWorkers(): number {
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, MAX_WORKERS) : 0;
}

/**
 * Parses and schema-checks files, in worker threads when there are enough
 * bytes to be worth it, else in this thread. Results come back in the files'
 * order. A worker that fails leaves its batch to this thread: the result is
 * the same, only slower. Each result's JSON goes to `onResult` alone, not
 * held to the end: tens of megabytes at scale. With `keep: false` the results
 * themselves go to `onResult` alone too.
 */
export async function processFiles(
  files: readonly TextFile[],
  workers: number,
  options: {
    /** Called with each result as it arrives, so that the caller can use the wait (to write it to the cache). */
    onResult?: (index: number, result: Processed) => void;
    /** false: results are not held to be returned (an empty array is), so each can go once onResult is done with it. */
    keep?: boolean;
    /** For tests: a lower threshold, smaller batches, another worker module, and counts of who did the work. */
    minBytes?: number;
    batchBytes?: number;
    workerUrl?: URL;
    stats?: { workerBatches: number; threadBatches: number };
    /** false: every file by the full parse, never the fast path (to prove the two give the same). */
    fast?: boolean;
  } = {},
): Promise<ProcessedFile[]> {
  const bytes = files.reduce((sum, f) => sum + f.text.length, 0);
  if (workers < 1 || files.length < 2 || bytes < (options.minBytes ?? WORKER_MIN_BYTES)) {
    return files.flatMap((file, i) => {
      const result = inThread(file, options.fast);
      options.onResult?.(i, result);
      return options.keep === false ? [] : [result.processed];
    });
  }

  const batches: { start: number; files: TextFile[] }[] = [];
  let current: TextFile[] = [];
  let size = 0;
  files.forEach((file, i) => {
    current.push(file);
    size += file.text.length;
    if (size >= (options.batchBytes ?? BATCH_BYTES) || i === files.length - 1) {
      batches.push({ start: i + 1 - current.length, files: current });
      current = [];
      size = 0;
    }
  });

  const out = new Array<ProcessedFile>(options.keep === false ? 0 : files.length);
  let next = 0;
  // Once taking a result has failed, the run has failed: no worker goes on, and nothing more is taken.
  let stopped = false;
  const take = (batch: number, results: Processed[]) => {
    results.forEach((r, j) => {
      const index = batches[batch]!.start + j;
      if (options.keep !== false) out[index] = r.processed;
      options.onResult?.(index, r);
    });
  };
  const run = () =>
    new Promise<void>((resolve, reject) => {
      let settled = false;
      let pending: number | undefined;
      const settle = () => {
        settled = true;
        resolve();
      };
      // Whatever this worker had not finished is done here; the other workers carry on. It runs
      // from worker events: an error here must reject the run, never escape as an uncaught one.
      const fallBack = () => {
        if (settled) return;
        if (stopped) return settle();
        try {
          const here = (i: number) => {
            take(i, batches[i]!.files.map((file) => inThread(file, options.fast)));
            if (options.stats) options.stats.threadBatches++;
          };
          if (pending !== undefined) here(pending);
          pending = undefined;
          while (next < batches.length) here(next++);
          settle();
        } catch (error) {
          settled = stopped = true;
          reject(error);
        }
      };
      let worker: Worker;
      try {
        worker = startWorker(options.workerUrl ?? workerUrl(import.meta.url, 'parse-worker'));
      } catch {
        return fallBack();
      }
      const feed = () => {
        if (stopped || next >= batches.length) {
          settle();
          release(worker);
          return;
        }
        pending = next++;
        worker.postMessage({ batch: pending, files: batches[pending]!.files, fast: options.fast !== false } satisfies ParseRequest);
      };
      worker.on('message', (reply: unknown) => {
        if (stopped) {
          settle();
          release(worker);
          return;
        }
        // A reply that is not the answer to the batch sent is a failed worker: its batch is redone here.
        const results = pending === undefined ? undefined : readReply(reply, pending, batches[pending]!.files.length);
        if (!results) {
          void worker.terminate();
          return fallBack();
        }
        if (options.stats) options.stats.workerBatches++;
        const done = pending!;
        // The next batch first: the worker parses while this thread takes in the last one.
        pending = undefined;
        feed();
        try {
          take(done, results);
        } catch (error) {
          settled = stopped = true;
          release(worker);
          reject(error);
        }
      });
      worker.once('error', fallBack);
      worker.once('exit', fallBack);
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(workers, MAX_WORKERS, batches.length) }, run));
  return out;
}

/** The results of a well-formed reply to `batch`, or undefined. */
function readReply(reply: unknown, batch: number, count: number): Processed[] | undefined {
  const r = reply as Partial<ParseReply> | null;
  if (typeof r !== 'object' || r === null || r.batch !== batch || !Array.isArray(r.results) || r.results.length !== count) return undefined;
  try {
    return r.results.map((item) => {
      if ('json' in item && typeof item.json === 'string') return { processed: checked(JSON.parse(item.json)), json: item.json };
      if ('processed' in item) return { processed: checked(item.processed), json: undefined };
      throw new Error('neither json nor processed');
    });
  } catch {
    return undefined;
  }
}

function checked(value: unknown): ProcessedFile {
  if (!isProcessedFile(value)) throw new Error('not a parse result');
  return value;
}

/**
 * Stops a worker that is done and lets go of its listeners: a terminated
 * worker is held until it exits, and its listeners with it, and they hold
 * every result of the run (all the JSON text the workers sent).
 */
function release(worker: Worker): void {
  worker.removeAllListeners();
  // An error after the end is of no interest, but an 'error' with no listener would throw.
  worker.on('error', () => {});
  void worker.terminate();
}

/** One file parsed and schema-checked in this thread, with its JSON for the cache. */
export function inThread(file: TextFile, fast = true): Processed {
  const processed = processFile(file, fast);
  return { processed, json: processedJson(processed) };
}
