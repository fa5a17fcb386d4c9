import type { WithCache } from './load-project.js';
import { fileIntake, parseAll } from './parse-all.js';
import { readProjectFiles } from './read-files.js';
import { createModelBuilder, type Model } from '../validate/build-model.js';

/**
 * The typed model of the files `loadOnly` accepts, parsed (through the
 * cache) and built, but not checked: no references, dates by other records,
 * snapshots or anchors, and no diagnostics. Only good for a guess: a partial
 * run guesses what its first round must read from it (cache/partial-run.ts),
 * and the round's own load checks everything.
 */
export async function buildOnly(root: string, options: WithCache & Required<Pick<WithCache, 'loadOnly'>>): Promise<Model> {
  const read = await readProjectFiles(root, options.unchanged, options.loadOnly, options.listing);
  const builder = createModelBuilder();
  const files = fileIntake(builder);
  await parseAll(root, read.files, options, (i, processed) => files.own(read.files[i]!, processed));
  return builder.finish().model;
}
