import { asciiIfFew } from '../cache/ascii-json.js';
import type { Diagnostic } from '../diagnostics.js';
import { validateSchema } from '../validate/validate-schema.js';
import { fastPathUse, parseFast } from './fast-yaml.js';
import { parseYaml, type ParsedFile } from './parse-yaml.js';
import type { TextFile } from './read-files.js';
import type { ProcessedFile } from './processed-file.js';

// Apart, so that the cache can check entries without loading the parsers and the schemas.
export { isProcessedFile, type ProcessedFile } from './processed-file.js';

/**
 * Parses and schema-checks one file. Pure: runs the same in a worker thread.
 * Plain data takes the fast path (fast-yaml.ts), which gives the same values
 * and positions; anything else, and every file when `fast` is false, the full one.
 */
export function processFile(text: TextFile, fast = true): ProcessedFile {
  const quick = fast ? parseFast(text.text) : undefined;
  if (fast) fastPathUse[quick ? 'taken' : 'declined']++;
  // On the fast path a position below those kept (for a schema error) comes from the full parse, when asked.
  let full: ReturnType<typeof parseYaml> | undefined;
  const { file, diagnostics: parseProblems } = quick
    ? { file: { path: text.path, kind: text.kind, value: quick.value, locate: (path: readonly (string | number)[], where?: 'key' | 'value') => (full ??= parseYaml(text)).file.locate(path, where) }, diagnostics: [] }
    : parseYaml(text);
  const schema = file.value === undefined ? { diagnostics: [], invalidItems: new Set<number>(), fileInvalid: true } : validateSchema(file);
  const positions: ProcessedFile['positions'] = quick ? { ...quick.positions } : {};
  const at = (path: (string | number)[]) => {
    const p = file.locate(path);
    // Defined, not assigned: a key named "__proto__" is a position like any other, never the object's prototype.
    Object.defineProperty(positions, path.join('/'), { value: [p.line, p.col], enumerable: true, writable: true, configurable: true });
  };
  if (!quick) at([]);
  if (!quick && file.value && typeof file.value === 'object' && !Array.isArray(file.value)) {
    for (const [key, value] of Object.entries(file.value)) {
      at([key]);
      if (Array.isArray(value)) value.forEach((_, i) => at([key, i]));
    }
  }
  return {
    value: file.value ?? null,
    diagnostics: [...parseProblems, ...schema.diagnostics].map(({ file: _file, ...rest }) => rest),
    invalidItems: [...schema.invalidItems].sort((a, b) => a - b),
    fileInvalid: schema.fileInvalid,
    positions,
  };
}

/** A parsed file rebuilt from its processed form; positions deeper than a list item come from parsing again, on demand. */
export function toParsedFile(text: TextFile, processed: ProcessedFile): { file: ParsedFile; diagnostics: Diagnostic[] } {
  let parsed: ParsedFile | undefined;
  // locate holds the positions alone, so that the value can be let go without it.
  const { positions } = processed;
  const file: ParsedFile = {
    path: text.path,
    kind: text.kind,
    value: processed.value === null ? undefined : processed.value,
    locate(path, where = 'value') {
      const stored = where === 'value' ? positions[path.join('/')] : undefined;
      if (stored) return { file: text.path, line: stored[0], col: stored[1] };
      parsed ??= parseYaml(text).file;
      return parsed.locate(path, where);
    },
  };
  return { file, diagnostics: processed.diagnostics.map((d) => ({ ...d, file: text.path })) };
}

/**
 * The processed file as JSON, or undefined when its value would not survive
 * JSON intact (Infinity, NaN, -0). A few characters past ASCII are escaped
 * (asciiIfFew): the text is sent back from the workers, parsed and written to
 * the cache, and read back by every later run that loads the file.
 */
export function processedJson(processed: ProcessedFile): string | undefined {
  return jsonSafe(processed.value) ? asciiIfFew(JSON.stringify(processed)) : undefined;
}

function jsonSafe(value: unknown): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
      continue;
    }
    // Loops, not push(...v): a list of a million items must not overflow the call stack.
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) for (const item of Object.values(v as object)) stack.push(item);
    else if (v !== undefined) return false;
  }
  return true;
}
