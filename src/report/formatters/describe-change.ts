import type { Cause, VerdictChange } from '../../record/diff-verdicts.js';
import { ratingLabel } from '../../record/verify-report.js';
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

/** "evidence record july-2017 added (new)". */
export function describeCause(cause: Cause): string {
  return `${cause.kind} ${cause.name} ${cause.change}${cause.detail ? ` (${cause.detail})` : ''}`;
}

/** One line saying why, for places with room for a sentence. */
export function causeSummary(change: VerdictChange): string {
  if (!change.causes.length) return 'inputs unchanged: the tool or its rules of reading changed';
  return change.causes.map(describeCause).join('; ');
}
