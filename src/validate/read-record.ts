import type { DateInfo, EvidenceRecord, NodeRef, RecordRelation } from '../types.js';
import type { DateInput } from './read-date.js';
import { readDuration } from './read-duration.js';

type Raw = Record<string, any>;
export type ReadDate = (field: string, input: DateInput | undefined) => DateInfo | undefined;
/** One copy of a string the archive repeats (an entity's id, a measure, a unit): see buildModel. */
export type Intern = <T>(value: T) => T;

const NO_IDS: readonly string[] = Object.freeze([]);

/** An evidence record as typed data; its date read by `date`, which reports what it cannot read. */
export function readRecord(e: Raw, ref: NodeRef, date: ReadDate, intern: Intern = (v) => v): EvidenceRecord {
  // Fields are listed out, not spread from a shared base: V8 spreads objects with
  // undefined fields about fifty times slower, and this runs per record.
  const id = e.id as string;
  const source = intern(e.source as string);
  const quote = e.quote as string;
  const prefix = e.prefix as string | undefined;
  const suffix = e.suffix as string | undefined;
  const attributed_to = intern(e.attributed_to as string | undefined);
  const relayed_from = intern(e.relayed_from as string | undefined);
  const note = e.note as string | undefined;
  const after = relation(e.after);
  const before = relation(e.before);
  const dated_by = (e.dated_by as string[] | undefined) ?? (NO_IDS as string[]);
  switch (e.kind as EvidenceRecord['kind']) {
    case 'event':
      return {
        id, source, quote, prefix, suffix, attributed_to, relayed_from, after, before, dated_by, note, ref,
        kind: 'event',
        actor: intern(e.actor),
        action: intern(e.action),
        target: intern(e.target),
        channel: intern(e.channel),
        date: date('date', e.date),
        negated: e.negated === true,
        mutual: e.mutual === true,
        in_response_to: e.in_response_to,
        occurrence: e.occurrence,
        about: (e.about as string[] | undefined) ?? (NO_IDS as string[]),
      };
    case 'quantity':
      return {
        id, source, quote, prefix, suffix, attributed_to, relayed_from, after, before, dated_by, note, ref,
        kind: 'quantity',
        subject: intern(e.subject),
        measure: intern(e.measure),
        counterpart: intern(e.counterpart),
        value: e.value,
        unit: intern(e.unit),
        date: date('date', e.date),
      };
    case 'statement':
      return {
        id, source, quote, prefix, suffix, attributed_to, relayed_from, after, before, dated_by, note, ref,
        kind: 'statement',
        speaker: intern(e.speaker),
        words: e.words,
        date: date('date', e.date),
        channel: intern(e.channel),
      };
    case 'assessment':
      return {
        id, source, quote, prefix, suffix, attributed_to, relayed_from, after, before, dated_by, note, ref,
        kind: 'assessment',
        assessor: intern(e.assessor),
        subject: intern(e.subject),
        topic: intern(e.topic),
        counterpart: intern(e.counterpart),
        finding: intern(e.finding),
        date: date('date', e.date),
      };
  }
}

function relation(value: unknown): RecordRelation | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { record: value };
  const { record, by } = value as { record: string; by?: string };
  return by === undefined ? { record } : { record, by: readDuration(by) };
}
