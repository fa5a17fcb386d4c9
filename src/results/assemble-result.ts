import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { type Shard } from './shard.js';
import type { ClaimResult, Project, VerifyResult } from '../types.js';
import { countTotals } from '../verdict/count-totals.js';
import { VERSION } from '../version.js';

/** The result of a run, as every output shows it: the tool, the scale, the claims sorted, the totals and the problems. */
export function assembleResult(project: Project | undefined, claims: ClaimResult[], diagnostics: Diagnostic[], shard?: Shard): VerifyResult;
/** The same, with only what the totals read of each claim: for a view that shows claims' summaries alone (kept-view.ts). */
export function assembleResult<C extends Pick<ClaimResult, 'rating'>>(project: Project | undefined, claims: C[], diagnostics: Diagnostic[], shard?: Shard): Omit<VerifyResult, 'claims'> & { claims: C[] };
export function assembleResult<C extends Pick<ClaimResult, 'rating'>>(project: Project | undefined, claims: C[], diagnostics: Diagnostic[], shard?: Shard): Omit<VerifyResult, 'claims'> & { claims: C[] } {
  const scale = project?.config.scale ?? [];
  const sorted = sortDiagnostics(diagnostics);
  return {
    tool: { name: 'factcheck', version: VERSION },
    scale: scale.map((r) => ({ id: r.id, label: r.label, color: r.color })),
    claims,
    totals: countTotals(scale, claims, sorted),
    diagnostics: sorted,
    ...(shard ? { shard } : {}),
  };
}

