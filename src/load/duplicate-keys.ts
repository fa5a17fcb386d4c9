import type { Document, DocumentOptions, Node, ParseOptions, SchemaOptions } from 'yaml';
import { yamlRuntime } from './yaml-runtime.js';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * Key comparisons yaml's own duplicate check may make before its answer is
 * taken instead of ours: it compares each key with every earlier key of its
 * map, so a map of 20,000 keys cost seconds and one of a 10 MB file hours.
 * Under this, no file a person writes comes near it.
 */
export const EXACT_BUDGET = 5_000_000;

/**
 * parseDocument with `uniqueKeys: true`, without its time in the square of a
 * map's keys. The document is parsed without the check and its maps are
 * searched for a repeated key, linearly; only a document with one is parsed
 * again with yaml's check, so that its errors come exactly as yaml gives them.
 * A document whose maps are too large for that (a hostile file) gets one
 * DUPLICATE_KEY error at each repeated key instead, among the others in order
 * of position.
 */
export function parseUniqueKeys(source: string, options: Options, budget = EXACT_BUDGET): Document.Parsed {
  const { parseDocument, YAMLParseError } = yamlRuntime();
  const doc = parseDocument(source, { ...options, uniqueKeys: false });
  const found = repeatedKeys(doc.contents);
  if (!found.keys.length) return doc;
  // Without the line counter, which the first parse filled: a second would add every line again.
  const { lineCounter: _filled, ...again } = options;
  if (found.comparisons + nextDocumentComparisons(source, doc, again) <= budget) return parseDocument(source, { ...again, uniqueKeys: true });
  // Each before the first error yaml found after it: one pass, since both go forward through the text.
  const errors = doc.errors;
  const merged: typeof errors = [];
  let next = 0;
  for (const key of found.keys) {
    const offset = key.range?.[0] ?? 0;
    while (next < errors.length && errors[next]!.pos[0] <= offset) merged.push(errors[next++]!);
    // What yaml's own check reports, at the key's first character.
    merged.push(new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  }
  while (next < errors.length) merged.push(errors[next++]!);
  doc.errors = merged;
  return doc;
}

/**
 * yaml composes the document after the first, to report that there is one,
 * and its check compares that document's keys too: their cost counts toward
 * the budget, though none of its errors are reported. An estimate is enough,
 * so the document is parsed on its own.
 */
function nextDocumentComparisons(source: string, doc: Document.Parsed, options: Options): number {
  const { parseDocument } = yamlRuntime();
  const next = doc.errors.find((e) => e.code === 'MULTIPLE_DOCS');
  if (!next) return 0;
  return repeatedKeys(parseDocument(source.slice(next.pos[0]), { ...options, uniqueKeys: false }).contents).comparisons;
}

/** Every key equal to an earlier key of its map, in document order, and how many comparisons yaml's check would make. */
export function repeatedKeys(root: unknown): { keys: Node[]; comparisons: number } {
  const { isMap, isPair, isScalar, isSeq } = yamlRuntime();
  const keys: Node[] = [];
  let comparisons = 0;
  // Without recursion: the depth limit is checked later, on a document that parsed.
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isMap(node)) {
      const n = node.items.length;
      comparisons += (n * (n - 1)) / 2;
      // yaml compares scalar keys by ===, so NaN is never a repeat; a Set would say it is.
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value) && !Number.isNaN(value)) keys.push(pair.key);
        seen.add(value);
      }
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (isPair(pair)) stack.push(pair.value, pair.key);
      }
    }
  }
  // In document order, as yaml reports them.
  keys.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return { keys, comparisons };
}
