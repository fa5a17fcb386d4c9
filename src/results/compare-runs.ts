import { decisiveCitations } from '../lock/lock-file.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ClaimResult, LoadResult, VerifyResult } from '../types.js';
import { sameVerdict } from '../lock/diff-verdicts.js';

/** What changed between two runs, for `factcheck watch`. */
export interface RunChanges {
  changed: { before: ClaimResult; after: ClaimResult }[];
  added: ClaimResult[];
  /** Claims no longer in the project. */
  removed: string[];
  /** Claims still written in the project that fail to load now (a schema error, a broken reference, a misquote): not gone. */
  failing: string[];
  /** Problems this run has that the last one did not. */
  newProblems: Diagnostic[];
  /** How many of the last run's problems are gone. */
  fixed: number;
}

/**
 * Verdicts compare by rating, deciding rule and citations, as recorded
 * verdicts do. A claim of the last run missing from this one is failing when
 * `fails` says it is still there but did not load, and gone otherwise.
 */
export function compareRuns(before: VerifyResult, after: VerifyResult, fails: (claim: ClaimResult) => boolean = () => false): RunChanges {
  const old = new Map(before.claims.map((c) => [c.id, c]));
  const now = new Map(after.claims.map((c) => [c.id, c]));
  const verdict = (c: ClaimResult) => ({ rating: c.rating, ruleset: c.ruleset, rule: c.rule, citations: decisiveCitations(c) });
  const problem = (d: Diagnostic) => JSON.stringify([d.file, d.line, d.col, d.code, d.message]);
  const oldProblems = new Set(before.diagnostics.map(problem));
  const newProblems = after.diagnostics.filter((d) => !oldProblems.has(problem(d)));
  const stillThere = new Set(after.diagnostics.map(problem));
  const missing = before.claims.filter((c) => !now.has(c.id));
  return {
    changed: after.claims.filter((c) => old.has(c.id) && !sameVerdict(verdict(old.get(c.id)!), verdict(c))).map((c) => ({ before: old.get(c.id)!, after: c })),
    added: after.claims.filter((c) => !old.has(c.id)),
    removed: missing.filter((c) => !fails(c)).map((c) => c.id),
    failing: missing.filter(fails).map((c) => c.id),
    newProblems,
    fixed: [...oldProblems].filter((p) => !stillThere.has(p)).length,
  };
}

export function hasChanges(changes: RunChanges): boolean {
  return changes.changed.length + changes.added.length + changes.removed.length + changes.failing.length + changes.newProblems.length + changes.fixed > 0;
}

/**
 * Which claims of a load are written in the project but did not load: those
 * with an error of their own, those of a claims file that could not be read,
 * and every claim when the project as a whole did not load (a broken config).
 */
export function failsToLoad(loaded: Pick<LoadResult, 'project'>): (claim: Pick<ClaimResult, 'id' | 'file'>) => boolean {
  const project = loaded.project;
  if (!project) return () => true;
  const unloaded = project.unloaded?.();
  if (!unloaded) return () => false;
  const unreadable = new Set(unloaded.files.filter((f) => f.kind === 'claim').map((f) => f.problem.file));
  return (claim) => unloaded.items.has(`claim:${claim.id}`) || unreadable.has(claim.file);
}
