import type { VerifyResult } from '../types.js';
import { exitCodeFor, type ExitCode } from '../exit-codes.js';
import { diffDiffers, type VerdictDiff } from '../lock/diff-verdicts.js';

/** What the verify formatters print: the result, and with --check the comparison with the recorded verdicts. */
export interface VerifyReport {
  result: VerifyResult;
  check?: {
    /** Project-relative path of the lock file. */
    lockFile: string;
    diff: VerdictDiff;
    /** Line of each recorded claim's entry in the lock file, for annotating claims that are gone. */
    lockLines: Record<string, number>;
  };
}

/** 2 for invalid input, else 1 when a recorded verdict differs, else 0. */
export function reportExitCode(report: VerifyReport): ExitCode {
  const diff = report.check?.diff;
  return exitCodeFor({ diagnostics: report.result.diagnostics, differs: Boolean(diff && diffDiffers(diff)) });
}

/** A rating id as readers see it. */
export function ratingLabel(result: VerifyResult, id: string): string {
  return result.scale.find((r) => r.id === id)?.label ?? id;
}
