import { countChanges, type Blocker, type Cause, type Uncompared, type VerdictChange, type VerdictDiff } from '../../lock/diff-verdicts.js';
import { ratingLabel } from '../../results/verify-report.js';
import type { VerifyResult } from '../../types.js';

/** Words shared by the diff formatters: "Half true → False". */
export function ratingChange(result: VerifyResult, change: VerdictChange): string {
  const before = ratingLabel(result, change.before.rating);
  const after = ratingLabel(result, change.after.rating);
  return before === after ? `${after} (unchanged)` : `${before} → ${after}`;
}

export function ruleChange(change: VerdictChange): string {
  const name = (v: VerdictChange['before']) => `${v.ruleset}/${v.rule ?? '(none fired)'}`;
  return name(change.before) === name(change.after) ? `${name(change.after)} (unchanged)` : `${name(change.before)} → ${name(change.after)}`;
}

/** "gained a, b; lost c", or empty when the citations are the same. */
export function citationChange(change: VerdictChange): string {
  const { gained, lost } = change.citations;
  return [gained.length ? `gained ${gained.join(', ')}` : '', lost.length ? `lost ${lost.join(', ')}` : ''].filter(Boolean).join('; ');
}

/** "Verdict changed" when the rating or rule moved; "Trail changed" when only the citations did. */
export function changeTitle(change: VerdictChange): string {
  return change.kind === 'verdict' ? 'Verdict changed' : 'Trail changed';
}

/**
 * Everything that changed, in one sentence: a verdict change leads with the
 * rating and rule, a trail change with the citations, and each names all three.
 */
export function describeChange(result: VerifyResult, change: VerdictChange): string {
  const citations = citationChange(change);
  if (change.kind === 'trail') {
    return `citations ${citations}; rating ${ratingLabel(result, change.after.rating)} and rule ${change.after.ruleset}/${change.after.rule ?? '(none fired)'} unchanged`;
  }
  return `rating ${ratingChange(result, change)}; rule ${ruleChange(change)}${citations ? `; citations ${citations}` : ''}`;
}

/** "evidence record july-2017 added (new)". */
export function describeCause(cause: Cause): string {
  return `${cause.kind} ${cause.name} ${cause.change}${cause.detail ? ` (${cause.detail})` : ''}`;
}

/** One line saying why, for places with room for a sentence. */
export function causeSummary(change: VerdictChange): string {
  if (!change.causes.length) return 'inputs unchanged: the tool or its rules of reading changed';
  return change.causes.map(describeCause).join('; ');
}

/** "evidence record x did not load: evidence/a.yaml:3:5 quote/not-found quote not found in …". */
export function describeBlocker(blocker: Blocker): string {
  const p = blocker.problem;
  return `${blocker.input} did not load: ${p.file}:${p.line}:${p.col} ${p.code} ${p.message}`;
}

/** Why a recorded verdict could not be compared, in one sentence. */
export function uncomparedSummary(item: Uncompared): string {
  return `not compared with its recorded verdict while the input has errors: ${item.because.map(describeBlocker).join('; ')}`;
}

/** "1 verdict change, 2 trail changes, 0 new, 0 gone, 1 not compared, 8 unchanged": verdict changes first, as they change what is published. */
export function diffCounts(diff: VerdictDiff): string {
  const { verdicts, trails } = countChanges(diff);
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  return [
    n(verdicts, 'verdict change'),
    n(trails, 'trail change'),
    `${diff.added.length} new`,
    `${diff.removed.length} gone`,
    ...(diff.uncompared.length ? [`${diff.uncompared.length} not compared`] : []),
    `${diff.unchanged} unchanged`,
  ].join(', ');
}

/** What to do next: record the changes, or first fix what kept verdicts from being compared. */
export function nextStep(result: VerifyResult, diff: VerdictDiff): string | undefined {
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  if (errors) return 'Fix the errors first: verdicts are not recorded while the input has errors.';
  if (diff.changed.length || diff.added.length || diff.removed.length) return 'Run factcheck verify --update to record the current verdicts.';
  return undefined;
}
