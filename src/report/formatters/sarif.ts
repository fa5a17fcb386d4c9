import { DIAGNOSTIC_CODES } from '../../diagnostics.js';
import type { VerifyReport } from '../../record/verify-report.js';
import { causeSummary, ratingChange, ruleChange } from './describe-change.js';

interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn?: number } } }[];
  partialFingerprints?: Record<string, string>;
}

const CHECK_RULES = {
  'verdict/changed': 'A recorded verdict changed: its rating, deciding rule or citations differ from the lock file.',
  'verdict/not-recorded': 'A claim has no recorded verdict in the lock file.',
  'verdict/gone': 'A recorded claim is no longer in the project.',
} as const;

/**
 * SARIF 2.1.0: one run, with a rule per diagnostic code and per kind of verdict
 * change, and a result at each position. Columns count UTF-16 code units, as
 * the YAML positions do.
 */
export function formatSarif(report: VerifyReport): string {
  const { result } = report;
  const results: SarifResult[] = [];
  const located = (file: string, line?: number, col?: number) => [
    { physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: 'PROJECTROOT' }, region: { startLine: line ?? 1, ...(col ? { startColumn: col } : {}) } } },
  ];
  for (const d of result.diagnostics) {
    results.push({ ruleId: d.code, level: d.severity === 'error' ? 'error' : 'warning', message: { text: d.message }, locations: located(d.file, d.line, d.col) });
  }
  const diff = report.check?.diff;
  for (const change of diff?.changed ?? []) {
    results.push({
      ruleId: 'verdict/changed',
      level: 'error',
      message: { text: `Verdict of ${change.id} changed: ${ratingChange(result, change)}; rule ${ruleChange(change)}. Because: ${causeSummary(change)}.` },
      ...(change.at ? { locations: located(change.at.file, change.at.line, change.at.col) } : {}),
      partialFingerprints: { claimId: change.id },
    });
  }
  for (const id of diff?.added ?? []) {
    const claim = result.claims.find((c) => c.id === id);
    results.push({
      ruleId: 'verdict/not-recorded',
      level: 'warning',
      message: { text: `Claim ${id} has no recorded verdict; run factcheck verify --update.` },
      ...(claim ? { locations: located(claim.file, claim.line, claim.col) } : {}),
      partialFingerprints: { claimId: id },
    });
  }
  for (const id of diff?.removed ?? []) {
    results.push({
      ruleId: 'verdict/gone',
      level: 'warning',
      message: { text: `Recorded claim ${id} is no longer in the project.` },
      locations: located(report.check!.lockFile, report.check!.lockLines[id]),
      partialFingerprints: { claimId: id },
    });
  }
  const rules = [...Object.entries(DIAGNOSTIC_CODES), ...Object.entries(CHECK_RULES)].map(([id, text]) => ({ id, shortDescription: { text } }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'factcheck', version: result.tool.version, semanticVersion: result.tool.version, rules } },
        originalUriBaseIds: { PROJECTROOT: { description: { text: 'The factcheck project root.' } } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
