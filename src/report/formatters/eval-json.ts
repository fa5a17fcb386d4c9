import type { FormatContext } from './format-context.js';
import type { EvalReport } from '../../eval/score-eval.js';

/** factcheck eval --format json: the whole report as data. */
export function formatEvalJson(report: EvalReport, _ctx?: FormatContext): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
