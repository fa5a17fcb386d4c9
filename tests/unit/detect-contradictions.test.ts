import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/evidence/build-index.js';
import { detectContradictions } from '../../src/evidence/detect-contradictions.js';
import { convert } from '../../src/model/units.js';
import type { Contradiction, DateInfo, EventRecord, EvidenceRecord, Project, QuantityRecord } from '../../src/types.js';
import { cleanProjects } from '../helpers/project.js';
import { claimsYaml, evidenceYaml, loadWorld } from '../helpers/world.js';

afterAll(cleanProjects);

const NO_CLAIMS = claimsYaml();

describe('detectContradictions', () => {
  it('pairs values for one subject and measure that differ, after converting units, at overlapping or no dates', async () => {
    const quantity = (id: string, value: number, unit: string, extra = '') => `id: ${id}
source: outlet-d
kind: quantity
subject: donald-trump
measure: delay-after-message
counterpart: wikileaks
value: ${value}
unit: ${unit}
quote: words
${extra}`;
    const project = await loadWorld(
      evidenceYaml(
        quantity('fifteen', 15, 'minutes'),
        quantity('quarter-hour', 0.25, 'hours'),
        quantity('twenty', 20, 'minutes'),
        quantity('in-2015', 30, 'minutes', 'date: "2015"'),
        quantity('in-2016', 40, 'minutes', 'date: "2016"'),
      ),
      NO_CLAIMS,
    );
    expect(project.contradictions).toEqual([
      { kind: 'value', records: ['fifteen', 'in-2015'] },
      { kind: 'value', records: ['fifteen', 'in-2016'] },
      { kind: 'value', records: ['fifteen', 'twenty'] },
      { kind: 'value', records: ['in-2015', 'quarter-hour'] },
      { kind: 'value', records: ['in-2015', 'twenty'] },
      { kind: 'value', records: ['in-2016', 'quarter-hour'] },
      { kind: 'value', records: ['in-2016', 'twenty'] },
      { kind: 'value', records: ['quarter-hour', 'twenty'] },
    ]);
    // 15 minutes and a quarter of an hour agree; 2015 and 2016 are different times.
  });

  it('pairs records of one occurrence whose dates cannot both be true', async () => {
    const event = (id: string, date: string, occurrence = 'the-tweet') => `id: ${id}
source: outlet-d
kind: event
actor: donald-trump-jr
action: share-link
date: ${date}
occurrence: ${occurrence}
quote: words`;
    const project = await loadWorld(
      evidenceYaml(
        event('on-14th', '"2016-10-14"'),
        event('in-october', '"2016-10"'),
        event('on-20th', '"2016-10-20"'),
        event('other-tweet', '"2016-11-01"', 'another-tweet'),
      ),
      NO_CLAIMS,
    );
    expect(project.contradictions).toEqual([{ kind: 'date', records: ['on-14th', 'on-20th'] }]);
  });

  it('pairs an event dated outside a window stated as complete, and only then', async () => {
    const event = (id: string, date: string) => `id: ${id}
source: outlet-d
kind: event
actor: donald-trump-jr
action: message
target: wikileaks
mutual: true
date: ${date}
quote: words`;
    const project = await loadWorld(
      evidenceYaml(
        event('complete-window', '{ from: "2016-09-20", to: "2016-10-12", complete: true }'),
        event('open-window', '{ from: "2016-09-20", to: "2016-10-12" }'),
        event('inside', '"2016-10-01"'),
        event('outside', '"2016-11-08"'),
      ),
      NO_CLAIMS,
    );
    expect(project.contradictions).toEqual([{ kind: 'window', records: ['complete-window', 'outside'] }]);
  });

  it('reports two disjoint complete windows once, not once from each side', async () => {
    const window = (id: string, from: string, to: string) => `id: ${id}
source: outlet-d
kind: event
actor: donald-trump-jr
action: message
target: wikileaks
date: { from: "${from}", to: "${to}", complete: true }
quote: words`;
    const project = await loadWorld(evidenceYaml(window('window-2016', '2016-09-20', '2016-10-12'), window('window-2017', '2017-01-01', '2017-02-01')), NO_CLAIMS);
    expect(project.contradictions).toHaveLength(1);
    // Counted against the pairs limit from each side, as the check always has: what a partial run adds to.
    expect(project.contradictionCheck?.counted).toBe(2);
  });
});

/** A record's date from its first and last day, as days after 2016-01-01. */
function days(first: number, last: number): DateInfo {
  const day = (n: number) => new Date(Date.UTC(2016, 0, 1 + n)).toISOString().slice(0, 10);
  return { text: `${day(first)}/${day(last)}`, precision: 'range', start: day(first), end: day(last), from: day(first), begunBy: day(last), complete: false };
}

const BASE = { source: 'outlet-d', quote: 'words', dated_by: [], ref: { file: 'evidence/world.yaml', path: [] } };

function quantity(id: string, value: number, unit: string, date: DateInfo | undefined, subject = 'donald-trump'): QuantityRecord {
  return { ...BASE, id, kind: 'quantity', subject, measure: 'delay-after-message', counterpart: 'wikileaks', value, unit, ...(date ? { date } : {}) };
}

function occurrence(id: string, date: DateInfo, name = 'the-tweet'): EventRecord {
  return { ...BASE, id, kind: 'event', actor: 'donald-trump-jr', action: 'share-link', date, negated: false, mutual: false, occurrence: name, about: [] };
}

/** Every pair compared, as the check was first written: what the sweeps must give. */
function everyPair(records: readonly EvidenceRecord[]): Contradiction[] {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const found = new Map<string, Contradiction>();
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const [a, b] = [sorted[i]!, sorted[j]!];
      if (a.kind === 'quantity' && b.kind === 'quantity' && a.subject === b.subject && a.measure === b.measure && a.counterpart === b.counterpart) {
        const bValue = convert(b.value, b.unit, a.unit);
        const comparable = !a.date || !b.date || !(a.date.end < b.date.start || b.date.end < a.date.start);
        if (bValue !== undefined && comparable && Math.abs(a.value - bValue) > 1e-9 * Math.max(1, Math.abs(a.value))) found.set(`${a.id} ${b.id}`, { kind: 'value', records: [a.id, b.id] });
      }
      if (a.kind === 'event' && b.kind === 'event' && a.occurrence === b.occurrence && a.date && b.date && (a.date.end < b.date.start || b.date.end < a.date.start)) {
        found.set(`${a.id} ${b.id}`, { kind: 'date', records: [a.id, b.id] });
      }
    }
  }
  return [...found.values()].sort((x, y) => (x.records.join('\0') < y.records.join('\0') ? -1 : 1));
}

describe('detectContradictions, compared by date', () => {
  let world: Project;
  const check = (records: EvidenceRecord[], limits?: Parameters<typeof detectContradictions>[3], sweepFrom?: number) =>
    detectContradictions(records, buildIndex(records, world.config.vocabulary), world.entities, limits, sweepFrom);

  it('finds what comparing every pair finds', async () => {
    world = await loadWorld('evidence: []\n', NO_CLAIMS);
    const day = fc.integer({ min: 0, max: 40 });
    const date = fc.option(fc.tuple(day, fc.integer({ min: 0, max: 10 })).map(([first, span]) => days(first, first + span)), { nil: undefined });
    const figure = fc.record({ value: fc.constantFrom(1, 2, 15, 60, 0.25, 900), unit: fc.constantFrom('minutes', 'hours', 'seconds'), date, subject: fc.constantFrom('donald-trump', 'mike-pence') });
    const happening = fc.record({ date: fc.tuple(day, fc.integer({ min: 0, max: 10 })).map(([first, span]) => days(first, first + span)), name: fc.constantFrom('the-tweet', 'the-call') });
    let found = 0;
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 30 }), fc.array(happening, { maxLength: 20 }), fc.integer(), (figures, happenings, salt) => {
        // Ids in an order unrelated to the dates.
        const id = (i: number) => `r${((i * 7919 + salt) >>> 0) % 100003}-${i}`;
        const records: EvidenceRecord[] = [
          ...figures.map((f, i) => quantity(id(i), f.value, f.unit, f.date, f.subject)),
          ...happenings.map((h, i) => occurrence(id(100 + i), h.date, h.name)),
        ];
        const expected = everyPair(records);
        // Small groups pair by pair, as the check does them, and every group by date.
        for (const got of [check(records), check(records, undefined, 0)]) {
          expect(got.stopped).toBeUndefined();
          expect(got.contradictions).toEqual(expected);
        }
        found += expected.length;
      }),
      { seed: 2016, numRuns: 300 },
    );
    expect(found).toBeGreaterThan(1000);
  });

  it('compares a series of figures over time by its length, not its square', async () => {
    world ??= await loadWorld('evidence: []\n', NO_CLAIMS);
    const series = Array.from({ length: 3000 }, (_, i) => quantity(`year-${i}`, i, 'minutes', days(i, i)));
    const got = check(series);
    expect(got.contradictions).toEqual([]);
    expect(got.comparisons).toBeLessThan(3000);
    // One undated figure is compared with every other, and disagrees with all but one.
    const undated = check([...series, quantity('undated', 7, 'minutes', undefined)]);
    expect(undated.contradictions).toHaveLength(2999);
    expect(undated.comparisons).toBeLessThan(2 * 3000);
    // One happening: its records' dates agree, so none is compared with another.
    expect(check(Array.from({ length: 3000 }, (_, i) => occurrence(`report-${i}`, days(0, 5)))).comparisons).toBe(0);
  });

  it('counts the lookups a window makes for each member of its actor, and expands a group once', async () => {
    world ??= await loadWorld('evidence: []\n', NO_CLAIMS);
    const members = Array.from({ length: 1000 }, (_, i) => `member-${i}`);
    const entities = new Map(world.entities);
    entities.set('crowd', { id: 'crowd', name: 'A crowd', kind: 'group', aliases: [], members, ref: { file: 'entities/crowd.yaml', path: [] } });
    const window = (id: string): EventRecord => ({ ...occurrence(id, { ...days(0, 30), complete: true }), actor: 'crowd', occurrence: undefined });
    const records = Array.from({ length: 30 }, (_, i) => window(`window-${i}`));
    const got = detectContradictions(records, buildIndex(records, world.config.vocabulary), entities);
    expect(got.comparisons).toBeGreaterThanOrEqual(30 * 1001);
    expect(detectContradictions(records, buildIndex(records, world.config.vocabulary), entities, { pairs: 1e9, comparisons: 10_000 }).stopped).toEqual({ record: 'window-17', limit: 'comparisons' });
  });

  it('stops past its limits, at the record it had reached', async () => {
    world ??= await loadWorld('evidence: []\n', NO_CLAIMS);
    const figures = Array.from({ length: 50 }, (_, i) => quantity(`f-${String(i).padStart(2, '0')}`, i, 'minutes', undefined));
    expect(check(figures).contradictions).toHaveLength(1225);
    expect(check(figures, { pairs: 100, comparisons: 1e9 }).stopped).toEqual({ record: 'f-02', limit: 'pairs' });
    // One value at dates that all overlap: each pair is compared, and none disagrees.
    const overlapping = figures.map((f, i) => ({ ...f, value: 1, date: days(i, 100) }));
    expect(check(overlapping, { pairs: 1e9, comparisons: 1000 }).stopped).toEqual({ record: 'f-28', limit: 'comparisons' });
  });

  it('never counts more comparisons than comparing record by record, and stops where that stops', async () => {
    world ??= await loadWorld('evidence: []\n', NO_CLAIMS);
    // 200 figures, each of its own dates, all overlapping: 19,900 pairs, each counted once, so a
    // limit of exactly that many holds whether they disagree or not.
    const spans = Array.from({ length: 200 }, (_, i) => quantity(`s-${String(i).padStart(3, '0')}`, i % 23 === 0 ? 6 : 5, 'minutes', days(0, 10 + i)));
    const held = check(spans, { pairs: 1e9, comparisons: 19_900 });
    expect(held.stopped).toBeUndefined();
    expect(held.comparisons).toBe(19_900);
    expect(held.contradictions).toEqual(everyPair(spans));
    // Two values, alternating, repeated fifty times each: past the pairs limit the check names the
    // record at which comparing each with those after it, in id order, first passes the limit.
    const alternating = Array.from({ length: 100 }, (_, i) => quantity(`x-${String(i).padStart(3, '0')}`, 1 + (i % 2), 'minutes', undefined));
    let pairs = 0;
    const expected = alternating.find((u, i) => (pairs += alternating.slice(i + 1).filter((r) => r.value !== u.value).length) > 1000)!;
    expect(expected.id).not.toBe('x-000');
    expect(check(alternating, { pairs: 1000, comparisons: 1e9 }).stopped).toEqual({ record: expected.id, limit: 'pairs' });
  });

  it('compares figures that repeat each other once, however many there are', async () => {
    world ??= await loadWorld('evidence: []\n', NO_CLAIMS);
    // 10,000 alike took fifty million comparisons, and the check refused a project with nothing wrong in it.
    const alike = (n: number, date?: ReturnType<typeof days>) => Array.from({ length: n }, (_, i) => quantity(`same-${i}`, 15, 'minutes', date));
    for (const date of [undefined, days(3, 3)]) {
      const got = check(alike(10_000, date));
      expect(got).toEqual({ contradictions: [], comparisons: 0, counted: 0 });
    }
    // Another value among them disagrees with each, at the cost of the pairs it reports.
    const odd = check([...alike(5000), quantity('odd', 16, 'minutes', undefined)]);
    expect(odd.contradictions).toHaveLength(5000);
    expect(odd.comparisons).toBeLessThanOrEqual(5000 + 1);
    // A quarter of an hour is 15 minutes: both orders of conversion, each pair in id order.
    const hours = check([...alike(20), quantity('a-quarter', 0.25, 'hours', undefined), quantity('z-quarter', 0.25, 'hours', undefined), quantity('m-half', 0.5, 'hours', undefined)]);
    expect(hours.contradictions).toEqual(everyPair([...alike(20), quantity('a-quarter', 0.25, 'hours', undefined), quantity('z-quarter', 0.25, 'hours', undefined), quantity('m-half', 0.5, 'hours', undefined)]));
    expect(hours.contradictions).toHaveLength(22);
  });
});
