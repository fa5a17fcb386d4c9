import type { ItemType } from '../authoring/check-ids.js';
import { flagOf } from '../authoring/collect-answers.js';
import { ITEM_SPECS, isRequired, type Field } from '../authoring/item-fields.js';

/** What `new` can add. */
export const TYPES = Object.keys(ITEM_SPECS) as ItemType[];

/** Every item type's flags, for parseArgs: a flag means the same wherever it appears, so one option each. */
export function itemOptions(): Record<string, { type: 'string' | 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const spec of Object.values(ITEM_SPECS)) for (const f of spec.fields) options[f.flag] = { type: f.boolean ? 'boolean' : 'string' };
  return options;
}

/**
 * Each item type's flags: those every item has, then those of each kind,
 * kinds with the same fields together. [optional] flags in brackets.
 */
export function flagLines(): string {
  const show = (fields: readonly Field[], answers: Map<string, unknown>) =>
    fields.map((f) => (isRequired(f, answers) && !f.fallback ? flagOf(f) : `[${flagOf(f)}]`)).join(' ');
  const lines: string[] = [];
  for (const type of TYPES) {
    const spec = ITEM_SPECS[type];
    const common = spec.fields.filter((f) => !f.applies);
    lines.push(`  ${type.padEnd(9)}${wrap(show(common, new Map()), 11)}`);
    const groups = new Map<string, string[]>();
    for (const kind of spec.kinds) {
      const answers = new Map([[spec.discriminator, kind]]);
      const own = show(spec.fields.filter((f) => f.applies?.(answers)), answers);
      if (own) groups.set(own, [...(groups.get(own) ?? []), kind]);
    }
    for (const [flags, kinds] of groups) lines.push(`${' '.repeat(11)}${wrap(`${kinds.join(', ')}: ${flags}`, 13)}`);
  }
  return lines.join('\n');
}

function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 78 - indent) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}
