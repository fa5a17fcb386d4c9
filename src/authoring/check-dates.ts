import { readDate, readPublished } from '../validate/read-date.js';
import { expected, text, type Check } from './check-answer.js';

const DATE_WORDS = 'a date written YYYY-MM-DD, YYYY-MM or YYYY, such as "2024-03-04"';

/** A date at the precision the text gives, or a range written FROM..TO. */
export const checkDate: Check = (answer) => {
  const t = text(answer);
  if (t === undefined || t === '') return expected(`${DATE_WORDS}, or a range FROM..TO`, answer);
  const range = /^(.+?)\s*\.\.\s*(.+)$/.exec(t);
  if (range) {
    const read = readDate({ from: range[1]!, to: range[2]! });
    if (!read.ok) return expected(`a range FROM..TO of two dates, each YYYY-MM-DD, YYYY-MM or YYYY`, answer, `: ${read.message}`);
    return { ok: true, value: { from: range[1]!, to: range[2]! } };
  }
  const read = readDate(t);
  if (!read.ok) return expected(`${DATE_WORDS}, or a range FROM..TO`, answer, /^\d{4}/.test(t) ? `: ${read.message}` : '');
  return { ok: true, value: t };
};

/** A length of time: a number and minutes, hours, days or weeks ("15 minutes", "2 days"). */
export const checkDuration: Check = (answer) => {
  const t = text(answer);
  if (t !== undefined && /^[0-9]+(\.[0-9]+)? (minute|minutes|hour|hours|day|days|week|weeks)$/.test(t)) return { ok: true, value: t };
  return expected('a duration such as "15 minutes" or "2 days"', answer);
};

/** `within` or `throughout`, for a date given as a range FROM..TO (`dateFlag`). */
export function checkSpan(dateFlag: string): Check {
  return (answer, answers) => {
    const t = text(answer);
    if (t !== 'within' && t !== 'throughout') return expected('within or throughout', answer);
    const date = answers.get(dateFlag);
    if (date === null || typeof date !== 'object') return { ok: false, message: `--span goes with a range: give --${dateFlag} as FROM..TO` };
    return { ok: true, value: t };
  };
}

/** A single date, no range (when a claim was made, when a check was published). */
export const checkDay: Check = (answer) => {
  const t = text(answer);
  const read = t ? readDate(t) : undefined;
  if (t && read?.ok) return { ok: true, value: t };
  return expected(DATE_WORDS, answer, t && read && !read.ok && /^\d{4}/.test(t) ? `: ${read.message}` : '');
};

/** When a source was published: a date or "unknown". */
export const checkPublished: Check = (answer) => {
  const t = text(answer);
  const read = t ? readPublished(t) : undefined;
  if (t && read?.ok) return { ok: true, value: t };
  return expected(`${DATE_WORDS}, or "unknown"`, answer, t && read && !read.ok && /^\d{4}/.test(t) ? `: ${read.message}` : '');
};
