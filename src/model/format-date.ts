import type { DateInfo, UnknownDate } from '../types.js';

/**
 * Dates in readers' words: "12 October 2016", "20 September to 12 October
 * 2016", "2016". Used by explanations and every report.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** "12 October 2016", "October 2016", "2016", or "20 September 2016 to 12 October 2016". */
export function formatDate(date: DateInfo | UnknownDate): string {
  if (date.precision === 'unknown') return 'date unknown';
  if (date.precision === 'range') {
    const [from, to] = date.text.split('/') as [string, string];
    // "20 September to 12 October 2016": the year once when both ends share it.
    const sameYear = from.slice(0, 4) === to.slice(0, 4) && from.length > 4 && to.length > 4;
    return `${sameYear ? formatPoint(from).slice(0, -5) : formatPoint(from)} to ${formatPoint(to)}`;
  }
  return formatPoint(date.text);
}

/** "between 20 September and 12 October 2016", "on 14 October 2016", "in October 2016", "in 2016". */
export function formatWhen(date: DateInfo): string {
  if (date.precision === 'range') return `between ${formatDate(date).replace(' to ', ' and ')}`;
  return `${date.precision === 'day' ? 'on' : 'in'} ${formatPoint(date.text)}`;
}

/** Formats an ISO day, month or year for readers. */
export function formatPoint(text: string): string {
  const [y, m, d] = text.split('-');
  // "0800" is written 800 for readers.
  const year = y === undefined ? text : String(Number(y));
  if (d !== undefined) return `${Number(d)} ${monthName(Number(m))} ${year}`;
  if (m !== undefined) return `${monthName(Number(m))} ${year}`;
  return year;
}
