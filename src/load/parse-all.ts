import type { Diagnostic } from '../diagnostics.js';
import type { WithCache } from './load-project.js';
import type { ParsedFile } from './parse-yaml.js';
import { defaultWorkers, inThread, processFiles } from './parse-pool.js';
import { toParsedFile, type ProcessedFile } from './process-file.js';
import { releaseText, type FileStamp, type TextFile } from './read-files.js';
import { sha256 } from '../model/hash.js';
import type { ModelBuilder } from '../validate/build-model.js';
import { outlineOf } from '../validate/find-unloaded.js';
import { validateSchema } from '../validate/validate-schema.js';
import { append } from '../model/append.js';

/**
 * Every file parsed and schema-checked: from the cache when it has them, the
 * rest in worker threads when there is enough of it. Each goes to `take` in
 * the files' order as soon as it and those before it are in; a cached one is
 * read from the cache only then, so that its values die young too. A file's
 * text is let go as soon as its result is in.
 */
export async function parseAll(
  root: string,
  files: readonly TextFile[],
  options: WithCache,
  take: (index: number, processed: ProcessedFile) => void,
): Promise<{ inputs: Map<string, string>; stamps: Map<string, FileStamp> }> {
  const { cache, onProgress } = options;
  const fast = options.fastYaml !== false;
  const ready = new Array<ProcessedFile | undefined>(files.length);
  const hashes = files.map((text) => text.hash ?? sha256(text.text));
  const inputs = new Map(files.map((text, i) => [text.path, hashes[i]!]));
  const stamps = new Map(files.flatMap((text) => (text.stamp ? [[text.path, text.stamp] as const] : [])));
  const cached = files.map((text, i) => cache?.has(text.kind, hashes[i]!) ?? false);
  const misses = files.flatMap((_, i) => (cached[i] ? [] : [i]));
  // An entry that turns out unusable when read is parsed here, from the text already read, and
  // written again. The text goes only once the entry is in.
  const fromCache = (i: number) => {
    const file = files[i]!;
    let found = cache!.get(file.kind, hashes[i]!);
    if (!found) {
      const { processed, json } = inThread(file, fast);
      if (json !== undefined) cache!.set(file.kind, hashes[i]!, json);
      found = processed;
    }
    releaseText(root, file, hashes[i]!);
    return found;
  };
  let next = 0;
  const advance = () => {
    for (; next < files.length && (ready[next] || cached[next]); next++) {
      const processed = ready[next] ?? fromCache(next);
      ready[next] = undefined;
      take(next, processed);
    }
  };
  advance();
  // Each result goes to the cache's pack as it arrives, while the workers go on parsing.
  let done = files.length - misses.length;
  onProgress?.({ stage: 'parse', done, total: files.length });
  await processFiles(
    misses.map((i) => files[i]!),
    options.workers ?? defaultWorkers(),
    {
      fast,
      keep: false,
      onResult: (j, { processed, json }) => {
        const i = misses[j]!;
        if (cache && json !== undefined) cache.set(files[i]!.kind, hashes[i]!, json);
        releaseText(root, files[i]!, hashes[i]!);
        onProgress?.({ stage: 'parse', done: ++done, total: files.length });
        ready[i] = processed;
        advance();
      },
    },
  );
  if (next !== files.length) throw new Error(`no parse result for ${files[next]!.path}`);
  return { inputs, stamps };
}

/**
 * Takes in parsed files in the files' order: each usable one goes into the
 * model at once, then keeps only the outline of its value that findUnloaded
 * reads, so that the values of 100,000 records die young, while the workers
 * parse on, instead of living to the end of the load. Rules files their
 * schema kept out are kept whole (still read for their other problems).
 */
export function fileIntake(builder: ModelBuilder) {
  const parsed = new Map<string, ParsedFile>();
  const brokenRules: ParsedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const take = (file: ParsedFile, problems: readonly Diagnostic[], usable: boolean, skip: ReadonlySet<number>) => {
    parsed.set(file.path, file);
    append(diagnostics, problems);
    if (usable) builder.add({ file, skip });
    else if (file.kind === 'rules') brokenRules.push(file);
  };
  return {
    parsed,
    brokenRules,
    diagnostics,
    own(text: TextFile, processed: ProcessedFile) {
      const { file, diagnostics: problems } = toParsedFile(text, processed);
      const usable = file.value !== undefined && !processed.fileInvalid;
      take(file, problems, usable, new Set(processed.invalidItems));
      if (usable) file.value = outlineOf(file.kind, file.value);
    },
    extra(file: ParsedFile) {
      const check = validateSchema(file);
      take(file, check.diagnostics, !check.fileInvalid, check.invalidItems);
    },
  };
}
