// What a project's files hold once read: entities, sources, evidence records, and the dates and places they use.

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
  /**
   * What archive kept besides the snapshot, each pinned by its SHA-256: the
   * raw page, and each later revision's text and page, with the node path of
   * its `path` in the record. Checked by lint; verify reads only the snapshot.
   */
  pinned?: PinnedFile[];
  /** Later versions of the text (archive --refresh), oldest first. */
  revisions?: (Snapshot & { retrieved?: string })[];
  note?: string;
  ref: NodeRef;
}

export interface PinnedFile extends Snapshot {
  at: readonly (string | number)[];
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
