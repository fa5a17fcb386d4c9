import { formatWhen } from '../validate/read-date.js';
import type { Assertion, EventPattern } from '../types.js';
import type { FactDefinition, Names } from './fact-types.js';

/** Facts about the claim itself, mostly for explanations. */
export const CLAIM_FACTS: FactDefinition[] = [
  {
    name: 'claim_kind',
    type: 'string',
    description: 'The claim kind: quantity, event, absence, timing, attribution or opinion.',
    compute: ({ claim }) => ({ value: claim.asserts.kind, evidence: [] }),
  },
  {
    name: 'claimant_name',
    type: 'string',
    description: "The claimant's name.",
    compute: ({ claim, names }) => ({ value: names.entity(claim.claimant), evidence: [] }),
  },
  {
    name: 'claim_summary',
    type: 'string',
    description: 'What the claim asserts, in words built from its structured form.',
    compute: ({ claim, names }) => ({ value: summarise(claim.asserts, names), evidence: [] }),
  },
];

const COMPARISON_WORDS = { equal: '', 'at-most': 'at most ', 'at-least': 'at least ', approximately: 'about ' } as const;

export function summarise(a: Assertion, names: Names): string {
  switch (a.kind) {
    case 'quantity': {
      const counterpart = a.counterpart ? ` (with ${names.entity(a.counterpart)})` : '';
      return `${names.entity(a.subject)}: ${names.measure(a.measure)}${counterpart} = ${COMPARISON_WORDS[a.comparison]}${a.value} ${a.unit}`;
    }
    case 'event':
      return `${describeEvent(a.event, names)}${a.when ? `, ${formatWhen(a.when)}` : ''}`;
    case 'absence':
      return `no case of: ${describeEvent(a.event, names)}${a.when ? `, ${formatWhen(a.when)}` : ''}`;
    case 'timing':
      return `${describeEvent(a.event, names)}, ${formatWhen(a.when)}`;
    case 'attribution':
      return `${names.entity(a.speaker)} said "${a.words}"`;
    case 'opinion':
      return a.reason;
  }
}

export function describeEvent(p: EventPattern, names: Names): string {
  const parts = [names.entity(p.actor), names.action(p.action)];
  if (p.target) parts.push(names.entity(p.target));
  if (p.channel) parts.push(names.channel(p.channel));
  return `${parts.join(' ')}${p.mutual ? ' (either way)' : ''}`;
}
