import { describe, expect, it } from 'vitest';
import { readDate, readPublished } from '../../src/validate/read-date.js';
import { formatDate, formatWhen } from '../../src/model/format-date.js';

describe('readDate', () => {
  it.each([
    ['2016-10-12', 'day', '2016-10-12', '2016-10-12'],
    ['2016-02', 'month', '2016-02-01', '2016-02-29'],
    ['2015-02', 'month', '2015-02-01', '2015-02-28'],
    ['2016', 'year', '2016-01-01', '2016-12-31'],
  ])('reads %s as a %s interval', (text, precision, start, end) => {
    const out = readDate(text);
    expect(out).toMatchObject({ ok: true, date: { precision, start, end } });
  });

  it('reads a year YAML turned into a number', () => {
    expect(readDate(2016)).toMatchObject({ ok: true, date: { text: '2016', precision: 'year' } });
  });

  it('reads a year before 1000 the same whether written as text or as a number, and refuses the year 0 both ways', () => {
    expect(readDate(999)).toEqual(readDate('0999'));
    expect(readDate(800)).toMatchObject({ ok: true, date: { text: '0800', start: '0800-01-01', end: '0800-12-31' } });
    expect(readDate({ on: 1 })).toMatchObject({ ok: true, date: { text: '0001' } });
    for (const zero of ['0000', 0, '0000-02-29', { on: 0 }] as const) expect(readDate(zero), String(zero)).toMatchObject({ ok: false, code: 'date/invalid', message: expect.stringContaining('year 0') });
    const christmas = readDate('0800-12-25');
    if (!christmas.ok) throw new Error(christmas.message);
    expect(formatDate(christmas.date)).toBe('25 December 800');
  });

  it.each(['2016-02-30', '2015-02-29', '2016-13', '2016-00-10', '2016-04-31'])('refuses %s, which does not exist', (text) => {
    expect(readDate(text)).toMatchObject({ ok: false, code: 'date/invalid' });
  });

  it('keeps the basis of an inferred date', () => {
    expect(readDate({ on: '2016-11-08', basis: 'election day' })).toMatchObject({ ok: true, date: { text: '2016-11-08', basis: 'election day' } });
  });

  it('reads a complete range and knows when it had begun: by its first day when it went on throughout, by its last when it happened within', () => {
    const throughout = readDate({ from: '2016-09-20', to: '2016-10-12', complete: true, span: 'throughout' });
    expect(throughout).toMatchObject({ ok: true, date: { precision: 'range', start: '2016-09-20', end: '2016-10-12', begunBy: '2016-09-20', complete: true, span: 'throughout' } });
    // Within is the default: a date known only that closely is known to have come by the range's end.
    const within = readDate({ from: '2016-09-20', to: '2016-10-12' });
    expect(within).toMatchObject({ ok: true, date: { begunBy: '2016-10-12', complete: false, span: 'within' } });
  });

  it('refuses a range that ends before it starts, at `to`', () => {
    expect(readDate({ from: '2016-10-12', to: '2016-09-20' })).toMatchObject({ ok: false, code: 'date/range-order', field: 'to' });
  });

  it('reads "unknown" publication dates', () => {
    expect(readPublished('unknown')).toMatchObject({ ok: true, date: { precision: 'unknown' } });
    expect(readPublished({ on: 'unknown', basis: 'not stated' })).toMatchObject({ ok: true, date: { precision: 'unknown', basis: 'not stated' } });
  });
});

describe('formatDate', () => {
  it('writes dates as readers expect', () => {
    const day = readDate('2016-10-12');
    const range = readDate({ from: '2016-09-20', to: '2016-10-12' });
    const across = readDate({ from: '2016-12-20', to: '2017-01-12' });
    if (!day.ok || !range.ok || !across.ok) throw new Error('fixture dates must read');
    expect(formatDate(day.date)).toBe('12 October 2016');
    expect(formatDate(range.date)).toBe('20 September to 12 October 2016');
    expect(formatDate(across.date)).toBe('20 December 2016 to 12 January 2017');
    expect(formatWhen(range.date)).toBe('between 20 September and 12 October 2016');
    expect(formatWhen(day.date)).toBe('on 12 October 2016');
    const mixed = readDate({ from: '2016-09-20', to: '2016' });
    if (!mixed.ok) throw new Error('fixture date must read');
    expect(formatDate(mixed.date)).toBe('20 September 2016 to 2016');
  });
});
