import { describe, expect, it } from 'vitest';
import { buildModel, createModelBuilder } from '../../src/validate/build-model.js';
import { keepNamedSources } from '../../src/load/partial-model.js';
import { sortDiagnostics } from '../../src/diagnostics.js';
import { bundledFiles, memoryProject, type ProjectFiles } from '../helpers/memory-project.js';

/** The model of some files, with what the schema check and buildModel each reported. */
function build(files: ProjectFiles) {
  const project = memoryProject(files);
  const { model, diagnostics } = buildModel(project.usable);
  return { model, diagnostics, schema: project.diagnostics };
}

const entity = (id: string, kind = 'person') => `  - id: ${id}\n    name: ${id.toUpperCase()}\n    kind: ${kind}\n`;
const source = (id: string, published = '"2017"') => `  - id: ${id}\n    kind: news-report\n    title: A report\n    published: ${published}\n`;
const record = (id: string, date = '"2016"') => `  - id: ${id}\n    source: s1\n    kind: event\n    actor: alice\n    action: contact\n    quote: words\n    date: ${date}\n`;
/** A claim of eight lines; as a file's first item, its `date` is on line 5. */
const claim = (id: string, date = '"2016-10-12"', more = '') =>
  `  - id: ${id}\n    text: words\n    claimant: alice\n    date: ${date}\n    appearance: s1\n${more}    asserts:\n      kind: opinion\n      reason: a judgement\n`;

describe('buildModel on the bundled corpus', () => {
  const { model, diagnostics, schema } = build(bundledFiles());

  it('builds every item with nothing to report', () => {
    expect(schema).toEqual([]);
    expect(diagnostics).toEqual([]);
    expect([model.entities.size, model.sources.size, model.evidence.size, model.claims.length]).toEqual([14, 9, 30, 11]);
    expect([...model.rulesets.keys()].sort()).toEqual(['absence', 'attribution', 'event', 'opinion', 'quantity', 'timing']);
    expect(model.config?.fallback_rating).toBe('unproven');
    expect(model.config?.vocabulary.actions.get('reply')).toEqual({ label: 'replied to', broader: 'message' });
  });

  it('reads a claim with its dates as intervals of days and its place in the file', () => {
    const claim = model.claims.find((c) => c.id === 'pence-denies-wikileaks-connection');
    expect(claim?.ref).toEqual({ file: 'claims/statements.yaml', path: ['claims', 0] });
    expect(claim?.date).toEqual({
      text: '2016-10-12',
      precision: 'day',
      start: '2016-10-12',
      end: '2016-10-12',
      from: '2016-10-12',
      begunBy: '2016-10-12',
      complete: false,
      basis: 'The Week says "On 12 October"; the year is that of the 2016 campaign it reports.',
    });
    expect(claim?.reviewed?.text).toBe('2026-11-22');
    expect(claim?.tags).toEqual(['denial', 'wikileaks', 'campaign']);
    expect(claim?.asserts).toMatchObject({ kind: 'absence', event: { actor: 'trump-team', action: 'contact', target: 'wikileaks', mutual: true, once: false } });
  });

  it('reads a range, a single author and an unknown publication date', () => {
    expect(model.evidence.get('week-messages-window')).toMatchObject({
      kind: 'event',
      date: { text: '2016-09-20/2016-10-12', precision: 'range', start: '2016-09-20', end: '2016-10-12', begunBy: '2016-09-20', complete: true, span: 'throughout' },
      relayed_from: 'the-atlantic-trump-jr-wikileaks',
      dated_by: [],
      about: [],
    });
    expect(model.sources.get('euronews-trump-jr-wikileaks')?.authors).toEqual(['natalie-huet']);
    expect(model.sources.get('the-atlantic-trump-jr-wikileaks')).toMatchObject({
      published: { text: 'unknown', precision: 'unknown', basis: 'Neither archived text dates it; both report it as recent news.' },
      relays: [],
      snapshot: undefined,
    });
  });

  it('reads a ruleset with each rule\'s rating, explanation and place', () => {
    const event = model.rulesets.get('event');
    expect(event?.ref).toEqual({ file: 'rules/event.yaml', path: [] });
    expect(event?.default_for).toEqual(['event']);
    expect(event?.rules[0]).toEqual({
      name: 'conflicting-evidence',
      description: undefined,
      priority: 90,
      conditions: {
        all: [
          { fact: 'supporting_count', operator: 'greaterThanInclusive', value: 1 },
          { fact: 'contradicting_count', operator: 'greaterThanInclusive', value: 1 },
        ],
      },
      rating: 'half-true',
      explanation: 'The evidence conflicts: it is reported by {supporting_origin_names}, but {contradicting_reasons}.',
      ref: { file: 'rules/event.yaml', path: ['rules', 0] },
    });
  });
});

describe('buildModel with broken items', () => {
  it('leaves out only the list item its schema refused, and reports nothing more itself', () => {
    const { model, diagnostics, schema } = build({
      'entities/a.yaml': `entities:\n${entity('alice')}${entity('bob', 'persn')}${entity('carol')}`,
      'claims/a.yaml': `claims:\n${claim('first')}${claim('second').replace('    text: words\n', '')}${claim('third')}`,
    });
    expect(schema).toMatchObject([
      { code: 'schema/enum', file: 'entities/a.yaml', line: 7, col: 11 },
      { code: 'schema/required', file: 'claims/a.yaml', line: 10, col: 5 },
    ]);
    expect(diagnostics).toEqual([]);
    expect([...model.entities.keys()]).toEqual(['alice', 'carol']);
    expect(model.entities.get('carol')?.ref).toEqual({ file: 'entities/a.yaml', path: ['entities', 2] });
    expect(model.claims.map((c) => c.id)).toEqual(['first', 'third']);
  });

  it('has no config without a config file', () => {
    expect(build({ 'entities/a.yaml': `entities:\n${entity('alice')}` }).model.config).toBeUndefined();
  });
});

describe('buildModel with a duplicate id', () => {
  // Each kind: the id defined first at 2:5 of one file, again as the second item of another.
  const cases = [
    { what: 'entity', folder: 'entities', item: entity, idLine: 5, kept: (m: ReturnType<typeof build>['model']) => m.entities },
    { what: 'source', folder: 'sources', item: (id: string) => source(id), idLine: 6, kept: (m: ReturnType<typeof build>['model']) => m.sources },
    { what: 'evidence record', folder: 'evidence', item: (id: string) => record(id), idLine: 9, kept: (m: ReturnType<typeof build>['model']) => m.evidence },
    {
      what: 'claim',
      folder: 'claims',
      item: (id: string) => claim(id),
      idLine: 10,
      kept: (m: ReturnType<typeof build>['model']) => new Map(m.claims.map((c) => [c.id, c])),
    },
  ];

  it.each(cases)('reports a second $what at its id, with where the first is', ({ what, folder, item, idLine, kept }) => {
    const { model, diagnostics } = build({
      [`${folder}/a.yaml`]: `${folder}:\n${item('twice')}`,
      [`${folder}/b.yaml`]: `${folder}:\n${item('once')}${item('twice')}`,
    });
    expect(diagnostics).toEqual([
      {
        code: 'ref/duplicate-id',
        severity: 'error',
        file: `${folder}/b.yaml`,
        line: idLine,
        col: 9,
        message: `${what} id "twice" is already defined at ${folder}/a.yaml:2:5`,
      },
    ]);
    // The first definition stands; the other items of the second file are kept.
    expect([...kept(model).keys()].sort()).toEqual(['once', 'twice']);
    expect(kept(model).get('twice')?.ref).toEqual({ file: `${folder}/a.yaml`, path: [folder, 0] });
  });

  it('points into the bundled corpus when a new file repeats one of its claims', () => {
    const { diagnostics, model } = build({ ...bundledFiles(), 'claims/new.yaml': `claims:\n${claim('pence-denies-wikileaks-connection')}` });
    expect(diagnostics).toMatchObject([
      { code: 'ref/duplicate-id', file: 'claims/new.yaml', line: 2, col: 9, message: 'claim id "pence-denies-wikileaks-connection" is already defined at claims/statements.yaml:5:5' },
    ]);
    expect(model.claims.filter((c) => c.id === 'pence-denies-wikileaks-connection').map((c) => c.ref.file)).toEqual(['claims/statements.yaml']);
  });

  it('reports a ruleset defined by two files, keeping the first', () => {
    const rules = `ruleset: shared
default_for: [opinion]
rules:
  - name: judged
    priority: 10
    conditions:
      all:
        - { fact: supporting_count, operator: equal, value: 0 }
    event:
      type: verdict
      params: { rating: not-checkable, explanation: An opinion. }
`;
    // At the second file's ruleset id, wherever it stands: after a comment and a description here.
    const { model, diagnostics } = build({ 'rules/a.yaml': rules, 'rules/b.yaml': `# The same ruleset again.\ndescription: x\n${rules}` });
    expect(diagnostics).toMatchObject([{ code: 'ref/duplicate-id', file: 'rules/b.yaml', line: 3, col: 10, message: 'ruleset id "shared" is already defined at rules/a.yaml:1:1' }]);
    expect(model.rulesets.get('shared')?.ref.file).toBe('rules/a.yaml');
  });
});

describe('buildModel reading dates', () => {
  it('reads a range that went on throughout, with its basis, and a year written as a number', () => {
    const range = '{ from: "2016-09-20", to: "2016-10", span: throughout, basis: the article }';
    const { model, diagnostics } = build({
      'claims/a.yaml': `claims:\n${claim('c1', range)}`,
      'evidence/a.yaml': `evidence:\n${record('e1', '2016')}`,
    });
    expect(diagnostics).toEqual([]);
    expect(model.claims[0]?.date).toEqual({
      text: '2016-09-20/2016-10',
      precision: 'range',
      start: '2016-09-20',
      end: '2016-10-31',
      from: '2016-09-20',
      begunBy: '2016-09-20',
      complete: false,
      span: 'throughout',
      basis: 'the article',
    });
    expect(model.evidence.get('e1')).toMatchObject({ date: { text: '2016', precision: 'year', start: '2016-01-01', end: '2016-12-31' } });
  });

  // Each case: one item whose date cannot be read, reported where the date is; claims and records are left out.
  const cases: { name: string; files: ProjectFiles; at: Record<string, unknown> }[] = [
    {
      name: 'a day that does not exist',
      files: { 'claims/a.yaml': `claims:\n${claim('bad', '"2016-02-30"')}${claim('good')}` },
      at: { code: 'date/invalid', file: 'claims/a.yaml', line: 5, col: 11, message: '"2016-02-30" does not exist: February 2016 has 29 days' },
    },
    {
      name: 'a month that does not exist, under `on`',
      files: { 'claims/a.yaml': `claims:\n${claim('bad', '{ on: "2016-13" }')}${claim('good')}` },
      at: { code: 'date/invalid', file: 'claims/a.yaml', line: 5, col: 17, message: '"2016-13" has no month 13' },
    },
    {
      name: 'the year 0',
      files: { 'claims/a.yaml': `claims:\n${claim('bad', '"0000"')}${claim('good')}` },
      at: { code: 'date/invalid', file: 'claims/a.yaml', line: 5, col: 11 },
    },
    {
      name: 'a range that ends before it starts, at its end',
      files: { 'claims/a.yaml': `claims:\n${claim('bad', '\n      from: "2016-10-12"\n      to: "2016-09"')}${claim('good')}` },
      at: { code: 'date/range-order', file: 'claims/a.yaml', line: 7, col: 11, message: 'the range ends (2016-09) before it starts (2016-10-12)' },
    },
    {
      name: 'a review date',
      files: { 'claims/a.yaml': `claims:\n${claim('bad', '"2016-10-12"', '    reviewed: "2026-02-29"\n')}${claim('good')}` },
      at: { code: 'date/invalid', file: 'claims/a.yaml', line: 7, col: 15, message: '"2026-02-29" does not exist: February 2026 has 28 days' },
    },
    {
      name: "an assertion's window",
      files: {
        'claims/a.yaml': `claims:\n${claim('bad').replace('kind: opinion\n      reason: a judgement', 'kind: event\n      event: { actor: alice, action: contact }\n      when: "2016-09-31"')}${claim('good')}`,
      },
      at: { code: 'date/invalid', file: 'claims/a.yaml', line: 10, col: 13, message: '"2016-09-31" does not exist: September 2016 has 30 days' },
    },
    {
      name: "an evidence record's date",
      files: { 'evidence/a.yaml': `evidence:\n${record('bad', '"2015-02-29"')}${record('good')}` },
      at: { code: 'date/invalid', file: 'evidence/a.yaml', line: 8, col: 11, message: '"2015-02-29" does not exist: February 2015 has 28 days' },
    },
  ];

  it.each(cases)('reports $name there and leaves the item out', ({ files, at }) => {
    const { model, diagnostics, schema } = build(files);
    expect(schema).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', ...at });
    const ids = [...model.claims.map((c) => c.id), ...model.evidence.keys()];
    expect(ids).toEqual(['good']);
  });

  it('keeps a source whose publication date cannot be read, as published on an unknown date', () => {
    const { model, diagnostics } = build({ 'sources/a.yaml': `sources:\n${source('s1', '"2017-00"')}` });
    expect(diagnostics).toMatchObject([{ code: 'date/invalid', file: 'sources/a.yaml', line: 5, col: 16, message: '"2017-00" has no month 0' }]);
    expect(model.sources.get('s1')?.published).toEqual({ text: 'unknown', precision: 'unknown' });
  });

  it('does not report a duplicate of a claim it left out for its date', () => {
    const { model, diagnostics } = build({ 'claims/a.yaml': `claims:\n${claim('c1', '"2016-02-30"')}${claim('c1')}` });
    expect(diagnostics.map((d) => d.code)).toEqual(['date/invalid']);
    expect(model.claims.map((c) => c.ref.path)).toEqual([['claims', 1]]);
  });
});

describe('sources built only when named (a partial load)', () => {
  /** The sources and problems that keepNamedSources leaves of a model of these files, keeping the records `keep` accepts and no claim. */
  function kept(files: ProjectFiles, keep: (id: string) => boolean, defer: boolean) {
    const builder = createModelBuilder(undefined, defer);
    for (const file of memoryProject(files).usable) builder.add(file);
    const { model, diagnostics, deferred } = builder.finish();
    for (const id of model.evidence.keys()) if (!keep(id)) model.evidence.delete(id);
    model.claims = [];
    keepNamedSources(model, deferred);
    // Sorted, as a load reports them: a deferred source's problem is found when it is built.
    return { sources: [...model.sources.values()], diagnostics: sortDiagnostics([...diagnostics]), deferred };
  }
  const relaying = (id: string, relays: string, published = '"2017"') => `${source(id, published)}    relays: [${relays}]\n`;
  const files: ProjectFiles = {
    ...bundledFiles(),
    // A chain of three, the last with a date that cannot be read; one source no record names; one defined twice.
    'sources/more.yaml': `sources:\n${relaying('x1', 'x2')}${relaying('x2', 'x3')}${source('x3', '"2017-00"')}${source('unnamed', '"2017-13"')}${source('twice')}`,
    'sources/again.yaml': `sources:\n${source('twice')}`,
    'evidence/more.yaml': `evidence:\n${record('m1').replace('source: s1', 'source: x1')}`,
  };

  it('keeps what building every source and dropping the unnamed keeps, in the same order, with the same problems', () => {
    for (const keep of [(id: string) => id === 'm1', (id: string) => id.startsWith('week-'), () => true, () => false]) {
      const eager = kept(files, keep, false);
      const lazy = kept(files, keep, true);
      expect(eager.deferred).toBeUndefined();
      expect(lazy.sources).toEqual(eager.sources);
      expect(lazy.sources.map((s) => s.id)).toEqual(eager.sources.map((s) => s.id));
      // Less the problems of sources left out, which are never built: "unnamed" and, when no record names the chain, x3.
      const named = new Set(lazy.sources.map((s) => s.id));
      expect(lazy.diagnostics).toEqual(eager.diagnostics.filter((d) => !d.message.includes('2017-13') && (named.has('x3') || !d.message.includes('2017-00'))));
    }
  });

  it('builds down a chain of relays, and reports a named source\'s problem but not an unnamed one\'s', () => {
    const lazy = kept(files, (id) => id === 'm1', true);
    expect(lazy.sources.map((s) => s.id)).toEqual(['x1', 'x2', 'x3']);
    expect(lazy.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      ['ref/duplicate-id', 'sources/again.yaml', 'source id "twice" is already defined at sources/more.yaml:20:5'],
      ['date/invalid', 'sources/more.yaml', '"2017-00" has no month 0'],
    ]);
  });
});
