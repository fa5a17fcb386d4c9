/**
 * The library API, `import { verify } from 'factcheck'`: the functions the CLI
 * is a thin layer over, its formatters and the types of their results.
 * Re-exports only.
 */
export {
  loadProject,
  verifyProject,
  verify,
  runVerify,
  verifyWithCache,
  recordVerdicts,
  checkRecorded,
  staleClaims,
  claimsChangedSince,
  readLock,
  testRules,
  portableRuleTests,
  assembleResult,
  exitCodeOf,
  ruleInputs,
  VERSION,
} from './pipeline.js';
export type { LoadOptions, VerifyOptions, ProjectVerification, RecordedVerdicts, CachedVerifyOptions, CachedVerification, RuleTestRun, RunOptions, VerifyRun, LockRead } from './pipeline.js';
export { EXIT, exitCodeFor, type ExitCode } from './exit-codes.js';
export { createRunner } from './rules/run-rules.js';
// What checkRecorded compares with: the lock file, read and written as verify --check and --update do.
export { LOCK_FILE, parseLock, serializeLock, updateLock } from './lock/lock-file.js';
export type { Lock, LockEntry } from './lock/lock-file.js';
export { diffExitCode } from './lock/diff-verdicts.js';
export type { VerdictDiff, VerdictChange, Uncompared, Cause } from './lock/diff-verdicts.js';
export { reportExitCode } from './results/verify-report.js';
export type { VerifyReport } from './results/verify-report.js';
export type { Shard } from './results/shard.js';
export { main } from './cli/main.js';
export type { CliIO } from './cli/io.js';
export { FACTS } from './facts/catalogue.js';
export { OPERATORS } from './rules/operators.js';
export { DIAGNOSTIC_CODES } from './diagnostics.js';
export type { Diagnostic, DiagnosticCode, Position, Severity } from './diagnostics.js';
export * from './report/formatters/index.js';
export { formatHtml, type ReportContext } from './report/formatters/html-report.js';
export { claimReviews, formatClaimReview, type ClaimReviewContext } from './report/formatters/claimreview.js';
export type * from './types.js';
