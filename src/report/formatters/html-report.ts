import type { VerifyReport } from '../../results/verify-report.js';
import { renderReport, type ReportContext } from '../html/render-report.js';

/** The self-contained HTML report for editors. */
export function formatHtml(report: VerifyReport, ctx: ReportContext): string {
  return renderReport(report, ctx);
}

export type { ReportContext };
