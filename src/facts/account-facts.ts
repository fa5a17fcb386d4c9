import { joinNames, type FactDefinition } from './fact-types.js';
import type { Match } from './match-evidence.js';
import { distinctOrigins, ids, mismatched, select } from './select-matches.js';

const count = (matches: Match[]) => ({ value: matches.length, evidence: ids(matches) });
const sortedNames = (names: string[]) => [...new Set(names)].sort();

/**
 * Facts about whose account the evidence is, and about what a claim gets
 * wrong while the rest holds: the channel, the speaker, the words.
 */
export const ACCOUNT_FACTS: FactDefinition[] = [
  {
    name: 'participant_support',
    label: "the records of the number from its subject's own account",
    type: 'number',
    kinds: ['quantity'],
    description: "Records supporting a number that come from its subject's own account of its own conduct (Trump Jr.'s count of his own replies): not independent confirmation.",
    compute: ({ found }) => count(select.participant(found)),
  },
  {
    name: 'participant_only',
    label: "all support for the number is its subject's own account",
    type: 'boolean',
    kinds: ['quantity'],
    description: "All support for the number is its subject's own account: there is such support and no independent support.",
    compute: ({ found }) => {
      const own = select.participant(found);
      return { value: own.length > 0 && select.supporting(found).length === 0, evidence: ids(own) };
    },
  },
  {
    name: 'participant_names',
    label: 'the subjects whose own account supports the number',
    type: 'list',
    kinds: ['quantity'],
    description: 'Names of the subjects whose own account supports the number.',
    compute: ({ found, names }) => {
      const own = select.participant(found);
      return { value: sortedNames(own.map((m) => names.entity(m.record.attributed_to!))), evidence: ids(own) };
    },
  },
  {
    name: 'supporting_accounts',
    label: 'the independent sources that support it, with the outlets that carried them',
    type: 'list',
    description: 'Each origin of the independent support, with the outlets it was read in when they are others: "The Atlantic (reported by The Week)", or just "Euronews" for its own reporting.',
    compute: ({ found, names }) => {
      const m = select.supporting(found);
      return { value: accounts(m, names), evidence: ids(m) };
    },
  },
  {
    name: 'matching_accounts',
    label: 'the sources that take a side, with the outlets that carried them',
    type: 'list',
    description: 'The same for every record that takes a side, the set-aside ones included.',
    compute: ({ found, names }) => {
      const m = select.decisive(found);
      return { value: accounts(m, names), evidence: ids(m) };
    },
  },
  {
    name: 'relayed_count',
    label: "the records that pass on another source's reporting",
    type: 'number',
    description: 'Records taking a side that pass on another source’s reporting (relayed_from): 0 when every one is its outlet’s own reporting.',
    compute: ({ found }) => count(select.decisive(found).filter((m) => m.record.relayed_from !== undefined)),
  },
  {
    name: 'other_channel_count',
    label: 'the records of it on another channel than the one claimed',
    type: 'number',
    kinds: ['event', 'absence', 'timing'],
    description: 'Records of the event on another channel than the claim names (a tweet, where the claim says a television interview): it happened, but not as claimed.',
    compute: ({ found }) => count(mismatched(found, 'channel')),
  },
  {
    name: 'other_channels',
    label: 'the other channels it happened on',
    type: 'list',
    kinds: ['event', 'absence', 'timing'],
    description: 'Those channels, in words, such as "on Twitter".',
    compute: ({ found, names }) => {
      const m = mismatched(found, 'channel');
      return { value: sortedNames(m.map((x) => ('channel' in x.record && x.record.channel ? names.channel(x.record.channel) : ''))), evidence: ids(m) };
    },
  },
  {
    name: 'misattribution_count',
    label: 'the records that quote these words from someone else',
    type: 'number',
    kinds: ['attribution'],
    description: 'Records quoting the same words from someone other than the claimed speaker.',
    compute: ({ found }) => count(mismatched(found, 'speaker')),
  },
  {
    name: 'misattributed_to',
    label: 'the people the words are quoted from instead',
    type: 'list',
    kinds: ['attribution'],
    description: 'Who the records quote the words from.',
    compute: ({ found, names }) => {
      const m = mismatched(found, 'speaker');
      return { value: sortedNames(m.map((x) => (x.record.kind === 'statement' ? names.entity(x.record.speaker) : ''))), evidence: ids(m) };
    },
  },
  {
    name: 'misquote_count',
    label: 'the records that quote the speaker in similar but different words',
    type: 'number',
    kinds: ['attribution'],
    description: 'Records quoting the claimed speaker in similar but different words: a misquote.',
    compute: ({ found }) => count(mismatched(found, 'words')),
  },
  {
    name: 'contradicting_reasons',
    label: 'what the contradicting records say',
    type: 'list',
    description: 'What each contradicting record says against the claim, led by its outlet: "Euronews reports it 2 days after WikiLeaks sent a request to Donald Trump Jr. (12 October 2016), not before it".',
    compute: ({ found, names }) => reasons(select.contradicting(found), names),
  },
  {
    name: 'neutral_reasons',
    label: 'why the other records take no side',
    type: 'list',
    description: 'Why each record that takes no side takes none, led by its outlet: "The Week does not say what it asked for or said".',
    compute: ({ found, names }) => reasons(select.neutral(found), names),
  },
];

/** Each record's reason led by the outlet it was read in, once each. */
function reasons(matches: readonly Match[], names: { source(id: string): string }) {
  return { value: [...new Set(matches.map((m) => `${names.source(m.record.source)} ${m.reason}`))].sort(), evidence: ids([...matches]) };
}

/** "The Atlantic (reported by Euronews and The Week)", "Euronews": each origin once, in order of name. */
function accounts(matches: readonly Match[], names: { source(id: string): string }): string[] {
  const outlets = new Map<string, Set<string>>();
  for (const m of matches) {
    for (const origin of m.origins) {
      if (!outlets.has(origin)) outlets.set(origin, new Set());
      if (m.record.source !== origin) outlets.get(origin)!.add(names.source(m.record.source));
    }
  }
  return distinctOrigins([...matches])
    .map((origin) => {
      const by = [...(outlets.get(origin) ?? [])].filter((o) => o !== names.source(origin)).sort();
      return by.length ? `${names.source(origin)} (reported by ${joinNames(by)})` : names.source(origin);
    })
    .sort();
}
