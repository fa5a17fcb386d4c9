import { describe, expect, it } from 'vitest';
import { createNames, type FactValue } from '../../src/facts/fact-types.js';
import type { ClaimEvidence, Match } from '../../src/facts/match-evidence.js';
import type { LeafOutcome, RuleOutcome } from '../../src/rules/run-rules.js';
import type { Anchor, AssessmentRecord, EventRecord } from '../../src/types.js';
import { buildModel } from '../../src/validate/build-model.js';
import { buildClaimResult, type VerdictInput } from '../../src/verdict/build-claim-result.js';
import { bundledFiles, memoryProject } from '../helpers/memory-project.js';

const SHA = 'ab'.repeat(32);
const corpus = bundledFiles();
const project = memoryProject({
  'factcheck.config.yaml': corpus['factcheck.config.yaml']!,
  'entities/organisations.yaml': corpus['entities/organisations.yaml']!,
  'entities/people.yaml': corpus['entities/people.yaml']!,
  'sources/a.yaml': `sources:
  - { id: report, kind: news-report, title: The report, publisher: the-atlantic, url: "https://example.org/report", published: "2017-11", snapshot: { path: evidence/snapshots/report.txt, sha256: "${SHA}" } }
  - { id: report-two, kind: news-report, title: Second report, publisher: the-week, published: "2017" }
  - { id: interview, kind: interview, title: An interview, author: mike-pence, publisher: fox-news, published: "2016-10-12" }
  - { id: tweet, kind: social-post, title: A tweet, author: donald-trump-jr, publisher: twitter, published: "2017" }
`,
  'evidence/a.yaml': `evidence:
  - { id: e-support, source: report, kind: event, actor: donald-trump-jr, action: message, target: wikileaks, date: "2016-10-03", quote: he wrote to them }
  - { id: e-against, source: report-two, kind: event, actor: donald-trump-jr, action: message, target: wikileaks, negated: true, date: "2016-11", attributed_to: the-guardian, quote: he never wrote }
  - { id: e-explained, source: report, kind: event, actor: wikileaks, action: message, target: donald-trump-jr, date: "2016-09-20", quote: they wrote first }
  - { id: e-own, source: interview, kind: statement, speaker: mike-pence, words: nobody wrote, quote: nobody wrote }
  - { id: e-participant, source: tweet, kind: quantity, subject: donald-trump-jr, measure: replies, value: 3, unit: messages, quote: my 3 responses }
  - { id: e-neutral, source: report, kind: event, actor: donald-trump-jr, action: contact, target: wikileaks, quote: they were in touch }
  - { id: e-answered, source: report, kind: event, actor: wikileaks, action: request, target: donald-trump-jr, quote: they asked }
  - { id: e-assess, source: report-two, kind: assessment, assessor: the-week, subject: donald-trump-jr, topic: message, finding: he did write, quote: he did write }
  - { id: e-omitted, source: report, kind: event, actor: donald-trump-jr, action: reply, target: wikileaks, quote: he answered }
`,
  'claims/a.yaml': `claims:
  - id: c1
    text: nobody wrote to them
    claimant: mike-pence
    date: "2016-10-12"
    appearance: interview
    quoted_in: report
    context: Asked on air.
    interpretation: Nobody in the team wrote to WikiLeaks.
    tags: [denial]
    asserts:
      kind: event
      event: { actor: donald-trump-jr, action: message, target: wikileaks }
`,
});
const { model, diagnostics: modelProblems } = buildModel(project.usable);
const config = model.config!;
const claim = model.claims[0]!;
const names = createNames(model.entities, model.sources, config.vocabulary);

const match = (id: string, role: Match['role'], reason: string, extra: Partial<Match> = {}): Match => ({
  record: model.evidence.get(id)!,
  role,
  reason,
  origins: [],
  selfReported: false,
  ownAppearance: false,
  participant: false,
  ...extra,
});

const leaf = (path: string, fact: string, operator: string, threshold: unknown, actual: LeafOutcome['actual'], passed: boolean, more: Partial<LeafOutcome> = {}): LeafOutcome => ({
  path,
  fact,
  operator,
  threshold,
  thresholdValue: threshold,
  actual,
  passed,
  negated: false,
  evaluated: true,
  ...more,
});

const outcome = (rule: string, priority: number, rating: string, fired: boolean, more: Partial<RuleOutcome> = {}): RuleOutcome => ({
  rule,
  priority,
  rating,
  explanation: `${rule} applies.`,
  fired,
  leaves: [],
  deciding: [],
  nearMisses: [],
  ...more,
});

const anchor = (exact: string, start: number, line: number, more: Partial<Anchor> = {}): Anchor => ({
  exact,
  prefix: 'words before ',
  suffix: ' words after',
  start,
  end: start + exact.length,
  match: 'exact',
  context: { prefix: 'many words before ', exact, suffix: ' many words after' },
  line,
  ...more,
});

const facts: Record<string, FactValue> = {
  supporting_count: { value: 1, evidence: ['e-support'] },
  contradicting_count: { value: 1, evidence: ['e-against'] },
  self_reported_only: { value: false, evidence: [] },
  supporting_origin_names: { value: ['The Atlantic', 'The Week'], evidence: ['e-support'] },
  earliest_event_date: { value: '2016-09-20', evidence: ['e-explained'] },
};

const decider = outcome('mostly-supported', 80, 'mostly-true', true, {
  explanation: 'Reported by {supporting_origin_names} from {earliest_event_date}; {contradicting_count|record says|records say} otherwise.',
  leaves: [
    leaf('all[0]', 'supporting_count', 'greaterThanInclusive', 1, 1, true),
    leaf('all[1]', 'supporting_count', 'greaterThanInclusive', { fact: 'contradicting_count' }, 1, true, { thresholdValue: 1 }),
    leaf('all[2].not', 'self_reported_only', 'equal', true, false, false, { negated: true }),
  ],
});

const found: ClaimEvidence = {
  matches: [
    match('e-neutral', 'neutral', 'contact is broader than a message'),
    match('e-against', 'contradict', 'a denial of the message'),
    match('e-own', 'support', 'the claimant says so', { ownAppearance: true, selfReported: true }),
    match('e-support', 'support', 'the message as claimed', { origins: ['report'] }),
    match('e-participant', 'support', 'his own count', { participant: true, origins: ['tweet'] }),
  ],
  assessments: [model.evidence.get('e-assess') as AssessmentRecord],
  omittedConduct: [model.evidence.get('e-omitted') as EventRecord],
  contradictions: [{ kind: 'date', records: ['e-support', 'e-against'] }],
  // The first is a match already: its role and reason as a match stand.
  context: [
    { record: model.evidence.get('e-support')!, reason: 'what it follows' },
    { record: model.evidence.get('e-answered')!, reason: 'the request it answers' },
  ],
};

function input(more: Partial<VerdictInput> = {}): VerdictInput {
  return {
    claim,
    at: project.locate(claim.ref),
    ruleset: 'event',
    facts,
    found,
    outcomes: [
      outcome('lower', 10, 'true', true),
      outcome('denied', 90, 'false', false, {
        deciding: [leaf('all[0]', 'contradicting_count', 'greaterThanInclusive', 2, 1, false)],
        nearMisses: [leaf('all[0]', 'contradicting_count', 'greaterThanInclusive', 2, 1, false)],
      }),
      outcome('zeta-tie', 80, 'true', true),
      decider,
      outcome('not-self', 60, 'unproven', false, {
        deciding: [leaf('all[0].not', 'self_reported_only', 'equal', false, false, true, { negated: true })],
        nearMisses: [
          leaf('all[0].not', 'self_reported_only', 'equal', false, false, true, { negated: true }),
          leaf('all[1]', 'supporting_count', 'greaterThan', { fact: 'contradicting_count' }, 1, false, { thresholdValue: 1 }),
        ],
      }),
    ],
    config,
    names,
    evidence: model.evidence,
    sources: model.sources,
    entities: model.entities,
    anchors: {
      records: new Map([
        ['e-support', anchor('he wrote to them', 120, 4)],
        ['e-own', anchor('nobody wrote', 10, 1)],
        ['e-against', anchor('he never wrote', 300, 9)],
      ]),
      claims: new Map([['c1', anchor('nobody wrote to them', 500, 12, { match: 'normalised', unicode: ['invisible characters ignored'] })]]),
    },
    summary: 'Donald Trump Jr. sent a message to WikiLeaks',
    ...more,
  };
}

describe('buildClaimResult', () => {
  const result = buildClaimResult(input());

  it('starts from a model that loads cleanly', () => {
    expect([...project.diagnostics, ...modelProblems]).toEqual([]);
  });

  it('takes the fired rule of highest priority, the tie going to the name that sorts first', () => {
    expect([result.rating, result.rating_label, result.rule, result.priority]).toEqual(['mostly-true', 'Mostly true', 'mostly-supported', 80]);
    expect(result.also_fired).toEqual([
      { rule: 'zeta-tie', rating: 'true', priority: 80 },
      { rule: 'lower', rating: 'true', priority: 10 },
    ]);
  });

  it('fills the explanation\'s placeholders, with numbers agreeing with their nouns and dates in words', () => {
    expect(result.explanation).toBe('Reported by The Atlantic and The Week from 20 September 2016; 1 record says otherwise.');
  });

  it('lists the deciding conditions with their values, thresholds that name a fact resolved, and the evidence behind each', () => {
    expect(result.conditions).toEqual([
      { path: 'all[0]', fact: 'supporting_count', operator: 'greaterThanInclusive', threshold: 1, actual: 1, passed: true, negated: false, evidence: ['e-support'] },
      {
        path: 'all[1]',
        fact: 'supporting_count',
        operator: 'greaterThanInclusive',
        threshold: { fact: 'contradicting_count', value: 1 },
        actual: 1,
        passed: true,
        negated: false,
        evidence: ['e-against', 'e-support'],
      },
      { path: 'all[2].not', fact: 'self_reported_only', operator: 'equal', threshold: true, actual: false, passed: false, negated: true, evidence: [] },
    ]);
  });

  it('cites the decisive records first, in the order the rule uses them, then every other record considered by id', () => {
    expect(result.citations.map((c) => [c.evidence, c.decisive, c.role])).toEqual([
      ['e-support', true, 'support'],
      ['e-against', true, 'contradict'],
      ['e-explained', true, 'context'],
      ['e-answered', false, 'context'],
      ['e-assess', false, 'context'],
      ['e-neutral', false, 'neutral'],
      ['e-omitted', false, 'context'],
      ['e-own', false, 'support'],
      ['e-participant', false, 'support'],
    ]);
  });

  it('gives each record its reason, saying why supporting words are set aside', () => {
    expect(Object.fromEntries(result.citations.map((c) => [c.evidence, c.reason]))).toEqual({
      'e-support': 'the message as claimed',
      'e-against': 'a denial of the message',
      'e-explained': 'named by the explanation',
      'e-answered': 'the request it answers',
      'e-assess': 'an assessment of the subject and topic',
      'e-neutral': 'contact is broader than a message',
      'e-omitted': 'a response the number leaves out',
      'e-own': 'the claimant says so; set aside: it comes from where the claim was made',
      'e-participant': "his own count; set aside as independent support: it is the subject's own account",
    });
    expect(result.set_aside).toEqual([
      { evidence: 'e-own', reasons: ['own-appearance', 'self-reported'] },
      { evidence: 'e-participant', reasons: ['participant'] },
    ]);
  });

  it('describes a cited record with its source, the facts it feeds and where its quote sits in the snapshot', () => {
    expect(result.citations[0]).toEqual({
      evidence: 'e-support',
      kind: 'event',
      role: 'support',
      reason: 'the message as claimed',
      decisive: true,
      summary: 'Donald Trump Jr. sent a message to WikiLeaks (3 October 2016)',
      quote: 'he wrote to them',
      source: 'report',
      source_title: 'The report',
      publisher: 'The Atlantic',
      published: 'November 2017',
      url: 'https://example.org/report',
      attributed_to: null,
      relayed_from: null,
      origins: ['The Atlantic'],
      self_reported: false,
      own_appearance: false,
      facts: ['supporting_count', 'supporting_origin_names'],
      anchor: {
        snapshot: { path: 'evidence/snapshots/report.txt', sha256: SHA },
        selectors: [
          { type: 'TextQuoteSelector', exact: 'he wrote to them', prefix: 'words before ', suffix: ' words after' },
          { type: 'TextPositionSelector', start: 120, end: 136 },
        ],
        context: { prefix: 'many words before ', exact: 'he wrote to them', suffix: ' many words after' },
        match: 'exact',
        line: 4,
      },
      unanchored: false,
    });
  });

  it('has no snapshot anchor for a source that is not archived, and marks a record whose quote was not located', () => {
    const byId = new Map(result.citations.map((c) => [c.evidence, c]));
    expect(byId.get('e-against')).toMatchObject({ anchor: null, unanchored: false, attributed_to: 'The Guardian', published: '2017', facts: ['contradicting_count'] });
    expect(byId.get('e-own')).toMatchObject({ anchor: null, unanchored: false, self_reported: true, own_appearance: true, publisher: 'Fox News', facts: [] });
    expect(byId.get('e-neutral')).toMatchObject({ anchor: null, unanchored: true });
    expect(byId.get('e-participant')).toMatchObject({ origins: ['Donald Trump Jr. on Twitter'], summary: 'Donald Trump Jr.: replies sent = 3 messages' });
    expect(byId.get('e-explained')?.facts).toEqual(['earliest_event_date']);
  });

  it('says what each rule that did not fire lacked, and what single value would have fired it', () => {
    expect(result.rules_not_fired).toEqual([
      {
        rule: 'denied',
        rating: 'false',
        priority: 90,
        failed: [{ path: 'all[0]', fact: 'contradicting_count', operator: 'greaterThanInclusive', threshold: 2, actual: 1, passed: false, negated: false, evidence: ['e-against'] }],
        would_fire_if: [{ path: 'all[0]', fact: 'contradicting_count', actual: 1, operator: 'greaterThanInclusive', value: 2 }],
      },
      {
        rule: 'not-self',
        rating: 'unproven',
        priority: 60,
        failed: [{ path: 'all[0].not', fact: 'self_reported_only', operator: 'equal', threshold: false, actual: false, passed: true, negated: true, evidence: [] }],
        would_fire_if: [
          // Under a `not`, a comparison that held must fail.
          { path: 'all[0].not', fact: 'self_reported_only', actual: false, operator: 'notEqual', value: false },
          { path: 'all[1]', fact: 'supporting_count', actual: 1, operator: 'greaterThan', value: 1 },
        ],
      },
    ]);
  });

  it('describes the claim, its anchor in the source that quotes it, and the contradictions among its records', () => {
    expect(result).toMatchObject({
      id: 'c1',
      file: 'claims/a.yaml',
      line: 2,
      col: 5,
      text: 'nobody wrote to them',
      claimant: { id: 'mike-pence', name: 'Mike Pence', kind: 'person' },
      date: '2016-10-12',
      reviewed: null,
      appearance: { id: 'interview', name: 'Fox News', title: 'An interview', url: null },
      kind: 'event',
      summary: 'Donald Trump Jr. sent a message to WikiLeaks',
      context: 'Asked on air.',
      interpretation: 'Nobody in the team wrote to WikiLeaks.',
      tags: ['denial'],
      ruleset: 'event',
    });
    expect(result.anchor).toMatchObject({
      snapshot: { path: 'evidence/snapshots/report.txt', sha256: SHA },
      selectors: [{ exact: 'nobody wrote to them' }, { start: 500, end: 520 }],
      match: 'normalised',
      unicode: ['invisible characters ignored'],
      line: 12,
    });
    expect(result.contradictions).toEqual([
      {
        kind: 'date',
        records: ['e-support', 'e-against'],
        summary: 'e-support (The Atlantic: “he wrote to them”) dates it 3 October 2016, but e-against (The Week: “he never wrote”) dates the same happening November 2016',
      },
    ]);
    expect(result.facts.earliest_event_date).toEqual({ value: '2016-09-20', evidence: ['e-explained'] });
    expect(Object.keys(result.facts)).toEqual(Object.keys(facts));
  });

  it('gives the fallback rating when no rule fired, citing every record considered and none as decisive', () => {
    const none = buildClaimResult(input({ outcomes: [outcome('denied', 90, 'false', false), outcome('lower', 10, 'true', false)] }));
    expect(none).toMatchObject({
      rating: 'unproven',
      rating_label: 'Unproven',
      rule: null,
      priority: null,
      explanation: 'No rule in ruleset "event" fired, so the fallback rating applies.',
      conditions: [],
      also_fired: [],
    });
    expect(none.rules_not_fired.map((r) => r.rule)).toEqual(['denied', 'lower']);
    expect(none.citations.map((c) => c.evidence)).toEqual(['e-against', 'e-answered', 'e-assess', 'e-neutral', 'e-omitted', 'e-own', 'e-participant', 'e-support']);
    expect(none.citations.every((c) => !c.decisive && c.facts.length === 0)).toBe(true);
  });
});
