import type { FactDefinition } from './fact-types.js';
import { distinctOrigins, ids, select } from './select-matches.js';
import { sortedNames } from './build-values.js';

/** Facts about where the records that take a side come from: their origins and the outlets they were read in. */
export const ORIGIN_FACTS: FactDefinition[] = [
  {
    name: 'supporting_origins',
    label: 'the independent origins of the support',
    type: 'number',
    description: 'Distinct origins of the independent support: roots of the relays chains, so outlets repeating one report count once.',
    compute: ({ found }) => {
      const m = select.supporting(found);
      return { value: distinctOrigins(m).length, evidence: ids(m) };
    },
  },
  {
    name: 'contradicting_origins',
    label: 'the origins of the contradicting records',
    type: 'number',
    description: 'Distinct origins of the contradicting records.',
    compute: ({ found }) => {
      const m = select.contradicting(found);
      return { value: distinctOrigins(m).length, evidence: ids(m) };
    },
  },
  {
    name: 'supporting_origin_names',
    label: 'the names of the origins of the support',
    type: 'list',
    description: 'Names of the origins of the independent support, such as "The Atlantic".',
    compute: ({ found, names }) => {
      const m = select.supporting(found);
      return { value: sortedNames(distinctOrigins(m).map(names.source)), evidence: ids(m) };
    },
  },
  {
    name: 'contradicting_origin_names',
    label: 'the names of the origins of the contradicting records',
    type: 'list',
    description: 'Names of the origins of the contradicting records.',
    compute: ({ found, names }) => {
      const m = select.contradicting(found);
      return { value: sortedNames(distinctOrigins(m).map(names.source)), evidence: ids(m) };
    },
  },
  {
    name: 'supporting_outlets',
    label: 'the outlets the support was read in',
    type: 'list',
    description: 'Names of the sources the independent support was read in, such as "The Week".',
    compute: ({ found, names }) => {
      const m = select.supporting(found);
      return { value: sortedNames(m.map((x) => names.source(x.record.source))), evidence: ids(m) };
    },
  },
  {
    name: 'contradicting_outlets',
    label: 'the outlets the contradicting records were read in',
    type: 'list',
    description: 'Names of the sources the contradicting records were read in.',
    compute: ({ found, names }) => {
      const m = select.contradicting(found);
      return { value: sortedNames(m.map((x) => names.source(x.record.source))), evidence: ids(m) };
    },
  },
  {
    name: 'matching_origins',
    label: 'the origins of every record that takes a side',
    type: 'number',
    description: "Distinct origins of every record that takes a side, the set-aside ones included: 1 means every report of it is one report repeated.",
    compute: ({ found }) => {
      const m = select.decisive(found);
      return { value: distinctOrigins(m).length, evidence: ids(m) };
    },
  },
  {
    name: 'matching_origin_names',
    label: 'the names of the origins of every record that takes a side',
    type: 'list',
    description: 'Names of those origins.',
    compute: ({ found, names }) => {
      const m = select.decisive(found);
      return { value: sortedNames(distinctOrigins(m).map(names.source)), evidence: ids(m) };
    },
  },
  {
    name: 'matching_outlets',
    label: 'the outlets of every record that takes a side',
    type: 'list',
    description: "Names of the sources every record that takes a side was read in, the claim's own appearance included.",
    compute: ({ found, names }) => {
      const m = select.decisive(found);
      return { value: sortedNames(m.map((x) => names.source(x.record.source))), evidence: ids(m) };
    },
  },
];
