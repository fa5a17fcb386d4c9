import type { Project } from '../types.js';
import { didYouMean } from '../validate/suggest.js';
import { anchorQuote, disambiguate, prepareSnapshot, type Anchor, type AnchorHint } from './anchor-quote.js';

export interface CiteFound {
  ok: true;
  source: string;
  snapshot: { path: string; sha256: string };
  /** One per occurrence; a repeated quote needs the hint to pick its occurrence. */
  occurrences: { anchor: Anchor; hint: AnchorHint }[];
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
  if (outcome.ok) return { ...found, occurrences: [{ anchor: outcome.anchor, hint: {} }] };
  if (outcome.reason === 'ambiguous' || outcome.reason === 'context-mismatch') {
    return {
      ...found,
      occurrences: outcome.occurrences.map((o) => {
        const hint = disambiguate(snapshot, o, outcome.occurrences);
        const picked = anchorQuote(snapshot, words, hint);
        if (!picked.ok) throw new Error(`occurrence at line ${o.line} could not be picked out`);
        return { anchor: picked.anchor, hint };
      }),
    };
  }
  const closest = outcome.closest;
  return {
    ok: false,
    message: closest
      ? `these words are not in ${sourceId} (${source.snapshot.path}); the closest passage, line ${closest.line}, ${Math.round(closest.similarity * 100)}% similar, is: “${closest.passage.replace(/\s+/g, ' ')}”`
      : `these words are not in ${sourceId} (${source.snapshot.path})`,
  };
}
