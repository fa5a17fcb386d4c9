import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { yamlRuntime } from './yaml-runtime.js';
import { parseUniqueKeys } from './duplicate-keys.js';
import { diagnostic, type Diagnostic, type DiagnosticCode, type Position } from '../diagnostics.js';
import type { FileKind } from './layout.js';
import { LIMITS } from './layout.js';
import type { TextFile } from './read-files.js';
import { append } from '../model/append.js';

export interface ParsedFile {
  path: string;
  kind: FileKind;
  /** The plain data, or undefined when the YAML does not parse. */
  value: unknown;
  /** Position of the node at a key path; the deepest existing node when the path runs out. */
  locate(path: readonly (string | number)[], at?: 'key' | 'value'): Position;
}

export interface ParseResult {
  file: ParsedFile;
  diagnostics: Diagnostic[];
}

const YAML_CODES: Record<string, DiagnosticCode> = {
  DUPLICATE_KEY: 'yaml/duplicate-key',
  TAB_AS_INDENT: 'yaml/tab-indent',
};

/** Parses YAML text with positions. Never throws on bad input. */
export function parseYaml(input: TextFile): ParseResult {
  const { LineCounter } = yamlRuntime();
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: input.path, line, col };
  };

  // Read before the parser's guard: a file that changed since the run read it stops the run, never reads as a syntax error.
  const source = input.text;
  let doc: Document.Parsed | undefined;
  try {
    // yaml's own duplicate-key check (uniqueKeys) takes time in the square of a map's keys.
    doc = parseUniqueKeys(source, { lineCounter, prettyErrors: false, strict: true });
  } catch (error) {
    // The parser recurses; pathological nesting can exhaust the stack.
    const deep = error instanceof RangeError;
    diagnostics.push(diagnostic(deep ? 'schema/range' : 'yaml/syntax', { file: input.path, line: 1, col: 1 }, describeCrash(error)));
  }

  let value: unknown;
  if (doc) {
    for (const error of doc.errors) {
      // The parser recurses per level and reports running out of stack as an error of its own, at a
      // point that depends on the stack's size: the file is named, not a position that would vary.
      if (/call stack/i.test(error.message)) {
        diagnostics.push(diagnostic('schema/range', { file: input.path, line: 1, col: 1 }, `nesting is deeper than the limit of ${LIMITS.maxDepth} levels`));
        continue;
      }
      const code = YAML_CODES[error.code] ?? 'yaml/syntax';
      const opened = error.code === 'MISSING_CHAR' ? unclosedQuoteStart(doc, error.pos[0]) : undefined;
      if (opened !== undefined) {
        diagnostics.push(diagnostic(code, at(opened), 'unclosed quote: the string that opens here has no closing quote'));
      } else if (error.code === 'MULTIPLE_DOCS') {
        diagnostics.push(diagnostic(code, at(error.pos[0]), 'a second YAML document starts here; a factcheck file holds one document: move these items into the first document, or into a file of their own'));
      } else {
        diagnostics.push(diagnostic(code, at(error.pos[0]), firstLine(error.message)));
      }
    }
    // Only a file with a "!" can hold a tag: most are spared the walk.
    if (doc.errors.length === 0 && source.includes('!')) append(diagnostics, foreignTags(doc, source, at));
    if (doc.errors.length === 0 && diagnostics.length === 0) {
      const depth = maxDepth(doc.contents, LIMITS.maxDepth);
      if (depth.tooDeep) {
        diagnostics.push(
          diagnostic('schema/range', at(depth.offset), `nesting is deeper than the limit of ${LIMITS.maxDepth} levels`),
        );
      } else {
        try {
          value = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const code: DiagnosticCode = /alias/i.test(message) ? 'yaml/alias-limit' : 'yaml/syntax';
          diagnostics.push(
            diagnostic(
              code,
              { file: input.path, line: 1, col: 1 },
              code === 'yaml/alias-limit'
                ? `aliases expand too far (limit ${LIMITS.maxAliasCount}); write the data out instead of repeating it by alias`
                : firstLine(message),
            ),
          );
        }
      }
      if (value === undefined || value === null) {
        if (!diagnostics.length) {
          diagnostics.push(diagnostic('yaml/empty', { file: input.path, line: 1, col: 1 }, 'expected data, found an empty file'));
        }
        value = undefined;
      }
    }
  }

  const locate = (path: readonly (string | number)[], where: 'key' | 'value' = 'value'): Position => {
    if (!doc) return { file: input.path, line: 1, col: 1 };
    const offset = findOffset(doc.contents, path, where);
    return at(offset);
  };
  return { file: { path: input.path, kind: input.kind, value, locate }, diagnostics };
}

/** Plain data only: strings, numbers, booleans, null, mappings and lists. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * Explicit tags outside plain data (`!!binary`, `!!js/function`, `!custom`): yaml leaves an
 * unknown tag's value as a string with only a warning, so a tag would silently change meaning.
 */
function foreignTags(doc: Document.Parsed, text: string, at: (offset: number) => Position): Diagnostic[] {
  const { visit } = yamlRuntime();
  const found: Diagnostic[] = [];
  visit(doc, (_key, node) => {
    // A key with no value ({ reason }, "? key") has a null node: nothing to look at.
    const tagged = node as { tag?: string; range?: [number, number, number] } | null;
    if (tagged && typeof tagged.tag === 'string' && !PLAIN_TAGS.has(tagged.tag) && tagged.range) {
      // The node starts at its value; the tag is the run of "!…" before it.
      let start = text.lastIndexOf('!', tagged.range[0]);
      while (start > 0 && text[start - 1] === '!') start--;
      found.push(diagnostic('yaml/tag', at(start === -1 ? tagged.range[0] : start), `expected plain YAML data, found the tag ${displayTag(tagged.tag)}; remove it`));
    }
  });
  return found;
}

function displayTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/** yaml reports an unclosed quote where the file ends; readers need where it opened. */
function unclosedQuoteStart(doc: Document.Parsed, errorOffset: number): number | undefined {
  const { visit } = yamlRuntime();
  let start: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const range = node.range;
      if (quoted && range && range[0] < errorOffset && range[1] >= errorOffset && (start === undefined || range[0] > start)) start = range[0];
    },
  });
  return start;
}

function findOffset(root: unknown, path: readonly (string | number)[], where: 'key' | 'value'): number {
  const { isMap, isSeq } = yamlRuntime();
  let node = root as Node | null;
  let offset = node && 'range' in node && node.range ? node.range[0] : 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairAt(node, String(segment));
      if (!pair) return offset;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      if (last && where === 'key') return key.range?.[0] ?? offset;
      offset = value?.range?.[0] ?? key.range?.[0] ?? offset;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Maps searched more than once, by key as text: locating each of a map's n keys by a search of its items took time in n². */
const pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A map's first pair whose scalar key reads as `key`. */
function pairAt(map: YAMLMap, key: string): Pair | undefined {
  const { isPair, isScalar } = yamlRuntime();
  if (map.items.length < 16) return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  let pairs = pairsByKey.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const p of map.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const text = String(p.key.value);
      if (!pairs.has(text)) pairs.set(text, p);
    }
    pairsByKey.set(map, pairs);
  }
  return pairs.get(key);
}

/** Measures nesting without recursion, so a 10,000-level document cannot blow the stack. */
function maxDepth(root: unknown, limit: number): { tooDeep: boolean; offset: number } {
  const { isMap, isSeq, isPair } = yamlRuntime();
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > limit) return { tooDeep: true, offset: (node as Node).range?.[0] ?? 0 };
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return { tooDeep: false, offset: 0 };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function describeCrash(error: unknown): string {
  if (error instanceof RangeError) return `the document is nested too deeply to parse (limit ${LIMITS.maxDepth} levels)`;
  return `the YAML could not be parsed: ${error instanceof Error ? firstLine(error.message) : String(error)}`;
}
