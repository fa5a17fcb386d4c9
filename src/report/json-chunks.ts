/**
 * `JSON.stringify(value, null, 2)` in pieces: each element of the array under
 * `key` one piece, the rest of the object around them. Joined, the pieces
 * are that text byte for byte. For data, as a report is: a toJSON, if any,
 * is called once more (on the value cut out) and must give a value and not
 * read its key, as Date's does; the object itself has none.
 *
 * Why: a verify result of 10,000 claims is about 220 MB of JSON. Made as one
 * string and then encoded whole to be written, it took 1.6 GB of memory and
 * most of a run that had nothing to verify again.
 */
export function* jsonChunks(value: Readonly<Record<string, unknown>>, key: string): Generator<string> {
  let first = true;
  const member = (name: string) => {
    const head = `${first ? '{' : ','}\n  ${JSON.stringify(name)}: `;
    first = false;
    return head;
  };
  for (const name of Object.keys(value)) {
    const v = value[name];
    if (name !== key || !Array.isArray(v) || v.length === 0) {
      const text = stringifyAt(v, 1);
      if (text !== undefined) yield member(name) + text;
      continue;
    }
    let open = `${member(name)}[`;
    for (let i = 0; i < v.length; i++) {
      // As JSON.stringify writes an element it has nothing for (undefined, a function): null.
      yield `${i ? ',' : open}\n    ${stringifyAt(v[i], 2) ?? 'null'}`;
      open = '';
    }
    yield '\n  ]';
  }
  yield first ? '{}' : '\n}';
}

/**
 * A value as JSON.stringify(…, null, 2) writes it `depth` levels down: its
 * inner lines indented two spaces more for each level. Written inside arrays
 * nested that deep and cut out, rather than indented after: one pass over the
 * text, not two. Undefined for what JSON.stringify leaves out of an object.
 */
function stringifyAt(value: unknown, depth: number): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Level i opens with 2i spaces, `[` and a line break, and closes with a line break, 2i spaces
  // and `]`; the value's first line is indented 2 × depth.
  return text.slice(depth * depth + 3 * depth, text.length - (depth * depth + depth));
}
