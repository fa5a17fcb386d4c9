import { CHECK_RESULTS, DIAGNOSTIC_CODES, WARNING_CODES, type DiagnosticCode } from './diagnostics.js';

const GROUPS: Record<string, string> = {
  file: 'Files',
  cache: 'Cache',
  project: 'Project',
  lock: 'Recorded verdicts',
  snapshot: 'Snapshots',
  quote: 'Quotes',
  evidence: 'Evidence',
  yaml: 'YAML',
  schema: 'Schema',
  date: 'Dates',
  ref: 'References',
  unit: 'Units',
  config: 'Config',
  rule: 'Rules',
  test: 'Rule tests',
  verify: 'Verification',
  eval: 'Evaluation sets',
};

/** Every code in one table, for the catalogue in docs/security.md. */
export function diagnosticsTable(): string {
  const rows = Object.entries(DIAGNOSTIC_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`);
  return `| code | meaning |\n| --- | --- |\n${rows.join('\n')}\n`;
}

/** Puts the table between the markers of a document that holds it. */
export function withDiagnosticsTable(doc: string): string {
  const begin = '<!-- codes:begin -->\n';
  const end = '<!-- codes:end -->';
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from === -1 || to < from) throw new Error('no <!-- codes:begin --> ... <!-- codes:end --> markers');
  return `${doc.slice(0, from + begin.length)}${diagnosticsTable()}${doc.slice(to)}`;
}

/** docs/diagnostics.md, generated from DIAGNOSTIC_CODES so the two never drift. */
export function diagnosticsMarkdown(): string {
  const byGroup = new Map<string, string[]>();
  for (const [code, meaning] of Object.entries(DIAGNOSTIC_CODES)) {
    const group = code.split('/')[0]!;
    const rows = byGroup.get(group) ?? [];
    // An anchor per code: SARIF rules link to #quote-not-found and the like.
    rows.push(`| <a id="${code.replace(/[^a-z0-9]+/g, '-')}"></a>\`${code}\` | ${meaning.replace(/\|/g, '\\|')}${WARNING_CODES.has(code as DiagnosticCode) ? ' (warning)' : ''} |`);
    byGroup.set(group, rows);
  }
  const sections = [...byGroup].map(([group, rows]) => `## ${GROUPS[group] ?? group}\n\n| code | meaning |\n| --- | --- |\n${rows.join('\n')}\n`);
  return `# Diagnostics

<!-- Generated from src/diagnostics.ts by \`npm run docs\`; do not edit by hand. -->

Every problem factcheck finds is a diagnostic with a stable code, a severity, and the place it was
found, printed as \`file:line:col  severity  code  message\`. Codes never change meaning; tools and
tests should match on them, not on the wording of messages, which may improve. \`--format json\`
and \`--format sarif\` carry the same codes (SARIF lists them as rules).

An error makes \`lint\` and \`verify\` exit 2, and stops \`verify --update\` and \`report\` from
writing anything. A warning is printed and does not change the exit code.

${sections.join('\n')}
## Verdict checks

\`verify --check\` compares each verdict with the one recorded in \`factcheck.lock.json\`. In SARIF
these are rules beside the codes above; the other formats say the same in their own words.

| result | meaning |
| --- | --- |
${Object.entries(CHECK_RESULTS).map(([id, r]) => `| <a id="${id.replace(/[^a-z0-9]+/g, '-')}"></a>\`${id}\` | ${r.full} |`).join('\n')}
`;
}
