import type { Anchor } from '../anchor/anchor-quote.js';
import type { FactValue, Names } from '../facts/fact-types.js';
import type { ClaimEvidence } from '../facts/match-evidence.js';
import { factReference } from '../rules/check-rules.js';
import type { LeafOutcome, RuleOutcome } from '../rules/run-rules.js';
import type { Position } from '../diagnostics.js';
import { formatDate } from '../model/format-date.js';
import type {
  Citation,
  CitationAnchor,
  Claim,
  ClaimResult,
  ConditionTrail,
  Config,
  Entity,
  EvidenceRecord,
  NeededValue,
  Role,
  Source,
} from '../types.js';
import { byPriorityThenName } from './decide.js';
import { verdictOf } from './claim-head.js';
import { describeContradiction } from './describe-contradiction.js';
import { describeRecord } from './describe-record.js';
import { placeholders } from './fill-explanation.js';
import { OPPOSITE } from '../rules/operators.js';

export interface VerdictInput {
  claim: Claim;
  at: Position;
  ruleset: string;
  facts: Record<string, FactValue>;
  found: ClaimEvidence;
  outcomes: readonly RuleOutcome[];
  config: Config;
  names: Names;
  evidence: ReadonlyMap<string, EvidenceRecord>;
  sources: ReadonlyMap<string, Source>;
  entities: ReadonlyMap<string, Entity>;
  anchors: { records: ReadonlyMap<string, Anchor>; claims: ReadonlyMap<string, Anchor> };
  summary: string;
}

/** Turns rule outcomes into a verdict with its citation trail. Pure. */
export function buildClaimResult(input: VerdictInput): ClaimResult {
  const { claim, facts, config, names } = input;
  const { decider, rating, rating_label, explanation } = verdictOf(input.outcomes, facts, config, input.ruleset);
  const conditions = decider ? decider.leaves.map((leaf) => trail(leaf, facts)) : [];
  const appearance = input.sources.get(claim.appearance);
  // The fields in the order every output shows them: the JSON result is byte for byte the same run to
  // run. RESULT_FIELDS (claim-head.ts) lists them for table runs, which never build this object.
  return {
    id: claim.id,
    file: input.at.file,
    line: input.at.line,
    col: input.at.col,
    text: claim.text,
    claimant: { id: claim.claimant, name: names.entity(claim.claimant), kind: input.entities.get(claim.claimant)?.kind ?? null },
    date: claim.date.text,
    reviewed: claim.reviewed?.text ?? null,
    appearance: { id: claim.appearance, name: names.source(claim.appearance), title: appearance?.title ?? claim.appearance, url: appearance?.url ?? null },
    kind: claim.asserts.kind,
    summary: input.summary,
    context: claim.context ?? null,
    interpretation: claim.interpretation ?? null,
    anchor: citationAnchor(input.anchors.claims.get(claim.id), input.sources.get([claim.quoted_in, claim.appearance].find((s) => s && input.sources.get(s)?.snapshot) ?? '')),
    tags: [...claim.tags],
    ruleset: input.ruleset,
    rating,
    rating_label,
    rule: decider?.rule ?? null,
    priority: decider?.priority ?? null,
    explanation,
    conditions,
    citations: citationsOf(input, decider),
    contradictions: input.found.contradictions.map((c) => ({ kind: c.kind, records: c.records, summary: describeContradiction(c, input.evidence, names) })),
    set_aside: setAsideOf(input.found),
    also_fired: input.outcomes
      .filter((o) => o.fired && o !== decider)
      .sort(byPriorityThenName)
      .map((o) => ({ rule: o.rule, rating: o.rating, priority: o.priority })),
    rules_not_fired: input.outcomes
      .filter((o) => !o.fired)
      .sort(byPriorityThenName)
      .map((o) => ({ rule: o.rule, rating: o.rating, priority: o.priority, failed: o.deciding.map((l) => trail(l, facts)), would_fire_if: o.nearMisses.map(needed) })),
    facts: copyFacts(facts),
  };
}

/** The facts as the result shows them. A loop: Object.fromEntries over sixty facts a claim cost a third more. */
function copyFacts(facts: Record<string, FactValue>): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const name of Object.keys(facts)) {
    const fact = facts[name]!;
    out[name] = { value: fact.value, evidence: fact.evidence.slice() };
  }
  return out;
}

/** The evidence behind the deciding rule's conditions, then behind its explanation, with the facts each feeds. */
function citedBy(decider: RuleOutcome | undefined, facts: Record<string, FactValue>): Map<string, Set<string>> {
  const cited = new Map<string, Set<string>>();
  const cite = (fact: string) => {
    for (const id of facts[fact]?.evidence ?? []) {
      if (!cited.has(id)) cited.set(id, new Set());
      cited.get(id)!.add(fact);
    }
  };
  if (decider) {
    for (const leaf of decider.leaves) {
      cite(leaf.fact);
      const ref = factReference(leaf.threshold);
      if (ref) cite(ref);
    }
    placeholders(decider.explanation).forEach(cite);
  }
  return cited;
}

/** Every record considered, with its role and why: matches, the responses a number leaves out, assessments, context. */
function consideredIn(found: ClaimEvidence): Map<string, { role: Role; reason: string }> {
  const considered = new Map<string, { role: Role; reason: string }>();
  for (const m of found.matches) considered.set(m.record.id, { role: m.role, reason: setAsideReason(m) ?? m.reason });
  for (const r of found.omittedConduct) if (!considered.has(r.id)) considered.set(r.id, { role: 'context', reason: 'a response the number leaves out' });
  for (const r of found.assessments) if (!considered.has(r.id)) considered.set(r.id, { role: 'context', reason: 'an assessment of the subject and topic' });
  for (const c of found.context) if (!considered.has(c.record.id)) considered.set(c.record.id, { role: 'context', reason: c.reason });
  return considered;
}

/** The trail: the records behind the rule first, what decided, then what else was weighed, by id. */
function citationsOf(input: VerdictInput, decider: RuleOutcome | undefined): Citation[] {
  const { names } = input;
  const cited = citedBy(decider, input.facts);
  const considered = consideredIn(input.found);
  const order = [...cited.keys(), ...[...considered.keys()].filter((id) => !cited.has(id)).sort()];
  const matchById = new Map(input.found.matches.map((m) => [m.record.id, m]));
  const citations: Citation[] = [];
  for (const id of order) {
    const record = input.evidence.get(id);
    if (!record) continue;
    const source = input.sources.get(record.source);
    const match = matchById.get(id);
    const how = considered.get(id) ?? { role: 'context' as const, reason: 'named by the explanation' };
    citations.push({
      evidence: id,
      kind: record.kind,
      role: how.role,
      reason: how.reason,
      decisive: cited.has(id),
      summary: describeRecord(record, names),
      quote: record.quote,
      source: record.source,
      source_title: source?.title ?? record.source,
      publisher: source?.publisher ? names.entity(source.publisher) : null,
      published: source ? formatDate(source.published) : 'date unknown',
      url: source?.url ?? null,
      attributed_to: record.attributed_to ? names.entity(record.attributed_to) : null,
      relayed_from: record.relayed_from ?? null,
      origins: (match?.origins ?? []).map(names.source),
      self_reported: match?.selfReported ?? false,
      own_appearance: match?.ownAppearance ?? false,
      facts: [...(cited.get(id) ?? [])].sort(),
      anchor: citationAnchor(input.anchors.records.get(id), source),
      unanchored: !input.anchors.records.has(id),
    });
  }
  return citations;
}

/** Supporting records left out of independent support, and why. */
function setAsideOf(found: ClaimEvidence): ClaimResult['set_aside'] {
  return found.matches
    .filter((m) => m.role === 'support' && (m.selfReported || m.ownAppearance || m.participant))
    .map((m) => ({
      evidence: m.record.id,
      reasons: [
        ...(m.ownAppearance ? (['own-appearance'] as const) : []),
        ...(m.selfReported ? (['self-reported'] as const) : []),
        ...(m.participant && !m.selfReported ? (['participant'] as const) : []),
      ],
    }));
}

/** Why supporting words are set aside, when they are: the trail says so instead of only "support". */
function setAsideReason(m: ClaimEvidence['matches'][number]): string | undefined {
  if (m.role !== 'support') return undefined;
  if (m.ownAppearance) return `${m.reason}; set aside: it comes from where the claim was made`;
  if (m.selfReported) return `${m.reason}; set aside: it is the claimant's own word`;
  if (m.participant) return `${m.reason}; set aside as independent support: it is the subject's own account`;
  return undefined;
}

function citationAnchor(anchor: Anchor | undefined, source: Source | undefined): CitationAnchor | null {
  if (!anchor || !source?.snapshot) return null;
  return {
    snapshot: { path: source.snapshot.path, sha256: source.snapshot.sha256 },
    selectors: [
      { type: 'TextQuoteSelector', exact: anchor.exact, prefix: anchor.prefix, suffix: anchor.suffix },
      { type: 'TextPositionSelector', start: anchor.start, end: anchor.end },
    ],
    context: anchor.context,
    match: anchor.match,
    ...(anchor.unicode ? { unicode: anchor.unicode } : {}),
    line: anchor.line,
  };
}


function needed(leaf: LeafOutcome): NeededValue {
  // The comparison must go the other way: one that failed must pass, one that passed (under a `not`) must fail.
  const invert = leaf.passed;
  return {
    path: leaf.path,
    fact: leaf.fact,
    actual: leaf.actual ?? null,
    operator: invert ? OPPOSITE[leaf.operator] ?? `not ${leaf.operator}` : leaf.operator,
    value: (factReference(leaf.threshold) ? leaf.thresholdValue : leaf.threshold) ?? null,
  };
}

function trail(leaf: LeafOutcome, facts: Record<string, FactValue>): ConditionTrail {
  const ref = factReference(leaf.threshold);
  const evidence = new Set([...(facts[leaf.fact]?.evidence ?? []), ...(ref ? facts[ref]?.evidence ?? [] : [])]);
  return {
    path: leaf.path,
    fact: leaf.fact,
    operator: leaf.operator,
    threshold: ref ? { fact: ref, value: leaf.thresholdValue ?? null } : leaf.threshold,
    actual: leaf.actual ?? null,
    passed: leaf.passed,
    negated: leaf.negated,
    evidence: [...evidence].sort(),
  };
}
