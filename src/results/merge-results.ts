import { sortDiagnostics } from '../diagnostics.js';
import type { VerifyResult } from '../types.js';
import { countTotals } from '../verdict/count-totals.js';
import type { VerdictDiff } from '../lock/diff-verdicts.js';
import { byId } from '../model/compare.js';

/** A verify result as `verify --format json` prints it, with the diff under --check. */
export type ResultFile = VerifyResult & { diff?: VerdictDiff };

/**
 * Combines the results of every shard of a sharded run into the result an
 * unsharded run gives: claims and changes sorted by id, problems deduplicated
 * and sorted, totals recounted. Refuses shards that do not fit together.
 */
export function mergeResults(files: readonly { name: string; result: ResultFile }[]): { merged: ResultFile } | { problem: string } {
  if (!files.length) return { problem: 'no results to merge' };
  const first = files[0]!.result;
  const count = first.shard?.count;
  if (count === undefined) return { problem: `${files[0]!.name} is not a shard's result (verify --shard i/n --format json)` };
  const seen = new Map<number, string>();
  for (const { name, result } of files) {
    if (!result.shard || result.shard.count !== count) return { problem: `${name} is not a shard of ${count}` };
    const other = seen.get(result.shard.index);
    if (other) return { problem: `${name} and ${other} are both shard ${result.shard.index}/${count}` };
    seen.set(result.shard.index, name);
    if (result.tool.version !== first.tool.version) return { problem: `${name} comes from factcheck ${result.tool.version}, not ${first.tool.version}` };
    if (JSON.stringify(result.scale) !== JSON.stringify(first.scale)) return { problem: `${name} has a different verdict scale` };
    if ((result.diff === undefined) !== (first.diff === undefined)) return { problem: `${name} ${result.diff ? 'has' : 'lacks'} a --check diff, unlike ${files[0]!.name}` };
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) return { problem: `shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} missing` };

  const claims = files.flatMap((f) => f.result.claims).sort(byId);
  for (let i = 1; i < claims.length; i++) if (claims[i]!.id === claims[i - 1]!.id) return { problem: `claim ${claims[i]!.id} is in two shards` };

  const unique = new Map(files.flatMap((f) => f.result.diagnostics).map((d) => [JSON.stringify([d.file, d.line, d.col, d.code, d.severity, d.message]), d]));
  const diagnostics = sortDiagnostics([...unique.values()]);
  const merged: ResultFile = { tool: first.tool, scale: first.scale, claims, totals: countTotals(first.scale, claims, diagnostics), diagnostics };
  if (first.diff) {
    const byId = <T extends { id: string } | string>(list: T[]) =>
      [...new Map(list.map((x) => [typeof x === 'string' ? x : x.id, x])).values()].sort((a, b) => {
        const [x, y] = [typeof a === 'string' ? a : a.id, typeof b === 'string' ? b : b.id];
        return x < y ? -1 : x > y ? 1 : 0;
      });
    merged.diff = {
      changed: byId(files.flatMap((f) => f.result.diff!.changed)),
      uncompared: byId(files.flatMap((f) => f.result.diff!.uncompared ?? [])),
      added: byId(files.flatMap((f) => f.result.diff!.added)),
      // Every shard sees the whole project, so each lists the same gone claims.
      removed: byId(files.flatMap((f) => f.result.diff!.removed)),
      unchanged: files.reduce((sum, f) => sum + f.result.diff!.unchanged, 0),
    };
  }
  return { merged };
}
