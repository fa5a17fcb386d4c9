import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/facts/catalogue.js';
import { factsMarkdown } from '../../src/facts/document-facts.js';
import { diagnosticsMarkdown, withDiagnosticsTable } from '../../src/document-diagnostics.js';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics.js';
import { LIMITS } from '../../src/load/layout.js';
import { SAFE_PATH } from '../../src/rules/resolve-path.js';
import { loadProject, portableRuleTests } from '../../src/pipeline.js';
import { REPO } from '../helpers/project.js';

describe('docs/facts.md', () => {
  it('is the catalogue as generated (run npm run docs after changing a fact)', async () => {
    expect(await readFile(join(REPO, 'docs/facts.md'), 'utf8')).toBe(factsMarkdown());
  });

  it('covers the facts the engine must offer', () => {
    const names = FACTS.map((f) => f.name);
    for (const required of [
      'matching_count',
      'supporting_count',
      'contradicting_count',
      'supporting_origins',
      'self_reported_only',
      'primary_support',
      'events_before_claim',
      'quantity_difference',
    ]) {
      expect(names).toContain(required);
    }
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('docs/diagnostics.md', () => {
  it('is the code catalogue as generated (run npm run docs after adding a code)', async () => {
    const text = await readFile(join(REPO, 'docs/diagnostics.md'), 'utf8');
    expect(text).toBe(diagnosticsMarkdown());
    for (const code of Object.keys(DIAGNOSTIC_CODES)) expect(text).toContain(`\`${code}\``);
  });
});

describe('docs/security.md', () => {
  it('holds the catalogue of diagnostic codes as generated (npm run docs)', async () => {
    const text = await readFile(join(REPO, 'docs/security.md'), 'utf8');
    expect(text).toBe(withDiagnosticsTable(text));
    for (const code of Object.keys(DIAGNOSTIC_CODES)) expect(text).toContain(`| \`${code}\` |`);
  });

  it('states the limits the loader enforces', async () => {
    const text = await readFile(join(REPO, 'docs/security.md'), 'utf8');
    const mib = (bytes: number) => `${bytes / 2 ** 20} MiB`;
    expect(text).toContain(`| size of a YAML file | ${mib(LIMITS.maxFileBytes)} |`);
    expect(text).toContain(`| size of a snapshot | ${mib(LIMITS.maxSnapshotBytes)} |`);
    expect(text).toContain(`| alias expansion per document | ${LIMITS.maxAliasCount} aliases |`);
    expect(text).toContain(`| nesting depth | ${LIMITS.maxDepth} levels |`);
    expect(text).toContain(`| condition path | \`${SAFE_PATH.source}\` |`);
  });
});

describe('methodology/tests', () => {
  it('is the bundled rule tests made portable, as generated (run npm run docs after changing a rule test or a fact)', async () => {
    const loaded = await loadProject(REPO, { cache: false });
    const expected = await portableRuleTests(loaded.project!);
    const names = (await readdir(join(REPO, 'methodology/tests'))).sort();
    expect(names).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(await readFile(join(REPO, 'methodology/tests', name), 'utf8'), name).toBe(text);
    // No case depends on a claim: the files hold in any project.
    for (const text of expected.values()) expect(text).not.toMatch(/^\s+claim:/m);
  });
});

describe('fact labels', () => {
  it('give every fact a plain-words label of its own, with no fact name in it', () => {
    const labels = FACTS.map((f) => f.label);
    for (const fact of FACTS) expect(fact.label, fact.name).toMatch(/^[a-z][a-z0-9 ,'’-]+[a-z]$/);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
