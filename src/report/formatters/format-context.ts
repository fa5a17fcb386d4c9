import type { Rating } from '../../types.js';
import { CONTROL, showControls } from '../control-chars.js';

/** What a formatter may know about where its output goes. Formatters never touch process or files. */
export interface FormatContext {
  /** ANSI colour is allowed. */
  color: boolean;
  /** Terminal width, when writing to one; long cells are wrapped to fit. Absent: nothing is wrapped. */
  width?: number;
  /** Prepended to project paths where a consumer needs them relative to something else (GitHub, code scanning: the repository). */
  pathPrefix?: string;
  /** Where factcheck's documentation is read (FACTCHECK_DOCS_URL), for links to each diagnostic code. */
  docsUrl?: string;
  /** Who publishes the verdicts, for the reports editors read (HTML, ClaimReview). */
  publication?: Publication;
  /** Rule tests: list what no case covers. */
  coverage?: boolean;
}

/** The publishing side of a report: the scale's colours and labels, the organisation, the page of each fact check, and the time to print if any. */
export interface Publication {
  ratings: readonly Rating[];
  organization?: { name: string; url?: string };
  /** The fact-check page URL pattern, with {id}. */
  claimreviewUrl?: string;
  /** ISO time of the run, only when asked for (--timestamp): by default a report has none, so it is reproducible. */
  timestamp?: string;
}

/** Every formatter: its input, and what it may know about where the output goes. Pure. */
export type Formatter<T> = (input: T, ctx: FormatContext) => string;

export const PLAIN: FormatContext = { color: false };

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], green: [32, 39], cyan: [36, 39] } as const;

export function paint(ctx: FormatContext, style: keyof typeof CODES, text: string): string {
  if (!ctx.color) return text;
  const [open, close] = CODES[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/**
 * User text made safe for a terminal: control characters (ANSI escapes among
 * them) and bidirectional overrides are shown as \uXXXX instead of acting.
 * Line breaks stay unless `oneLine`, which turns every run of white space into a space.
 */
export function clean(text: string, oneLine = false): string {
  // Most cells have nothing to change: a test costs less than a replace that changes nothing.
  const flat = oneLine && SPACING.test(text) ? text.replace(/\s+/g, ' ') : text;
  return HAS_CONTROL.test(flat) ? showControls(flat) : flat;
}

/** Whitespace that one line would write otherwise: other than a space, or more than one. */
const SPACING = /[^\S ]| {2}/;
const HAS_CONTROL = new RegExp(CONTROL.source);

/**
 * Text broken into lines of at most `width` characters at spaces; a word
 * longer than a line is split. No width: one line, whole.
 */
export function wrap(text: string, width: number | undefined): string[] {
  if (width === undefined || text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      if (line) lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}
