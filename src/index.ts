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
// Archiving: what factcheck archive and lint --live are made of.
export { captureArticle, articleOf, type CapturedArticle, type Captured, type CaptureOptions } from './archive/capture-article.js';
export { DEFAULT_LIMITS, type Capture, type CaptureLimits } from './archive/capture.js';
export { fetchPage } from './archive/fetch-page.js';
export { extractArticle, EXTRACTOR, type ExtractedArticle } from './archive/extract-article.js';
export { readMetadata, type PageMetadata, type Stated } from './archive/page-metadata.js';
export { archiveFiles, type ArchiveFile } from './archive/archive-files.js';
export { proposeSource, type Proposal } from './archive/propose-source.js';
export { addRevision } from './archive/add-revision.js';
export { reanchorQuotes, stillAnchors, FUZZY_THRESHOLD, type QuoteToFind, type Reanchored } from './archive/reanchor-quotes.js';
export { diffLines, formatDiff, type DiffLine } from './archive/diff-lines.js';
export { checkArchivedFiles } from './archive/check-archived-files.js';
export { checkLiveSources } from './archive/check-live-sources.js';
export { ARCHIVE_PROBLEMS, type ArchiveProblem, type ArchiveProblemCode } from './archive/archive-problem.js';
