import { COLLECTION_STYLE, constructFromEvents, CORE_SCHEMA, EVENT_ID, parseEvents, SCALAR_STYLE } from 'js-yaml';
import { lineAt, lineStarts } from '../model/line-index.js';
import { LIMITS } from './layout.js';
import { parseLines } from './line-yaml.js';

/** What processFile keeps of a parse: the data, and the positions of the document, its top-level keys and their list items. */
export interface FastParse {
  value: unknown;
  /** [line, col], 1-based, by "", "key" or "key/index", as parseDocument's node ranges give them. */
  positions: Record<string, [number, number]>;
}

/** Files this process parsed by the fast path (by its line tier, of those), and files it declined: for tests and profiles, never for output. */
export const fastPathUse = { taken: 0, declined: 0, byLine: 0 };

/** A document marker at a line's start: js-yaml read "...\na: 1" as one document, yaml as two. */
const MARKER = /^(?:---|\.\.\.)/m;
/** A top-level key our files use. */
const PLAIN_KEY = /^[a-z_][a-z0-9_-]*$/i;
/** Plain words the core schema may read as null, a boolean or a number (a superset, to be safe). */
const NOT_A_STRING = /^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+.]?[0-9].*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;

/**
 * The fast path for plain YAML data, in two tiers: the line tier
 * (line-yaml.ts) for files written as factcheck's are, then js-yaml's events.
 */
export function parseFast(text: string): FastParse | undefined {
  const byLine = parseLines(text);
  if (!byLine) return parseByEvents(text);
  fastPathUse.byLine++;
  return byLine;
}

/**
 * The second tier of the fast path: js-yaml's event parser (several times
 * faster than yaml's parseDocument) for the values and their offsets. Only
 * documents it can answer exactly as parseDocument would are taken: one
 * implicit document of maps, lists and scalars with no tag, anchor or alias,
 * no tab, carriage return or byte-order mark, no duplicate key, nesting
 * within the limit, and every node whose position is kept a collection or a
 * non-empty plain scalar. Anything else gives undefined, and the caller takes
 * the full path, with its diagnostics. differential tests hold the two equal.
 */
export function parseByEvents(text: string): FastParse | undefined {
  if (/[\t\r\ufeff]/.test(text) || MARKER.test(text)) return undefined;
  let events: ReturnType<typeof parseEvents>;
  try {
    events = parseEvents(text, { maxDepth: LIMITS.maxDepth });
  } catch {
    return undefined;
  }
  const offsets = positionsOf(text, events);
  if (!offsets) return undefined;
  let docs: unknown[];
  try {
    docs = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, json: false, maxAliases: 0 });
  } catch {
    return undefined;
  }
  const value = docs[0];
  if (docs.length !== 1 || value === null || value === undefined) return undefined;
  const lines = lineStarts(text);
  const positions: FastParse['positions'] = {};
  for (const [key, offset] of offsets) positions[key] = linePos(lines, offset);
  return { value, positions };
}

type Event = ReturnType<typeof parseEvents>[number];

/** The offsets processFile keeps, read off the events; undefined for anything the fast path does not take. */
function positionsOf(text: string, events: readonly Event[]): Map<string, number> | undefined {
  const out = new Map<string, number>();
  let documents = 0;
  // Each open collection: whether it is a map, what its next child is at (its key path), and the count of children.
  const stack: { map: boolean; flow: boolean; path: string | undefined; children: number; key?: string }[] = [];
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      if (++documents > 1 || event.explicitStart || event.explicitEnd || event.directives.length) return undefined;
      continue;
    }
    if (event.type === EVENT_ID.ALIAS) return undefined;
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (event.tagStart !== -1 || event.anchorStart !== -1) return undefined;
    if (event.type === EVENT_ID.SCALAR && !plainEnough(text, event)) return undefined;
    const parent = stack.at(-1);
    // A map's children alternate: key, value. Keys of the top-level map name the paths below it.
    const isKey = parent?.map === true && parent.children % 2 === 0;
    if (!isKey && event.type === EVENT_ID.SCALAR && startsLine(text, event)) return undefined;
    if (parent) parent.children++;
    let path: string | undefined;
    if (!parent) path = '';
    else if (isKey) {
      // The two turn a key that is not a string (null, a number, a list) into a property name differently.
      if (event.type !== EVENT_ID.SCALAR || event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) return undefined;
      const key = text.slice(event.valueStart, event.valueEnd);
      if (event.style === SCALAR_STYLE.PLAIN && (key === '' || NOT_A_STRING.test(key))) return undefined;
      // yaml refuses an implicit key over 1,024 characters; __proto__ is left to the full path's handling.
      if (keyReach(text, event) > MAX_KEY || key.includes('__proto__')) return undefined;
      if (parent.path === '') {
        if (event.style !== SCALAR_STYLE.PLAIN || !PLAIN_KEY.test(key)) return undefined;
        parent.key = key;
      }
    } else if (parent.path === '') path = parent.map ? parent.key : undefined;
    else if (parent.path !== undefined && !parent.path.includes('/') && !parent.map) path = `${parent.path}/${parent.children - 1}`;

    if (path !== undefined) {
      const start = startOf(event);
      if (start === undefined) return undefined;
      out.set(path, start);
    }
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      if (stack.length >= LIMITS.maxDepth) return undefined;
      const flow = event.style === COLLECTION_STYLE.FLOW;
      if (flow && !parent?.flow && !endsItsLine(text, event.start)) return undefined;
      stack.push({ map: event.type === EVENT_ID.MAPPING, flow, path, children: 0 });
    }
  }
  return documents === 1 ? out : undefined;
}

/**
 * A value that is a flow scalar alone at its line's start ("key:\n  value"): yaml refuses some that
 * js-yaml takes, such as one after a comment at column 0. Factcheck's files put values after their
 * key or dash.
 */
function startsLine(text: string, event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): boolean {
  if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) return false;
  // A quoted scalar's value starts after its quote.
  let at = event.style === SCALAR_STYLE.PLAIN ? event.valueStart : event.valueStart - 1;
  while (at > 0 && text.charCodeAt(at - 1) === 32) at--;
  return at === 0 || text.charCodeAt(at - 1) === 10;
}

/**
 * Whether a flow collection in block context closes on the line it opens, with nothing after it but
 * spaces or a comment: js-yaml took "- [x]u: y", which yaml refuses. A quote inside a plain scalar
 * ("[it's]") is not followed: such a collection is left to the full path.
 */
function endsItsLine(text: string, start: number): boolean {
  const lineEnd = text.indexOf('\n', start);
  const line = text.slice(start, lineEnd === -1 ? undefined : lineEnd);
  let depth = 0;
  let last = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"' || c === "'") {
      if (!'[{,:'.includes(last)) return false;
      for (i++; i < line.length && line[i] !== c; i++) if (c === '"' && line[i] === '\\') i++;
      if (i >= line.length) return false;
    } else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return /^(?: +#.*| *)$/.test(line.slice(i + 1));
    if (c !== ' ') last = c;
  }
  return false;
}

/** Keys longer than this (in UTF-16 units, so well under yaml's 1,024 characters) take the full path. */
const MAX_KEY = 500;

/**
 * Scalars on which the two parsers were found to differ take the full path:
 * a flow scalar (plain or quoted) over more than one line, whose folding
 * around blank lines and escaped line breaks differs; a double-quoted one
 * with an escape (yaml refuses some that js-yaml takes, such as \U00110000);
 * and a number written with an exponent (1e400 is Infinity to yaml, text to js-yaml).
 */
function plainEnough(text: string, event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): boolean {
  const raw = text.slice(event.valueStart, event.valueEnd);
  if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) return true;
  if (raw.includes('\n')) return false;
  if (event.style === SCALAR_STYLE.DOUBLE_QUOTED && raw.includes('\\')) return false;
  if (event.style === SCALAR_STYLE.PLAIN && NUMBER.test(raw) && (/[eE]/.test(raw) || raw.length > 15)) return false;
  return true;
}

/** What the core schema reads as a number; one with an exponent or many digits may overflow, and the two read that differently. */
const NUMBER = /^[-+]?((\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/;

/** The spaces between a key and its ":" count toward yaml's 1,024-character limit on implicit keys. */
function keyReach(text: string, event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): number {
  const after = /^["']? */.exec(text.slice(event.valueEnd, event.valueEnd + MAX_KEY + 2))![0].length;
  return event.valueEnd - event.valueStart + after;
}

/** Where parseDocument's range starts for a node: a collection's first character, or a plain scalar's; undefined otherwise. */
function startOf(event: Event): number | undefined {
  if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return event.start;
  if (event.type === EVENT_ID.SCALAR && event.style === SCALAR_STYLE.PLAIN && event.valueEnd > event.valueStart) return event.valueStart;
  return undefined;
}

function linePos(starts: readonly number[], offset: number): [number, number] {
  const line = lineAt(starts, offset);
  return [line, offset - starts[line - 1]! + 1];
}
