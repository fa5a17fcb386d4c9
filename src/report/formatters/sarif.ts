import { CHECK_RESULTS, DIAGNOSTIC_CODES, WARNING_CODES, type DiagnosticCode } from '../../diagnostics.js';
import type { VerifyReport } from '../../results/verify-report.js';
import { causeSummary, changeTitle, describeChange, uncomparedSummary } from './describe-change.js';
import type { FormatContext } from './format-context.js';
import { sha256 } from '../../model/hash.js';

type Level = 'error' | 'warning' | 'note';

interface SarifResult {
  ruleId: string;
  level: Level;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn?: number } } }[];
  partialFingerprints: Record<string, string>;
}

/** Stable across runs and edits elsewhere in a file: positions in messages move when lines do, so they are left out. */
function fingerprint(...parts: string[]): string {
  return sha256(parts.join('\0')).slice(0, 32);
}

function withoutPositions(message: string): string {
  return message.replace(/(\S+):\d+:\d+/g, '$1').replace(/\bline \d+\b/g, 'line');
}

/** The anchor of a code's entry in docs/diagnostics.md. */
export function diagnosticAnchor(code: string): string {
  return code.replace(/[^a-z0-9]+/g, '-');
}

/**
 * SARIF 2.1.0 for code scanning: one run, a rule per diagnostic code and per
 * kind of verdict change (with descriptions, help, a default level and, when
 * the config says where the docs are, a link to each code's entry), a result
 * at each position, and a fingerprint on every result so an alert is matched
 * across runs. Paths are relative to the repository root (`ctx.pathPrefix`
 * is the project's folder in it). Columns count UTF-16 code units, as the
 * YAML positions do.
 */
export function formatSarif(report: VerifyReport, ctx: FormatContext = { color: false }): string {
  const { result } = report;
  const prefix = ctx.pathPrefix ?? '';
  const results: SarifResult[] = [];
  const located = (file: string, line?: number, col?: number) => [
    { physicalLocation: { artifactLocation: { uri: encodeURI(prefix + file), uriBaseId: '%SRCROOT%' }, region: { startLine: line ?? 1, ...(col ? { startColumn: col } : {}) } } },
  ];
  // Identical problems in one file (the same field missing twice) are told apart by their order.
  const seen = new Map<string, number>();
  for (const d of result.diagnostics) {
    const base = fingerprint(d.code, prefix + d.file, withoutPositions(d.message));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    results.push({
      ruleId: d.code,
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: d.message },
      locations: located(d.file, d.line, d.col),
      partialFingerprints: { 'factcheck/v1': `${base}:${n}` },
    });
  }
  const diff = report.check?.diff;
  const verdict = (ruleId: string, id: string, text: string, at?: { file: string; line: number; col: number }): SarifResult => ({
    ruleId,
    level: CHECK_RESULTS[ruleId]!.level,
    message: { text },
    ...(at ? { locations: located(at.file, at.line, at.col) } : {}),
    partialFingerprints: { 'factcheck/v1': fingerprint(ruleId, prefix, id) },
  });
  for (const change of diff?.changed ?? []) {
    const ruleId = change.kind === 'verdict' ? 'verdict/changed' : 'verdict/trail-changed';
    results.push(verdict(ruleId, change.id, `${changeTitle(change)}: ${change.id}: ${describeChange(result, change)}. Because: ${causeSummary(change)}.`, change.at));
  }
  for (const id of diff?.added ?? []) {
    const claim = result.claims.find((c) => c.id === id);
    results.push(verdict('verdict/not-recorded', id, `Claim ${id} has no recorded verdict; run factcheck verify --update.`, claim));
  }
  for (const id of diff?.removed ?? []) {
    results.push(verdict('verdict/gone', id, `Recorded claim ${id} is no longer in the project.`, { file: report.check!.lockFile, line: report.check!.lockLines[id] ?? 1, col: 1 }));
  }
  for (const item of diff?.uncompared ?? []) {
    results.push(verdict('verdict/not-compared', item.id, `Claim ${item.id}: ${uncomparedSummary(item)}.`, item.at));
  }

  const rule = (id: string, text: string, full: string, level: Level, help: string) => ({
    id,
    shortDescription: { text },
    fullDescription: { text: full },
    defaultConfiguration: { level },
    help: { text: help, markdown: help },
    ...(ctx.docsUrl ? { helpUri: `${ctx.docsUrl.replace(/\/$/, '')}/diagnostics.md#${diagnosticAnchor(id)}` } : {}),
  });
  const rules = [
    ...Object.entries(DIAGNOSTIC_CODES).map(([id, text]) => {
      const level: Level = WARNING_CODES.has(id as DiagnosticCode) ? 'warning' : 'error';
      const full = `${text} factcheck reports it as \`${id}\` at the file, line and column where it is found${level === 'error' ? '; while any error remains, verify --update and report write nothing' : ''}.`;
      return rule(id, text, full, level, `${full} The message says what was expected and what was found. Every code is listed in docs/diagnostics.md.`);
    }),
    ...Object.entries(CHECK_RESULTS).map(([id, r]) => rule(id, r.text, r.full, r.level, r.full)),
  ];
  const shard = result.shard ? `shard-${result.shard.index}-of-${result.shard.count}/` : '';
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'factcheck', version: result.tool.version, semanticVersion: result.tool.version, rules } },
        // The category: one per project folder and shard, so uploads from several of them do not replace each other.
        automationDetails: { id: `factcheck/${prefix}${shard}` },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the git repository that holds the project (the project folder when it is in none).' } } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
