import { afterAll, describe, expect, it } from 'vitest';
import { cleanProjects } from '../helpers/project.js';
import { claimsYaml, evidenceYaml, fact, verifyWorld } from '../helpers/world.js';

afterAll(cleanProjects);

const claim = (id: string, asserts: string, extra = '') => `id: ${id}
text: words
claimant: mike-pence
date: "2016-10-12"
appearance: interview
${extra}asserts:
${asserts.trim().split('\n').map((l) => `  ${l}`).join('\n')}`;

const event = (id: string, fields: string, source = 'outlet-d') => `id: ${id}
source: ${source}
kind: event
quote: words
${fields.trim()}`;

describe('matching events to claims', () => {
  it('expands a group to its members and a broad action to narrower ones', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('jr-messaged', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks'),
        event('jr-contacted', 'actor: donald-trump-jr\naction: contact\ntarget: wikileaks'),
      ),
      claimsYaml(
        claim('team-contact', 'kind: event\nevent: { actor: trump-team, action: contact, target: wikileaks }'),
        claim('jr-message', 'kind: event\nevent: { actor: donald-trump-jr, action: message, target: wikileaks }'),
      ),
    );
    expect(fact(results.get('team-contact'), 'supporting_count').evidence).toEqual(['jr-contacted', 'jr-messaged']);
    // "contact" is broader than "message": it does not confirm a message
    expect(fact(results.get('jr-message'), 'supporting_count').evidence).toEqual(['jr-messaged']);
  });

  it('matches the other direction only for mutual claims or records', async () => {
    const results = await verifyWorld(
      evidenceYaml(event('wl-wrote', 'actor: wikileaks\naction: message\ntarget: donald-trump-jr')),
      claimsYaml(
        claim('one-way', 'kind: event\nevent: { actor: donald-trump-jr, action: message, target: wikileaks }'),
        claim('either-way', 'kind: event\nevent: { actor: donald-trump-jr, action: message, target: wikileaks, mutual: true }'),
      ),
    );
    expect(fact(results.get('one-way'), 'matching_count').value).toBe(0);
    expect(fact(results.get('either-way'), 'supporting_count').evidence).toEqual(['wl-wrote']);
  });

  it('counts a denial only when it is as broad as the claim, and not when it answers one record', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('no-reply', 'actor: donald-trump-jr\naction: reply\ntarget: wikileaks\nnegated: true'),
        event('request', 'actor: wikileaks\naction: request\ntarget: donald-trump-jr'),
        event('no-reply-to-request', 'actor: donald-trump-jr\naction: reply\ntarget: wikileaks\nnegated: true\nin_response_to: request'),
        event('no-contact', 'actor: mike-pence\naction: contact\ntarget: wikileaks\nnegated: true'),
      ),
      claimsYaml(
        claim('jr-no-contact', 'kind: absence\nevent: { actor: donald-trump-jr, action: contact, target: wikileaks }'),
        claim('pence-no-contact', 'kind: absence\nevent: { actor: mike-pence, action: contact, target: wikileaks }'),
        claim('jr-replied', 'kind: event\nevent: { actor: donald-trump-jr, action: reply, target: wikileaks }'),
      ),
    );
    // "Did not reply to this request" does not deny every reply.
    expect(fact(results.get('jr-replied'), 'contradicting_count').evidence).toEqual(['no-reply']);
    expect(fact(results.get('jr-replied'), 'neutral_count').evidence).toEqual(['no-reply-to-request']);
    expect(fact(results.get('jr-no-contact'), 'matching_count').value).toBe(0);
    expect(results.get('jr-no-contact')?.rating).toBe('unproven');
    expect(fact(results.get('pence-no-contact'), 'supporting_count').evidence).toEqual(['no-contact']);
    expect(results.get('pence-no-contact')?.rating).toBe('true');
  });

  it('places dated records inside or outside a timing window, and leaves loose dates neutral', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('inside', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\ndate: "2016-10-01"'),
        event('outside', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\ndate: "2016-11-08"', 'outlet-b'),
        event('loose', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\ndate: "2016"'),
        event('undated', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks'),
      ),
      claimsYaml(
        claim('window', 'kind: timing\nevent: { actor: donald-trump-jr, action: message, target: wikileaks }\nwhen: { from: "2016-09-20", to: "2016-10-12", complete: true }'),
        claim('open-window', 'kind: timing\nevent: { actor: donald-trump-jr, action: message, target: wikileaks }\nwhen: { from: "2016-09-20", to: "2016-10-12" }'),
      ),
    );
    // A window that does not claim every occurrence is not contradicted by one outside it.
    expect(fact(results.get('open-window'), 'contradicting_count').value).toBe(0);
    expect(results.get('open-window')?.rating).toBe('true');
    const window = results.get('window');
    expect(fact(window, 'supporting_count').evidence).toEqual(['inside']);
    expect(fact(window, 'contradicting_count').evidence).toEqual(['outside']);
    expect(fact(window, 'neutral_count').evidence).toEqual(['loose', 'undated']);
    expect(fact(window, 'contradicting_dates').value).toEqual(['8 November 2016']);
    expect(window?.rating).toBe('half-true');
  });

  it('counts events before the claim only when they certainly began before it', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('range-before', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\ndate: { from: "2016-09-20", to: "2016-10-12", span: throughout }'),
        // Somewhere in the same weeks: not known to have come before 12 October.
        event('range-within', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\ndate: { from: "2016-09-20", to: "2016-10-12" }'),
        event('same-year', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\ndate: "2016"'),
        event('same-day', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\ndate: "2016-10-12"'),
        event('after', 'actor: wikileaks\naction: message\ntarget: donald-trump-jr\ndate: "2016-11-08"'),
      ),
      claimsYaml(claim('denial', 'kind: absence\nevent: { actor: trump-team, action: contact, target: wikileaks, mutual: true }')),
    );
    const denial = results.get('denial');
    expect(fact(denial, 'events_before_claim')).toEqual({ value: 1, evidence: ['range-before'] });
    expect(fact(denial, 'earliest_event_date')).toEqual({ value: '2016-09-20', evidence: ['range-before'] });
    // What happened after a denial cannot falsify it.
    expect(fact(denial, 'contradicting_count').evidence).toEqual(['range-before', 'range-within', 'same-day', 'same-year']);
    expect(fact(denial, 'neutral_count').evidence).toEqual(['after']);
    expect(denial?.rating).toBe('false');
  });
});

describe('independence', () => {
  const quantity = (id: string, source: string, value: number, extra = '') => `id: ${id}
source: ${source}
kind: quantity
subject: donald-trump
measure: delay-after-message
counterpart: wikileaks
value: ${value}
unit: minutes
quote: words
${extra}`;
  const delayClaim = (id: string, value: number, appearance = 'interview', claimant = 'mike-pence') => `id: ${id}
text: words
claimant: ${claimant}
date: "2017"
appearance: ${appearance}
asserts:
  kind: quantity
  subject: donald-trump
  measure: delay-after-message
  counterpart: wikileaks
  value: ${value}
  unit: minutes`;

  it('counts two outlets relaying one report as one origin', async () => {
    const results = await verifyWorld(
      evidenceYaml(quantity('b-says', 'outlet-b', 15, 'relayed_from: report'), quantity('c-says', 'outlet-c', 15, 'relayed_from: report')),
      claimsYaml(delayClaim('fifteen', 15)),
    );
    const r = results.get('fifteen');
    expect(fact(r, 'supporting_count').value).toBe(2);
    expect(fact(r, 'supporting_origins').value).toBe(1);
    expect(fact(r, 'supporting_origin_names').value).toEqual(['The Atlantic']);
    expect(fact(r, 'supporting_outlets').value).toEqual(['Euronews', 'The Week']);
    expect(r?.rule).toBe('confirmed-by-one-report-repeated');
  });

  it('sets aside records from the claim\'s own appearance, and through relays chains', async () => {
    const results = await verifyWorld(
      evidenceYaml(quantity('own', 'outlet-b', 15), quantity('relayed-own', 'outlet-c', 15, 'relayed_from: report')),
      claimsYaml(delayClaim('by-outlet-b', 15, 'outlet-b', 'the-week'), delayClaim('by-report', 15, 'report', 'the-atlantic')),
    );
    expect(results.get('by-outlet-b')?.set_aside).toEqual([{ evidence: 'own', reasons: ['own-appearance', 'self-reported'] }]);
    expect(fact(results.get('by-outlet-b'), 'supporting_count').evidence).toEqual(['relayed-own']);
    // When the report itself is the claim, an outlet relaying it is the claim repeated;
    // outlet B's own reporting is still independent.
    expect(results.get('by-report')?.set_aside).toEqual([{ evidence: 'relayed-own', reasons: ['own-appearance', 'self-reported'] }]);
    expect(fact(results.get('by-report'), 'supporting_count').evidence).toEqual(['own']);
  });

  it('never counts the claimant\'s own word as support', async () => {
    const results = await verifyWorld(
      evidenceYaml(`id: own-count
source: outlet-c
kind: quantity
subject: donald-trump-jr
measure: replies
counterpart: wikileaks
value: 3
unit: messages
attributed_to: donald-trump-jr
quote: words`),
      claimsYaml(`id: three
text: words
claimant: donald-trump-jr
date: "2017"
appearance: outlet-d
asserts: { kind: quantity, subject: donald-trump-jr, measure: replies, counterpart: wikileaks, value: 3, unit: messages }`),
    );
    const r = results.get('three');
    expect(fact(r, 'supporting_count').value).toBe(0);
    expect(fact(r, 'self_reported_only')).toEqual({ value: true, evidence: ['own-count'] });
    expect(r?.set_aside).toEqual([{ evidence: 'own-count', reasons: ['self-reported'] }]);
    expect(r?.rating).toBe('unproven');
  });
});

describe('quantities', () => {
  const record = (id: string, value: number, unit: string) => `id: ${id}
source: outlet-d
kind: quantity
subject: donald-trump-jr
measure: delay-after-message
counterpart: wikileaks
value: ${value}
unit: ${unit}
quote: words`;
  const claimOf = (id: string, value: number, unit: string, extra = '') => `id: ${id}
text: words
claimant: mike-pence
date: "2017"
appearance: interview
asserts: { kind: quantity, subject: donald-trump-jr, measure: delay-after-message, counterpart: wikileaks, value: ${value}, unit: ${unit}${extra} }`;

  it('converts time units before comparing', async () => {
    const results = await verifyWorld(evidenceYaml(record('two-days', 2, 'days')), claimsYaml(claimOf('minutes', 2880, 'minutes'), claimOf('hours', 47, 'hours')));
    expect(results.get('minutes')?.rating).toBe('true');
    expect(fact(results.get('hours'), 'evidenced_value').value).toBe(48);
    expect(fact(results.get('hours'), 'quantity_difference').value).toBe(1);
    expect(results.get('hours')?.rating).toBe('mostly-true');
  });

  it('honours comparisons and tolerances', async () => {
    const results = await verifyWorld(
      evidenceYaml(record('fifteen', 15, 'minutes')),
      claimsYaml(
        claimOf('at-most-20', 20, 'minutes', ', comparison: at-most'),
        claimOf('at-least-20', 20, 'minutes', ', comparison: at-least'),
        claimOf('about-14', 14, 'minutes', ', comparison: approximately, tolerance: 1'),
        claimOf('about-10', 10, 'minutes', ', comparison: approximately, tolerance_percent: 10'),
      ),
    );
    expect(results.get('at-most-20')?.rating).toBe('true');
    expect(results.get('at-least-20')?.rating).not.toBe('true');
    expect(results.get('about-14')?.rating).toBe('true');
    expect(fact(results.get('about-10'), 'contradicting_count').value).toBe(1);
  });

  it('reports conduct the number leaves out, with the request it answered', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        `id: request
source: outlet-d
kind: event
actor: wikileaks
action: request
target: donald-trump-jr
quote: words`,
        `id: acted
source: outlet-d
kind: event
actor: donald-trump-jr
action: share-link
channel: twitter
date: "2016-10-14"
in_response_to: request
quote: words`,
        `id: replied
source: outlet-d
kind: event
actor: donald-trump-jr
action: reply
target: wikileaks
in_response_to: request
quote: words`,
      ),
      claimsYaml(`id: replies
text: words
claimant: mike-pence
date: "2017"
appearance: interview
asserts: { kind: quantity, subject: donald-trump-jr, measure: replies, counterpart: wikileaks, value: 3, unit: messages }`),
    );
    const r = results.get('replies');
    // A reply is what the measure counts; posting the link is not.
    expect(fact(r, 'omitted_conduct')).toEqual({ value: 1, evidence: ['acted'] });
    expect(fact(r, 'omitted_conduct_summary').value).toEqual([
      'Donald Trump Jr. posted the link he had been sent on Twitter (14 October 2016), in response to WikiLeaks',
    ]);
    expect(fact(r, 'omitted_conduct_summary').evidence).toEqual(['acted', 'request']);
  });
});

describe('attributions', () => {
  const said = (id: string, words: string, source = 'outlet-c') => `id: ${id}
source: ${source}
kind: statement
speaker: donald-trump
words: "${words}"
quote: words`;
  const claimOf = (id: string, words: string) => `id: ${id}
text: words
claimant: the-week
date: "2017"
appearance: outlet-b
asserts: { kind: attribution, speaker: donald-trump, words: "${words}" }`;

  it('ignores case, quotation marks and punctuation, and catches a changed word', async () => {
    const results = await verifyWorld(
      evidenceYaml(said('tweet', 'Very little pick-up by the dishonest media of incredible information provided by Wikileaks. So dishonest! Rigged system!')),
      claimsYaml(
        claimOf('same', 'very little pick up by the dishonest media of incredible information provided by WikiLeaks'),
        claimOf('changed', 'Very little pick-up by the honest media of incredible information provided by Wikileaks'),
        claimOf('unrelated', 'We will build a wall'),
      ),
    );
    expect(results.get('same')?.rating).toBe('true');
    expect(fact(results.get('changed'), 'contradicting_count').evidence).toEqual(['tweet']);
    expect(results.get('changed')?.rating).toBe('false');
    expect(fact(results.get('unrelated'), 'matching_count').value).toBe(0);
    expect(results.get('unrelated')?.rating).toBe('unproven');
  });
});
