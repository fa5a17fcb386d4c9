import fc from 'fast-check';

/** Characters that mean something to YAML, and some that mean something to JavaScript. */
export const SIGNIFICANT = [':', '-', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ' ', '\t', '\n', '\r', '\\', '\u0000', '\uFEFF', '__proto__', 'constructor', '<<', '? ', '---', '...', '&a', '*a', '!!binary', '!!js/function'];

/** A random edit of a text: delete, duplicate or insert at a random place, or re-indent a line. */
export const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SIGNIFICANT), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 6 }) }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

export function mutate(text: string, m: Mutation): string {
  if (m.op === 'indent') {
    const lines = text.split('\n');
    const i = m.line % Math.max(1, lines.length);
    lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-m.by}}`), '');
    return lines.join('\n');
  }
  const at = m.at % (text.length + 1);
  if (m.op === 'delete') return text.slice(0, at) + text.slice(at + m.length);
  if (m.op === 'duplicate') return text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
  return text.slice(0, at) + m.text + text.slice(at);
}
