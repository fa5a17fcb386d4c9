// The types the stages share. This file imports no stage: stages import it.
import type { Diagnostic, Position } from './diagnostics.js';

/** Where an item was defined: its file and the key path to it inside that file. */
export interface NodeRef {
  file: string;
  path: readonly (string | number)[];
}

/**
 * A date as the texts give it. Every date is an interval of days, so that
 * "2016" and "2016-10-12" compare honestly: an event in "2016" is not known
 * to be before 12 October 2016.
 */
export interface DateInfo {
  /** Normalised form: "2016-10-12", "2016-10", "2016" or "2016-09-20/2016-10-12". */
  text: string;
  precision: 'day' | 'month' | 'year' | 'range';
  /** First and last day the date can denote, as YYYY-MM-DD. */
  start: string;
  end: string;
  /** The first point as written: the date itself, or a range's `from`. */
  from: string;
  /** The latest day by which the dated thing had begun: a point's last day, or the last day of a range's `from`. */
  begunBy: string;
  /** For ranges: every occurrence of the thing dated falls inside the range. */
  complete: boolean;
  /** For ranges: it happened at some point inside (`within`), or went on for all of it (`throughout`). */
  span?: 'within' | 'throughout';
  /** How the date is known, when it is inferred rather than stated. */
  basis?: string;
  /** The evidence record this date was worked out from, when it is relative to another ("15 minutes later"). */
  anchor?: string;
}

/** A length of time as written ("15 minutes"), and in minutes. */
export interface Duration {
  text: string;
  minutes: number;
}

export interface UnknownDate {
  text: 'unknown';
  precision: 'unknown';
  basis?: string;
}

export type EntityKind = 'person' | 'organisation' | 'group';

export interface Entity {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  /** For groups: the entities a reference to the group covers. */
  members: string[];
  description?: string;
  ref: NodeRef;
}

export const SOURCE_KINDS = [
  'news-report',
  'social-post',
  'primary-document',
  'official-statement',
  'interview',
  'assessment',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Kinds whose words are the thing itself rather than a report about it. */
export const PRIMARY_SOURCE_KINDS: ReadonlySet<SourceKind> = new Set([
  'primary-document',
  'social-post',
  'official-statement',
  'interview',
]);

export interface Snapshot {
  /** Project-relative POSIX path. */
  path: string;
  sha256: string;
}

export interface Source {
  id: string;
  kind: SourceKind;
  title: string;
  /** Entity id of the publisher. */
  publisher?: string;
  /** Entity ids of the authors. */
  authors: string[];
  url?: string;
  published: DateInfo | UnknownDate;
  relays: string[];
  snapshot?: Snapshot;
  note?: string;
  ref: NodeRef;
}

interface RecordBase {
  id: string;
  source: string;
  /** The exact words in the source that support the record. */
  quote: string;
  /** Words just before or after the quote in the snapshot, to pick one occurrence of a repeated quote. */
  prefix?: string;
  suffix?: string;
  /** Entity whose words or reporting the source relays. */
  attributed_to?: string;
  /** Source whose reporting this record passes on; decides the record's origin. */
  relayed_from?: string;
  /** What this came after or before: another record, and the gap when the text gives one. */
  after?: RecordRelation;
  before?: RecordRelation;
  /** Records this record's date is inferred from: cited with it. */
  dated_by: string[];
  note?: string;
  ref: NodeRef;
}

export interface RecordRelation {
  record: string;
  by?: Duration;
}

export interface EventRecord extends RecordBase {
  kind: 'event';
  actor: string;
  action: string;
  target?: string;
  channel?: string;
  date?: DateInfo;
  /** The source says the event did not happen. */
  negated: boolean;
  /** The event runs both ways (an exchange): actor and target are interchangeable. */
  mutual: boolean;
  /** Evidence id of the record this event answers or acts on. */
  in_response_to?: string;
  /** Records sharing this id describe one and the same happening, so their dates must agree. */
  occurrence?: string;
  /** What the message or request said or asked for: topics of the vocabulary. */
  about: string[];
}

export interface QuantityRecord extends RecordBase {
  kind: 'quantity';
  subject: string;
  measure: string;
  counterpart?: string;
  value: number;
  unit: string;
  date?: DateInfo;
}

export interface StatementRecord extends RecordBase {
  kind: 'statement';
  speaker: string;
  words: string;
  date?: DateInfo;
  channel?: string;
}

export interface AssessmentRecord extends RecordBase {
  kind: 'assessment';
  assessor: string;
  subject: string;
  /** An action or measure id from the vocabulary. */
  topic: string;
  counterpart?: string;
  finding: string;
  date?: DateInfo;
}

export type EvidenceRecord = EventRecord | QuantityRecord | StatementRecord | AssessmentRecord;
export type EvidenceKind = EvidenceRecord['kind'];

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

/** Everything loaded from a project, validated and cross-checked. */
export interface Project {
  root: string;
  config: Config;
  entities: Map<string, Entity>;
  sources: Map<string, Source>;
  evidence: Map<string, EvidenceRecord>;
  /** Records defined but left out for a broken reference or a misquote: reported, not used. */
  excludedEvidence: EvidenceRecord[];
  claims: Claim[];
  /** Every claim id defined, valid or not: a claim with a broken reference is still there. */
  claimIds: Set<string>;
  rulesets: Map<string, Ruleset>;
  /** Archived snapshot texts by source id. */
  snapshots: Map<string, string>;
  /** Where each quote (by evidence id) and each claim's words (by claim id) sit in their snapshots. */
  anchors: { records: Map<string, Anchor>; claims: Map<string, Anchor> };
  /** Pairs of evidence records that disagree. */
  contradictions: Contradiction[];
  /** The evidence looked up by entity and action or measure. */
  index: EvidenceIndex;
  /** Resolves a node path in a project file to a position. */
  locate: Locator;
  /** The SHA-256 of every file read, YAML and snapshots, by project path: what a result was computed from. */
  inputs: ReadonlyMap<string, string>;
  /** Items written in the project that did not load, with the error that kept each out; computed when asked. */
  unloaded?: () => Unloaded;
}

export type Locator = (ref: NodeRef, ...subpath: (string | number)[]) => Position;

export interface LoadResult {
  project: Project | undefined;
  diagnostics: Diagnostic[];
  /** The SHA-256 of every file read, by project path, even when the project could not be built. */
  inputs: ReadonlyMap<string, string>;
  /** Each file's stamp (size, inode, times) taken before it was read, to tell later runs it is unchanged. */
  stamps: ReadonlyMap<string, FileStamp>;
}

/* ---------- Results: what `verify` returns, described by schemas/result.schema.json ---------- */

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

/** A quote located in a snapshot, as W3C Web Annotation selectors plus a context snippet for reports. */
export interface Anchor {
  /** TextQuoteSelector: the snapshot's own words, and up to 32 characters either side. */
  exact: string;
  prefix: string;
  suffix: string;
  /** TextPositionSelector, in Unicode code points. */
  start: number;
  end: number;
  /** Whether the quote matched as written or only after normalising typography and spacing. */
  match: 'exact' | 'normalised';
  /** What Unicode normalisation a normalised match needed: invisible characters ignored, accents composed differently. */
  unicode?: string[];
  /** Longer surrounding words for reports, cut at word boundaries. */
  context: { prefix: string; exact: string; suffix: string };
  /** 1-based line of the snapshot where the quote starts. */
  line: number;
}

/**
 * What tells a file unchanged without reading it: size, inode and times to the
 * nanosecond, as git's index does. Taken before reading, so a write during the
 * read shows as a change next time.
 */
export interface FileStamp {
  size: number;
  ino: string;
  mtimeNs: string;
  ctimeNs: string;
}

/** Evidence looked up by entity and action or measure, so facts never scan all evidence for each claim. */
export interface EvidenceIndex {
  /** Affirmed events by actor (or by target, for `asTarget`) whose action is `action` or narrower. */
  events(entity: string, action: string, asTarget?: boolean): readonly EventRecord[];
  /** Negated events by actor or target, whatever their action. */
  negatedEvents(entity: string): readonly EventRecord[];
  quantities(subject: string, measure: string): readonly QuantityRecord[];
  statements(speaker: string): readonly StatementRecord[];
  /** Statements whose words contain these words in order (as compare-words compares them), whoever the speaker. */
  statementsSaying(words: string): readonly StatementRecord[];
  assessments(subject: string, topic: string): readonly AssessmentRecord[];
  /** Events that answer or act on another record, by their actor. */
  responsesBy(actor: string): readonly EventRecord[];
  get(id: string): EvidenceRecord | undefined;
}

/** Two evidence records that cannot both be right. */
export interface Contradiction {
  kind: 'value' | 'window' | 'date';
  /** The record that states the claim or window, then the one that disagrees with it. */
  records: [string, string];
}

export type InputKind = 'claim' | 'claim field' | 'evidence record' | 'source' | 'entity' | 'rule' | 'ruleset' | 'config';

/**
 * Inputs defined in the project's files that did not load, each with the
 * error that kept it out; and files of each kind that could not be read at
 * all, whose items are unknown.
 */
export interface Unloaded {
  items: ReadonlyMap<string, Diagnostic>;
  files: readonly { kind: InputKind; problem: Diagnostic }[];
}
