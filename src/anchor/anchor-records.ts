import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Claim, EvidenceRecord, Locator, NodeRef, Source } from '../types.js';
import { unseenDifference } from './unicode-chars.js';
import { showClosest } from './describe-misquote.js';
import { searchBudget, type SearchBudget } from './find-closest.js';
import { locateQuote, occursIn, prepareSnapshot, type AnchorHint, type AnchorOutcome, type PreparedSnapshot } from './anchor-quote.js';
import { DescribedAnchors } from './described-anchors.js';
import { disambiguate } from './disambiguate-occurrence.js';
import { byId } from '../model/compare.js';

export interface Anchoring {
  /** Evidence id → where its quote sits in its source's snapshot. */
  records: DescribedAnchors;
  /** Claim id → where the claim's words sit in the archived source that quotes it. */
  claims: DescribedAnchors;
  /** Records and claims whose words could not be found: reported, and not verified. */
  misquotedRecords: Set<string>;
  misquotedClaims: Set<string>;
  diagnostics: Diagnostic[];
}

/**
 * Anchors every quote in its source's archived snapshot. Records from sources
 * with no snapshot stay unanchored; that is allowed and shows in their citations.
 */
export function anchorAll(
  records: Iterable<EvidenceRecord>,
  claims: Iterable<Claim>,
  sources: ReadonlyMap<string, Source>,
  snapshots: ReadonlyMap<string, string>,
  locate: Locator,
): Anchoring {
  const prepared = new Map([...snapshots].map(([id, text]) => [id, prepareSnapshot(text)]));
  // One budget for the whole run, spent in id order, so the same misquotes get suggestions every time.
  const budget = searchBudget();
  const result: Anchoring = { records: new DescribedAnchors(), claims: new DescribedAnchors(), misquotedRecords: new Set(), misquotedClaims: new Set(), diagnostics: [] };

  for (const record of [...records].sort(byId)) {
    const snapshot = prepared.get(record.source);
    if (!snapshot) continue;
    const outcome = locateQuote(snapshot, record.quote, hintOf(record), budget);
    if (outcome.ok) result.records.add(record.id, snapshot.text, snapshot.astral, outcome.occurrence, outcome.match, record.quote);
    else {
      result.misquotedRecords.add(record.id);
      result.diagnostics.push(report(outcome, { what: 'quote', ref: record.ref, field: 'quote', sourceId: record.source, snapshot, words: record.quote, sources, prepared, locate, budget }));
    }
  }

  for (const claim of [...claims].sort(byId)) {
    const sourceId = [claim.quoted_in, claim.appearance].find((id) => id !== undefined && prepared.has(id));
    if (sourceId === undefined) continue;
    const snapshot = prepared.get(sourceId)!;
    const outcome = locateQuote(snapshot, claim.text, hintOf(claim), budget);
    if (outcome.ok) result.claims.add(claim.id, snapshot.text, snapshot.astral, outcome.occurrence, outcome.match, claim.text);
    else {
      result.misquotedClaims.add(claim.id);
      result.diagnostics.push(report(outcome, { what: 'claim text', ref: claim.ref, field: 'text', sourceId, snapshot, words: claim.text, sources, prepared, locate, budget }));
    }
  }
  return result;
}

function hintOf(item: { prefix?: string; suffix?: string }): AnchorHint {
  return { ...(item.prefix === undefined ? {} : { prefix: item.prefix }), ...(item.suffix === undefined ? {} : { suffix: item.suffix }) };
}

interface ReportContext {
  what: 'quote' | 'claim text';
  ref: NodeRef;
  field: string;
  sourceId: string;
  snapshot: PreparedSnapshot;
  words: string;
  sources: ReadonlyMap<string, Source>;
  prepared: ReadonlyMap<string, PreparedSnapshot>;
  locate: Locator;
  budget: SearchBudget;
}

function report(outcome: Exclude<AnchorOutcome, { ok: true }>, c: ReportContext): Diagnostic {
  const at = c.locate(c.ref, c.field);
  const path = c.sources.get(c.sourceId)?.snapshot?.path ?? c.sourceId;
  switch (outcome.reason) {
    case 'not-found': {
      // Exact or normalised only: a fuzzy search of every other snapshot would cost too much.
      const elsewhere = [...c.prepared].find(([id, snap]) => {
        if (id === c.sourceId || c.budget.scanned < snap.text.length) return false;
        c.budget.scanned -= snap.text.length;
        return occursIn(snap, c.words);
      });
      if (elsewhere) {
        return diagnostic(
          'quote/wrong-source',
          at,
          `${c.what} is not in ${c.sourceId} (${path}) but is in ${elsewhere[0]}; is the source right?`,
        );
      }
      const closest = outcome.closest
        ? didYouMean(c.words, outcome.closest)
        : outcome.unsearched
          ? '; no passage was suggested, as the run had spent its time for suggestions on earlier misquotes'
          : '';
      return diagnostic('quote/not-found', at, `${c.what} not found in ${c.sourceId} (${path})${closest}${unseenDifference(c.words, outcome.closest?.passage)}`);
    }
    case 'ambiguous': {
      const shown = outcome.occurrences.slice(0, 5);
      const options = shown.map((o) => {
        const hint = disambiguate(c.snapshot, o, outcome.occurrences);
        if (!hint) return `line ${o.line}: no prefix or suffix tells it apart`;
        return `line ${o.line}: ${hint.prefix !== undefined ? `prefix: ${JSON.stringify(hint.prefix)}` : `suffix: ${JSON.stringify(hint.suffix)}`}`;
      });
      const more = outcome.occurrences.length > shown.length ? '; …' : '';
      const count = outcome.occurrences.length >= 50 ? 'at least 50' : String(outcome.occurrences.length);
      return diagnostic(
        'quote/ambiguous',
        at,
        `${c.what} occurs ${count} times in ${c.sourceId} (${path}); quote more words, or add a prefix or suffix to pick one (${options.join('; ')}${more})`,
      );
    }
    case 'context-mismatch':
      return diagnostic(
        'quote/context-mismatch',
        at,
        `${c.what} occurs in ${c.sourceId} (line ${outcome.occurrences.map((o) => o.line).join(', ')}) but not with the given prefix or suffix`,
      );
  }
}

/** The closest passage, cut at a word, with the words that differ from it. */
function didYouMean(words: string, closest: { passage: string; line: number; similarity: number }): string {
  const shown = showClosest(words, closest.passage, 160);
  const differs = shown.differs ? `; differs: ${shown.differs}` : '';
  return `; did you mean “${shown.passage}” (line ${closest.line}, ${Math.round(closest.similarity * 100)}% similar${differs})?`;
}

