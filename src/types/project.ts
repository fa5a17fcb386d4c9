// A loaded project, and what the stages that load it share: anchors, the evidence index, contradictions, what did not load.
import type { Diagnostic, Position } from '../diagnostics.js';
import type { Claim, Config, Ruleset } from './claims.js';
import type { AssessmentRecord, Entity, EventRecord, EvidenceRecord, NodeRef, QuantityRecord, Source, StatementRecord } from './inputs.js';

/** Everything loaded from a project, validated and cross-checked. */
export interface Project {
  root: string;
  config: Config;
  entities: Map<string, Entity>;
  sources: Map<string, Source>;
  evidence: ReadonlyMap<string, EvidenceRecord>;
  /** Records defined but left out for a broken reference or a misquote: reported, not used. */
  excludedEvidence: EvidenceRecord[];
  claims: Claim[];
  /** Every claim id defined, valid or not: a claim with a broken reference is still there. */
  claimIds: Set<string>;
  rulesets: Map<string, Ruleset>;
  /** Archived snapshot texts by source id. */
  snapshots: Map<string, string>;
  /** Where each quote (by evidence id) and each claim's words (by claim id) sit in their snapshots. */
  anchors: { records: ReadonlyMap<string, Anchor>; claims: ReadonlyMap<string, Anchor> };
  /** Pairs of evidence records that disagree. */
  contradictions: Contradiction[];
  /** What the contradiction check took, against its limits (detect-contradictions.ts): how near them the project is. */
  contradictionCheck?: { comparisons: number; counted: number };
  /** The evidence looked up by entity and action or measure. */
  index: EvidenceIndex;
  /** Resolves a node path in a project file to a position. */
  locate: Locator;
  /** The SHA-256 of every file read, YAML and snapshots, by project path: what a result was computed from. Never changed once loaded: footprints' hashes are kept per map. */
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
  /**
   * Every bucket a query can be answered from, by a route key's parts
   * (evidence/route-keys.ts): what a full run keeps for a partial one. Only
   * an index build-index made has them.
   */
  buckets?(each: (kind: string, a: string, b: string, records: readonly EvidenceRecord[]) => void): void;
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
