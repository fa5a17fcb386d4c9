import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { copyBundled, cleanProjects, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

/**
 * The promise of did-you-mean: every mistyped id, fact name, operator and
 * rating is answered with the name it is one letter away from. Each case
 * mistypes one reference in a copy of the bundled project; lint must report it
 * with the wording of suggest.ts, `did you mean "<correct>"`.
 */
interface Typo {
  what: string;
  file: string;
  /** Text that occurs once in the file, and what it becomes. */
  from: string;
  to: string;
  code: Diagnostic['code'];
  correct: string;
}

const TYPOS: Typo[] = [
  { what: 'a snapshot path', file: 'sources/news.yaml', from: 'path: evidence/snapshots/euronews-trump-jr-wikileaks.txt', to: 'path: evidence/snapshots/euronews-trump-jr-wikileak.txt', code: 'file/missing', correct: 'evidence/snapshots/euronews-trump-jr-wikileaks.txt' },
  { what: 'an entity id', file: 'claims/statements.yaml', from: 'claimant: mike-pence', to: 'claimant: mike-pense', code: 'ref/unknown-entity', correct: 'mike-pence' },
  { what: "a source's publisher", file: 'sources/news.yaml', from: 'publisher: the-atlantic', to: 'publisher: the-atlantik', code: 'ref/unknown-entity', correct: 'the-atlantic' },
  { what: 'a group member', file: 'entities/organisations.yaml', from: 'members: [donald-trump, mike-pence', to: 'members: [donald-trump, mike-pnce', code: 'ref/unknown-entity', correct: 'mike-pence' },
  { what: 'a source id', file: 'claims/statements.yaml', from: 'appearance: fox-news-pence-interview', to: 'appearance: fox-news-pence-intervew', code: 'ref/unknown-source', correct: 'fox-news-pence-interview' },
  { what: 'a relayed source', file: 'sources/news.yaml', from: '      - trump-jr-tweet-link\n', to: '      - trump-jr-tweet-lnk\n', code: 'ref/unknown-source', correct: 'trump-jr-tweet-link' },
  { what: 'an evidence id', file: 'evidence/euronews-trump-jr-wikileaks.yaml', from: 'in_response_to: euronews-link-message', to: 'in_response_to: euronews-link-mesage', code: 'ref/unknown-evidence', correct: 'euronews-link-message' },
  { what: 'a ruleset id', file: 'claims/statements.yaml', from: '    claimant: mike-pence\n', to: '    claimant: mike-pence\n    ruleset: absense\n', code: 'ref/unknown-ruleset', correct: 'absence' },
  { what: 'an action', file: 'claims/statements.yaml', from: 'action: leak', to: 'action: leek', code: 'ref/unknown-term', correct: 'leak' },
  { what: 'a measure', file: 'claims/statements.yaml', from: 'measure: replies', to: 'measure: replis', code: 'ref/unknown-term', correct: 'replies' },
  { what: 'a unit', file: 'claims/statements.yaml', from: 'unit: messages', to: 'unit: mesages', code: 'unit/mismatch', correct: 'messages' },
  { what: 'a time unit', file: 'evidence/the-week-trump-jr-wikileaks.yaml', from: 'value: 2\n    unit: days', to: 'value: 2\n    unit: dayz', code: 'unit/mismatch', correct: 'days' },
  { what: 'a channel', file: 'evidence/the-week-trump-jr-wikileaks.yaml', from: 'channel: tv-interview', to: 'channel: tv-interviev', code: 'ref/unknown-term', correct: 'tv-interview' },
  { what: "an assessment's topic", file: 'evidence/euronews-trump-jr-wikileaks.yaml', from: 'topic: replies', to: 'topic: replie', code: 'ref/unknown-term', correct: 'replies' },
  { what: 'a broader action', file: 'factcheck.config.yaml', from: 'broader: post', to: 'broader: pots', code: 'ref/unknown-term', correct: 'post' },
  { what: 'the action a measure counts', file: 'factcheck.config.yaml', from: 'counts: reply', to: 'counts: repyl', code: 'ref/unknown-term', correct: 'reply' },
  { what: 'the fallback rating', file: 'factcheck.config.yaml', from: 'fallback_rating: unproven', to: 'fallback_rating: unprovn', code: 'rule/unknown-rating', correct: 'unproven' },
  { what: 'a rating in a rule', file: 'rules/opinion.yaml', from: 'rating: not-checkable', to: 'rating: not-chekable', code: 'rule/unknown-rating', correct: 'not-checkable' },
  { what: 'a fact in a condition', file: 'rules/attribution.yaml', from: 'fact: primary_support,', to: 'fact: primary_suport,', code: 'rule/unknown-fact', correct: 'primary_support' },
  { what: 'an operator in a condition', file: 'rules/timing.yaml', from: '{ fact: self_reported_only, operator: equal,', to: '{ fact: self_reported_only, operator: equl,', code: 'rule/unknown-operator', correct: 'equal' },
  { what: 'a fact compared with', file: 'rules/timing.yaml', from: '{ fact: self_reported_only, operator: equal, value: true }', to: '{ fact: self_reported_only, operator: equal, value: { fact: self_reported_onyl } }', code: 'rule/unknown-fact', correct: 'self_reported_only' },
  { what: 'a placeholder in an explanation', file: 'rules/timing.yaml', from: 'Only {claimant_name} vouches', to: 'Only {claimant_nme} vouches', code: 'rule/unknown-placeholder', correct: 'claimant_name' },
  { what: 'a claim kind', file: 'claims/statements.yaml', from: 'kind: absence', to: 'kind: absense', code: 'schema/enum', correct: 'absence' },
  { what: 'an evidence kind', file: 'evidence/euronews-trump-jr-wikileaks.yaml', from: 'kind: assessment', to: 'kind: assesment', code: 'schema/enum', correct: 'assessment' },
  { what: 'an entity kind', file: 'entities/people.yaml', from: 'name: Natalie Huet\n    kind: person', to: 'name: Natalie Huet\n    kind: persn', code: 'schema/enum', correct: 'person' },
  { what: 'a claim kind in default_for', file: 'rules/opinion.yaml', from: 'default_for: [opinion]', to: 'default_for: [opinon]', code: 'schema/enum', correct: 'opinion' },
  { what: 'a field name', file: 'claims/statements.yaml', from: '    claimant: mike-pence\n', to: '    claimnt: mike-pence\n', code: 'schema/unknown-field', correct: 'claimant' },
];

async function lint(dir: string): Promise<Diagnostic[]> {
  const run = await runCli(['lint', '--format', 'json', '--no-cache', '--root', dir]);
  expect(run.stderr).not.toMatch(/internal error/);
  return (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
}

describe('did you mean, for every mistyped name in the project files', () => {
  it.each(TYPOS)('$what', async ({ file, from, to, code, correct }) => {
    const dir = await copyBundled();
    const text = await readFile(join(dir, file), 'utf8');
    expect(text.split(from).length - 1, `"${from}" occurs once in ${file}`).toBe(1);
    await writeFile(join(dir, file), text.replace(from, to));

    const diagnostics = await lint(dir);
    const found = diagnostics.filter((d) => d.code === code && d.file === file);
    expect(found, JSON.stringify(diagnostics, null, 2)).not.toEqual([]);
    expect(found.map((d) => d.message)).toContainEqual(expect.stringContaining(`did you mean "${correct}"?`));
  });

  it('is silent about the bundled project, which has no typos', async () => {
    const diagnostics = await lint(await copyBundled());
    expect(diagnostics.filter((d) => d.message.includes('did you mean'))).toEqual([]);
  });
});

describe('did you mean, for every mistyped name on the command line', () => {
  const CLI: { what: string; args: (dir: string) => string[]; correct: string }[] = [
    { what: 'a claim id given to explain', args: (dir) => ['explain', 'pence-denies-wikileaks-conection', '--root', dir], correct: 'pence-denies-wikileaks-connection' },
    { what: 'a source id given to cite', args: (dir) => ['cite', 'the-week-trump-jr-wikileak', 'nothing could be further from the truth', '--root', dir], correct: 'the-week-trump-jr-wikileaks' },
    { what: 'a format of verify', args: (dir) => ['verify', '--format', 'jsno', '--root', dir], correct: 'json' },
    { what: 'a format of report', args: (dir) => ['report', '--format', 'htm', '--root', dir], correct: 'html' },
    { what: 'a format of explain', args: (dir) => ['explain', 'pence-denies-wikileaks-connection', '--format', 'txt', '--root', dir], correct: 'text' },
    { what: 'a format of lint', args: (dir) => ['lint', '--format', 'jso', '--root', dir], correct: 'json' },
    { what: 'a command', args: (dir) => ['verfy', '--root', dir], correct: 'verify' },
    { what: 'a path given to verify', args: (dir) => ['verify', join(dir, 'claims/statement.yaml'), '--root', dir], correct: join('DIR', 'claims/statements.yaml') },
    { what: 'an option', args: (dir) => ['verify', '--fromat', 'json', '--root', dir], correct: '--format' },
    { what: 'a format of test', args: (dir) => ['test', '--format', 'junti', '--root', dir], correct: 'junit' },
  ];

  it.each(CLI)('$what', async ({ args, correct }) => {
    const dir = await copyBundled();
    const run = await runCli([...args(dir), '--no-cache']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`did you mean "${correct.replace('DIR', dir)}"?`);
  });
});
