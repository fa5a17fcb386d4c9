import { SOURCE_KINDS } from '../types.js';
import { CLAIM } from './claim-fields.js';
import { entities, kindIs, measureUnit, shortSlug, sources, type Field, type ItemSpec } from './field-types.js';

import { checkChoice, checkList, checkNumber, checkText, checkUrl, checkYesNo, type Answers } from './check-answer.js';
import { checkDate, checkDuration, checkPublished, checkSpan } from './check-dates.js';
import { checkNewId, type ItemType } from './check-ids.js';
import { checkEntity, checkRecord, checkSource, checkTerm, checkTopic, checkUnit } from './check-project-refs.js';
import { checkSnapshot, checkWordsIn } from './check-quotes.js';

export type { Field, ItemSpec } from './field-types.js';


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
    'counterpart', 'value', 'unit', 'topic', 'finding', 'about', 'date', 'from', 'to', 'span', 'after', 'before', 'record', 'by', 'dated_by',
    'attributed_to', 'quote',
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
    {
      flag: 'about',
      path: ['about'],
      label: 'What it said or asked for',
      hint: 'topics from the vocabulary, comma-separated',
      note: 'topics from factcheck.config.yaml',
      check: checkList(checkTerm('topics')),
      applies: kindIs('event'),
      candidates: (p) => p.config.vocabulary.topics.keys(),
    },
    { flag: 'date', path: ['date'], label: 'Date', hint: 'YYYY-MM-DD, YYYY-MM, YYYY, or FROM..TO', note: 'at the precision the text gives', check: checkDate, ask: true },
    { flag: 'span', path: ['date', 'span'], label: 'Within or throughout the range', hint: 'within (default) or throughout', check: checkSpan('date') },
    ...recordRelation('after'),
    ...recordRelation('before'),
    { flag: 'gap', path: ['by'], label: 'Gap', hint: 'with --after or --before: the time between, such as "15 minutes"', check: checkDuration, place: () => [] },
    { flag: 'dated-by', path: ['dated_by'], label: 'Records the date is inferred from', hint: 'evidence ids, comma-separated', check: checkList(checkRecord) },
    { flag: 'attributed-to', path: ['attributed_to'], label: 'Attributed to', hint: 'whose words or reporting the source relays: an entity id', check: checkEntity, candidates: entities },
  ],
};


/** A record this one came after or before (--after, --before), with --gap when the text gives one. */
function recordRelation(relation: 'after' | 'before'): Field[] {
  return [
    {
      flag: relation,
      path: [relation],
      label: `What it came ${relation}`,
      hint: 'an evidence id',
      check: checkRecord,
      place: (a) => [[[relation], a.has('gap') ? { record: a.get(relation), by: a.get('gap') } : a.get(relation)]],
    },
  ];
}

export const ITEM_SPECS: Record<ItemType, ItemSpec> = { entity: ENTITY, source: SOURCE, evidence: EVIDENCE, claim: CLAIM };

/** Whether a field is required, given the answers so far. */
export function isRequired(field: Field, answers: Answers): boolean {
  return typeof field.required === 'function' ? field.required(answers) : Boolean(field.required);
}
