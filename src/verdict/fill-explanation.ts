import { FACTS_BY_NAME } from '../facts/catalogue.js';
import { joinNames, type FactValue } from '../facts/fact-types.js';
import { formatPoint } from '../model/format-date.js';

/**
 * A placeholder: `{fact}`, or `{fact|one|many}` for a number with the noun
 * that agrees with it ("1 independent origin", "3 independent origins").
 */
export const PLACEHOLDER = /\{([a-z_][a-z0-9_]*)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;

/** Fills {fact_name} placeholders with the claim's fact values, formatted for readers. */
export function fillExplanation(template: string, facts: Readonly<Record<string, FactValue>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string, one: string | undefined, many: string | undefined) => {
    const fact = facts[name];
    if (!fact) return whole; // unknown placeholders are refused at load; keep the text visible if one slips by
    const text = formatValue(fact.value, FACTS_BY_NAME.get(name)?.type);
    if (one === undefined) return text;
    return `${text} ${fact.value === 1 ? one : many}`;
  });
}

/** Placeholder names in a template, in order of first appearance. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function formatValue(value: unknown, type?: string): string {
  if (value === null || value === undefined) return 'none';
  if (type === 'date' && typeof value === 'string') return formatPoint(value);
  // Items that hold commas of their own (reasons, accounts) are told apart by semicolons.
  if (Array.isArray(value) && value.some((v) => String(v).includes(', '))) return value.length ? value.map(String).join('; ') : 'none';
  if (Array.isArray(value)) return value.length ? joinNames(value.map(String)) : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return String(value);
}
