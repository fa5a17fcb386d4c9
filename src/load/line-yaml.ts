import { LIMITS } from './layout.js';
import { DECLINE, scalar, skipSpaces, type Node } from './line-scalars.js';

/** What the line tier gives: the data, and [line, col] of the document, its top-level values and their list items. */
export interface LineParse {
  value: unknown;
  positions: Record<string, [number, number]>;
}

/** Characters the line tier leaves to the other tiers: tabs, CR, controls, line separators, surrogates, byte-order marks. */
const UNSUPPORTED = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;
/** A key the line tier reads: a word that yaml's core schema reads as a string. */
const KEY_WORD = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NOT_A_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
/** Keys longer than this take another tier, well under yaml's 1,024-character limit on implicit keys. */
const MAX_KEY = 500;
/** Nesting close to yaml's limit is left to the full parse, which reports it. */
const MAX_DEPTH = LIMITS.maxDepth - 4;

const SPACE = 32;
const DASH = 45;
const COLON = 58;
const HASH = 35;


/**
 * The first tier of the fast path: block maps and lists of one-line scalars,
 * one-line flow lists and plain block scalars, which is how factcheck's files
 * are written, read line by line with yaml's core schema. Anything else (flow
 * maps, nested or multi-line flow lists, multi-line, escaped or commented
 * scalars, block scalars with blank or deeper lines, tags, anchors, duplicate
 * or odd keys, document markers, odd indentation) gives undefined, and the
 * js-yaml tier or the full parse answers. Differential tests hold it to
 * parseDocument.
 */
export function parseLines(text: string): LineParse | undefined {
  if (UNSUPPORTED.test(text)) return undefined;
  const reader = new Reader(text);
  if (reader.count === 0) return undefined;
  try {
    const root = reader.block(1, '');
    if (reader.i !== reader.count || !isRecord(root.value)) return undefined;
    return { value: root.value, positions: reader.positions };
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}


/** The content lines of a text (blank and comment lines dropped), and a cursor over them. */
class Reader {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly indents: number[] = [];
  readonly lineNos: number[] = [];
  readonly positions: Record<string, [number, number]> = {};
  count = 0;
  i = 0;
  /** Where the line of each content line starts, to turn offsets into columns. */
  private readonly lineOffsets: number[] = [];

  constructor(private readonly text: string) {
    let lineNo = 0;
    for (let from = 0; from <= text.length; ) {
      const newline = text.indexOf('\n', from);
      const end = newline === -1 ? text.length : newline;
      lineNo++;
      let s = from;
      while (s < end && text.charCodeAt(s) === SPACE) s++;
      let e = end;
      while (e > s && text.charCodeAt(e - 1) === SPACE) e--;
      if (s < e && text.charCodeAt(s) !== HASH) {
        this.starts.push(s);
        this.ends.push(e);
        this.indents.push(s - from);
        this.lineNos.push(lineNo);
        this.lineOffsets.push(from);
      }
      if (newline === -1) break;
      from = newline + 1;
    }
    this.count = this.starts.length;
  }

  /** A map or a list that starts at the current line, whose indent is the node's. */
  block(depth: number, path?: string): Node {
    if (depth > MAX_DEPTH) throw DECLINE;
    return this.isItem(this.i) ? this.list(depth, path) : this.map(depth, path);
  }

  private isItem(i: number): boolean {
    const s = this.starts[i]!;
    return this.text.charCodeAt(s) === DASH && (s + 1 === this.ends[i] || this.text.charCodeAt(s + 1) === SPACE);
  }

  /** Whether the current line goes on the node a line opened at `indent` with nothing after its ":" or "-". */
  private nested(indent: number, sameIndentList: boolean): boolean {
    if (this.i >= this.count) return false;
    const next = this.indents[this.i]!;
    return next > indent || (sameIndentList && next === indent && this.isItem(this.i));
  }

  /** A line after a scalar must not be indented past its key or dash: that would continue the scalar, or be an error. */
  private endOfScalar(indent: number): void {
    if (this.i < this.count && this.indents[this.i]! > indent) throw DECLINE;
  }

  private map(depth: number, path: string | undefined): Node {
    const { text } = this;
    const indent = this.indents[this.i]!;
    const start = this.starts[this.i]!;
    const line = this.i;
    const map: Record<string, unknown> = {};
    while (this.i < this.count && this.indents[this.i] === indent) {
      const s = this.starts[this.i]!;
      const e = this.ends[this.i]!;
      const colon = keyEnd(text, s, e);
      if (colon === -1 || colon - s > MAX_KEY) throw DECLINE;
      const key = text.slice(s, colon);
      if (!KEY_WORD.test(key) || NOT_A_STRING_KEY.test(key) || Object.hasOwn(map, key)) throw DECLINE;
      const v = skipSpaces(text, colon + 1, e);
      const childPath = path === '' ? key : undefined;
      this.i++;
      let node: Node;
      if (v < e) {
        const c = text.charCodeAt(v);
        node = c === 62 || c === 124 ? this.blockScalar(indent, v, e) : scalar(text, v, e, this.i - 1);
        this.endOfScalar(indent);
      } else node = this.nested(indent, true) ? this.block(depth + 1, childPath) : { value: null, start: -1, line: -1 };
      map[key] = node.value;
      if (childPath !== undefined) {
        this.keep(childPath, node);
        node.items?.forEach((start, k) => this.keep(`${childPath}/${k}`, { value: undefined, start, line: node.line }));
      }
    }
    const node = { value: map, start, line };
    if (path === '') this.keep('', node);
    return node;
  }

  private list(depth: number, path: string | undefined): Node {
    const { text } = this;
    const indent = this.indents[this.i]!;
    const start = this.starts[this.i]!;
    const line = this.i;
    const list: unknown[] = [];
    while (this.i < this.count && this.indents[this.i] === indent && this.isItem(this.i)) {
      const e = this.ends[this.i]!;
      const v = skipSpaces(text, this.starts[this.i]! + 1, e);
      // Items of a top-level key's list keep their positions; deeper ones do not.
      const itemPath = path !== undefined && path !== '' ? `${path}/${list.length}` : undefined;
      let node: Node;
      if (v === e) {
        this.i++;
        node = this.nested(indent, false) ? this.block(depth + 1) : { value: null, start: -1, line: -1 };
      } else if (text.charCodeAt(v) === DASH && (v + 1 === e || text.charCodeAt(v + 1) === SPACE)) {
        throw DECLINE;
      } else if (keyEnd(text, v, e) !== -1) {
        // "- key: value" opens a map whose keys line up with this one.
        this.starts[this.i] = v;
        this.indents[this.i] = v - this.lineOffsets[this.i]!;
        node = this.block(depth + 1);
      } else {
        node = scalar(text, v, e, this.i);
        this.i++;
        this.endOfScalar(indent);
      }
      list.push(node.value);
      if (itemPath !== undefined) this.keep(itemPath, node);
    }
    const node = { value: list, start, line };
    if (path === '') this.keep('', node);
    return node;
  }

  /**
   * A block scalar ("|", "|-", ">", ">-") whose lines share one indent, right after its key, with no
   * blank, comment-like or trailing-space line in it or after it: anything else is left to other tiers.
   */
  private blockScalar(indent: number, v: number, e: number): Node {
    const { text } = this;
    const header = text.slice(v, e);
    if (header !== '|' && header !== '|-' && header !== '>' && header !== '>-') throw DECLINE;
    const opener = this.i - 1;
    const first = this.i;
    if (first >= this.count || this.indents[first]! <= indent || this.lineNos[first] !== this.lineNos[opener]! + 1) throw DECLINE;
    const parts: string[] = [];
    for (; this.i < this.count && this.indents[this.i]! > indent; this.i++) {
      const k = this.i;
      const end = this.ends[k]!;
      // Consecutive line numbers: a blank or "#" line the reader dropped would be the block's own.
      if (this.indents[k] !== this.indents[first] || this.lineNos[k] !== this.lineNos[opener]! + 1 + parts.length || text.charCodeAt(end) !== 10) throw DECLINE;
      parts.push(text.slice(this.starts[k], end));
    }
    // Up to the next content line, only empty lines: a "#" line or one of spaces there could be the block's.
    const until = this.i < this.count ? this.lineOffsets[this.i]! : text.length;
    for (let at = this.ends[this.i - 1]!; at < until; at++) if (text.charCodeAt(at) !== 10) throw DECLINE;
    const body = parts.join(header[0] === '|' ? '\n' : ' ');
    return { value: header.endsWith('-') ? body : `${body}\n`, start: v, line: opener };
  }

  /** Keeps a node's position; a node the tier gives no start for (a null) is left to another tier. */
  private keep(path: string, node: Node): void {
    if (node.start === -1) throw DECLINE;
    this.positions[path] = [this.lineNos[node.line]!, node.start - this.lineOffsets[node.line]! + 1];
  }
}

/** The offset of the ":" that ends a key at s (a run of key characters, then ": " or ":" at the line's end), or -1. */
function keyEnd(text: string, s: number, e: number): number {
  let k = s;
  for (; k < e; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DASH)) break;
  }
  if (k === s || k === e || text.charCodeAt(k) !== COLON) return -1;
  return k + 1 === e || text.charCodeAt(k + 1) === SPACE ? k : -1;
}
