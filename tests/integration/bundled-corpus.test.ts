import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/pipeline.js';
import type { ClaimResult, VerifyResult } from '../../src/types.js';
import { REPO, runCli } from '../helpers/project.js';

/** Every bundled claim's verdict, its deciding rule and the evidence behind that rule (the trail's decisive citations). */
const EXPECTED: Record<string, { rating: string; rule: string; cites: string[] }> = {
  'pence-denies-wikileaks-connection': {
    rating: 'false',
    rule: 'contradicted-before-claim-and-admitted',
    cites: [
      'euronews-link-message',
      'euronews-release-tweet-count',
      'euronews-report-communicated-for-months',
      'euronews-trump-jr-confirmed-contacts',
      'euronews-wikileaks-asked-to-push-leaks',
      'week-guardian-link-message',
      'week-messages-last-years-campaign',
      'week-messages-window',
      'week-wikileaks-seeking-cooperation',
    ],
  },
  'trump-jr-whopping-3-responses': {
    rating: 'half-true',
    rule: 'self-reported-leaves-out-conduct',
    cites: ['euronews-release-tweet-count', 'euronews-link-tweet', 'euronews-link-message', 'week-no-reply-to-link-message'],
  },
  'trump-tweeted-15-minutes-later': {
    rating: 'true',
    rule: 'confirmed-by-one-report-repeated',
    cites: ['week-trump-tweet-delay', 'euronews-trump-tweet-delay'],
  },
  'week-exchange-window': { rating: 'half-true', rule: 'conflicting-dates', cites: ['euronews-link-message', 'euronews-election-day-message'] },
  'trump-jr-committee-selective-leak': { rating: 'unproven', rule: 'no-evidence', cites: [] },
  'trump-dishonest-media': { rating: 'not-checkable', rule: 'opinion', cites: [] },
  'trump-jr-link-two-days-later': {
    rating: 'true',
    rule: 'confirmed-by-one-report-repeated',
    cites: ['euronews-link-tweet-delay', 'week-link-tweet-delay'],
  },
  'week-wikileaks-sought-cooperation': {
    rating: 'true',
    rule: 'confirmed-by-one-report-repeated',
    cites: ['euronews-link-message', 'euronews-wikileaks-asked-to-push-leaks', 'week-wikileaks-seeking-cooperation'],
  },
  'euronews-direct-contacts-in-campaign': { rating: 'true', rule: 'confirmed-by-one-origin', cites: ['week-messages-last-years-campaign', 'week-messages-window'] },
  'week-trump-tweet-words': { rating: 'true', rule: 'quoted-from-primary-source', cites: ['euronews-trump-tweet-words'] },
  'week-trump-jr-selective-leak-words': { rating: 'true', rule: 'quoted-from-primary-source', cites: ['euronews-release-tweet-words'] },
};

let result: VerifyResult;
const claim = (id: string): ClaimResult => {
  const found = result.claims.find((c) => c.id === id);
  if (!found) throw new Error(`no claim ${id}`);
  return found;
};

beforeAll(async () => {
  result = await verify(REPO);
});

describe('the bundled corpus', () => {
  it('loads with one finding only: the seed contradiction between the two outlets', () => {
    expect(result.diagnostics).toMatchObject([
      { code: 'evidence/contradiction', severity: 'warning', file: 'evidence/euronews-trump-jr-wikileaks.yaml' },
    ]);
    expect(result.diagnostics[0]!.message).toMatch(/^week-messages-window \(The Week: .*\) puts every occurrence within 20 September to 12 October 2016, but euronews-election-day-message \(Euronews: .*\) dates one 8 November 2016/);
  });

  it('has at least 10 claims, covering every claim kind', () => {
    expect(result.claims.length).toBeGreaterThanOrEqual(10);
    expect(new Set(result.claims.map((c) => c.kind))).toEqual(new Set(['quantity', 'event', 'absence', 'timing', 'attribution', 'opinion']));
    expect(Object.keys(EXPECTED).sort()).toEqual(result.claims.map((c) => c.id));
  });

  it.each(Object.entries(EXPECTED))('%s: rating, deciding rule and cited evidence', (id, expected) => {
    const c = claim(id);
    expect({ rating: c.rating, rule: c.rule, cites: c.citations.filter((x) => x.decisive).map((x) => x.evidence) }).toEqual(expected);
  });

  it('lists every record considered in the trail, with its role and the reason, after those behind the rule', () => {
    const c = claim('week-exchange-window');
    const decisive = c.citations.filter((x) => x.decisive).map((x) => x.evidence);
    expect(c.citations.slice(0, decisive.length).every((x) => x.decisive)).toBe(true);
    const considered = Object.fromEntries(c.citations.filter((x) => !x.decisive).map((x) => [x.evidence, [x.role, x.reason]]));
    // A record that takes no side is listed with why: here, a message with no date to place.
    expect(considered['week-guardian-link-message']).toEqual(['neutral', 'does not date it']);
    // The record that dates the link message is listed as context.
    expect(considered['euronews-link-tweet']).toEqual(['context', 'dates euronews-link-message']);
    for (const x of c.citations) expect(x.reason.length, x.evidence).toBeGreaterThan(0);
  });

  it('Pence: documented before the denial, and confirmed by Trump Jr. himself', () => {
    const c = claim('pence-denies-wikileaks-connection');
    expect(c.facts.earliest_event_date?.value).toBe('2016-09-20');
    expect(c.facts.confirming_participants?.value).toEqual(['Donald Trump Jr.']);
    expect(c.explanation).toContain('before the claim was made on 12 October 2016');
    expect(c.explanation).toContain('Donald Trump Jr. confirmed it');
  });

  it('"whopping 3 responses": self-reported only, and the link he tweeted without replying is cited', () => {
    const c = claim('trump-jr-whopping-3-responses');
    expect(c.rating).not.toBe('true');
    expect(c.facts.self_reported_only?.value).toBe(true);
    expect(c.set_aside).toEqual([{ evidence: 'euronews-release-tweet-count', reasons: ['own-appearance', 'self-reported'] }]);
    const roles = Object.fromEntries(c.citations.filter((x) => x.decisive).map((x) => [x.evidence, [x.role, x.self_reported]]));
    expect(roles).toEqual({
      'euronews-release-tweet-count': ['support', true],
      'euronews-link-tweet': ['context', false],
      'euronews-link-message': ['context', false],
      'week-no-reply-to-link-message': ['context', false],
    });
    expect(c.explanation).toContain('in response to WikiLeaks, without replying');
  });

  it('15 minutes: true, and both outlets relay a single origin, The Atlantic', () => {
    const c = claim('trump-tweeted-15-minutes-later');
    expect(c.facts.matching_outlets?.value).toEqual(['Euronews', 'The Week']);
    expect(c.facts.matching_origin_names?.value).toEqual(['The Atlantic']);
    expect(c.explanation).toContain('every report of the figure traces to one origin: The Atlantic (reported by Euronews and The Week)');
  });

  it("The Week's window: conflicting, citing Euronews' election-day message outside it", () => {
    const c = claim('week-exchange-window');
    const outside = c.citations.find((x) => x.evidence === 'euronews-election-day-message');
    expect(outside).toMatchObject({ role: 'contradict', publisher: 'Euronews' });
    expect(c.explanation).toContain('8 November 2016');
    expect(result.scale.find((r) => r.id === c.rating)).toBeDefined();
  });

  it('cites each record with its source and the exact words', async () => {
    const snapshots: Record<string, string> = {
      'euronews-trump-jr-wikileaks': await readFile(join(REPO, 'evidence/snapshots/euronews-trump-jr-wikileaks.txt'), 'utf8'),
      'the-week-trump-jr-wikileaks': await readFile(join(REPO, 'evidence/snapshots/the-week-trump-jr-wikileaks.txt'), 'utf8'),
    };
    for (const c of result.claims) {
      for (const citation of c.citations) {
        expect(citation.source_title.length).toBeGreaterThan(0);
        expect(snapshots[citation.source]?.includes(citation.quote), `${c.id}: ${citation.evidence}`).toBe(true);
      }
    }
  });
});

describe('the recorded verdicts', () => {
  it('are current: factcheck.lock.json matches a fresh run (run verify --update after changing the corpus)', async () => {
    const run = await runCli(['verify', '--check']);
    expect(run.stdout).toContain('0 verdict changes, 0 trail changes, 0 new, 0 gone, 11 unchanged');
    expect(run.code).toBe(0);
  });
});

describe('the archived snapshots', () => {
  const seeds = join(REPO, '..', 'shared', 'seeds');
  it.runIf(existsSync(seeds)).each([
    ['euronews-trump-jr-wikileaks.txt', '000_176eaa08bec458e4.txt'],
    ['the-week-trump-jr-wikileaks.txt', '004_276131a4bbb251ca.txt'],
  ])('%s is the seed article byte for byte', async (archived, seed) => {
    const [a, b] = await Promise.all([readFile(join(REPO, 'evidence/snapshots', archived)), readFile(join(seeds, seed))]);
    expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(b).digest('hex'));
  });
});
