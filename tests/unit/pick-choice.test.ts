import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { completeChoice, describeMatches, lastTerm, rankChoices, type Choice } from '../../src/authoring/pick-choice.js';
import { terminalAsk } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { cleanProjects, copyBundled } from '../helpers/project.js';

afterAll(cleanProjects);

/** 337 entities, as a newsroom's archive grows: Greta Thunberg sorts far down among them. */
const FIRST = ['Aaron', 'Abigail', 'Adam', 'Ada', 'Alan', 'Alice', 'Amir', 'Anna', 'Ben', 'Bea', 'Carl', 'Chloe', 'Dan', 'Dora'];
const LAST = ['Abbott', 'Adams', 'Allen', 'Baker', 'Bell', 'Brown', 'Clark', 'Cole', 'Cook', 'Cox', 'Day', 'Dean', 'Diaz', 'Ellis', 'Evans', 'Fox', 'Gray', 'Green', 'Hall', 'Hart', 'Hill', 'Hunt', 'Irwin', 'Jones'];
const MANY: Choice[] = [
  ...FIRST.flatMap((f) => LAST.map((l) => ({ id: `${f}-${l}`.toLowerCase(), name: `${f} ${l}`, aliases: [] }))).slice(0, 334),
  { id: 'margreta-lund', name: 'Margreta Lund', aliases: [] },
  { id: 'greta-thunberg-foundation', name: 'The Greta Thunberg Foundation', aliases: [] },
  { id: 'greta-thunberg', name: 'Greta Thunberg', aliases: ['Thunberg'] },
];

describe('rankChoices', () => {
  it('puts Greta first among 337 entities', () => {
    expect(MANY).toHaveLength(337);
    expect([...MANY].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, 12).map((c) => c.id)).not.toContain('greta-thunberg');
    expect(rankChoices(MANY, 'greta').map((c) => c.id)).toEqual(['greta-thunberg', 'greta-thunberg-foundation', 'margreta-lund']);
    expect(rankChoices(MANY, 'Greta')[0]!.id).toBe('greta-thunberg');
  });

  it.each([
    ['a name with its words in any case', 'greta thunberg', 'greta-thunberg'],
    ['an alias', 'thunberg', 'greta-thunberg'],
    ['the start of each word', 'gr th', 'greta-thunberg'],
    ['an accent typed or not', 'grëta', 'greta-thunberg'],
    ['a word inside the id', 'lund', 'margreta-lund'],
  ])('finds by %s', (_name, typed, first) => {
    expect(rankChoices(MANY, typed)[0]!.id).toBe(first);
  });

  it('matches nothing it should not, and keeps the order given when nothing is typed', () => {
    expect(rankChoices(MANY, 'zebra')).toEqual([]);
    expect(rankChoices(MANY, '  ')).toEqual(MANY);
  });
});

describe('completeChoice', () => {
  it.each([
    ['the single match', 'thunberg f', 'greta-thunberg-foundation'],
    ['the only id that starts with the words, among others that contain them', 'greta-thunberg-f', 'greta-thunberg-foundation'],
    ['the prefix the ids starting with the words share', 'gre', 'greta-thunberg'],
    ['ids in lower case from words typed in capitals', 'GRE', 'greta-thunberg'],
    ['the prefix of several ids', 'ab', 'abigail-'],
    ['nothing, when it is already whole and others go on', 'greta-thunberg', undefined],
    ['nothing, for nothing typed', '', undefined],
    ['nothing, when nothing matches', 'zebra', undefined],
  ])('completes to %s', (_name, typed, completion) => {
    expect(completeChoice(MANY, typed)).toBe(completion);
  });

  it('completes to the id of the single match found by its name', () => {
    expect(completeChoice(MANY, 'margreta')).toBe('margreta-lund');
  });
});

describe('lists and what is shown', () => {
  it('picks the last part of a comma-separated answer', () => {
    expect(lastTerm('mike-pence, gre')).toEqual({ head: 'mike-pence, ', term: 'gre' });
    expect(lastTerm('gre')).toEqual({ head: '', term: 'gre' });
    expect(describeMatches(MANY, 'mike-pence, thunberg')[0]).toBe('  greta-thunberg             Greta Thunberg (Thunberg)');
  });

  it('shows the best few, then how many more, and says when nothing matches', () => {
    const lines = describeMatches(MANY, 'a', 8);
    expect(lines).toHaveLength(9);
    expect(lines[8]).toMatch(/^ {2}… and \d+ more; Tab completes$/);
    expect(describeMatches(MANY, 'zebra')).toEqual(['  no match for "zebra"']);
    expect(describeMatches(MANY, '')).toEqual([]);
  });
});

/** A terminal in memory: keys typed into stdin, what the terminal would show read from stderr. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  let shown = '';
  const output = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        shown += String(chunk);
        done();
      },
    }),
    { columns: 80, isTTY: true },
  );
  return { input, output, shown: () => shown, type: async (keys: string) => {
    input.write(keys);
    await new Promise((r) => setTimeout(r, 20));
  } };
}

describe('the picker on a terminal', () => {
  it('lists the matches as the user types, completes on Tab, and clears the list on Enter', async () => {
    const term = fakeTerminal();
    const answer = terminalAsk(term.input, term.output)('Claimant: ', MANY);
    await term.type('gret');
    const listed = term.shown();
    expect(listed).toContain('\r\n\u001b[J  greta-thunberg             Greta Thunberg (Thunberg)\r\n  greta-thunberg-foundation  The Greta Thunberg Foundation\r\n  margreta-lund');
    expect(listed).not.toContain('aaron');
    await term.type('\t');
    await term.type('\r');
    expect(await answer).toBe('greta-thunberg');
    expect(term.shown().endsWith('\r\u001b[J')).toBe(true);
  });

  it('completes a word found in a name to its id, and the last part of a list', async () => {
    const term = fakeTerminal();
    const answer = terminalAsk(term.input, term.output)('Authors: ', MANY);
    // Key by key: readline reads a Tab within pasted text as text.
    await term.type('greta-thunberg, lund');
    await term.type('\t');
    await term.type('\r');
    expect(await answer).toBe('greta-thunberg, margreta-lund');
  });

  it('asks a question with no choices as before: Tab is typed, nothing is listed', async () => {
    const term = fakeTerminal();
    const answer = terminalAsk(term.input, term.output)('The words: ', undefined);
    await term.type('gre\tta\r');
    expect(await answer).toBe('gre\tta');
    expect(term.shown()).not.toContain('\u001b[J  ');
  });
});

describe('factcheck new on a terminal', () => {
  it('offers the project’s entities with their names and aliases to pick from', async () => {
    const dir = await copyBundled();
    const offered: { question: string; choices?: readonly Choice[] }[] = [];
    let stderr = '';
    const code = await main({
      argv: ['new', 'claim', '--id', 'a-new-claim', '--no-cache', '--root', dir],
      cwd: dir,
      stdout: () => {},
      stderr: (t) => (stderr += t),
      isTTY: true,
      env: {},
      ask: async (question, choices) => {
        offered.push({ question, ...(choices ? { choices } : {}) });
        return undefined; // Ctrl-D at the first question
      },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('cancelled');
    expect(offered[0]!.question).toMatch(/^Claimant/);
    const choices = offered[0]!.choices!;
    expect(choices).toContainEqual({ id: 'donald-trump-jr', name: 'Donald Trump Jr.', aliases: expect.arrayContaining(['Don']) });
    expect(rankChoices(choices, 'pence')[0]!.id).toBe('mike-pence');
    expect(completeChoice(choices, 'pence')).toBe('mike-pence');
  });
});
