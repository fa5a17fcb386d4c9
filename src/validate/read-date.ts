import { monthName } from '../model/format-date.js';
import type { DateInfo, UnknownDate } from '../types.js';

/** A schema-valid date as written in YAML: "2016-10-12", 2016, or an object. */
export type DateInput =
  | string
  | number
  | { on?: string | number; from?: string | number; to?: string | number; complete?: boolean; span?: 'within' | 'throughout'; basis?: string };

export type DateOutcome =
  | { ok: true; date: DateInfo }
  | { ok: false; code: 'date/invalid' | 'date/range-order'; message: string; field?: string };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Turns a written date into the interval of days it denotes, refusing dates that do not exist. */
export function readDate(input: DateInput): DateOutcome {
  if (typeof input === 'object') {
    if (input.on !== undefined) {
      const on = readPoint(input.on);
      if (!on.ok) return { ...on, field: 'on' };
      return { ok: true, date: withBasis(on.date, input.basis) };
    }
    const from = readPoint(input.from!);
    if (!from.ok) return { ...from, field: 'from' };
    const to = readPoint(input.to!);
    if (!to.ok) return { ...to, field: 'to' };
    if (to.date.end < from.date.start) {
      return {
        ok: false,
        code: 'date/range-order',
        message: `the range ends (${to.date.text}) before it starts (${from.date.text})`,
        field: 'to',
      };
    }
    // Within a range (the default), it is known to have happened only by the range's end; a thing
    // that went on throughout it had begun by its first day.
    const span = input.span ?? 'within';
    const date: DateInfo = {
      text: `${from.date.text}/${to.date.text}`,
      precision: 'range',
      start: from.date.start,
      end: to.date.end,
      from: from.date.text,
      begunBy: span === 'throughout' ? from.date.end : to.date.end,
      complete: input.complete === true,
      span,
    };
    return { ok: true, date: withBasis(date, input.basis) };
  }
  return readPoint(input);
}

export function readPublished(input: DateInput | 'unknown'): DateOutcome | { ok: true; date: UnknownDate } {
  if (input === 'unknown') return { ok: true, date: { text: 'unknown', precision: 'unknown' } };
  if (typeof input === 'object' && input.on === 'unknown') {
    return { ok: true, date: withBasis({ text: 'unknown', precision: 'unknown' }, input.basis) };
  }
  return readDate(input);
}

/**
 * One rule for years however written: 1 to 9999, with four digits in the
 * text ("0800"); an unquoted 800 is read as that year too. There is no year 0.
 */
function readPoint(value: string | number): DateOutcome {
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 9999 ? String(value).padStart(4, '0') : String(value);
  const match = /^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$/.exec(text);
  if (!match) return { ok: false, code: 'date/invalid', message: `expected a date written YYYY-MM-DD, YYYY-MM or YYYY, found "${text}"` };
  const year = Number(match[1]);
  if (year === 0) return { ok: false, code: 'date/invalid', message: `"${text}" has the year 0, which does not exist: 1 BC is followed by AD 1; years run from 0001 to 9999` };
  if (match[2] === undefined) {
    return { ok: true, date: point(text, 'year', `${text}-01-01`, `${text}-12-31`) };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) return { ok: false, code: 'date/invalid', message: `"${text}" has no month ${month}` };
  const last = daysIn(year, month);
  if (match[3] === undefined) {
    return { ok: true, date: point(text, 'month', `${text}-01`, `${text}-${String(last).padStart(2, '0')}`) };
  }
  const day = Number(match[3]);
  if (day < 1 || day > last) return { ok: false, code: 'date/invalid', message: `"${text}" does not exist: ${monthName(month)} ${year} has ${last} days` };
  return { ok: true, date: point(text, 'day', text, text) };
}

function point(text: string, precision: 'day' | 'month' | 'year', start: string, end: string): DateInfo {
  return { text, precision, start, end, from: text, begunBy: end, complete: false };
}

function daysIn(year: number, month: number): number {
  if (month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return 29;
  return DAYS_IN_MONTH[month - 1]!;
}

function withBasis<T extends object>(date: T, basis: string | undefined): T {
  return basis === undefined ? date : { ...date, basis };
}
