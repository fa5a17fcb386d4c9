import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { BuiltItem } from './build-item.js';

const STRINGIFY = { lineWidth: 0, flowCollectionPadding: false } as const;

/** Dates are quoted: YAML reads 2016 as a number, and some tools read 2016-10-12 as a timestamp. */
const DATE_LIKE = /^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$/;

/** The item as a node of `doc`, with its notes as comments, lists in flow style and dates quoted. */
function itemNode(doc: Document, { item, notes }: BuiltItem): YAMLMap {
  const node = doc.createNode(item) as YAMLMap;
  decorate(node, [], notes);
  return node;
}

function decorate(map: YAMLMap, path: string[], notes: ReadonlyMap<string, string>): void {
  for (const pair of map.items as Pair<Scalar, unknown>[]) {
    const at = [...path, String(pair.key.value)];
    const note = notes.get(at.join('.'));
    const value = pair.value;
    if (isScalar(value)) {
      if (typeof value.value === 'string' && DATE_LIKE.test(value.value)) value.type = 'QUOTE_DOUBLE';
      if (note) value.comment = ` ${note}`;
    } else if (isSeq(value)) {
      value.flow = true;
      if (note) value.comment = ` ${note}`;
    } else if (isMap(value)) {
      // A date range reads best on one line, as the README writes it.
      if (value.has('from')) value.flow = true;
      if (note) pair.key.commentBefore = ` ${note}`;
      decorate(value, at, notes);
    }
  }
}

/** The lines of one list item, "- " at column `indent`. */
function itemLines(built: BuiltItem, listKey: string, indent: number): string {
  const doc = new Document({ [listKey]: [] });
  (doc.get(listKey, true) as YAMLSeq).items.push(itemNode(doc, built));
  const text = doc.toString({ ...STRINGIFY, indentSeq: false });
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .slice(1)
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/** A new file holding the one item: the modeline, a comment, then the list. */
export function newItemFile(built: BuiltItem, listKey: string, modeline: string, header: string): string {
  return `${modeline}\n#\n# ${header}\n${listKey}:\n${itemLines(built, listKey, 2)}`;
}

/**
 * The file's text with the item added at the end of its list. The existing
 * text is kept byte for byte, comments included: the item's lines are added
 * after it, indented as the list's items are. A list that cannot take lines
 * at its end (empty, or in flow style) is rewritten through yaml's Document,
 * which keeps comments but may respace. Either way the result is parsed back
 * and must hold the old items and the new one.
 */
export function addItem(existing: string, built: BuiltItem, listKey: string): { text: string } | { problem: string } {
  const doc = parseDocument(existing);
  if (doc.errors.length) return { problem: `it does not parse as YAML (${doc.errors[0]!.message.split('\n')[0]}); fix it first` };
  const before = doc.toJS() as Record<string, unknown[]> | null;
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) return { problem: `it does not hold a \`${listKey}:\` list` };
  const list = contents?.get(listKey, true);
  if (contents && contents.items.length && list === undefined) return { problem: `it does not hold a \`${listKey}:\` list` };
  const count = Array.isArray(before?.[listKey]) ? before[listKey].length : 0;
  const holds = (text: string) => {
    const after = parseDocument(text);
    const items = (after.toJS() as Record<string, unknown[]> | null)?.[listKey];
    return (
      !after.errors.length &&
      Array.isArray(items) &&
      items.length === count + 1 &&
      isDeepStrictEqual(items.slice(0, count), before?.[listKey] ?? []) &&
      isDeepStrictEqual(items[count], built.item)
    );
  };
  const base = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;

  if (isSeq(list) && !list.flow && list.items.length && isLast(contents!, listKey)) {
    const start = list.range![0];
    const indent = start - (existing.lastIndexOf('\n', start - 1) + 1);
    // Items set apart by blank lines get a blank line before the new one too.
    const spaced = list.items.slice(1).some((i) => (i as { spaceBefore?: boolean }).spaceBefore);
    const text = `${base}${spaced ? '\n' : ''}${itemLines(built, listKey, indent)}`;
    if (holds(text)) return { text };
  }
  if (contents === null) {
    const text = `${base}${listKey}:\n${itemLines(built, listKey, 2)}`;
    if (holds(text)) return { text };
  }
  // Empty or flow-style lists, or text that did not read back: through the Document.
  if (isSeq(list)) {
    list.flow = false;
    list.items.push(itemNode(doc, built));
  } else {
    const seq = doc.createNode([]) as YAMLSeq;
    seq.items.push(itemNode(doc, built));
    doc.set(listKey, seq);
  }
  const text = doc.toString(STRINGIFY);
  if (holds(text)) return { text };
  return { problem: `the item could not be added to its \`${listKey}:\` list so that it reads back the same` };
}

function isLast(map: YAMLMap, key: string): boolean {
  const last = map.items[map.items.length - 1] as Pair<Scalar, unknown> | undefined;
  return last !== undefined && isScalar(last.key) && last.key.value === key;
}
