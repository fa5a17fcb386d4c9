import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/facts/catalogue.js';
import { factsMarkdown } from '../../src/facts/document-facts.js';
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
