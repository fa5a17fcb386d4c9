/**
 * The operators rules may use: json-rules-engine's built-ins, without its
 * decorators (`not:`, `everyFact:`…), so every operator is documented here.
 */
export const OPERATORS = [
  { name: 'equal', opposite: 'notEqual', description: 'The fact equals the value (strict equality).' },
  { name: 'notEqual', opposite: 'equal', description: 'The fact does not equal the value.' },
  { name: 'lessThan', opposite: 'greaterThanInclusive', description: 'The fact is a number below the value.' },
  { name: 'lessThanInclusive', opposite: 'greaterThan', description: 'The fact is a number at or below the value.' },
  { name: 'greaterThan', opposite: 'lessThanInclusive', description: 'The fact is a number above the value.' },
  { name: 'greaterThanInclusive', opposite: 'lessThan', description: 'The fact is a number at or above the value.' },
  { name: 'in', opposite: 'notIn', description: 'The fact is one of the values in a list.' },
  { name: 'notIn', opposite: 'in', description: 'The fact is none of the values in a list.' },
  { name: 'contains', opposite: 'doesNotContain', description: 'The fact is a list that contains the value.' },
  { name: 'doesNotContain', opposite: 'contains', description: 'The fact is a list that does not contain the value.' },
] as const;

/** The operator that holds exactly when this one fails: what a condition under a `not` needs. */
export const OPPOSITE: Readonly<Record<string, string>> = Object.fromEntries(OPERATORS.map((o) => [o.name, o.opposite]));

export type OperatorName = (typeof OPERATORS)[number]['name'];

export const OPERATOR_NAMES: ReadonlySet<string> = new Set(OPERATORS.map((o) => o.name));
