import type { FileKind } from '../load/layout.js';
import type { Project } from '../types.js';
import type { Answers, Check } from './check-answer.js';
import { slug, type ItemType } from './check-ids.js';
import type { Choice } from './pick-choice.js';

/** One field of an item: its flag, where it goes, how an answer is checked, and what to ask. */
export interface Field {
  /** The flag, without "--"; answers are keyed by it. */
  flag: string;
  /** Where the value goes in the item. */
  path: readonly string[];
  /** The question, as a noun phrase. */
  label: string;
  /** What an answer looks like, shown with the question and in help. */
  hint?: string;
  /** A short comment written beside the field in the YAML. */
  note?: string;
  check: Check;
  /** Default false. */
  required?: boolean | ((answers: Answers) => boolean);
  /** Whether the item has this field, given the answers so far; undefined while the kind that decides it is not known. */
  applies?: (answers: Answers) => boolean | undefined;
  /** Asked on a terminal although optional (Enter skips it). */
  ask?: boolean;
  /** A bare flag (--mutual) rather than one with a value. */
  boolean?: true;
  /** The value when the field is not given (a unit from its measure); used on a terminal and off it. */
  fallback?: (answers: Answers, project: Project) => string | undefined;
  /** Offered on a terminal as the answer Enter accepts (an id made from a name). */
  suggested?: (answers: Answers) => string | undefined;
  /** The ids to list before asking, and to pick from as the user types (with the names they are found by). */
  candidates?: (project: Project) => Iterable<string | Choice>;
  /** Where the answer goes when its path depends on the answers: the entries to write (none: another field writes it). */
  place?: (answers: Answers) => readonly (readonly [readonly string[], unknown])[];
}

/** One type of item `factcheck new` adds: its fields in the order they are asked, and where it is written. */
export interface ItemSpec {
  type: ItemType;
  kind: Exclude<FileKind, 'config' | 'rules'>;
  /** The field that decides which other fields apply, and its values. */
  discriminator: string;
  kinds: readonly string[];
  fields: readonly Field[];
  /** The written item's keys, in this order at every level. */
  order: readonly string[];
  /** The file to add to when --file is not given, project-relative. */
  defaultFile(answers: Answers): string;
  /** The comment under the modeline of a new file. */
  header: string;
}

export const entities = (p: Project): Iterable<Choice> => [...p.entities.values()].map((e) => ({ id: e.id, name: e.name, aliases: e.aliases }));
export const sources = (p: Project): Iterable<Choice> => [...p.sources.values()].map((s) => ({ id: s.id, name: s.title }));
export const kindIs =
  (...kinds: string[]) =>
  (a: Answers): boolean | undefined =>
    a.has('kind') ? kinds.includes(a.get('kind') as string) : undefined;
export const shortSlug = (words: unknown) => (typeof words === 'string' ? slug(words.split(/\s+/).slice(0, 6).join(' ')) || undefined : undefined);


/** The unit a measure is counted in, as the default unit of a quantity. */
export function measureUnit(answers: Answers, project: Project): string | undefined {
  const measure = answers.get('measure');
  return typeof measure === 'string' ? project.config.vocabulary.measures.get(measure)?.unit : undefined;
}
