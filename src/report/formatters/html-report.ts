import type { VerifyReport } from '../../results/verify-report.js';
import { renderReport, type ReportContext } from '../html/render-report.js';
import type { FormatContext } from './format-context.js';

/** The self-contained HTML report for editors. */
export function formatHtml(report: VerifyReport, ctx: FormatContext): string {
  const p = ctx.publication;
  return renderReport(report, { ratings: p?.ratings ?? [], ...(p?.organization ? { organization: p.organization } : {}), ...(p?.timestamp ? { timestamp: p.timestamp } : {}) });
}

export type { ReportContext };
