import type { FileKind } from '../load/layout.js';
import { CLAIM_KINDS, SOURCE_KINDS, type Project } from '../types.js';
import {
  checkChoice,
  checkClaimKind,
  checkDate,
  checkDay,
  checkEntity,
  checkList,
  checkNewId,
  checkNonNegative,
  checkNumber,
  checkPublished,
  checkRuleset,
  checkSnapshot,
  checkSource,
  checkTag,
  checkTerm,
  checkText,
  checkTopic,
  checkUnit,
  checkUrl,
  checkWordsIn,
  checkYesNo,
  rulesetKinds,
  slug,
  type Answers,
  type Check,
  type ItemType,
} from './check-answer.js';

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
  /** The ids to list before asking. */
  candidates?: (project: Project) => Iterable<string>;
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

const entities = (p: Project) => p.entities.keys();
const sources = (p: Project) => p.sources.keys();
const kindIs =
  (...kinds: string[]) =>
  (a: Answers): boolean | undefined =>
    a.has('kind') ? kinds.includes(a.get('kind') as string) : undefined;
const shortSlug = (words: unknown) => (typeof words === 'string' ? slug(words.split(/\s+/).slice(0, 6).join(' ')) || undefined : undefined);

const ENTITY_KINDS = ['person', 'organisation', 'group'] as const;
const EVIDENCE_KINDS = ['event', 'quantity', 'statement', 'assessment'] as const;

export const ENTITY: ItemSpec = {
  type: 'entity',
  kind: 'entities',
  discriminator: 'kind',
  kinds: ENTITY_KINDS,
  order: ['id', 'name', 'kind', 'aliases', 'members', 'description'],
  defaultFile: (a) => `entities/${({ person: 'people', organisation: 'organisations', group: 'groups' } as Record<string, string>)[a.get('kind') as string] ?? 'entities'}.yaml`,
  header: 'People, organisations and groups that claims, sources and evidence name.',
  fields: [
    { flag: 'name', path: ['name'], label: 'Name', hint: 'as reports should show it', note: 'the name reports show', check: checkText, required: true },
    { flag: 'id', path: ['id'], label: 'Entity id', hint: 'lowercase letters, digits and hyphens', check: checkNewId('entity'), required: true, suggested: (a) => shortSlug(a.get('name')) },
    { flag: 'kind', path: ['kind'], label: 'Kind', hint: ENTITY_KINDS.join(', '), note: 'person, organisation or group', check: checkChoice(ENTITY_KINDS), required: true },
    { flag: 'aliases', path: ['aliases'], label: 'Other names', hint: 'comma-separated', note: 'other names the texts use', check: checkList(checkText), ask: true },
    {
      flag: 'members',
      path: ['members'],
      label: 'Members',
      hint: 'entity ids, comma-separated',
      note: 'a claim about the group matches evidence about any member',
      check: checkList(checkEntity),
      applies: kindIs('group'),
      ask: true,
      candidates: entities,
    },
    { flag: 'description', path: ['description'], label: 'Description', check: checkText },
  ],
};

export const SOURCE: ItemSpec = {
  type: 'source',
  kind: 'sources',
  discriminator: 'kind',
  kinds: SOURCE_KINDS,
  order: ['id', 'kind', 'title', 'publisher', 'author', 'url', 'published', 'relays', 'snapshot', 'path', 'sha256'],
  defaultFile: (a) => `sources/${a.get('id') as string}.yaml`,
  header: 'Sources: articles, posts, documents and interviews that evidence is read in.',
  fields: [
    { flag: 'title', path: ['title'], label: 'Title', hint: 'its own title, or a description in [square brackets]', check: checkText, required: true },
    { flag: 'id', path: ['id'], label: 'Source id', hint: 'lowercase letters, digits and hyphens', check: checkNewId('source'), required: true, suggested: (a) => shortSlug(a.get('title')) },
    { flag: 'kind', path: ['kind'], label: 'Kind', hint: SOURCE_KINDS.join(', '), note: SOURCE_KINDS.join(', '), check: checkChoice(SOURCE_KINDS), required: true },
    { flag: 'publisher', path: ['publisher'], label: 'Publisher', hint: 'an entity id', note: 'an entity id', check: checkEntity, ask: true, candidates: entities },
    { flag: 'author', path: ['author'], label: 'Authors', hint: 'entity ids, comma-separated', note: 'entity ids', check: checkList(checkEntity), candidates: entities },
    { flag: 'url', path: ['url'], label: 'URL', hint: 'leave it out rather than guess', check: checkUrl, ask: true },
    { flag: 'date', path: ['published'], label: 'Published', hint: 'YYYY-MM-DD, YYYY-MM, YYYY or unknown', note: 'at the precision the source gives, or "unknown"', check: checkPublished, required: true },
    { flag: 'relays', path: ['relays'], label: 'Sources it reports on', hint: 'source ids, comma-separated', note: 'origins are counted at the roots of these chains', check: checkList(checkSource), candidates: sources },
    {
      flag: 'snapshot',
      path: ['snapshot'],
      label: 'Archived text file',
      hint: 'a .txt file with the source, byte for byte; from outside the project it is copied to evidence/snapshots/',
      note: 'the archived text, pinned by its SHA-256',
      check: checkSnapshot('id'),
      ask: true,
    },
  ],
};

export const EVIDENCE: ItemSpec = {
  type: 'evidence',
  kind: 'evidence',
  discriminator: 'kind',
  kinds: EVIDENCE_KINDS,
  order: [
    'id', 'source', 'kind', 'actor', 'action', 'target', 'channel', 'mutual', 'negated', 'speaker', 'words', 'assessor', 'subject', 'measure',
    'counterpart', 'value', 'unit', 'topic', 'finding', 'date', 'from', 'to', 'attributed_to', 'quote',
  ],
  defaultFile: (a) => `evidence/${a.get('source') as string}.yaml`,
  header: 'Evidence records: what a source says, each tied to the exact words in it.',
  fields: [
    { flag: 'id', path: ['id'], label: 'Evidence id', hint: 'lowercase letters, digits and hyphens', check: checkNewId('evidence'), required: true },
    { flag: 'source', path: ['source'], label: 'Source', hint: 'a source id', note: 'the source it is read in', check: checkSource, required: true, candidates: sources },
    { flag: 'kind', path: ['kind'], label: 'Kind', hint: EVIDENCE_KINDS.join(', '), note: EVIDENCE_KINDS.join(', '), check: checkChoice(EVIDENCE_KINDS), required: true },
    {
      flag: 'quote',
      path: ['quote'],
      label: 'Quote',
      hint: 'the exact words in the source',
      note: "word for word from the source's snapshot",
      check: checkWordsIn((a) => a.get('source') as string | undefined, 'the words in the source'),
      required: true,
    },
    { flag: 'actor', path: ['actor'], label: 'Actor', hint: 'who did it: an entity id', check: checkEntity, required: true, applies: kindIs('event'), candidates: entities },
    { flag: 'action', path: ['action'], label: 'Action', hint: 'from the vocabulary', note: 'an action from factcheck.config.yaml', check: checkTerm('actions'), required: true, applies: kindIs('event'), candidates: (p) => p.config.vocabulary.actions.keys() },
    { flag: 'target', path: ['target'], label: 'Target', hint: 'who it was done to or with: an entity id', check: checkEntity, applies: kindIs('event'), ask: true, candidates: entities },
    { flag: 'channel', path: ['channel'], label: 'Channel', hint: 'from the vocabulary', check: checkTerm('channels'), applies: kindIs('event', 'statement'), ask: true, candidates: (p) => p.config.vocabulary.channels.keys() },
    { flag: 'mutual', path: ['mutual'], label: 'An exchange, either side may have acted', hint: 'yes or no', note: 'an exchange: either side may have acted', check: checkYesNo, boolean: true, applies: kindIs('event') },
    { flag: 'negated', path: ['negated'], label: 'The source says it did not happen', hint: 'yes or no', note: 'the source says it did not happen', check: checkYesNo, boolean: true, applies: kindIs('event') },
    { flag: 'speaker', path: ['speaker'], label: 'Speaker', hint: 'an entity id', check: checkEntity, required: true, applies: kindIs('statement'), candidates: entities },
    { flag: 'words', path: ['words'], label: 'Words said', check: checkText, required: true, applies: kindIs('statement') },
    { flag: 'assessor', path: ['assessor'], label: 'Assessor', hint: 'who made the judgement: an entity id', check: checkEntity, required: true, applies: kindIs('assessment'), candidates: entities },
    { flag: 'subject', path: ['subject'], label: 'Subject', hint: 'whom it is about: an entity id', check: checkEntity, required: true, applies: kindIs('quantity', 'assessment'), candidates: entities },
    { flag: 'measure', path: ['measure'], label: 'Measure', hint: 'from the vocabulary', note: 'a measure from factcheck.config.yaml', check: checkTerm('measures'), required: true, applies: kindIs('quantity'), candidates: (p) => p.config.vocabulary.measures.keys() },
    { flag: 'topic', path: ['topic'], label: 'Topic', hint: 'an action or measure', check: checkTopic, required: true, applies: kindIs('assessment'), candidates: (p) => [...p.config.vocabulary.actions.keys(), ...p.config.vocabulary.measures.keys()] },
    { flag: 'counterpart', path: ['counterpart'], label: 'Counterpart', hint: 'the other party: an entity id', check: checkEntity, applies: kindIs('quantity', 'assessment'), ask: true, candidates: entities },
    { flag: 'value', path: ['value'], label: 'Value', hint: 'a number', check: checkNumber, required: true, applies: kindIs('quantity') },
    { flag: 'unit', path: ['unit'], label: 'Unit', hint: 'Enter takes the unit of its measure', check: checkUnit('measure'), applies: kindIs('quantity'), ask: true, fallback: measureUnit },
    { flag: 'finding', path: ['finding'], label: 'Finding', hint: "in the source's words", check: checkText, required: true, applies: kindIs('assessment') },
    { flag: 'date', path: ['date'], label: 'Date', hint: 'YYYY-MM-DD, YYYY-MM, YYYY, or FROM..TO', note: 'at the precision the text gives', check: checkDate, ask: true },
    { flag: 'attributed-to', path: ['attributed_to'], label: 'Attributed to', hint: 'whose words or reporting the source relays: an entity id', check: checkEntity, candidates: entities },
  ],
};

/** The unit a measure is counted in, as the default unit of a quantity. */
function measureUnit(answers: Answers, project: Project): string | undefined {
  const measure = answers.get('measure');
  return typeof measure === 'string' ? project.config.vocabulary.measures.get(measure)?.unit : undefined;
}

/** The archived source a claim's words are looked up in, as the loader picks it. */
function claimWordsSource(answers: Answers, project: Project): string | undefined {
  return [answers.get('quoted-in'), answers.get('appearance')].find((id): id is string => typeof id === 'string' && project.snapshots.has(id));
}

const EVENT_KINDS = ['event', 'absence', 'timing'];

export const CLAIM: ItemSpec = {
  type: 'claim',
  kind: 'claims',
  discriminator: 'kind',
  kinds: CLAIM_KINDS,
  order: [
    'id', 'text', 'claimant', 'date', 'appearance', 'quoted_in', 'context', 'interpretation', 'tags', 'reviewed', 'ruleset', 'asserts',
    'kind', 'subject', 'measure', 'counterpart', 'value', 'unit', 'comparison', 'tolerance', 'event', 'actor', 'action', 'target', 'channel',
    'mutual', 'when', 'from', 'to', 'speaker', 'words', 'reason',
  ],
  defaultFile: (a) => `claims/${a.get('id') as string}.yaml`,
  header: 'Claims to verify: the words as said, who said them, when and where, and what they assert.',
  fields: [
    { flag: 'id', path: ['id'], label: 'Claim id', hint: 'lowercase letters, digits and hyphens', check: checkNewId('claim'), required: true },
    { flag: 'claimant', path: ['claimant'], label: 'Claimant', hint: 'who made the claim: an entity id', check: checkEntity, required: true, candidates: entities },
    { flag: 'appearance', path: ['appearance'], label: 'Appearance', hint: 'where it was said: a source id', note: 'where it was said; never counts as support', check: checkSource, required: true, candidates: sources },
    { flag: 'quoted-in', path: ['quoted_in'], label: 'Quoted in', hint: 'an archived source with the words, if the appearance is not archived', check: checkSource, ask: true, candidates: sources },
    {
      flag: 'text',
      path: ['text'],
      label: 'The words',
      hint: 'verbatim, as said',
      note: 'verbatim, as said',
      check: (answer, answers, ctx) => checkWordsIn((a) => claimWordsSource(a, ctx.project), "the claim's words")(answer, answers, ctx),
      required: true,
    },
    { flag: 'date', path: ['date'], label: 'Date', hint: 'when it was said: YYYY-MM-DD, YYYY-MM or YYYY', check: checkDay, required: true },
    { flag: 'ruleset', path: ['ruleset'], label: 'Ruleset', hint: 'a ruleset id; default: the one default_for its kind', check: checkRuleset },
    {
      flag: 'kind',
      path: ['asserts', 'kind'],
      label: 'Kind',
      hint: CLAIM_KINDS.join(', '),
      note: CLAIM_KINDS.join(', '),
      check: checkClaimKind(CLAIM_KINDS),
      required: true,
      candidates: (p) => [...rulesetKinds(p)],
    },
    { flag: 'subject', path: ['asserts', 'subject'], label: 'Subject', hint: 'whom the number is about: an entity id', check: checkEntity, required: true, applies: kindIs('quantity'), candidates: entities },
    { flag: 'measure', path: ['asserts', 'measure'], label: 'Measure', hint: 'from the vocabulary', note: 'a measure from factcheck.config.yaml', check: checkTerm('measures'), required: true, applies: kindIs('quantity'), candidates: (p) => p.config.vocabulary.measures.keys() },
    { flag: 'value', path: ['asserts', 'value'], label: 'Value claimed', hint: 'a number', check: checkNumber, required: true, applies: kindIs('quantity') },
    { flag: 'unit', path: ['asserts', 'unit'], label: 'Unit', hint: 'Enter takes the unit of its measure', check: checkUnit('measure'), applies: kindIs('quantity'), ask: true, fallback: measureUnit },
    { flag: 'counterpart', path: ['asserts', 'counterpart'], label: 'Counterpart', hint: 'the other party: an entity id', check: checkEntity, applies: kindIs('quantity'), ask: true, candidates: entities },
    {
      flag: 'comparison',
      path: ['asserts', 'comparison'],
      label: 'Comparison',
      hint: 'equal, at-most, at-least or approximately; default equal',
      note: 'equal, at-most, at-least or approximately',
      check: checkChoice(['equal', 'at-most', 'at-least', 'approximately']),
      applies: kindIs('quantity'),
      ask: true,
    },
    {
      flag: 'tolerance',
      path: ['asserts', 'tolerance'],
      label: 'Tolerance',
      hint: "the largest difference, in the claim's unit, that still counts as the same",
      note: 'the largest difference that still counts as the same',
      check: checkNonNegative,
      required: (a) => a.get('comparison') === 'approximately',
      applies: kindIs('quantity'),
    },
    { flag: 'actor', path: ['asserts', 'event', 'actor'], label: 'Actor', hint: 'who did it: an entity id (a group stands for its members)', check: checkEntity, required: true, applies: kindIs(...EVENT_KINDS), candidates: entities },
    { flag: 'action', path: ['asserts', 'event', 'action'], label: 'Action', hint: 'from the vocabulary', note: 'an action from factcheck.config.yaml', check: checkTerm('actions'), required: true, applies: kindIs(...EVENT_KINDS), candidates: (p) => p.config.vocabulary.actions.keys() },
    { flag: 'target', path: ['asserts', 'event', 'target'], label: 'Target', hint: 'who it was done to or with: an entity id', check: checkEntity, applies: kindIs(...EVENT_KINDS), ask: true, candidates: entities },
    { flag: 'channel', path: ['asserts', 'event', 'channel'], label: 'Channel', hint: 'from the vocabulary', check: checkTerm('channels'), applies: kindIs(...EVENT_KINDS), ask: true, candidates: (p) => p.config.vocabulary.channels.keys() },
    { flag: 'mutual', path: ['asserts', 'event', 'mutual'], label: 'An exchange, either side may have acted', hint: 'yes or no', note: 'either side may have acted', check: checkYesNo, boolean: true, applies: kindIs(...EVENT_KINDS) },
    {
      flag: 'when',
      path: ['asserts', 'when'],
      label: 'When',
      hint: 'the time or window claimed: YYYY-MM-DD, YYYY-MM, YYYY, or FROM..TO',
      check: checkDate,
      required: (a) => a.get('kind') === 'timing',
      applies: kindIs(...EVENT_KINDS),
      ask: true,
    },
    { flag: 'speaker', path: ['asserts', 'speaker'], label: 'Speaker', hint: 'who is said to have said the words: an entity id', check: checkEntity, required: true, applies: kindIs('attribution'), candidates: entities },
    { flag: 'words', path: ['asserts', 'words'], label: 'Words attributed', check: checkText, required: true, applies: kindIs('attribution') },
    { flag: 'reason', path: ['asserts', 'reason'], label: 'Why it cannot be checked', check: checkText, required: true, applies: kindIs('opinion') },
    { flag: 'context', path: ['context'], label: 'Context', hint: 'the question asked, the occasion', check: checkText, ask: true },
    { flag: 'interpretation', path: ['interpretation'], label: 'Interpretation', hint: 'how you read the claim into its structured form', check: checkText, ask: true },
    { flag: 'tags', path: ['tags'], label: 'Tags', hint: 'comma-separated', check: checkList(checkTag), ask: true },
    { flag: 'reviewed', path: ['reviewed'], label: 'Reviewed', hint: 'when the fact check was published: YYYY-MM-DD', note: 'when the fact check was published', check: checkDay },
  ],
};

export const ITEM_SPECS: Record<ItemType, ItemSpec> = { entity: ENTITY, source: SOURCE, evidence: EVIDENCE, claim: CLAIM };

/** Whether a field is required, given the answers so far. */
export function isRequired(field: Field, answers: Answers): boolean {
  return typeof field.required === 'function' ? field.required(answers) : Boolean(field.required);
}
