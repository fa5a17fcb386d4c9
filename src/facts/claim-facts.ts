import { formatWhen } from '../model/format-date.js';
import type { Assertion, Comparison, EventPattern, Patterns } from '../types.js';
import type { FactDefinition, Names } from './fact-types.js';

/** Facts about the claim itself, mostly for explanations. */
export const CLAIM_FACTS: FactDefinition[] = [
  {
    name: 'claim_kind',
    label: 'the kind of claim',
    type: 'string',
    description: 'The claim kind: quantity, event, absence, timing, attribution or opinion.',
    compute: ({ claim }) => ({ value: claim.asserts.kind, evidence: [] }),
  },
  {
    name: 'claimant_name',
    label: 'who made the claim',
    type: 'string',
    description: "The claimant's name.",
    compute: ({ claim, names }) => ({ value: names.entity(claim.claimant), evidence: [] }),
  },
  {
    name: 'claimed_channel',
    label: 'the channel the claim names',
    type: 'string',
    kinds: ['event', 'absence', 'timing'],
    description: 'The channel the claim names, in words ("in a television interview"); null when it names none.',
    compute: ({ claim, names }) => {
      const a = claim.asserts;
      const channel = 'event' in a ? a.event.channel : undefined;
      return { value: channel === undefined ? null : names.channel(channel), evidence: [] };
    },
  },
  {
    name: 'speaker_name',
    label: 'the speaker the words are attributed to',
    type: 'string',
    kinds: ['attribution'],
    description: 'The name of the speaker the claim attributes the words to.',
    compute: ({ claim, names }) => ({ value: claim.asserts.kind === 'attribution' ? names.entity(claim.asserts.speaker) : null, evidence: [] }),
  },
  {
    name: 'claim_summary',
    label: 'what the claim asserts',
    type: 'string',
    description: 'What the claim asserts, in words built from its structured form.',
    compute: ({ claim, names }) => ({ value: summarise(claim.asserts, names), evidence: [] }),
  },
];

export const COMPARISON_WORDS: Record<Comparison, string> = {
  equal: '',
  'at-most': 'at most ',
  'at-least': 'at least ',
  'more-than': 'more than ',
  'fewer-than': 'fewer than ',
  'less-than': 'less than ',
  between: 'between ',
  approximately: 'about ',
};

/** The claimed value in words: "3", "more than 10", "between 1 and 3". */
export function claimedValue(a: Extract<Assertion, { kind: 'quantity' }>): string {
  return `${COMPARISON_WORDS[a.comparison]}${a.comparison === 'between' ? `${a.value} and ${a.to}` : a.value}`;
}

export function summarise(a: Assertion, names: Names): string {
  switch (a.kind) {
    case 'quantity': {
      const counterpart = a.counterpart ? ` (with ${names.entity(a.counterpart)})` : '';
      return `${names.entity(a.subject)}: ${names.measure(a.measure)}${counterpart} = ${claimedValue(a)} ${a.unit}`;
    }
    case 'event':
      return `${describeEvent(a.event, names, a.patterns)}${a.when ? `, ${formatWhen(a.when)}` : ''}`;
    case 'absence':
      return `no case of: ${describeEvent(a.event, names, a.patterns)}${a.when ? `, ${formatWhen(a.when)}` : ''}`;
    case 'timing':
      return `${describeEvent(a.event, names, a.patterns)}, ${formatWhen(a.when)}`;
    case 'attribution':
      return `${names.entity(a.speaker)} said "${a.words}"`;
    case 'opinion':
      return a.reason;
  }
}

/**
 * "WikiLeaks sent a message to Donald Trump Jr. about his father tweeting the link",
 * with the events it relates to, each described once: relations cannot loop.
 */
export function describeEvent(p: EventPattern, names: Names, patterns: Patterns = NO_PATTERNS, seen: ReadonlySet<string> = new Set()): string {
  const parts = [names.entity(p.actor), names.action(p.action)];
  if (p.target) parts.push(names.entity(p.target));
  if (p.channel) parts.push(names.channel(p.channel));
  if (p.about) parts.push(`about ${names.topic(p.about)}`);
  let text = `${parts.join(' ')}${p.mutual ? ' (either way)' : ''}`;
  const other = (name: string) => {
    const q = patterns.get(name);
    return q && !seen.has(name) ? describeEvent(q, names, patterns, new Set([...seen, name])) : name;
  };
  if (p.answers) text += `, in answer to: ${other(p.answers)}`;
  if (p.after) text += `, ${p.after.by ? `${p.after.by.text} ` : ''}after: ${other(p.after.pattern)}`;
  if (p.before) text += `, ${p.before.by ? `${p.before.by.text} ` : ''}before: ${other(p.before.pattern)}`;
  return text;
}

const NO_PATTERNS: Patterns = new Map();
