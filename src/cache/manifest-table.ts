import type { VerifyResult } from '../types.js';
import { headOf, SUMMARY, type KeptClaim, type StoredClaim } from './result-store.js';
import { sha256 } from '../model/hash.js';

/**
 * The manifest's second part: what the last full run printed. Read only when
 * it is printed again or results are reused, never to tell whether anything
 * changed: a warm run that shows a kept view of it parses none of it.
 */
export interface ManifestTable {
  /** Every kept claim's table entry, with its field order as an index into `fields`: what a run with nothing changed prints. */
  heads: { fields: string[][]; claims: HeadEntry[] };
  /** Everything of the result but its claims. */
  result: Omit<VerifyResult, 'claims'>;
  /**
   * By claims file, the claims whose results are kept, and the SHA-256 of the
   * cache content that holds their footprints and, when any were kept, their
   * whole results. Here, not with the stamps: every run that reads it reads
   * the table too, and a run with nothing changed reads neither.
   */
  claimsFiles: Record<string, { ids: string[]; kept: string; results?: string }>;
}

/** A kept claim's table entry: its summary's values in SUMMARY's order, its fields' order, its diagnostics, and the hash of its whole result if one was kept. */
export type HeadEntry = [...summary: unknown[], fields: number, diagnostics: KeptClaim['diagnostics'], whole: string | null];

const HEAD_LENGTH = SUMMARY.length + 3;

/** The table part as JSON text: anything that does not hold together is no table at all. */
export function parseTable(text: string): ManifestTable | undefined {
  try {
    const t = JSON.parse(text) as Partial<ManifestTable>;
    const ok =
      isObject(t) &&
      isObject(t.heads) &&
      Array.isArray(t.heads.fields) &&
      t.heads.fields.every((f) => Array.isArray(f)) &&
      Array.isArray(t.heads.claims) &&
      t.heads.claims.every((h) => Array.isArray(h) && h.length === HEAD_LENGTH && typeof h[0] === 'string') &&
      isObject(t.result) &&
      Array.isArray(t.result.diagnostics) &&
      isObject(t.claimsFiles) &&
      Object.values(t.claimsFiles).every((f) => isObject(f) && Array.isArray(f.ids) && typeof f.kept === 'string' && (f.results === undefined || typeof f.results === 'string'));
    return ok ? (t as ManifestTable) : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the manifest's table entries: field orders are shared, since nearly every claim has one of a few. */
export function headsOf(claims: Iterable<[string, StoredClaim, string | null]>): ManifestTable['heads'] {
  const orders = new Map<string, number>();
  const fields: string[][] = [];
  const heads: HeadEntry[] = [];
  for (const [id, claim, whole] of claims) {
    const head = headOf(claim);
    const order = head.fields.join('\0');
    let index = orders.get(order);
    if (index === undefined) {
      orders.set(order, (index = fields.length));
      fields.push(head.fields);
    }
    // The id first, as the table entry's key; the summary's own id is the same.
    heads.push([...SUMMARY.map((f) => (f === 'id' ? id : head.summary[f])), index, head.diagnostics, whole]);
  }
  return { fields, claims: heads };
}

/**
 * A table entry's summary, its values in SUMMARY's order: an object literal of
 * one shape, where setting the fields one by one by name took a partial run
 * about 10 ms for 10,000 claims. A test holds the two orders together.
 */
export function summaryOf(head: readonly unknown[]): KeptClaim['summary'] {
  const [id, file, line, col, rating, rating_label, rule, explanation] = head;
  return { id, file, line, col, rating, rating_label, rule, explanation } as KeptClaim['summary'];
}

// Its table entries by claim id, made once for each table.
const headIndex = new WeakMap<ManifestTable, Map<string, HeadEntry>>();

/** A kept claim's table entry as kept, if the table has one that holds together: its fields' order and its diagnostics are there. */
export function keptEntry(table: ManifestTable, id: string): HeadEntry | undefined {
  let index = headIndex.get(table);
  if (!index) {
    index = new Map();
    for (const h of table.heads.claims) index.set(h[0] as string, h);
    headIndex.set(table, index);
  }
  const head = index.get(id);
  if (!head) return undefined;
  const fieldsAt = head[SUMMARY.length];
  const fields = typeof fieldsAt === 'number' ? table.heads.fields[fieldsAt] : undefined;
  return fields && Array.isArray(head[SUMMARY.length + 1]) ? head : undefined;
}

/** The diagnostics of a table entry keptEntry gave. */
export function entryDiagnostics(head: HeadEntry): KeptClaim['diagnostics'] {
  return head[SUMMARY.length + 1] as KeptClaim['diagnostics'];
}

/**
 * A kept claim's table entry; undefined if the table has none that holds
 * together. With `whole`, its whole result from `results`, kept only if it is
 * the one the entry names.
 */
export function keptHead(table: ManifestTable, id: string, whole: boolean, results: Record<string, unknown> | undefined): KeptClaim | undefined {
  const head = keptEntry(table, id);
  if (!head) return undefined;
  const fields = table.heads.fields[head[SUMMARY.length] as number]!;
  const diagnostics = entryDiagnostics(head);
  const wholeAt = head[SUMMARY.length + 2];
  const summary = summaryOf(head);
  const wholeHash = typeof wholeAt === 'string' ? wholeAt : null;
  if (!whole) return { summary, fields, diagnostics, footprint: undefined, wholeHash, json: undefined };
  const json = results?.[id];
  const own = typeof json === 'string' && wholeHash !== null && hashText(json) === wholeHash;
  return { summary, fields, diagnostics, footprint: undefined, wholeHash: own ? wholeHash : null, json: own ? () => json : undefined };
}

export function hashText(text: string): string {
  return sha256(text);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
