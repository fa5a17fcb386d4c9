/** Thrown to give a text back to the other tiers; never escapes parseLines. */
export const DECLINE = new (class Decline {})();

export interface Node {
  value: unknown;
  /** Offset where parseDocument's range starts (a quoted scalar's quote, a block scalar's header), or -1 for a null, which the tier gives none. */
  start: number;
  /** The content line the node starts on. */
  line: number;
  /** For a flow list, where each item starts. */
  items?: number[];
}

const SPACE = 32;
const DASH = 45;
const COLON = 58;

/** Characters that cannot start a plain scalar, or start one yaml reads in a way this tier does not ("[" opens a flow list, read before this is asked). */
const INDICATORS = new Set([...'?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/** A one-line scalar from s to e (trailing spaces already off) on content line `line`. */
export function scalar(text: string, s: number, e: number, line: number): Node {
  const c = text.charCodeAt(s);
  const last = text.charCodeAt(e - 1);
  // Quoted: closed where the line ends, or left to another tier. Searches stop at that quote.
  if (c === 39) {
    if (last !== 39 || e - s < 2) throw DECLINE;
    return { value: singleQuoted(text, s, e), start: s, line };
  }
  if (c === 34) {
    if (last !== 34 || e - s < 2) throw DECLINE;
    const inner = text.slice(s + 1, e - 1);
    if (inner.includes('"') || inner.includes('\\')) throw DECLINE;
    return { value: inner, start: s, line };
  }
  if (c === 91) return flowList(text, s, e, line);
  const next = text.charCodeAt(s + 1);
  if (INDICATORS.has(c) || (c === DASH && (s + 1 === e || next === SPACE || next === DASH))) throw DECLINE;
  const raw = text.slice(s, e);
  if (raw.includes(': ') || raw.includes(' #') || last === COLON || raw.startsWith('...')) throw DECLINE;
  return { value: resolvePlain(raw), start: s, line };
}

/**
 * A flow list on one line, of plain words and simply quoted scalars: "[a, 'b c', 3]".
 * Nested collections, colons, empty items and a comma before the "]" are left to other tiers.
 */
function flowList(text: string, s: number, e: number, line: number): Node {
  const close = e - 1;
  if (text.charCodeAt(close) !== 93) throw DECLINE;
  const value: unknown[] = [];
  const items: number[] = [];
  let i = skipSpaces(text, s + 1, close);
  while (i < close) {
    const c = text.charCodeAt(i);
    let end: number;
    if (c === 39 || c === 34) {
      end = text.indexOf(c === 39 ? "'" : '"', i + 1);
      // '' inside a single-quoted item is left to other tiers, as is a backslash in a double-quoted one.
      if (end === -1 || end >= close || text.charCodeAt(end + 1) === c) throw DECLINE;
      const inner = text.slice(i + 1, end);
      if (c === 34 && inner.includes('\\')) throw DECLINE;
      value.push(inner);
      items.push(i);
      end++;
    } else {
      end = i;
      while (end < close && text.charCodeAt(end) !== 44) end++;
      let last = end;
      while (last > i && text.charCodeAt(last - 1) === SPACE) last--;
      const raw = text.slice(i, last);
      if (raw === '' || INDICATORS.has(c) || c === DASH || /[[\]{}:#"']/.test(raw)) throw DECLINE;
      value.push(resolvePlain(raw));
      items.push(i);
    }
    i = skipSpaces(text, end, close);
    if (i < close) {
      if (text.charCodeAt(i) !== 44) throw DECLINE;
      i = skipSpaces(text, i + 1, close);
      if (i === close) throw DECLINE;
    }
  }
  return { value, start: s, line, items };
}

export function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  return i;
}

/** A single-quoted scalar known to end in a quote at e - 1: '' is a quote, and any other quote ends it early. */
function singleQuoted(text: string, s: number, e: number): string {
  let out = '';
  let from = s + 1;
  for (;;) {
    const quote = text.indexOf("'", from);
    if (quote === -1 || quote >= e) throw DECLINE;
    out += text.slice(from, quote);
    if (quote + 1 === e) return out;
    if (text.charCodeAt(quote + 1) !== 39) throw DECLINE;
    out += "'";
    from = quote + 2;
  }
}

const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Can start something other than a string in the core schema. */
const MAYBE_NOT_STRING = /^[-+.0-9~nNtTfF]/;

/** A plain scalar read as yaml's core schema reads it: its tags tried in its order, resolved as it resolves them. */
function resolvePlain(raw: string): unknown {
  if (!MAYBE_NOT_STRING.test(raw)) return raw;
  if (NULL.test(raw)) return null;
  if (BOOL.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (INT_OCT.test(raw)) return parseInt(raw.slice(2), 8);
  if (INT.test(raw)) return parseInt(raw, 10);
  if (INT_HEX.test(raw)) return parseInt(raw.slice(2), 16);
  if (FLOAT_NAN.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(raw) || FLOAT.test(raw)) return parseFloat(raw);
  return raw;
}
