import type { Diagnostic } from '../../diagnostics.js';
import { clean, paint, type FormatContext } from './format-context.js';

/** One line per problem: `file:line:col  severity  code  message`. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], ctx: FormatContext): string {
  return diagnostics
    .map((d) => {
      const severity = paint(ctx, d.severity === 'error' ? 'red' : 'yellow', d.severity);
      return `${clean(d.file, true)}:${d.line}:${d.col}  ${severity}  ${paint(ctx, 'dim', d.code)}  ${clean(d.message, true)}\n`;
    })
    .join('');
}

/** "2 errors, 1 warning" or "no problems". */
export function countProblems(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (!errors && !warnings) return 'no problems';
  const parts = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join(', ');
}
