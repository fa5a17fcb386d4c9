import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { formatDiagnostics } from '../../src/report/formatters/diagnostics-text.js';
import { formatVerifyTable } from '../../src/report/formatters/verify-table.js';
import type { VerifyResult } from '../../src/types.js';
import { fillExplanation } from '../../src/verdict/fill-explanation.js';

const result = {
  tool: { name: 'factcheck', version: '0' },
  scale: [
    { id: 'true', label: 'True', color: '#000000' },
    { id: 'false', label: 'False', color: '#000000' },
  ],
  claims: [{ id: 'a-claim', rating_label: 'True', explanation: 'A reason long enough to be cut when the terminal is narrow.' }],
  totals: { claims: 1, by_rating: { true: 1, false: 0 }, errors: 0, warnings: 0 },
  diagnostics: [],
} as unknown as VerifyResult;

describe('formatVerifyTable', () => {
  it('prints full reasons when not on a terminal', () => {
    expect(formatVerifyTable(result, { color: false })).toBe(
      'CLAIM    RATING  REASON\na-claim  True    A reason long enough to be cut when the terminal is narrow.\n\n1 claim: 1 True; no problems\n',
    );
  });

  it('wraps reasons under their column at the terminal width, cutting nothing', () => {
    const lines = formatVerifyTable(result, { color: false, width: 40 }).split('\n');
    const rows = lines.slice(1, lines.indexOf(''));
    expect(rows).toEqual([
      'a-claim  True    A reason long enough to',
      '                 be cut when the',
      '                 terminal is narrow.',
    ]);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(40);
  });

  it('splits a word longer than the column', () => {
    const long = { ...result, claims: [{ id: 'a-claim', rating_label: 'True', explanation: `see ${'x'.repeat(45)} here` }] } as unknown as VerifyResult;
    const lines = formatVerifyTable(long, { color: false, width: 40 }).split('\n');
    expect(lines.slice(1, 6)).toEqual(['a-claim  True    see', `                 ${'x'.repeat(23)}`, `                 ${'x'.repeat(22)}`, '                 here', '']);
  });
});

describe('terminal safety', () => {
  it('shows control characters and bidi overrides in user text instead of letting them act', () => {
    const hostile = { ...result, claims: [{ id: 'a-claim', rating_label: 'True', explanation: 'ok\u001b[2J\u202ewas\nhidden' }] } as unknown as VerifyResult;
    const row = formatVerifyTable(hostile, { color: false }).split('\n')[1]!;
    expect(row).toBe('a-claim  True    ok\\u001b[2J\\u202ewas hidden');
    const d: Diagnostic = { file: 'a.yaml', line: 1, col: 1, code: 'yaml/syntax', severity: 'error', message: 'found "\u001b]0;pwned\u0007"' };
    expect(formatDiagnostics([d], { color: false })).toBe('a.yaml:1:1  error  yaml/syntax  found "\\u001b]0;pwned\\u0007"\n');
  });
});

describe('formatDiagnostics', () => {
  it('prints file:line:col  severity  code  message', () => {
    const d: Diagnostic = { file: 'claims/a.yaml', line: 3, col: 7, code: 'ref/unknown-entity', severity: 'error', message: 'unknown entity "x"' };
    expect(formatDiagnostics([d], { color: false })).toBe('claims/a.yaml:3:7  error  ref/unknown-entity  unknown entity "x"\n');
  });
});

describe('fillExplanation', () => {
  it('formats fact values for readers', () => {
    const facts = {
      supporting_origin_names: { value: ['Euronews', 'The Atlantic', 'The Week'], evidence: [] },
      earliest_event_date: { value: '2016-09-20', evidence: [] },
      relative_difference: { value: 0.123456, evidence: [] },
      self_reported_only: { value: false, evidence: [] },
      evidenced_value: { value: null, evidence: [] },
    };
    expect(fillExplanation('{supporting_origin_names}; {earliest_event_date}; {relative_difference}; {self_reported_only}; {evidenced_value}', facts)).toBe(
      'Euronews, The Atlantic and The Week; 20 September 2016; 0.1235; no; none',
    );
  });
});
