import { parentPort } from 'node:worker_threads';
import { processedJson, processFile } from './process-file.js';
import type { TextFile } from './read-files.js';

/** A worker thread of the parse pool: parses and schema-checks the batches it is sent. */
export interface ParseRequest {
  batch: number;
  files: TextFile[];
  /** Whether plain data may take the fast path. */
  fast: boolean;
}

/** Each file's result as JSON, which is cheaper to pass back and parse than a structured clone, or as is when JSON would change it. */
export type ParseReply = { batch: number; results: ({ json: string } | { processed: ReturnType<typeof processFile> })[] };

parentPort?.on('message', (request: ParseRequest) => {
  const results = request.files.map((file) => {
    const processed = processFile(file, request.fast);
    const json = processedJson(processed);
    return json === undefined ? { processed } : { json };
  });
  parentPort!.postMessage({ batch: request.batch, results } satisfies ParseReply);
});
