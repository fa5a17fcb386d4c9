import type { Diagnostic } from '../diagnostics.js';
import { assembleResult } from '../results/assemble-result.js';
import type { Project } from '../types.js';
import type { FileCache } from './file-cache.js';
import { readView, type RowClaim, type ViewOption } from './kept-view.js';
import { entryDiagnostics, keptEntry, summaryOf, type ManifestTable } from './manifest-table.js';
import { patchedView } from './patched-view.js';
import type { FreshClaim } from './result-store.js';

/**
 * The run's view made from the view the manifest's run kept, when it was
 * kept with its rows for this key (patched-view.ts): each claim's summary and
 * own problems, as verified now or as kept, and no result of 10,000 claims
 * made to be shown. Undefined when the kept rows cannot be built on.
 */
export function viewFromKept(
  view: ViewOption,
  cache: FileCache,
  tableHash: string,
  table: ManifestTable,
  project: Project,
  ids: readonly string[],
  fresh: (id: string) => FreshClaim | undefined,
  load: readonly Diagnostic[],
): Buffer | undefined {
  const kept = readView(cache, tableHash, view.key);
  const rows = kept?.rows();
  if (!kept || !rows) return undefined;
  const claims: RowClaim[] = [];
  const own: Diagnostic[] = [...load];
  const moved = new Set<number>();
  ids.forEach((id, i) => {
    const now = fresh(id);
    if (now) {
      moved.add(i);
      claims.push(now.result);
      own.push(...now.diagnostics);
      return;
    }
    const entry = keptEntry(table, id)!;
    claims.push(summaryOf(entry));
    own.push(...entryDiagnostics(entry));
  });
  return patchedView(view.rows!, { bytes: kept.bytes, rows }, assembleResult(project, claims, own), moved);
}
