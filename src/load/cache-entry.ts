import type { Diagnostic } from '../diagnostics.js';
import type { CachedFile } from './file-cache.js';
import { parseYaml, type ParsedFile } from './parse-yaml.js';
import type { TextFile } from './read-files.js';

/** A cache entry for a freshly parsed file, or undefined when its value would not survive JSON intact. */
export function toCacheEntry(
  file: ParsedFile,
  diagnostics: readonly Diagnostic[],
  schema: { invalidItems: ReadonlySet<number>; fileInvalid: boolean },
): CachedFile | undefined {
  if (!jsonSafe(file.value)) return undefined;
  const positions: CachedFile['positions'] = {};
  const at = (path: (string | number)[]) => {
    const p = file.locate(path);
    positions[path.join('/')] = [p.line, p.col];
  };
  at([]);
  if (file.value && typeof file.value === 'object' && !Array.isArray(file.value)) {
    for (const [key, value] of Object.entries(file.value)) {
      at([key]);
      if (Array.isArray(value)) value.forEach((_, i) => at([key, i]));
    }
  }
  return {
    value: file.value ?? null,
    diagnostics: diagnostics.map(({ file: _file, ...rest }) => rest),
    invalidItems: [...schema.invalidItems].sort((a, b) => a - b),
    fileInvalid: schema.fileInvalid,
    positions,
  };
}

/** A parsed file rebuilt from its cache entry; positions deeper than a list item come from parsing again, on demand. */
export function fromCacheEntry(text: TextFile, entry: CachedFile): { file: ParsedFile; diagnostics: Diagnostic[] } {
  let parsed: ParsedFile | undefined;
  const file: ParsedFile = {
    path: text.path,
    kind: text.kind,
    value: entry.value === null ? undefined : entry.value,
    locate(path, where = 'value') {
      const stored = where === 'value' ? entry.positions[path.join('/')] : undefined;
      if (stored) return { file: text.path, line: stored[0], col: stored[1] };
      parsed ??= parseYaml(text).file;
      return parsed.locate(path, where);
    },
  };
  return { file, diagnostics: entry.diagnostics.map((d) => ({ ...d, file: text.path })) };
}

/** Plain JSON data only: no Infinity, NaN, -0, Dates or binary that JSON would change. */
function jsonSafe(value: unknown): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
      continue;
    }
    if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) stack.push(...Object.values(v as object));
    else if (v !== undefined) return false;
  }
  return true;
}
