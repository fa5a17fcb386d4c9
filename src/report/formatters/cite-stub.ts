import { stringify } from 'yaml';
import type { CiteFound } from '../../anchor/cite-words.js';
import { CONTROL, escapeCode, safeJson } from '../control-chars.js';

/** A ready-to-paste evidence stub for each occurrence, with its selectors in comments. */
export function formatCiteStub(found: CiteFound): string {
  const blocks = found.occurrences.map(({ anchor, hint }, i) => {
    const slug = anchor.exact
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .split('-')
      .filter(Boolean)
      .slice(0, 5)
      .join('-');
    const record: Record<string, unknown> = {
      id: `${found.source}-${slug || 'quote'}${found.occurrences.length > 1 ? `-${i + 1}` : ''}`,
      source: found.source,
      kind: 'event',
      quote: anchor.exact,
      ...hint,
    };
    // A control character is written as an escape in a double-quoted string, which reads back as the same character.
    const controls = Object.values(record).some((v) => typeof v === 'string' && new RegExp(CONTROL.source).test(v));
    const yaml = stringify([record], { lineWidth: 0, ...(controls ? { defaultStringType: 'QUOTE_DOUBLE' as const, defaultKeyType: 'PLAIN' as const } : {}) })
      .replace(CONTROL, escapeCode)
      .trimEnd().replace(/^(\s+kind: event)$/m, '$1  # or quantity, statement, assessment; then add its fields');
    const lines = [
      `# ${found.occurrences.length > 1 ? `occurrence ${i + 1} of ${found.occurrences.length}, ` : ''}line ${anchor.line} of ${found.snapshot.path} (${anchor.match} match${anchor.unicode ? `; ${anchor.unicode.join('; ')}` : ''})`,
      `# TextQuoteSelector: prefix ${safeJson(anchor.prefix)}, exact ${safeJson(anchor.exact)}, suffix ${safeJson(anchor.suffix)}`,
      `# TextPositionSelector: start ${anchor.start}, end ${anchor.end} (code points; snapshot sha256 ${found.snapshot.sha256})`,
      yaml,
    ];
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
