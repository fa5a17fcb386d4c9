import type { VerifyReport } from '../../results/verify-report.js';
import { causeSummary, changeTitle, describeChange, uncomparedSummary } from './describe-change.js';
import type { FormatContext } from './format-context.js';
import { formatVerifyText } from './verify-table.js';

/** GitHub shows at most 10 annotations of each type per step and drops the rest silently. */
export const ANNOTATIONS_PER_TYPE = 10;

type Level = 'error' | 'warning' | 'notice';

interface Annotation {
  level: Level;
  file?: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`
 * at each changed claim's line and each problem's position, escaped as the
 * Actions toolkit escapes them. Past 10 of a type, one plain line says how many
 * more there are.
 */
export function formatGithub(report: VerifyReport, ctx: FormatContext = { color: false }): string {
  const { result } = report;
  const annotations: Annotation[] = [];
  // A verdict change alters what is published: an error. A trail change keeps the verdict: a warning.
  for (const change of report.check?.diff.changed ?? []) {
    annotations.push({
      level: change.kind === 'verdict' ? 'error' : 'warning',
      ...(change.at ?? {}),
      title: `${changeTitle(change)}: ${change.id}`,
      message: `${describeChange(result, change)}. Because: ${causeSummary(change)}.`,
    });
  }
  for (const item of report.check?.diff.uncompared ?? []) {
    annotations.push({ level: 'warning', ...(item.at ?? {}), title: `Not compared: ${item.id}`, message: `${uncomparedSummary(item)}.` });
  }
  for (const id of report.check?.diff.added ?? []) {
    const claim = result.claims.find((c) => c.id === id);
    annotations.push({ level: 'warning', ...(claim ? { file: claim.file, line: claim.line, col: claim.col } : {}), title: `New claim: ${id}`, message: 'No recorded verdict; run factcheck verify --update.' });
  }
  for (const id of report.check?.diff.removed ?? []) {
    annotations.push({ level: 'warning', file: report.check!.lockFile, line: report.check!.lockLines[id] ?? 1, col: 1, title: `Claim gone: ${id}`, message: 'Recorded, but no longer in the project.' });
  }
  for (const d of result.diagnostics) {
    annotations.push({ level: d.severity === 'error' ? 'error' : 'warning', file: d.file, line: d.line, col: d.col, title: d.code, message: d.message });
  }

  const out: string[] = [];
  const shown: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  const dropped: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  for (const a of annotations) {
    if (shown[a.level] >= ANNOTATIONS_PER_TYPE) {
      dropped[a.level]++;
      continue;
    }
    shown[a.level]++;
    const props = [
      a.file !== undefined ? `file=${property((ctx.pathPrefix ?? '') + a.file)}` : '',
      a.line !== undefined ? `line=${a.line}` : '',
      a.col !== undefined ? `col=${a.col}` : '',
      `title=${property(a.title)}`,
    ].filter(Boolean);
    out.push(`::${a.level} ${props.join(',')}::${data(a.message)}`);
  }
  for (const level of ['error', 'warning'] as const) {
    if (dropped[level]) out.push(`factcheck: ${dropped[level]} more ${level}${dropped[level] === 1 ? '' : 's'} not annotated (GitHub shows ${ANNOTATIONS_PER_TYPE} per type); see the job summary or the full output.`);
  }
  // The runner turns the commands into annotations; the plain report stays readable in the job log.
  return `${out.length ? `${out.join('\n')}\n` : ''}${formatVerifyText(report, { color: false })}`;
}

function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
