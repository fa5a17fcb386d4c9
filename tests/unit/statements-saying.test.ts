import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/evidence/build-index.js';
import { containsWords, tokens } from '../../src/facts/compare-words.js';
import type { StatementRecord } from '../../src/types.js';
import { cleanProjects } from '../helpers/project.js';
import { claimsYaml, loadWorld } from '../helpers/world.js';

afterAll(cleanProjects);

const statement = (id: string, words: string, speaker = 'donald-trump-jr'): StatementRecord => ({
  id,
  kind: 'statement',
  speaker,
  words,
  source: 'outlet-d',
  quote: words,
  dated_by: [],
  ref: { file: 'evidence/world.yaml', path: [] },
});

describe('statementsSaying', () => {
  it('gives every statement whose words hold the text, in id order, as checking each one would', async () => {
    const { config } = await loadWorld('evidence: []\n', claimsYaml());
    const word = fc.constantFrom('no', 'wikileaks', 'Wikileaks!', 'contact', 'with', "didn't", 'didn’t', 'the', 'truth', 'Truth.');
    const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(words, { maxLength: 25 }), fc.array(fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')), { minLength: 1, maxLength: 8 }), (said, asked) => {
        const records = said.map((w, i) => statement(`s-${(i * 37) % 101}-${i}`, w));
        const index = buildIndex(records, config.vocabulary);
        for (const text of asked) {
          const expected = records.filter((r) => containsWords(tokens(text), r)).sort((a, b) => (a.id < b.id ? -1 : 1));
          expect(index.statementsSaying(text).map((r) => r.id)).toEqual(expected.map((r) => r.id));
        }
      }),
      { seed: 3, numRuns: 400 },
    );
  });
});
