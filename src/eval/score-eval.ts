import { normaliseQuote } from '../anchor/normalise-text.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ClaimResult, Rating } from '../types.js';
import type { CheckedLabel, CheckedSet } from './check-labels.js';
import type { Alternative, VariantChange } from './load-eval-sets.js';
import { addTo, append } from '../model/append.js';

/** Counts and shares over a group of claims. */
export interface Tally {
  claims: number;
  /** Claims whose rating is one the label accepts. */
  rating_right: number;
  /** Claims whose rating is accepted and whose required evidence is all cited: FEVER's strict score. */
  fever_right: number;
  label_accuracy: number | null;
  fever_score: number | null;
}

export interface ClaimScore {
  id: string;
  set: string;
  file: string;
  line: number;
  col: number;
  kind: string;
  tags: string[];
  variant: { of: string; change: VariantChange } | null;
  expected: { label: string; accepted: string[]; why: string };
  actual: { rating: string; rating_label: string; rule: string | null; explanation: string; citations: string[] };
  rating_right: boolean;
  evidence_right: boolean;
  passed: boolean;
  /** Rated as supported (True, Mostly true) when the label accepts no supported rating: the worst error. */
  false_confirmation: boolean;
  /** Each requirement that no citation meets, as its alternatives. */
  missing: Alternative[][];
}

export interface SetScore extends Tally {
  file: string;
  description: string | null;
  min_score: number | null;
  /** Whether the FEVER score reaches min_score; null when the set gives none. */
  met: boolean | null;
  notes: CheckedSet['notes'];
}

export interface EvalReport {
  tool: { name: 'factcheck'; version: string };
  scale: { id: string; label: string }[];
  claims: ClaimScore[];
  sets: SetScore[];
  totals: Tally & { false_confirmations: string[]; not_scored: string[] };
  by_kind: Record<string, Tally>;
  by_tag: Record<string, Tally>;
  /** By the kind of contrast variant; base claims under "base". */
  by_change: Record<string, Tally>;
  /** Expected (rows: each label's first rating, or its FEVER or AVeriTeC label) against actual ratings (columns). */
  confusion: { expected: string[]; actual: string[]; counts: number[][] };
  diagnostics: Diagnostic[];
}

/**
 * Scores verdicts against their labels, as FEVER does: a claim counts when its
 * rating is accepted and, for the strict score, when every required piece of
 * evidence is among its citations. Pure.
 */
export function scoreEval(
  sets: readonly CheckedSet[],
  results: ReadonlyMap<string, ClaimResult>,
  scale: readonly Rating[],
  run: {
    tool: EvalReport['tool'];
    /** Every labelled claim, including those whose label or claim has errors: they are listed as not scored. */
    labelled: readonly string[];
    diagnostics: Diagnostic[];
  },
): EvalReport {
  const supports = new Set(scale.filter((r) => r.fever === 'SUPPORTS').map((r) => r.id));
  const claims: ClaimScore[] = [];
  const setScores: SetScore[] = [];
  for (const set of sets) {
    const own: ClaimScore[] = [];
    for (const label of set.labels) {
      const result = results.get(label.claim);
      if (result) own.push(scoreClaim(label, result, supports));
    }
    append(claims, own);
    const tally = tallyOf(own);
    setScores.push({
      file: set.file,
      description: set.description ?? null,
      min_score: set.min_score ?? null,
      ...tally,
      met: set.min_score === undefined ? null : (tally.fever_score ?? 0) >= set.min_score,
      notes: set.notes,
    });
  }
  const scored = new Set(claims.map((c) => c.id));
  return {
    tool: run.tool,
    scale: scale.map((r) => ({ id: r.id, label: r.label })),
    claims,
    sets: setScores,
    totals: { ...tallyOf(claims), false_confirmations: claims.filter((c) => c.false_confirmation).map((c) => c.id), not_scored: [...new Set(run.labelled)].filter((id) => !scored.has(id)).sort() },
    by_kind: groupBy(claims, (c) => [c.kind]),
    by_tag: groupBy(claims, (c) => c.tags),
    by_change: groupBy(claims, (c) => [c.variant?.change ?? 'base']),
    confusion: confusion(claims, scale),
    diagnostics: run.diagnostics,
  };
}

function scoreClaim(label: CheckedLabel, result: ClaimResult, supports: ReadonlySet<string>): ClaimScore {
  // The records the verdict rests on: those behind the deciding rule, and those that take a side
  // or place one that does; not those listed only as considered, taking no side.
  const cited = result.citations.filter((c) => c.decisive || c.role !== 'neutral').map((c) => ({ id: c.evidence, quote: normaliseQuote(c.quote) }));
  const met = (a: Alternative) => ('record' in a ? cited.some((c) => c.id === a.record) : cited.some((c) => c.quote.includes(normaliseQuote(a.quote))));
  const missing = label.cites.filter((requirement) => !requirement.some(met));
  const ratingRight = label.accepted.includes(result.rating);
  return {
    id: result.id,
    set: label.set,
    file: result.file,
    line: result.line,
    col: result.col,
    kind: result.kind,
    tags: [...result.tags],
    variant: label.variant ?? null,
    expected: { label: label.expected, accepted: label.accepted, why: label.why },
    actual: {
      rating: result.rating,
      rating_label: result.rating_label,
      rule: result.rule === null ? null : `${result.ruleset}/${result.rule}`,
      explanation: result.explanation,
      citations: result.citations.map((c) => c.evidence),
    },
    rating_right: ratingRight,
    evidence_right: missing.length === 0,
    passed: ratingRight && missing.length === 0,
    false_confirmation: supports.has(result.rating) && !label.accepted.some((r) => supports.has(r)),
    missing,
  };
}

function tallyOf(claims: readonly ClaimScore[]): Tally {
  const ratingRight = claims.filter((c) => c.rating_right).length;
  const feverRight = claims.filter((c) => c.passed).length;
  const share = (n: number) => (claims.length ? n / claims.length : null);
  return { claims: claims.length, rating_right: ratingRight, fever_right: feverRight, label_accuracy: share(ratingRight), fever_score: share(feverRight) };
}

function groupBy(claims: readonly ClaimScore[], keys: (c: ClaimScore) => readonly string[]): Record<string, Tally> {
  const groups = new Map<string, ClaimScore[]>();
  for (const claim of claims) for (const key of keys(claim)) addTo(groups, key, claim);
  return Object.fromEntries([...groups.keys()].sort().map((key) => [key, tallyOf(groups.get(key)!)]));
}

/** Rows and columns in the scale's order, then any other labels (FEVER, AVeriTeC) in order of name. */
function confusion(claims: readonly ClaimScore[], scale: readonly Rating[]): EvalReport['confusion'] {
  const order = (labels: Set<string>) => [
    ...scale.map((r) => r.id).filter((id) => labels.has(id)),
    ...[...labels].filter((l) => !scale.some((r) => r.id === l)).sort(),
  ];
  const expected = order(new Set(claims.map((c) => c.expected.label)));
  const actual = order(new Set(claims.map((c) => c.actual.rating)));
  const counts = expected.map((e) => actual.map((a) => claims.filter((c) => c.expected.label === e && c.actual.rating === a).length));
  return { expected, actual, counts };
}
