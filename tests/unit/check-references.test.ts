import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/validate/build-model.js';
import { checkReferences } from '../../src/validate/check-references.js';
import { relayClosure } from '../../src/validate/check-relays.js';
import { bundledFiles, memoryProject, type ProjectFiles } from '../helpers/memory-project.js';

/** References checked over files that parse, pass their schemas and build: only checkReferences has anything to say. */
function check(files: ProjectFiles) {
  const project = memoryProject(files);
  const built = buildModel(project.usable);
  expect([...project.diagnostics, ...built.diagnostics]).toEqual([]);
  return { ...checkReferences(built.model, project.locate), model: built.model };
}

/** Where `word` first stands in `text`, 1-based: where a diagnostic about it belongs. */
function where(text: string, word: string): { line: number; col: number } {
  const offset = text.indexOf(word);
  if (offset === -1) throw new Error(`"${word}" is not in the text`);
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, col: lines[lines.length - 1]!.length + 1 };
}

/** The bundled corpus with files added. */
const corpusWith = (files: ProjectFiles) => check({ ...bundledFiles(), ...files });

describe('checkReferences on the bundled corpus', () => {
  it('finds every reference resolved', () => {
    const out = check(bundledFiles());
    expect(out.diagnostics).toEqual([]);
    expect(out.invalidClaims).toEqual(new Set());
    expect(out.invalidEvidence).toEqual(new Set());
  });

  it('follows relays chains to their ends', () => {
    const { model } = check(bundledFiles());
    expect([...relayClosure(model, 'the-week-trump-jr-wikileaks')].sort()).toEqual([
      'fox-news-pence-interview',
      'the-atlantic-trump-jr-wikileaks',
      'the-guardian-trump-jr-wikileaks',
      'trump-jr-tweet-link',
    ]);
  });
});

describe('checkReferences of unknown ids', () => {
  const EVIDENCE = `evidence:
  - { id: extra-typos, source: the-week-trump-jr-wikileak, kind: event, actor: donald-trump-jt, action: mesage, target: wikileaks, in_response_to: week-messages-windw, quote: words }
  - { id: extra-fine, source: the-week-trump-jr-wikileaks, kind: event, actor: donald-trump-jr, action: message, target: wikileaks, dated_by: [week-messages-window], quote: words }
  - { id: extra-new-term, source: the-week-trump-jr-wikileaks, kind: event, actor: wikileaks, action: teleport, quote: words }
`;
  const CLAIMS = `claims:
  - { id: extra-claim, text: words, claimant: mike-pense, date: "2016-10-12", appearance: fox-news-pence-intervew, ruleset: evnt, asserts: { kind: event, event: { actor: donald-trump-jr, action: message, target: wikileeks } } }
  - { id: extra-fine, text: words, claimant: mike-pence, date: "2016-10-12", appearance: fox-news-pence-interview, asserts: { kind: opinion, reason: a judgement } }
  - { id: extra-delay, text: words, claimant: euronews, date: "2017", appearance: euronews-trump-jr-wikileaks, asserts: { kind: quantity, subject: donald-trump, measure: delay-after-message, value: 15, unit: minuts } }
  - { id: extra-hours, text: words, claimant: euronews, date: "2017", appearance: euronews-trump-jr-wikileaks, asserts: { kind: quantity, subject: donald-trump, measure: delay-after-message, value: 1, unit: hours } }
`;

  it('reports each unknown id where it is written, with the nearest known id, and leaves out only the items with one', () => {
    const out = corpusWith({ 'evidence/extra.yaml': EVIDENCE, 'claims/extra.yaml': CLAIMS });
    const inEvidence = (code: string, word: string, message: string) => ({ code, severity: 'error', file: 'evidence/extra.yaml', ...where(EVIDENCE, word), message });
    const inClaims = (code: string, word: string, message: string) => ({ code, severity: 'error', file: 'claims/extra.yaml', ...where(CLAIMS, word), message });
    expect(out.diagnostics).toEqual([
      inEvidence('ref/unknown-source', 'the-week-trump-jr-wikileak,', 'unknown source "the-week-trump-jr-wikileak"; did you mean "the-week-trump-jr-wikileaks"?'),
      inEvidence('ref/unknown-entity', 'donald-trump-jt', 'unknown entity "donald-trump-jt"; did you mean "donald-trump-jr"?'),
      inEvidence('ref/unknown-term', 'mesage', 'unknown action "mesage"; did you mean "message"?'),
      inEvidence('ref/unknown-evidence', 'week-messages-windw', 'unknown evidence record "week-messages-windw"; did you mean "week-messages-window"?'),
      // Nowhere near a known term: it may be new.
      inEvidence('ref/unknown-term', 'teleport', 'unknown action "teleport"; add it to vocabulary.actions in factcheck.config.yaml if it is new'),
      inClaims('ref/unknown-entity', 'mike-pense', 'unknown entity "mike-pense"; did you mean "mike-pence"?'),
      inClaims('ref/unknown-source', 'fox-news-pence-intervew', 'unknown source "fox-news-pence-intervew"; did you mean "fox-news-pence-interview"?'),
      inClaims('ref/unknown-ruleset', 'evnt', 'unknown ruleset "evnt"; did you mean "event"?'),
      inClaims('ref/unknown-entity', 'wikileeks', 'unknown entity "wikileeks"; did you mean "wikileaks"?'),
      // A time in another unit converts; a misspelt one does not.
      inClaims('unit/mismatch', 'minuts', 'measure "delay-after-message" is counted in minutes; found unit "minuts"; did you mean "minutes"?'),
    ]);
    expect(out.invalidEvidence).toEqual(new Set(['extra-typos', 'extra-new-term']));
    expect(out.invalidClaims).toEqual(new Set(['extra-claim', 'extra-delay']));
  });
});

describe('checkReferences without a ruleset', () => {
  it('reports a claim whose kind no ruleset is default for, at its kind', () => {
    const claims = 'claims:\n  - { id: c1, text: words, claimant: alice, date: "2016", appearance: s1, asserts: { kind: opinion, reason: a judgement } }\n';
    const out = check({
      'entities/a.yaml': 'entities:\n  - { id: alice, name: Alice, kind: person }\n',
      'sources/a.yaml': 'sources:\n  - { id: s1, kind: interview, title: An interview, published: "2016" }\n',
      'claims/a.yaml': claims,
    });
    expect(out.diagnostics).toMatchObject([
      {
        code: 'ref/no-ruleset',
        file: 'claims/a.yaml',
        ...where(claims, 'opinion'),
        message: 'no ruleset is default_for "opinion" claims; name one in `ruleset` or add "opinion" to a ruleset\'s default_for',
      },
    ]);
    expect(out.invalidClaims).toEqual(new Set(['c1']));
  });
});

describe('checkReferences of entities', () => {
  const ENTITIES = `entities:
  - { id: alice, name: Alice, kind: person, members: [bob] }
  - { id: team, name: The team, kind: group, members: [alice, carl] }
  - { id: carol, name: Carol, kind: person }
`;

  it('reports members of an entity that is not a group, and unknown members', () => {
    const out = check({ 'entities/a.yaml': ENTITIES });
    expect(out.diagnostics).toEqual([
      { code: 'ref/unknown-entity', severity: 'error', file: 'entities/a.yaml', ...where(ENTITIES, 'bob'), message: 'unknown entity "bob"' },
      { code: 'schema/invalid', severity: 'error', file: 'entities/a.yaml', ...where(ENTITIES, '[bob]'), message: 'only groups have members; entity "alice" is a person' },
      { code: 'ref/unknown-entity', severity: 'error', file: 'entities/a.yaml', ...where(ENTITIES, 'carl'), message: 'unknown entity "carl"; did you mean "carol"?' },
    ]);
  });
});

describe('checkReferences of relays', () => {
  /** A source of five lines: as the i-th item (from 0), its `relays` list starts at line 6 + 5i, column 13. */
  const source = (id: string, relays: string[] = []) =>
    `  - id: ${id}\n    kind: news-report\n    title: ${id.toUpperCase()}\n    published: "2017"\n    relays: [${relays.join(', ')}]\n`;
  /** A record of seven lines: as the i-th item, its `relayed_from` is at line 8 + 7i, column 19. */
  const record = (id: string, from: string, relayedFrom: string) =>
    `  - id: ${id}\n    source: ${from}\n    kind: event\n    actor: alice\n    action: contact\n    quote: words\n    relayed_from: ${relayedFrom}\n`;
  const world = (sources: string[], records: string[] = []) =>
    check({
      'entities/a.yaml': 'entities:\n  - { id: alice, name: Alice, kind: person }\n',
      'sources/a.yaml': `sources:\n${sources.join('')}`,
      ...(records.length ? { 'evidence/a.yaml': `evidence:\n${records.join('')}` } : {}),
    });
  const chain = [source('w'), source('x', ['y']), source('y', ['z']), source('z')];

  it('accepts a record relayed from any source down its source\'s chain', () => {
    const out = world(chain, [record('direct', 'x', 'y'), record('further', 'x', 'z')]);
    expect(out.diagnostics).toEqual([]);
    expect(out.invalidEvidence).toEqual(new Set());
  });

  it('reports relayed_from outside the chain, naming what the source does relay, and leaves the record out', () => {
    const out = world(chain, [record('own', 'x', 'x'), record('elsewhere', 'x', 'w'), record('from-nothing', 'w', 'x'), record('fine', 'y', 'z')]);
    const file = 'evidence/a.yaml';
    expect(out.diagnostics).toEqual([
      { code: 'ref/not-relayed', severity: 'error', file, line: 8, col: 19, message: 'relayed_from names the record\'s own source "x"; leave it out for the source\'s own reporting' },
      { code: 'ref/not-relayed', severity: 'error', file, line: 15, col: 19, message: 'source "x" does not relay "w" (it relays y, z); add it to the source\'s relays' },
      { code: 'ref/not-relayed', severity: 'error', file, line: 22, col: 19, message: 'source "w" does not relay "x" (its `relays` list is empty); add it to the source\'s relays' },
    ]);
    expect(out.invalidEvidence).toEqual(new Set(['own', 'elsewhere', 'from-nothing']));
  });

  it('reports an unknown relayed_from once, as an unknown source', () => {
    const out = world(chain, [record('lost', 'x', 'nowhere-at-all')]);
    expect(out.diagnostics).toEqual([
      { code: 'ref/unknown-source', severity: 'error', file: 'evidence/a.yaml', line: 8, col: 19, message: 'unknown source "nowhere-at-all"' },
    ]);
    expect(out.invalidEvidence).toEqual(new Set(['lost']));
  });

  it('reports each relays cycle once, at the relays of its smallest id, and unknown relays', () => {
    const out = world([source('q', ['p']), source('p', ['q', 'gone']), source('self', ['self']), source('x', ['p'])]);
    expect(out.diagnostics).toEqual([
      { code: 'ref/unknown-source', severity: 'error', file: 'sources/a.yaml', line: 11, col: 17, message: 'unknown source "gone"' },
      { code: 'ref/relays-cycle', severity: 'error', file: 'sources/a.yaml', line: 11, col: 13, message: 'sources relay each other in a cycle: p → q → p' },
      { code: 'ref/relays-cycle', severity: 'error', file: 'sources/a.yaml', line: 16, col: 13, message: 'sources relay each other in a cycle: self → self' },
    ]);
    expect([...relayClosure(out.model, 'x')].sort()).toEqual(['gone', 'p', 'q']);
  });

  it('lists a cycle of a dozen sources in full, and counts the sources of a longer one without the repeat', () => {
    const ring = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => source(`${prefix}${String(i).padStart(2, '0')}`, [`${prefix}${String((i + 1) % n).padStart(2, '0')}`]));
    const messages = world([...ring('a', 12), ...ring('b', 13)]).diagnostics.map((d) => d.message);
    const a = Array.from({ length: 12 }, (_, i) => `a${String(i).padStart(2, '0')}`);
    const b = Array.from({ length: 12 }, (_, i) => `b${String(i).padStart(2, '0')}`);
    expect(messages).toEqual([`sources relay each other in a cycle: ${[...a, 'a00'].join(' → ')}`, `sources relay each other in a cycle: ${b.join(' → ')} → … (13 in all)`]);
  });

  it('counts a cycle past the reported hundred once, however often its relays name the same source', () => {
    const selves = Array.from({ length: 101 }, (_, i) => `s${String(i).padStart(3, '0')}`);
    const out = world(selves.map((id, i) => source(id, i === 100 ? [id, id] : [id])));
    const messages = out.diagnostics.map((d) => d.message);
    expect(messages).toHaveLength(100);
    expect(messages.at(-1)).toBe('sources relay each other in a cycle: s099 → s099; 1 more cycle was found and is not listed');
  });
});
