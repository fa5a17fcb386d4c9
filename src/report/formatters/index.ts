import { formatEvalJson } from './eval-json.js';
import { formatEvalJunit } from './eval-junit.js';
import { formatEvalMarkdown } from './eval-markdown.js';
import { formatEvalText } from './eval-text.js';
import { formatExplainJson } from './explain-json.js';
import { formatExplainText } from './explain-text.js';
import { formatGithub } from './github-annotations.js';
import { formatJunit } from './junit-xml.js';
import { formatMarkdown } from './markdown.js';
import { formatRuleTestsJson } from './rule-tests-json.js';
import { formatRuleTestsJunit } from './rule-tests-junit.js';
import { formatRuleTestsText } from './rule-tests-text.js';
import { formatSarif } from './sarif.js';
import { formatVerifyJson } from './verify-json.js';
import { formatVerifyText } from './verify-table.js';

/** Output formats by command; the keys are the `--format` values. */
export const VERIFY_FORMATS = {
  text: formatVerifyText,
  json: formatVerifyJson,
  junit: formatJunit,
  github: formatGithub,
  sarif: formatSarif,
  md: formatMarkdown,
} as const;
export const EXPLAIN_FORMATS = { text: formatExplainText, json: formatExplainJson } as const;
export const TEST_FORMATS = { text: formatRuleTestsText, json: formatRuleTestsJson, junit: formatRuleTestsJunit } as const;
export const EVAL_FORMATS = { text: formatEvalText, json: formatEvalJson, junit: formatEvalJunit, md: formatEvalMarkdown } as const;

export type VerifyFormat = keyof typeof VERIFY_FORMATS;
export type ExplainFormat = keyof typeof EXPLAIN_FORMATS;

export { formatDiagnostics, countProblems } from './diagnostics-text.js';
export type { FormatContext } from './format-context.js';
