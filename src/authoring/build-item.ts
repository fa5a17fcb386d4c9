import type { Answers } from './check-answer.js';
import type { ItemSpec } from './item-fields.js';

/** An item to write, and the comment to write beside each of its fields, by dotted path. */
export interface BuiltItem {
  item: Record<string, unknown>;
  notes: Map<string, string>;
}

/** Comments on fields that no single answer fills. */
const BLOCK_NOTES: Record<string, string> = {
  asserts: 'what the claim says, in structured form',
  'asserts.event': 'the event the claim is about',
};

/**
 * The item the answers describe, its keys in the spec's order at every level,
 * with the note of every field it has.
 */
export function buildItem(spec: ItemSpec, answers: Answers): BuiltItem {
  const item: Record<string, unknown> = {};
  const notes = new Map<string, string>();
  for (const field of spec.fields) {
    if (!answers.has(field.flag)) continue;
    // Most fields go at their path; a few are placed by their value (a relation's key is its kind).
    const entries = field.place ? field.place(answers) : [[field.path, answers.get(field.flag)] as const];
    for (const [path, value] of entries) {
      let at = item;
      for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
      at[path[path.length - 1]!] = value;
      if (field.note) notes.set(path.join('.'), field.note);
    }
  }
  for (const [path, note] of Object.entries(BLOCK_NOTES)) if (has(item, path.split('.'))) notes.set(path, note);
  return { item: ordered(item, spec.order) as Record<string, unknown>, notes };
}

function has(item: Record<string, unknown>, path: string[]): boolean {
  let at: unknown = item;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !(key in at)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
}

function ordered(value: unknown, order: readonly string[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((k) => [k, ordered((value as Record<string, unknown>)[k], order)]));
}
