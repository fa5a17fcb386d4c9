import type { VerifyReport } from '../../results/verify-report.js';
import type { FormatContext } from './format-context.js';

/** The whole result as JSON, described by schemas/result.schema.json; with --check, the diff too. */
export function formatVerifyJson(report: VerifyReport, _ctx?: FormatContext): string {
  const output = report.check ? { ...report.result, diff: report.check.diff } : report.result;
  return `${JSON.stringify(output, null, 2)}\n`;
}
