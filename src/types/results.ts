// A verification's results: each claim's verdict and its trail, and the run's totals and problems.
import type { Diagnostic } from '../diagnostics.js';
import type { ClaimKind } from './claims.js';
import type { EntityKind, EvidenceKind } from './inputs.js';

export type Role = 'support' | 'contradict' | 'neutral' | 'context';

export interface ConditionTrail {
  /** Where the condition sits in the rule, such as "all[1].any[0]". */
  path: string;
  fact: string;
  operator: string;
  /** The threshold as written in the rule. */
  threshold: unknown;
  /** The fact's value for this claim. */
  actual: unknown;
  /** Whether the comparison itself held. */
  passed: boolean;
  /** The condition sits under a `not`: it counts for the rule when the comparison fails. */
  negated: boolean;
  /** Evidence behind the fact's value (and behind the threshold, when it names a fact). */
  evidence: string[];
}

/** Where cited words sit in an archived snapshot, as W3C Web Annotation selectors. */
export interface CitationAnchor {
  snapshot: { path: string; sha256: string };
  selectors: [
    { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
    { type: 'TextPositionSelector'; start: number; end: number },
  ];
  /** Surrounding words for reports: the exact words with some context either side. */
  context: { prefix: string; exact: string; suffix: string };
  /** `normalised` when the quote only matched after normalising typography and spacing. */
  match: 'exact' | 'normalised';
  /** What Unicode normalisation a normalised match needed (invisible characters ignored, accents composed differently); absent when none. */
  unicode?: string[];
  /** 1-based line in the snapshot. */
  line: number;
}

export interface Citation {
  evidence: string;
  kind: EvidenceKind;
  /** How the record bears on the claim. `context`: the events a record answers or follows, the records its date rests on, what a number leaves out, assessments. */
  role: Role;
  /** Why the record has its role. */
  reason: string;
  /** Behind the deciding rule's conditions or explanation; the rest were considered and are listed for the whole trail. */
  decisive: boolean;
  /** What the record says, in words built from its structured fields. */
  summary: string;
  quote: string;
  source: string;
  source_title: string;
  publisher: string | null;
  published: string;
  url: string | null;
  attributed_to: string | null;
  relayed_from: string | null;
  /** Names of the record's origins: roots of its relays chain. */
  origins: string[];
  self_reported: boolean;
  own_appearance: boolean;
  /** The facts in the deciding rule that this record feeds. */
  facts: string[];
  /** Where the quote sits in its source's archived snapshot; null when the source is not archived. */
  anchor: CitationAnchor | null;
  unanchored: boolean;
}

export interface RuleMiss {
  rule: string;
  rating: string;
  priority: number;
  /** The conditions that failed, with the values that failed them. */
  failed: ConditionTrail[];
  /** A near miss: each single condition that, on its own, stood between the rule and firing. Empty when it took more. */
  would_fire_if: NeededValue[];
}

/** What one fact would have had to be for a rule to fire. */
export interface NeededValue {
  /** The condition, as in `failed`. */
  path: string;
  fact: string;
  /** The fact's value for this claim. */
  actual: unknown;
  /** The comparison the value needed to pass, with a `not` already applied (`not equal 0` reads `notEqual 0`). */
  operator: string;
  /** The value it is compared with (a fact reference resolved). */
  value: unknown;
}

export interface ClaimResult {
  id: string;
  file: string;
  line: number;
  col: number;
  text: string;
  claimant: { id: string; name: string; kind: EntityKind | null };
  date: string;
  /** When the fact check was published, if the claim says. */
  reviewed: string | null;
  appearance: { id: string; name: string; title: string; url: string | null };
  kind: ClaimKind;
  summary: string;
  /** What was asked or happening when the claim was made, as the fact-checker wrote it; null when not given. */
  context: string | null;
  /** How the claim's words were read into what was checked; null when not given. */
  interpretation: string | null;
  /** Where the claim's own words sit in the archived source that quotes it; null when none is archived. */
  anchor: CitationAnchor | null;
  tags: string[];
  ruleset: string;
  rating: string;
  rating_label: string;
  /** The deciding rule, or null when none fired and the fallback rating was given. */
  rule: string | null;
  priority: number | null;
  explanation: string;
  conditions: ConditionTrail[];
  /** Every record considered: those behind the deciding rule first, then the rest, each with its role and reason. */
  citations: Citation[];
  /** Pairs of records bearing on the claim that disagree, each described with both sides' words. */
  contradictions: { kind: 'value' | 'window' | 'date'; records: [string, string]; summary: string }[];
  /** Records left out of support, and why. */
  set_aside: { evidence: string; reasons: ('own-appearance' | 'self-reported' | 'participant')[] }[];
  /** Rules that fired too but lost to the deciding rule's priority. */
  also_fired: { rule: string; rating: string; priority: number }[];
  rules_not_fired: RuleMiss[];
  facts: Record<string, { value: unknown; evidence: string[] }>;
}

export interface VerifyResult {
  tool: { name: 'factcheck'; version: string };
  scale: { id: string; label: string; color: string }[];
  claims: ClaimResult[];
  totals: { claims: number; by_rating: Record<string, number>; errors: number; warnings: number };
  diagnostics: Diagnostic[];
  /** Set on the result of one shard of a sharded run; factcheck merge drops it. */
  shard?: { index: number; count: number };
}
