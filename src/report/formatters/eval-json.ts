import type { EvalReport } from '../../eval/score-eval.js';

/** factcheck eval --format json: the whole report as data. */
export function formatEvalJson(report: EvalReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
