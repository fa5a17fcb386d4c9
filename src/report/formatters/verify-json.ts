import type { VerifyReport } from '../../results/verify-report.js';
import { jsonChunks } from '../json-chunks.js';
import type { FormatContext } from './format-context.js';

/** The whole result as JSON, described by schemas/result.schema.json; with --check, the diff too. */
export function formatVerifyJson(report: VerifyReport, _ctx?: FormatContext): string {
  return [...verifyJsonChunks(report)].join('');
}

/** The same text, a claim at a time: for a writer that sends each piece on as it comes (json-chunks.ts). */
export function* verifyJsonChunks(report: VerifyReport, _ctx?: FormatContext): Generator<string> {
  const output = report.check ? { ...report.result, diff: report.check.diff } : report.result;
  yield* jsonChunks(output as unknown as Record<string, unknown>, 'claims');
  yield '\n';
}
