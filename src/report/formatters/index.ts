import type { EvalReport } from '../../eval/score-eval.js';
import type { VerifyReport } from '../../results/verify-report.js';
import type { RuleTestRun } from '../../rule-tests/test-rules.js';
import type { ClaimResult } from '../../types.js';
import { formatClaimReview } from './claimreview.js';
import { formatEvalJson } from './eval-json.js';
import { formatEvalJunit } from './eval-junit.js';
import { formatEvalMarkdown } from './eval-markdown.js';
import { formatEvalText } from './eval-text.js';
import { formatExplainJson } from './explain-json.js';
import { formatExplainText } from './explain-text.js';
import type { FormatContext, Formatter } from './format-context.js';
import { formatGithub } from './github-annotations.js';
import { formatHtml } from './html-report.js';
import { formatJunit } from './junit-xml.js';
import { formatMarkdown } from './markdown.js';
import { formatRuleTestsJson } from './rule-tests-json.js';
import { formatRuleTestsJunit } from './rule-tests-junit.js';
import { formatRuleTestsText } from './rule-tests-text.js';
import { formatSarif } from './sarif.js';
import { formatVerifyJson, verifyJsonChunks } from './verify-json.js';
import { formatVerifyText } from './verify-table.js';
import type { VerifyFormat } from './verify-format-names.js';

/**
 * Every output format, by command: the keys are the `--format` values, and
 * every formatter has one signature, (input, ctx) => text.
 */
export const VERIFY_FORMATS = {
  text: formatVerifyText,
  json: formatVerifyJson,
  junit: formatJunit,
  github: formatGithub,
  sarif: formatSarif,
  md: formatMarkdown,
} as const satisfies Record<VerifyFormat, Formatter<VerifyReport>>;
/** Formats whose text also comes in pieces, the same bytes joined: too large at scale to make whole. */
export const VERIFY_CHUNKS = { json: verifyJsonChunks } as const satisfies Partial<Record<VerifyFormat, (input: VerifyReport, ctx: FormatContext) => Iterable<string>>>;
export const REPORT_FORMATS = { html: formatHtml, md: formatMarkdown, claimreview: formatClaimReview } as const satisfies Record<string, Formatter<VerifyReport>>;
export const EXPLAIN_FORMATS = { text: formatExplainText, json: formatExplainJson } as const satisfies Record<string, Formatter<ClaimResult>>;
export const TEST_FORMATS = { text: formatRuleTestsText, json: formatRuleTestsJson, junit: formatRuleTestsJunit } as const satisfies Record<string, Formatter<RuleTestRun>>;
export const EVAL_FORMATS = { text: formatEvalText, json: formatEvalJson, junit: formatEvalJunit, md: formatEvalMarkdown } as const satisfies Record<string, Formatter<EvalReport>>;

export { VERIFY_FORMAT_NAMES, type VerifyFormat } from './verify-format-names.js';
export type ReportFormat = keyof typeof REPORT_FORMATS;
export type ExplainFormat = keyof typeof EXPLAIN_FORMATS;

export { formatDiagnostics, countProblems } from './diagnostics-text.js';
export type { FormatContext, Formatter, Publication } from './format-context.js';
