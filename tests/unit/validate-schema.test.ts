import { describe, expect, it } from 'vitest';
import type { FileKind } from '../../src/load/layout.js';
import { parseYaml } from '../../src/load/parse-yaml.js';
import { validateSchema } from '../../src/validate/validate-schema.js';

const check = (kind: FileKind, text: string) => {
  const { file } = parseYaml({ path: `${kind}/x.yaml`, kind, text });
  return validateSchema(file);
};

const CLAIM = `claims:
  - id: a-claim
    text: words
    claimant: mike-pence
    date: "2016-10-12"
    appearance: fox-news-pence-interview
    asserts:
      kind: opinion
      reason: a judgement
`;

describe('validateSchema', () => {
  it('accepts a valid file', () => {
    expect(check('claims', CLAIM).diagnostics).toEqual([]);
  });

  it('names an unknown field at its key, with the nearest field', () => {
    const out = check('claims', CLAIM.replace('claimant:', 'claimnt:'));
    const unknown = out.diagnostics.find((d) => d.code === 'schema/unknown-field');
    expect(unknown).toMatchObject({ line: 4, col: 5 });
    expect(unknown?.message).toContain('"claimant"');
    expect(out.diagnostics.find((d) => d.code === 'schema/required')).toMatchObject({ line: 2, col: 5 });
    expect(out.invalidItems).toEqual(new Set([0]));
    expect(out.fileInvalid).toBe(false);
  });

  it('reports a wrong type at the value, with a hint for YAML booleans', () => {
    const out = check('claims', CLAIM.replace('text: words', 'text: true'));
    expect(out.diagnostics).toMatchObject([{ code: 'schema/type', line: 3, col: 11 }]);
    expect(out.diagnostics[0]!.message).toContain('quote it');
  });

  it('reports a bad id pattern and a bad date form', () => {
    const out = check('claims', CLAIM.replace('id: a-claim', 'id: A Claim').replace('"2016-10-12"', '"12/10/2016"'));
    expect(out.diagnostics).toMatchObject([
      { code: 'schema/format', line: 2, col: 9 },
      { code: 'schema/format', line: 5, col: 11 },
    ]);
  });

  it('checks the branch of the claim kind only', () => {
    const out = check('claims', CLAIM.replace('kind: opinion', 'kind: quantity'));
    const missing = out.diagnostics.filter((d) => d.code === 'schema/required').map((d) => d.message);
    expect(missing.some((m) => m.includes('`subject`'))).toBe(true);
    // reason belongs to opinions only
    expect(out.diagnostics.some((d) => d.code === 'schema/unknown-field' && d.message.includes('`reason`'))).toBe(true);
  });

  it('refuses an unknown claim kind with the list of kinds', () => {
    const out = check('claims', CLAIM.replace('kind: opinion', 'kind: opinon'));
    expect(out.diagnostics[0]).toMatchObject({ code: 'schema/enum', line: 8, col: 13 });
  });

  it('refuses a date object that mixes `on` and a range', () => {
    const out = check('claims', CLAIM.replace('date: "2016-10-12"', 'date: { on: "2016", from: "2016", to: "2017" }'));
    expect(out.diagnostics).toMatchObject([{ code: 'schema/unknown-field', line: 5, col: 13 }]);
  });

  it('treats a wrong top level as a broken file', () => {
    const out = check('claims', 'claims: {}\n');
    expect(out.fileInvalid).toBe(true);
    expect(out.diagnostics).toMatchObject([{ code: 'schema/type', line: 1, col: 9 }]);
  });

  it('refuses condition priorities and jsonpath filters in rules', () => {
    const out = check(
      'rules',
      `ruleset: r
rules:
  - name: a
    priority: 1
    conditions:
      all:
        - { fact: matching_count, operator: equal, value: 0, priority: 2 }
        - { fact: matching_count, operator: equal, value: 0, path: "$[?(@.constructor)]" }
    event: { type: verdict, params: { rating: unproven, explanation: x } }
`,
    );
    expect(out.diagnostics).toMatchObject([
      { code: 'schema/unknown-field', line: 7, col: 62 },
      { code: 'schema/format', line: 8, col: 68 },
    ]);
  });
});
