import { hasErrors, type Diagnostic } from './diagnostics.js';

/**
 * Every exit code factcheck gives, in one table, as the README documents
 * them: CI reads these.
 */
export const EXIT = {
  /** Everything verified (warnings allowed) and, when compared, as recorded. */
  ok: 0,
  /** A difference found: a verdict unlike the recorded one, a failed rule test, a false confirmation. */
  changed: 1,
  /** Invalid input or bad usage: a run that could not be trusted. */
  invalid: 2,
  /** A bug in factcheck. */
  internal: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of a run, from its data: errors in the input outrank any difference it found. */
export function exitCodeFor(run: { diagnostics: readonly Diagnostic[]; differs?: boolean }): ExitCode {
  if (hasErrors(run.diagnostics)) return EXIT.invalid;
  return run.differs ? EXIT.changed : EXIT.ok;
}

/** 0 when everything verified, 2 for invalid input. */
export function exitCodeOf(diagnostics: readonly Diagnostic[]): 0 | 2 {
  return hasErrors(diagnostics) ? EXIT.invalid : EXIT.ok;
}
