import { exitCodeFor, type ExitCode } from '../exit-codes.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { loadProject, VERSION, verifyProject, type LoadOptions } from '../pipeline.js';
import type { ClaimResult, LoadResult } from '../types.js';
import { checkLabels, type CheckedSet } from './check-labels.js';
import { loadEvalSets } from './load-eval-sets.js';
import { scoreEval, type EvalReport } from './score-eval.js';

export interface EvalOptions extends Pick<LoadOptions, 'cache' | 'workers'> {
  /** Project paths of evaluation files or folders to run; all of eval/ by default. */
  only?: readonly string[];
}

export interface LoadedWithSets {
  loaded: LoadResult;
  sets: CheckedSet[];
  /** The ids of every labelled claim, scorable or not. */
  labelled: string[];
  /** Problems in the evaluation files, and the project's errors. */
  diagnostics: Diagnostic[];
}

/**
 * Loads the project with the evaluation sets' claims, entities and sources,
 * positioned in the sets' files, and checks the labels against it. The sets'
 * claims exist only in this load: they never reach verify, reports or the lock.
 */
export async function loadWithEvalSets(root: string, options: EvalOptions = {}): Promise<LoadedWithSets> {
  const sets = await loadEvalSets(root, options.only);
  const loaded = await loadProject(root, { ...options, extra: sets.corpus });
  const labelled = sets.sets.flatMap((s) => s.labels.map((l) => l.claim));
  // The project's own warnings (contradictions in its evidence) are verify's and lint's business.
  const own = (d: Diagnostic) => d.severity === 'error' || d.file.startsWith('eval/');
  const diagnostics = [...sets.diagnostics, ...loaded.diagnostics.filter(own)];
  if (!loaded.project) return { loaded, sets: [], labelled, diagnostics };
  const checked = checkLabels(sets.sets, loaded.project);
  return { loaded, sets: checked.sets, labelled, diagnostics: [...diagnostics, ...checked.diagnostics] };
}

/** Verifies the labelled claims, and only those, and scores each verdict against its label. */
export async function evaluateSets(root: string, options: EvalOptions = {}): Promise<EvalReport> {
  const { loaded, sets, labelled, diagnostics } = await loadWithEvalSets(root, options);
  const tool = { name: 'factcheck', version: VERSION } as const;
  const ids = new Set(sets.flatMap((s) => s.labels.map((l) => l.claim)));
  const verified = loaded.project ? await verifyProject(loaded.project, { select: (c) => ids.has(c.id) }) : { claims: [], diagnostics: [] };
  const results = new Map<string, ClaimResult>(verified.claims.map((c) => [c.id, c]));
  const all = sortDiagnostics([...diagnostics, ...verified.diagnostics]);
  return scoreEval(sets, results, loaded.project?.config.scale ?? [], { tool, labelled, diagnostics: all });
}

/** 2 for invalid input; 1 for a false confirmation or a set under its min_score; else 0. */
export function evalExitCode(report: EvalReport): ExitCode {
  return exitCodeFor({ diagnostics: report.diagnostics, differs: report.totals.false_confirmations.length > 0 || report.sets.some((s) => s.met === false) });
}
