import type { Diagnostic } from '../diagnostics.js';
import type { ParsedFile } from '../load/parse-yaml.js';
import type { InputKind, Unloaded } from '../lock/diff-verdicts.js';

/** The list each kind of file holds its items in, and the key prefix and kind of those items. */
const LISTS: Partial<Record<ParsedFile['kind'], { list: string; prefix: string; kind: InputKind }>> = {
  claims: { list: 'claims', prefix: 'claim', kind: 'claim' },
  evidence: { list: 'evidence', prefix: 'evidence', kind: 'evidence record' },
  sources: { list: 'sources', prefix: 'source', kind: 'source' },
  entities: { list: 'entities', prefix: 'entity', kind: 'entity' },
};

/**
 * Items written in the project's files that did not load (a schema error, a
 * broken reference, a misquote), each with the first error inside it; and
 * files that could not be read at all. A comparison with recorded verdicts
 * uses this to tell an input that did not load from one that was deleted.
 */
export function findUnloaded(files: Iterable<ParsedFile>, diagnostics: readonly Diagnostic[], loaded: (key: string) => boolean): Unloaded {
  const errors = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    if (!errors.has(d.file)) errors.set(d.file, []);
    errors.get(d.file)!.push(d);
  }
  const items = new Map<string, Diagnostic>();
  const unreadable: Unloaded['files'][number][] = [];
  for (const file of files) {
    const problems = errors.get(file.path);
    if (!problems?.length) continue;
    if (file.value === undefined || file.value === null || typeof file.value !== 'object') {
      const kind = file.kind === 'rules' ? 'ruleset' : file.kind === 'config' ? 'config' : LISTS[file.kind]?.kind;
      if (kind) unreadable.push({ kind, problem: problems[0]! });
      continue;
    }
    const value = file.value as Record<string, unknown>;
    if (file.kind === 'rules') {
      if (typeof value.ruleset === 'string' && !loaded(`ruleset:${value.ruleset}`)) items.set(`ruleset:${value.ruleset}`, problems[0]!);
      continue;
    }
    const spec = LISTS[file.kind];
    const list = spec && value[spec.list];
    if (!spec || !Array.isArray(list)) continue;
    const starts = list.map((_, i) => file.locate([spec.list, i]).line);
    list.forEach((item, i) => {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' || loaded(`${spec.prefix}:${id}`)) return;
      const [from, to] = [starts[i]!, starts[i + 1] ?? Infinity];
      // The item's own error, or, for an item kept out by a broken file, the file's first.
      const problem = problems.find((d) => d.line >= from && d.line < to) ?? problems[0]!;
      if (!items.has(`${spec.prefix}:${id}`)) items.set(`${spec.prefix}:${id}`, problem);
    });
  }
  return { items, files: unreadable };
}

/**
 * The part of a file's value that findUnloaded reads: its items' ids, or its
 * ruleset's name. A load keeps this in place of the value once the model has
 * what it needs, so that the values can go while the rest is parsed.
 */
export function outlineOf(kind: ParsedFile['kind'], value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  if (kind === 'rules') return { ruleset: v.ruleset };
  const spec = LISTS[kind];
  const list = spec && !Array.isArray(value) ? v[spec.list] : undefined;
  if (!spec || !Array.isArray(list)) return {};
  return { [spec.list]: list.map((item) => ({ id: (item as { id?: unknown } | null)?.id })) };
}
