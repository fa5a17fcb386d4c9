import type { ClaimResult, VerifyResult } from '../types.js';
import type { FileCache } from './file-cache.js';

/**
 * What a caller shows of a run, made from its result and kept beside the run
 * manifest: a run with nothing changed gives it back without reading the
 * result at all. Parsing 10,000 table entries and formatting them again was a
 * third of such a run.
 */
export interface ViewOption {
  /** Everything besides the result that the text depends on (format, width, colour). */
  key: string;
  /** The text, from the result alone: a pure function. */
  make(result: VerifyResult): string;
  /**
   * For a view that shows each claim in rows of its own, in the result's
   * order: the same text in parts, so that a run that moved a few claims
   * makes only their rows and takes the rest from the view kept (a partial
   * run, partial-view.ts). `make(result)` is `before`, each claim's row under
   * `layout(result.claims)`, then `after`.
   */
  rows?: ViewRows;
}

/** A claim as a view's rows show it: its summary alone. */
export type RowClaim = Pick<ClaimResult, 'id' | 'rating' | 'rating_label' | 'explanation'>;

export interface ViewRows {
  /** What every row depends on besides its own claim, from all the claims: rows made under equal layouts are the same. */
  layout(claims: readonly RowClaim[]): string;
  /** The view before its rows and after them; the result's claims are not read. */
  frame(result: Omit<VerifyResult, 'claims'>, layout: string): { before: string; after: string };
  row(claim: RowClaim, layout: string): string;
}

/** Where a kept view's rows are: the layout they were made under, where the first starts and each one's length, in bytes. */
export interface KeptRows {
  layout: string;
  start: number;
  lengths: ArrayLike<number>;
}

/** A view made from a result, as UTF-8 bytes, and where its rows are when it has them. */
export function makeView(view: ViewOption, result: VerifyResult): { bytes: Buffer; rows?: KeptRows } {
  if (!view.rows) return { bytes: Buffer.from(view.make(result), 'utf8') };
  const layout = view.rows.layout(result.claims);
  const { before, after } = view.rows.frame(result, layout);
  const lengths: number[] = [];
  let text = before;
  for (const claim of result.claims) {
    const row = view.rows.row(claim, layout);
    lengths.push(Buffer.byteLength(row, 'utf8'));
    text += row;
  }
  return { bytes: Buffer.from(text + after, 'utf8'), rows: { layout, start: Buffer.byteLength(before, 'utf8'), lengths } };
}

const VIEW_BLOB = 'run-view';
/** In the head, after the table and key: a view kept before the rows line is not read as one with it. */
const VIEW_FORMAT = 2;

/**
 * The kept view for this key, if it was made from the table the manifest
 * names (its SHA-256): its text as the UTF-8 bytes kept, undecoded, since a
 * caller that prints it needs no string of 2 MB made and encoded again; and,
 * when asked, where its rows are, if it was kept with them. The blob is a
 * line of JSON naming the table, key and format, a line with the rows (their layout
 * and start in JSON, their lengths as 32-bit integers in base64) or none,
 * then the view: a run that prints the view reads nothing of its rows.
 */
export function readView(cache: FileCache, table: string, key: string): { bytes: Buffer; rows(): KeptRows | undefined } | undefined {
  const blob = cache.getBlobBytes(VIEW_BLOB);
  const end = blob?.indexOf(10) ?? -1;
  const second = end === -1 ? -1 : blob!.indexOf(10, end + 1);
  if (blob === undefined || second === -1) return undefined;
  try {
    const head = JSON.parse(blob.toString('utf8', 0, end)) as unknown;
    if (!Array.isArray(head) || head[0] !== table || head[1] !== key || head[2] !== VIEW_FORMAT) return undefined;
  } catch {
    return undefined;
  }
  const bytes = blob.subarray(second + 1);
  return { bytes, rows: () => parseRows(blob.toString('latin1', end + 1, second), bytes.length) };
}

/** Rows as keepView wrote them, lying within a view of `length` bytes; anything else is no rows. */
function parseRows(line: string, length: number): KeptRows | undefined {
  const space = line.indexOf(' ');
  if (space === -1) return undefined;
  let meta: unknown;
  try {
    meta = JSON.parse(line.slice(space + 1));
  } catch {
    return undefined;
  }
  const [layout, start] = Array.isArray(meta) ? (meta as unknown[]) : [];
  const packed = Buffer.from(line.slice(0, space), 'base64');
  if (typeof layout !== 'string' || !Number.isSafeInteger(start) || (start as number) < 0 || packed.length % 4 !== 0) return undefined;
  const lengths = new Uint32Array(packed.length / 4);
  let at = start as number;
  for (let i = 0; i < lengths.length; i++) at += lengths[i] = packed.readUInt32LE(i * 4);
  return at <= length ? { layout, start: start as number, lengths } : undefined;
}

/** Keeps one view, the last made, given as its UTF-8 bytes: a terminal's width or colours changing makes another. */
export function keepView(cache: FileCache, table: string, key: string, view: { bytes: Uint8Array; rows?: KeptRows }): void {
  let rows = '';
  if (view.rows) {
    const packed = Buffer.alloc(view.rows.lengths.length * 4);
    for (let i = 0; i < view.rows.lengths.length; i++) packed.writeUInt32LE(view.rows.lengths[i]!, i * 4);
    rows = `${packed.toString('base64')} ${JSON.stringify([view.rows.layout, view.rows.start])}`;
  }
  cache.setBlob(VIEW_BLOB, [Buffer.from(`${JSON.stringify([table, key, VIEW_FORMAT])}\n${rows}\n`, 'utf8'), view.bytes]);
}
