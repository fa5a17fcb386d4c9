import { appendFile, realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { reportExitCode, type VerifyReport } from '../results/verify-report.js';
import { formatDiagnostics } from '../report/formatters/diagnostics-text.js';
import type { FormatContext } from '../report/formatters/format-context.js';
import type { VerifyFormat } from '../report/formatters/verify-format-names.js';
import { formatTotals, tableHeader, tableLayout, tableRow, type TableLayout } from '../report/formatters/verify-table.js';
import { formatCheckText } from '../report/formatters/verify-check-text.js';
import type { ViewOption, ViewRows } from '../cache/kept-view.js';
import type { ExitCode } from '../exit-codes.js';
import type { CliIO } from './io.js';
import { gitTopLevel } from '../load/read-git-changes.js';

/**
 * Prints a verify report in a format: problems on stderr for the text format
 * (painted as `errCtx` allows), the report on stdout, and for GitHub the
 * Markdown table in the job summary.
 */
export async function printReport(report: VerifyReport, format: VerifyFormat, io: CliIO, ctx: FormatContext, errCtx: FormatContext): Promise<void> {
  // Every format's code, loaded only now: a run that prints a kept view needs none of it.
  const { VERIFY_CHUNKS, VERIFY_FORMATS } = await import('../report/formatters/index.js');
  if (format === 'text') io.stderr(formatDiagnostics(report.result.diagnostics, errCtx));
  // A piece at a time where the format comes so: the whole text at once took gigabytes at scale.
  const chunks = format in VERIFY_CHUNKS ? VERIFY_CHUNKS[format as keyof typeof VERIFY_CHUNKS] : undefined;
  if (chunks) {
    for (const chunk of chunks(report, ctx)) {
      io.stdout(chunk);
      await io.drain?.();
    }
  } else io.stdout(VERIFY_FORMATS[format](report, ctx));
  if (format === 'github' && io.env?.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, VERIFY_FORMATS.md(report));
}

/**
 * The text format's whole outcome as one view: the exit code and the problems
 * for stderr on its first line, then the table. Keyed by everything else the
 * text depends on, so a view is printed again only where it was made for.
 * Made in parts (ViewRows): a row for each claim, between the header and the
 * totals, so that a run that moved a few claims makes only their rows.
 */
export function textView(ctx: FormatContext, errCtx: FormatContext): ViewOption {
  // The layout as text, parsed once for all the rows made under it.
  let parsed: [string, TableLayout] | undefined;
  const layoutOf = (text: string) => (parsed?.[0] === text ? parsed[1] : (parsed = [text, JSON.parse(text) as TableLayout])[1]);
  const rows: ViewRows = {
    layout: (claims) => JSON.stringify(tableLayout(claims, ctx)),
    frame(result, layout) {
      const report = { result: { ...result, claims: [] } };
      const before = `${JSON.stringify([reportExitCode(report), formatDiagnostics(result.diagnostics, errCtx)])}\n${tableHeader(layoutOf(layout), ctx)}`;
      return { before, after: `\n${formatTotals(result)}\n${formatCheckText(report, ctx)}` };
    },
    row: (claim, layout) => tableRow(claim, layoutOf(layout)),
  };
  return {
    key: JSON.stringify(['text', ctx, errCtx]),
    make(result) {
      const layout = rows.layout(result.claims);
      const { before, after } = rows.frame(result, layout);
      let text = before;
      for (const claim of result.claims) text += rows.row(claim, layout);
      return text + after;
    },
    rows,
  };
}

/**
 * Prints a view textView made, as printReport prints the text format; gives
 * its exit code. The view comes as UTF-8 bytes, and goes out as they are
 * where stdout takes bytes.
 */
export function printView(view: Uint8Array, io: CliIO): ExitCode {
  const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  const end = bytes.indexOf(10);
  const [code, problems] = JSON.parse(bytes.toString('utf8', 0, end)) as [ExitCode, string];
  io.stderr(problems);
  if (io.stdoutBytes) io.stdoutBytes(bytes.subarray(end + 1));
  else io.stdout(bytes.toString('utf8', end + 1));
  return code;
}

/**
 * What CI formats need to know about where the project sits. Annotations and
 * code scanning read paths relative to the repository, so a project in a
 * subfolder (a monorepo: --root desk) gets that folder as a prefix: the
 * folder within GITHUB_WORKSPACE in GitHub Actions, else within git's top
 * level. FACTCHECK_DOCS_URL, where factcheck's docs folder is read, gives
 * SARIF rules their help links.
 */
export async function repositoryPaths(io: CliIO, root: string, format: VerifyFormat): Promise<Pick<FormatContext, 'pathPrefix' | 'docsUrl'>> {
  // Only CI formats name files for another tool; the rest need no git call.
  if (format !== 'github' && format !== 'sarif' && format !== 'junit') return {};
  const docs = io.env?.FACTCHECK_DOCS_URL;
  const docsUrl = docs && /^https?:\/\/\S+$/.test(docs) ? { docsUrl: docs } : {};
  const base = io.env?.GITHUB_WORKSPACE || (await gitTopLevel(root));
  if (!base) return docsUrl;
  const real = async (path: string) => realpath(path).catch(() => path);
  const prefix = relative(await real(base), await real(root)).split(sep).join('/');
  return prefix && !prefix.startsWith('..') ? { pathPrefix: `${prefix}/`, ...docsUrl } : docsUrl;
}
