import type { Diagnostic } from '../../diagnostics.js';
import { showControls } from '../control-chars.js';

/**
 * User text on one line, with the characters that could make links, images,
 * emphasis, HTML or table cells escaped, and control characters shown as
 * \uXXXX. Parentheses stay: without brackets they make no link, and the text
 * stays readable as plain text.
 */
export function inline(s: string): string {
  // A zero-width space after @ keeps a comment from mentioning (and notifying) an account such as @wikileaks.
  // Controls are shown after escaping: the backslash of \u202e is the text's own, not Markdown's.
  return showControls(s.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>~|])/g, '\\$1').replace(/@(?=\w)/g, '@\u200b'));
}

/** An id or path as inline code. */
export function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

/** A "Problems" section: each diagnostic at its place, the first 50. Empty when there are none. */
export function problemsSection(problems: readonly Diagnostic[]): string[] {
  if (!problems.length) return [];
  const out = ['### Problems', ''];
  for (const d of problems.slice(0, 50)) out.push(`- **${d.severity}** \`${d.file}:${d.line}:${d.col}\` ${code(d.code)}: ${inline(d.message)}`);
  if (problems.length > 50) out.push(`- …and ${problems.length - 50} more`);
  out.push('');
  return out;
}
