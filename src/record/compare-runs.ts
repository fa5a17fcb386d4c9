import { decisiveCitations } from './lock-file.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ClaimResult, VerifyResult } from '../types.js';
import { sameVerdict } from './diff-verdicts.js';

/** What changed between two runs, for `factcheck watch`. */
export interface RunChanges {
  changed: { before: ClaimResult; after: ClaimResult }[];
  added: ClaimResult[];
  removed: string[];
  /** Problems this run has that the last one did not. */
  newProblems: Diagnostic[];
  /** How many of the last run's problems are gone. */
  fixed: number;
}

/** Verdicts compare by rating, deciding rule and citations, as recorded verdicts do. */
export function compareRuns(before: VerifyResult, after: VerifyResult): RunChanges {
  const old = new Map(before.claims.map((c) => [c.id, c]));
  const now = new Map(after.claims.map((c) => [c.id, c]));
  const verdict = (c: ClaimResult) => ({ rating: c.rating, ruleset: c.ruleset, rule: c.rule, citations: decisiveCitations(c) });
  const problem = (d: Diagnostic) => JSON.stringify([d.file, d.line, d.col, d.code, d.message]);
  const oldProblems = new Set(before.diagnostics.map(problem));
  const newProblems = after.diagnostics.filter((d) => !oldProblems.has(problem(d)));
  const stillThere = new Set(after.diagnostics.map(problem));
  return {
    changed: after.claims.filter((c) => old.has(c.id) && !sameVerdict(verdict(old.get(c.id)!), verdict(c))).map((c) => ({ before: old.get(c.id)!, after: c })),
    added: after.claims.filter((c) => !old.has(c.id)),
    removed: before.claims.filter((c) => !now.has(c.id)).map((c) => c.id),
    newProblems,
    fixed: [...oldProblems].filter((p) => !stillThere.has(p)).length,
  };
}

export function hasChanges(changes: RunChanges): boolean {
  return changes.changed.length + changes.added.length + changes.removed.length + changes.newProblems.length + changes.fixed > 0;
}
