import { appendFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { VerifyReport } from '../record/verify-report.js';
import { formatDiagnostics, VERIFY_FORMATS, type FormatContext, type VerifyFormat } from '../report/formatters/index.js';
import { formatMarkdown } from '../report/formatters/markdown.js';
import type { CliIO } from './io.js';

/**
 * Prints a verify report in a format: problems on stderr for the text format,
 * the report on stdout, and for GitHub the Markdown table in the job summary.
 */
export async function printReport(report: VerifyReport, format: VerifyFormat, io: CliIO, ctx: FormatContext): Promise<void> {
  if (format === 'text') io.stderr(formatDiagnostics(report.result.diagnostics, ctx));
  io.stdout(VERIFY_FORMATS[format](report, ctx));
  if (format === 'github' && io.env?.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, formatMarkdown(report));
}

/** In GitHub Actions, annotation paths are relative to the repository: prefix the project's folder within it. */
export function githubPaths(io: CliIO, root: string): { pathPrefix?: string } {
  const workspace = io.env?.GITHUB_WORKSPACE;
  if (!workspace) return {};
  const prefix = relative(workspace, root).split(sep).join('/');
  return prefix && !prefix.startsWith('..') ? { pathPrefix: `${prefix}/` } : {};
}
