import { anchorQuote, prepareSnapshot, type AnchorHint } from '../anchor/anchor-quote.js';
import { searchBudget } from '../anchor/find-closest.js';

/** A quote to find again in a new version of its source: an evidence record's, or a claim's words. */
export interface QuoteToFind {
  what: 'evidence record' | 'claim';
  id: string;
  file: string;
  line: number;
  quote: string;
  hint: AnchorHint;
}

/**
 * Where a quote stands in the new text:
 * - `exact`, `normalised`: found as written, or after normalising typography and spacing;
 * - `changed`: not found, but a passage at least FUZZY_THRESHOLD similar is, most likely the same words edited;
 * - `ambiguous`: found more than once, and its prefix or suffix no longer tells which;
 * - `context-changed`: found, but no longer with the prefix or suffix the record gives;
 * - `orphaned`: not found, and nothing close enough.
 * Only the first two still anchor. Nothing is moved: the records keep quoting the snapshot they were written from.
 */
export type Reanchored = QuoteToFind &
  (
    | { status: 'exact' | 'normalised'; at: number }
    | { status: 'changed'; at: number; passage: string; similarity: number }
    | { status: 'ambiguous'; count: number }
    | { status: 'context-changed'; at: number }
    | { status: 'orphaned'; closest?: { passage: string; similarity: number; at: number } }
  );

/** How similar (1 − edit distance ÷ length) a passage must be to count as the quote edited, not gone. */
export const FUZZY_THRESHOLD = 0.8;

export function reanchorQuotes(quotes: readonly QuoteToFind[], text: string): Reanchored[] {
  const snapshot = prepareSnapshot(text);
  const budget = searchBudget();
  return quotes.map((q): Reanchored => {
    const outcome = anchorQuote(snapshot, q.quote, q.hint, budget);
    if (outcome.ok) return { ...q, status: outcome.anchor.match, at: outcome.anchor.line };
    if (outcome.reason === 'context-mismatch') return { ...q, status: 'context-changed', at: outcome.occurrences[0]!.line };
    if (outcome.reason === 'ambiguous') return { ...q, status: 'ambiguous', count: outcome.occurrences.length };
    const closest = outcome.closest;
    if (closest && closest.similarity >= FUZZY_THRESHOLD) return { ...q, status: 'changed', at: closest.line, passage: closest.passage, similarity: closest.similarity };
    return { ...q, status: 'orphaned', ...(closest ? { closest: { passage: closest.passage, similarity: closest.similarity, at: closest.line } } : {}) };
  });
}

export function stillAnchors(r: Reanchored): boolean {
  return r.status === 'exact' || r.status === 'normalised';
}
