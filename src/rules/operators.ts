/**
 * The operators rules may use: json-rules-engine's built-ins, without its
 * decorators (`not:`, `everyFact:`…), so every operator is documented here.
 */
export const OPERATORS = [
  { name: 'equal', description: 'The fact equals the value (strict equality).' },
  { name: 'notEqual', description: 'The fact does not equal the value.' },
  { name: 'lessThan', description: 'The fact is a number below the value.' },
  { name: 'lessThanInclusive', description: 'The fact is a number at or below the value.' },
  { name: 'greaterThan', description: 'The fact is a number above the value.' },
  { name: 'greaterThanInclusive', description: 'The fact is a number at or above the value.' },
  { name: 'in', description: 'The fact is one of the values in a list.' },
  { name: 'notIn', description: 'The fact is none of the values in a list.' },
  { name: 'contains', description: 'The fact is a list that contains the value.' },
  { name: 'doesNotContain', description: 'The fact is a list that does not contain the value.' },
] as const;

export type OperatorName = (typeof OPERATORS)[number]['name'];

export const OPERATOR_NAMES: ReadonlySet<string> = new Set(OPERATORS.map((o) => o.name));
