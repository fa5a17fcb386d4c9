// Claims and what they assert, the verdict scale and vocabulary of the config, and the rules.
import type { DateInfo, Duration, NodeRef } from './inputs.js';

export const CLAIM_KINDS = ['quantity', 'event', 'absence', 'timing', 'attribution', 'opinion'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export interface EventPattern {
  actor: string;
  action: string;
  target?: string;
  channel?: string;
  mutual: boolean;
  /** What a message or request said or asked for: a topic of the vocabulary. */
  about?: string;
  /** One particular happening: a record of it at another time or in another order contradicts. */
  once: boolean;
  /** The name of a pattern (of the assertion's `patterns`) this event answers or acts on. */
  answers?: string;
  after?: PatternRelation;
  before?: PatternRelation;
}

/** Another pattern of the assertion, by name, and the gap the claim states. */
export interface PatternRelation {
  pattern: string;
  by?: Duration;
}

/** The other events an assertion relates its event to, by name. */
export type Patterns = ReadonlyMap<string, EventPattern>;

export type Comparison = 'equal' | 'at-most' | 'at-least' | 'more-than' | 'fewer-than' | 'less-than' | 'between' | 'approximately';

export type Assertion =
  | {
      kind: 'quantity';
      subject: string;
      measure: string;
      counterpart?: string;
      value: number;
      /** For `between`: the upper end; `value` is the lower. */
      to?: number;
      unit: string;
      comparison: Comparison;
      /** Absolute tolerance in the claim's unit, for `approximately`. */
      tolerance?: number;
      /** Relative tolerance in percent, for `approximately`. */
      tolerance_percent?: number;
    }
  | { kind: 'event'; event: EventPattern; patterns: Patterns; when?: DateInfo }
  | { kind: 'absence'; event: EventPattern; patterns: Patterns; when?: DateInfo }
  | { kind: 'timing'; event: EventPattern; patterns: Patterns; when: DateInfo }
  | { kind: 'attribution'; speaker: string; words: string }
  | { kind: 'opinion'; reason: string };

export interface Claim {
  id: string;
  text: string;
  claimant: string;
  date: DateInfo;
  /** When the fact check was published. */
  reviewed?: DateInfo;
  /** Source id of where the claim was made. */
  appearance: string;
  /** Archived source in which the claim's words can be read. */
  quoted_in?: string;
  /** Words just before or after the claim's words in that source, to pick one occurrence. */
  prefix?: string;
  suffix?: string;
  context?: string;
  interpretation?: string;
  tags: string[];
  ruleset?: string;
  asserts: Assertion;
  ref: NodeRef;
}

export interface Rating {
  id: string;
  label: string;
  color: string;
  description: string;
  /** Numeric ClaimReview ratingValue. */
  claimreview: number;
  fever: 'SUPPORTS' | 'REFUTES' | 'NOT ENOUGH INFO';
  averitec: 'Supported' | 'Refuted' | 'Not Enough Evidence' | 'Conflicting Evidence/Cherrypicking';
}

export interface Vocabulary {
  actions: Map<string, { label: string; broader?: string; once?: boolean }>;
  measures: Map<string, { label: string; unit: string; counts?: string }>;
  channels: Map<string, { label: string }>;
  /** What messages and requests said or asked for. */
  topics: Map<string, { label: string; broader?: string; opposite?: string }>;
}

export interface Config {
  organization?: { name: string; url?: string };
  /** The URL pattern of each fact check's page, with {id}. */
  claimreview?: { url: string };
  scale: Rating[];
  fallback_rating: string;
  vocabulary: Vocabulary;
  ref: NodeRef;
}

export interface RuleCondition {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
}

export type ConditionNode =
  | { all: ConditionNode[] }
  | { any: ConditionNode[] }
  | { not: ConditionNode }
  | RuleCondition;

export interface RuleSpec {
  name: string;
  description?: string;
  priority: number;
  conditions: { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode };
  rating: string;
  explanation: string;
  ref: NodeRef;
}

export interface Ruleset {
  id: string;
  description?: string;
  default_for: ClaimKind[];
  rules: RuleSpec[];
  ref: NodeRef;
}
