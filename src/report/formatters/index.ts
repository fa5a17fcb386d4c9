import { formatExplainJson } from './explain-json.js';
import { formatExplainText } from './explain-text.js';
import { formatVerifyJson } from './verify-json.js';
import { formatVerifyTable } from './verify-table.js';

/** Output formats by command; the keys are the `--format` values. */
export const VERIFY_FORMATS = { text: formatVerifyTable, json: formatVerifyJson } as const;
export const EXPLAIN_FORMATS = { text: formatExplainText, json: formatExplainJson } as const;

export type VerifyFormat = keyof typeof VERIFY_FORMATS;
export type ExplainFormat = keyof typeof EXPLAIN_FORMATS;

export { formatDiagnostics, countProblems } from './diagnostics-text.js';
export type { FormatContext } from './format-context.js';
