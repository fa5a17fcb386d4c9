import type { Project } from '../types.js';
import { didYouMean } from '../model/suggest.js';
import { unseenDifference } from './unicode-chars.js';
import { showClosest } from './describe-misquote.js';
import { anchorQuote, prepareSnapshot, type Anchor, type AnchorHint } from './anchor-quote.js';
import { disambiguate } from './disambiguate-occurrence.js';

export interface CiteFound {
  ok: true;
  source: string;
  snapshot: { path: string; sha256: string };
  /** One per occurrence; a repeated quote needs the hint to pick its occurrence. */
  occurrences: { anchor: Anchor; hint: AnchorHint }[];
  /** Lines of occurrences that no prefix or suffix can tell apart. */
  inseparable: number[];
}

export interface CiteRefused {
  ok: false;
  message: string;
}

/** Finds words in a source's archived snapshot, for `factcheck cite`. */
export function citeWords(project: Project, sourceId: string, words: string): CiteFound | CiteRefused {
  const source = project.sources.get(sourceId);
  if (!source) return { ok: false, message: `unknown source "${sourceId}"${didYouMean(sourceId, project.sources.keys())}` };
  const text = project.snapshots.get(sourceId);
  if (!source.snapshot || text === undefined) {
    return { ok: false, message: `source "${sourceId}" has no usable archived snapshot, so its words cannot be anchored; cite it unanchored or archive it first` };
  }
  const snapshot = prepareSnapshot(text);
  const outcome = anchorQuote(snapshot, words);
  const found = { ok: true as const, source: sourceId, snapshot: { path: source.snapshot.path, sha256: source.snapshot.sha256 } };
  if (outcome.ok) return { ...found, occurrences: [{ anchor: outcome.anchor, hint: {} }], inseparable: [] };
  if (outcome.reason === 'ambiguous' || outcome.reason === 'context-mismatch') {
    const occurrences: CiteFound['occurrences'] = [];
    const inseparable: number[] = [];
    for (const o of outcome.occurrences) {
      const hint = disambiguate(snapshot, o, outcome.occurrences);
      const picked = hint ? anchorQuote(snapshot, words, hint) : undefined;
      if (hint && picked?.ok) occurrences.push({ anchor: picked.anchor, hint });
      else inseparable.push(o.line);
    }
    if (!occurrences.length) {
      return { ok: false, message: `these words occur ${outcome.occurrences.length} times in ${sourceId} with the same words around them (lines ${inseparable.join(', ')}); quote more words` };
    }
    return { ...found, occurrences, inseparable };
  }
  const closest = outcome.closest;
  const near = closest ? closestPassage(words, closest) : '';
  return { ok: false, message: `these words are not in ${sourceId} (${source.snapshot.path})${near}${unseenDifference(words, closest?.passage)}` };
}

/** The closest passage whole (to copy from), with the words that differ from it. */
function closestPassage(words: string, closest: { passage: string; line: number; similarity: number }): string {
  const shown = showClosest(words, closest.passage);
  const differs = shown.differs ? ` (differs: ${shown.differs})` : '';
  return `; the closest passage, line ${closest.line}, ${Math.round(closest.similarity * 100)}% similar, is: “${shown.passage}”${differs}`;
}
