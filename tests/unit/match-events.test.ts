import { afterAll, describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../src/types.js';
import { cleanProjects } from '../helpers/project.js';
import { claimsYaml, evidenceYaml, fact, loadWorld, verifyWorld } from '../helpers/world.js';

afterAll(cleanProjects);

/** A claim by a third party (no evidence is its own), made long after the events. */
const claim = (id: string, asserts: string) => `id: ${id}
text: words
claimant: fox-news
date: "2026-12-01"
appearance: interview
asserts:
${asserts.trim().split('\n').map((l) => `  ${l}`).join('\n')}`;

const record = (id: string, fields: string, source = 'outlet-d') => `id: ${id}
source: ${source}
quote: words
${fields.trim()}`;

const event = (id: string, fields: string, source?: string) => record(id, `kind: event\n${fields}`, source);

/** The role and reason each record got, by id. */
const roles = (r: ClaimResult | undefined) => Object.fromEntries((r?.citations ?? []).filter((c) => c.role !== 'context').map((c) => [c.evidence, c.role]));
const reason = (r: ClaimResult | undefined, id: string) => r?.citations.find((c) => c.evidence === id)?.reason;

describe('what a message or request was about', () => {
  it('confirms a topic by records about it or a narrower one, and takes no side on the rest; the opposite contradicts', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('asked-push', 'actor: wikileaks\naction: request\ntarget: donald-trump-jr\nabout: [push-leaks]'),
        event('asked-tweet', 'actor: wikileaks\naction: request\ntarget: donald-trump-jr\nabout: [tweet-link]', 'report'),
        event('asked-something', 'actor: wikileaks\naction: request\ntarget: donald-trump-jr'),
        event('said-not-concede', 'actor: wikileaks\naction: message\ntarget: donald-trump-jr\nabout: [not-conceding]'),
      ),
      claimsYaml(
        claim('push', 'kind: event\nevent: { actor: wikileaks, action: request, target: donald-trump-jr, about: push-leaks }'),
        claim('concede', 'kind: event\nevent: { actor: wikileaks, action: message, target: donald-trump-jr, about: conceding }'),
        claim('never-concede', 'kind: absence\nevent: { actor: wikileaks, action: message, target: donald-trump-jr, about: conceding }'),
      ),
    );
    expect(roles(results.get('push'))).toEqual({ 'asked-push': 'support', 'asked-tweet': 'support', 'asked-something': 'neutral' });
    expect(reason(results.get('push'), 'asked-something')).toBe('does not say what it asked for or said');
    expect(results.get('concede')).toMatchObject({ rating: 'false', rule: 'denied-by-evidence' });
    expect(roles(results.get('concede'))['said-not-concede']).toBe('contradict');
    // Asking the opposite once does not show it was never asked.
    expect(roles(results.get('never-concede'))['said-not-concede']).toBe('neutral');
  });
});

describe('the channel', () => {
  it('takes a record on another channel as no support, counts it, and calls the claim mostly false', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('dm', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\nchannel: twitter-dm'),
        event('no-channel', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks', 'report'),
      ),
      claimsYaml(
        claim('by-email', 'kind: event\nevent: { actor: donald-trump-jr, action: message, target: wikileaks, channel: email }'),
        claim('by-dm', 'kind: event\nevent: { actor: donald-trump-jr, action: message, target: wikileaks, channel: twitter-dm }'),
      ),
    );
    const email = results.get('by-email');
    expect(email).toMatchObject({ rating: 'mostly-false', rule: 'wrong-channel' });
    expect(fact(email, 'other_channel_count')).toEqual({ value: 1, evidence: ['dm'] });
    // A record that names no channel does not confirm email when the ones that name one say otherwise.
    expect(reason(email, 'no-channel')).toBe('does not say how, and the records that do say by Twitter direct message');
    expect(email!.explanation).toContain('It did happen, but by Twitter direct message, not by email');
    // Where the records that name a channel name the claim's, one that names none fits too.
    expect(roles(results.get('by-dm'))).toEqual({ dm: 'support', 'no-channel': 'support' });
  });
});

describe('relations between events', () => {
  const link = 'patterns:\n  link: { actor: wikileaks, action: message, target: donald-trump-jr, about: leaked-emails-link }';
  const evidence = evidenceYaml(
    event('link-message', 'actor: wikileaks\naction: message\ntarget: donald-trump-jr\nabout: [leaked-emails-link]\nbefore: { record: link-tweet, by: 2 days }', 'report'),
    event('link-tweet', 'actor: donald-trump-jr\naction: share-link\nchannel: twitter\ndate: "2016-10-14"\nin_response_to: link-message', 'report'),
    event('father-tweet', 'actor: donald-trump\naction: post\nchannel: twitter\nafter: { record: link-message, by: 15 minutes }', 'report'),
    event('later-post', 'actor: donald-trump\naction: post\nchannel: twitter\ndate: "2016-11-20"'),
    event('no-reply', 'actor: donald-trump-jr\naction: reply\ntarget: wikileaks\nnegated: true\nin_response_to: link-message', 'report'),
  );

  it('settles order and gap by responses and relative dates, and a single act in the wrong order contradicts', async () => {
    const results = await verifyWorld(
      evidence,
      claimsYaml(
        claim('tweet-after', `kind: event\nevent: { actor: donald-trump-jr, action: share-link, after: link }\n${link}`),
        claim('tweet-before', `kind: event\nevent: { actor: donald-trump-jr, action: share-link, before: link }\n${link}`),
        claim('tweet-week-after', `kind: event\nevent: { actor: donald-trump-jr, action: share-link, after: { event: link, by: 1 week } }\n${link}`),
        claim('father-15', `kind: event\nevent: { actor: donald-trump, action: post, after: { event: link, by: 15 minutes } }\n${link}`),
        claim('father-before', `kind: event\nevent: { actor: donald-trump, action: post, before: link }\n${link}`),
      ),
    );
    expect(results.get('tweet-after')).toMatchObject({ rating: 'true' });
    expect(reason(results.get('tweet-after'), 'link-tweet')).toBe('reports it after WikiLeaks sent a message to Donald Trump Jr. (12 October 2016) (dated 14 October 2016)');
    // The tweet answers the message: tied to it, so a claim of the other order is contradicted.
    expect(results.get('tweet-before')).toMatchObject({ rating: 'false', rule: 'denied-by-evidence' });
    expect(results.get('tweet-week-after')?.explanation).toContain('reports it 2 days after WikiLeaks sent a message to Donald Trump Jr. (12 October 2016), not 1 week after it');
    // A post 39 days later is not 15 minutes after: another post, which takes no side.
    expect(roles(results.get('father-15'))).toMatchObject({ 'father-tweet': 'support', 'later-post': 'neutral' });
    // The father's tweet is tied to the message by its relative date, so it contradicts the other
    // order; the later post is another post, not tied to it, and takes no side.
    expect(roles(results.get('father-before'))).toMatchObject({ 'father-tweet': 'contradict', 'later-post': 'neutral' });
    expect(results.get('father-before')).toMatchObject({ rating: 'false' });
    // The message the others are placed against is in the trail as context.
    expect(results.get('tweet-after')?.citations.find((c) => c.evidence === 'link-message')?.role).toBe('context');
  });

  it('takes a denial of one particular answer as support that it went unanswered', async () => {
    const results = await verifyWorld(
      evidence,
      claimsYaml(
        claim('no-answer', `kind: absence\nevent: { actor: donald-trump-jr, action: reply, target: wikileaks, answers: link }\n${link}`),
        claim('answered', `kind: event\nevent: { actor: donald-trump-jr, action: reply, target: wikileaks, answers: link }\n${link}`),
        claim('never-replied', 'kind: absence\nevent: { actor: donald-trump-jr, action: reply, target: wikileaks }'),
      ),
    );
    expect(results.get('no-answer')).toMatchObject({ rating: 'true', rule: 'confirmed-absent' });
    expect(results.get('answered')).toMatchObject({ rating: 'false' });
    // "Did not respond to this message" does not say he never replied to anything.
    expect(roles(results.get('never-replied'))['no-reply']).toBe('neutral');
  });

  it('dates a record from the one it is given relative to, and cites the records its date rests on', async () => {
    const project = await loadWorld(evidence, claimsYaml());
    const message = project.evidence.get('link-message')!;
    const father = project.evidence.get('father-tweet')!;
    expect(message.kind === 'event' && message.date).toMatchObject({ text: '2016-10-12', anchor: 'link-tweet' });
    // Fifteen minutes later keeps the day.
    expect(father.kind === 'event' && father.date).toMatchObject({ text: '2016-10-12', anchor: 'link-message' });
    const results = await verifyWorld(evidence, claimsYaml(claim('father-on-12', 'kind: timing\nevent: { actor: donald-trump, action: post }\nwhen: "2016-10-12"')));
    const trail = Object.fromEntries(results.get('father-on-12')!.citations.map((c) => [c.evidence, [c.role, c.reason]]));
    expect(trail['link-message']).toEqual(['context', 'dates father-tweet']);
    expect(trail['link-tweet']).toEqual(['context', 'dates link-message']);
  });
});

describe('time', () => {
  it('reads a dated claim as one occurrence at that time: another occurrence elsewhere takes no side, a single act elsewhere contradicts', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('message-oct', 'actor: wikileaks\naction: message\ntarget: donald-trump-jr\ndate: "2016-10-12"'),
        event('tweet-oct', 'actor: donald-trump-jr\naction: share-link\ndate: "2016-10-14"'),
      ),
      claimsYaml(
        claim('message-nov', 'kind: timing\nevent: { actor: wikileaks, action: message, target: donald-trump-jr }\nwhen: "2016-11-08"'),
        claim('tweet-nov', 'kind: timing\nevent: { actor: donald-trump-jr, action: share-link }\nwhen: "2016-11-14"'),
        claim('message-nov-once', 'kind: timing\nevent: { actor: wikileaks, action: message, target: donald-trump-jr, once: true }\nwhen: "2016-11-08"'),
      ),
    );
    expect(results.get('message-nov')).toMatchObject({ rating: 'unproven', rule: 'nothing-decides' });
    expect(results.get('tweet-nov')).toMatchObject({ rating: 'false', rule: 'outside-claimed-time' });
    expect(results.get('message-nov-once')).toMatchObject({ rating: 'false' });
  });

  it('lets a window that holds every occurrence rule out times outside it, except on a side another record has shown wrong', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('window', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\nmutual: true\ndate: { from: "2016-09-20", to: "2016-10-12", span: throughout, complete: true }', 'report'),
        event('election-day', 'actor: wikileaks\naction: message\ntarget: donald-trump-jr\ndate: "2016-11-08"'),
      ),
      claimsYaml(
        claim('in-august', 'kind: timing\nevent: { actor: wikileaks, action: message, target: donald-trump-jr }\nwhen: { from: "2016-08-01", to: "2016-08-31" }'),
        claim('jr-in-november', 'kind: timing\nevent: { actor: donald-trump-jr, action: message, target: wikileaks }\nwhen: "2016-11-20"'),
        claim('throughout', 'kind: timing\nevent: { actor: donald-trump-jr, action: message, target: wikileaks, mutual: true }\nwhen: { from: "2016-09-20", to: "2016-10-12", span: throughout }'),
        claim('throughout-longer', 'kind: timing\nevent: { actor: donald-trump-jr, action: message, target: wikileaks, mutual: true }\nwhen: { from: "2016-09-01", to: "2016-10-12", span: throughout }'),
      ),
    );
    expect(results.get('in-august')).toMatchObject({ rating: 'false' });
    expect(reason(results.get('in-august'), 'window')).toBe('puts every occurrence within 20 September to 12 October 2016, outside the claimed time');
    // The election-day message shows the window's end wrong: it no longer rules out November.
    expect(roles(results.get('jr-in-november')).window).toBe('neutral');
    expect(results.get('throughout')).toMatchObject({ rating: 'true' });
    expect(results.get('throughout-longer')).toMatchObject({ rating: 'false' });
  });

  it('places an undated record before a denial by when its source was published', async () => {
    const results = await verifyWorld(
      evidenceYaml(event('undated', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks')),
      claimsYaml(claim('denial', 'kind: absence\nevent: { actor: donald-trump-jr, action: contact, target: wikileaks }')),
    );
    const denial = results.get('denial');
    expect(denial).toMatchObject({ rating: 'false', rule: 'contradicted-before-claim' });
    expect(fact(denial, 'contradicting_known_when').value).toBe('by 2017, when it was reported');
  });
});

describe('counts, words and whose account', () => {
  it('takes a count of an action as showing it happened, and nothing about which one', async () => {
    const results = await verifyWorld(
      evidenceYaml(record('three', 'kind: quantity\nsubject: donald-trump-jr\nmeasure: replies\ncounterpart: wikileaks\nvalue: 3\nunit: messages\nattributed_to: donald-trump-jr')),
      claimsYaml(
        claim('never-replied', 'kind: absence\nevent: { actor: donald-trump-jr, action: reply, target: wikileaks }'),
        claim('replied-by-dm', 'kind: event\nevent: { actor: donald-trump-jr, action: reply, target: wikileaks, channel: twitter-dm }'),
        claim('three-replies', 'kind: quantity\nsubject: donald-trump-jr\nmeasure: replies\ncounterpart: wikileaks\nvalue: 3\nunit: messages'),
      ),
    );
    expect(results.get('never-replied')).toMatchObject({ rating: 'false' });
    expect(reason(results.get('never-replied'), 'three')).toBe('counts 3 replies sent');
    expect(roles(results.get('replied-by-dm')).three).toBe('neutral');
    // His own count of his own replies is his account, not independent confirmation.
    const count = results.get('three-replies');
    expect(count).toMatchObject({ rating: 'unproven', rule: 'participant-account-only' });
    expect(count!.set_aside).toEqual([{ evidence: 'three', reasons: ['participant'] }]);
  });

  it('finds the claimed words on record from someone else, and a short misquote', async () => {
    const results = await verifyWorld(
      evidenceYaml(record('pence', 'kind: statement\nspeaker: mike-pence\nwords: nothing could be further from the truth')),
      claimsYaml(
        claim('jr-said', 'kind: attribution\nspeaker: donald-trump-jr\nwords: nothing could be further from the truth'),
        claim('closer', 'kind: attribution\nspeaker: mike-pence\nwords: nothing could be closer to the truth'),
      ),
    );
    expect(results.get('jr-said')).toMatchObject({ rating: 'false', rule: 'misattributed' });
    expect(results.get('jr-said')!.explanation).toBe('These words are on record from Mike Pence, not Donald Trump Jr., as quoted by The Guardian.');
    expect(results.get('closer')).toMatchObject({ rating: 'false', rule: 'misquoted' });
  });
});

describe('counting and wording', () => {
  it('counts a contradiction once per pair of origins, and says "1 independent origin"', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('window-b', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\nrelayed_from: report\ndate: { from: "2016-09-20", to: "2016-10-12", complete: true }', 'outlet-b'),
        event('window-c', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\nrelayed_from: report\ndate: { from: "2016-09-20", to: "2016-10-12", complete: true }', 'outlet-c'),
        event('later', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\ndate: "2016-11-08"'),
      ),
      claimsYaml(claim('denial', 'kind: absence\nevent: { actor: donald-trump-jr, action: message, target: wikileaks }')),
    );
    const denial = results.get('denial');
    // Two outlets relaying one report's window against one record: one contradiction, not two.
    expect(fact(denial, 'conflicting_records').value).toEqual(['later', 'window-b', 'window-c']);
    expect(fact(denial, 'contradiction_count').value).toBe(1);
    expect(denial!.explanation).toContain('according to 2 independent origins');
    const single = await verifyWorld(
      evidenceYaml(event('one', 'actor: donald-trump-jr\naction: message\ntarget: wikileaks\ndate: "2016-10-01"')),
      claimsYaml(claim('denial', 'kind: absence\nevent: { actor: donald-trump-jr, action: message, target: wikileaks }')),
    );
    expect(single.get('denial')!.explanation).toContain('according to 1 independent origin (The Guardian)');
  });

  it('counts a response the number leaves out once per happening: two reports of one tweet are one', async () => {
    const results = await verifyWorld(
      evidenceYaml(
        event('message-b', 'actor: wikileaks\naction: message\ntarget: donald-trump-jr\noccurrence: the-link-message', 'outlet-b'),
        event('message-d', 'actor: wikileaks\naction: message\ntarget: donald-trump-jr\noccurrence: the-link-message'),
        event('tweet-b', 'actor: donald-trump-jr\naction: share-link\nin_response_to: message-b', 'outlet-b'),
        event('tweet-d', 'actor: donald-trump-jr\naction: share-link\nin_response_to: message-d'),
        record('count', 'kind: quantity\nsubject: donald-trump-jr\nmeasure: replies\ncounterpart: wikileaks\nvalue: 3\nunit: messages'),
      ),
      claimsYaml(claim('three', 'kind: quantity\nsubject: donald-trump-jr\nmeasure: replies\ncounterpart: wikileaks\nvalue: 3\nunit: messages')),
    );
    expect(fact(results.get('three'), 'omitted_conduct').value).toBe(1);
  });
});
