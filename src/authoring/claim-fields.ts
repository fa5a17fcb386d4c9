import { CLAIM_KINDS, type Project } from '../types.js';
import { checkChoice, checkList, checkNonNegative, checkNumber, checkText, checkYesNo, type Answers } from './check-answer.js';
import { checkDate, checkDay, checkDuration, checkSpan } from './check-dates.js';
import { checkNewId, checkTag } from './check-ids.js';
import { checkClaimKind, checkEntity, checkRuleset, checkSource, checkTerm, checkUnit, rulesetKinds } from './check-project-refs.js';
import { checkWordsIn } from './check-quotes.js';
import { entities, kindIs, measureUnit, sources, type Field, type ItemSpec } from './field-types.js';

/** The name `new claim` gives the other event of a relation, under `asserts.patterns`. */
const OTHER = 'other';

const COMPARISONS = ['equal', 'at-most', 'at-least', 'more-than', 'fewer-than', 'less-than', 'between', 'approximately'];

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
    'kind', 'subject', 'measure', 'counterpart', 'value', 'from', 'to', 'unit', 'comparison', 'tolerance', 'event', 'actor', 'action', 'target', 'channel',
    'mutual', 'about', 'once', 'answers', 'after', 'before', 'by', 'patterns', 'other', 'when', 'span', 'speaker', 'words', 'reason',
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
      hint: `${COMPARISONS.join(', ')}; default equal`,
      note: COMPARISONS.join(', '),
      check: checkChoice(COMPARISONS),
      applies: kindIs('quantity'),
      ask: true,
    },
    {
      flag: 'to',
      path: ['asserts', 'to'],
      label: 'Up to',
      hint: 'for between: the upper end of the range',
      note: 'the upper end; value is the lower',
      check: checkNumber,
      required: (a) => a.get('comparison') === 'between',
      applies: kindIs('quantity'),
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
      flag: 'about',
      path: ['asserts', 'event', 'about'],
      label: 'What it said or asked for',
      hint: 'a topic from the vocabulary',
      note: 'a topic from factcheck.config.yaml',
      check: checkTerm('topics'),
      applies: kindIs(...EVENT_KINDS),
      candidates: (p) => p.config.vocabulary.topics.keys(),
    },
    { flag: 'once', path: ['asserts', 'event', 'once'], label: 'One particular happening', hint: 'yes or no', note: 'one particular happening', check: checkYesNo, boolean: true, applies: kindIs(...EVENT_KINDS) },
    {
      flag: 'relation',
      path: ['asserts', 'event', 'after'],
      label: 'How it relates to another event',
      hint: 'answers, after or before the event the --other-* flags describe',
      check: checkChoice(['answers', 'after', 'before']),
      required: (a) => a.has('other-actor'),
      applies: kindIs(...EVENT_KINDS),
      // The key is the relation itself; with a gap, after and before name the other event and the gap.
      place: (a) => {
        const relation = a.get('relation') as 'answers' | 'after' | 'before';
        const gap = a.get('gap');
        return [[['asserts', 'event', relation], relation !== 'answers' && gap !== undefined ? { event: OTHER, by: gap } : OTHER]];
      },
    },
    { flag: 'gap', path: ['asserts', 'event', 'by'], label: 'Gap', hint: 'for after or before: the time between, such as "2 days"', check: checkDuration, applies: kindIs(...EVENT_KINDS), place: () => [] },
    ...otherPattern(),
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
    { flag: 'span', path: ['asserts', 'when', 'span'], label: 'Within or throughout the range', hint: 'within (default) or throughout', check: checkSpan('when'), applies: kindIs(...EVENT_KINDS) },
    { flag: 'speaker', path: ['asserts', 'speaker'], label: 'Speaker', hint: 'who is said to have said the words: an entity id', check: checkEntity, required: true, applies: kindIs('attribution'), candidates: entities },
    { flag: 'words', path: ['asserts', 'words'], label: 'Words attributed', check: checkText, required: true, applies: kindIs('attribution') },
    { flag: 'reason', path: ['asserts', 'reason'], label: 'Why it cannot be checked', check: checkText, required: true, applies: kindIs('opinion') },
    { flag: 'context', path: ['context'], label: 'Context', hint: 'the question asked, the occasion', check: checkText, ask: true },
    { flag: 'interpretation', path: ['interpretation'], label: 'Interpretation', hint: 'how you read the claim into its structured form', check: checkText, ask: true },
    { flag: 'tags', path: ['tags'], label: 'Tags', hint: 'comma-separated', check: checkList(checkTag), ask: true },
    { flag: 'reviewed', path: ['reviewed'], label: 'Reviewed', hint: 'when the fact check was published: YYYY-MM-DD', note: 'when the fact check was published', check: checkDay },
  ],
};


/** The other event a claim's event relates to (--other-actor, --other-action...), written as pattern "other". */
function otherPattern(): Field[] {
  const applies = kindIs(...EVENT_KINDS);
  const at = (key: string) => ['asserts', 'patterns', OTHER, key];
  return [
    { flag: 'other-actor', path: at('actor'), label: 'The other event: actor', hint: 'an entity id', check: checkEntity, required: (a) => a.has('relation'), applies, candidates: entities },
    { flag: 'other-action', path: at('action'), label: 'The other event: action', hint: 'from the vocabulary', check: checkTerm('actions'), required: (a) => a.has('relation'), applies, candidates: (p) => p.config.vocabulary.actions.keys() },
    { flag: 'other-target', path: at('target'), label: 'The other event: target', hint: 'an entity id', check: checkEntity, applies, candidates: entities },
    { flag: 'other-channel', path: at('channel'), label: 'The other event: channel', hint: 'from the vocabulary', check: checkTerm('channels'), applies, candidates: (p) => p.config.vocabulary.channels.keys() },
    { flag: 'other-about', path: at('about'), label: 'The other event: what it said or asked for', hint: 'a topic from the vocabulary', check: checkTerm('topics'), applies, candidates: (p) => p.config.vocabulary.topics.keys() },
  ];
}
