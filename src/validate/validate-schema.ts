import type { ErrorObject } from 'ajv';
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { ParsedFile } from '../load/parse-yaml.js';
import { validatorFor, type ExtraSchema } from './compile-schemas.js';
import { didYouMean } from '../model/suggest.js';

export interface SchemaCheck {
  diagnostics: Diagnostic[];
  /** Indexes of list items with errors; the rest of the file is still usable. */
  invalidItems: Set<number>;
  /** An error outside any list item: nothing in the file can be used. */
  fileInvalid: boolean;
  /** Indexes of broken items by the top-level list they are in, for files with several lists. */
  invalidIn: Map<string, Set<number>>;
  /** Top-level fields with an error outside any list item ("" for the file itself). */
  invalidFields: Set<string>;
}

/**
 * Validates a parsed file against its kind's schema, or against `schema` (rule
 * tests, which the loader does not read); every error comes back with a position.
 */
export function validateSchema(file: ParsedFile, schema?: ExtraSchema): SchemaCheck {
  const result: SchemaCheck = { diagnostics: [], invalidItems: new Set(), fileInvalid: false, invalidIn: new Map(), invalidFields: new Set() };
  const validate = validatorFor(schema ?? file.kind);
  if (!validate || file.value === undefined || validate(file.value)) return result;
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const mapped = mapError(error, file);
    if (!mapped) continue;
    const path = pointerToPath(error.instancePath);
    // Config and rulesets are used whole; in list files only the broken item is dropped.
    const whole = schema === undefined && (file.kind === 'config' || file.kind === 'rules');
    if (!whole && path.length >= 2 && typeof path[1] === 'number') {
      result.invalidItems.add(path[1]);
      const list = String(path[0]);
      if (!result.invalidIn.has(list)) result.invalidIn.set(list, new Set());
      result.invalidIn.get(list)!.add(path[1]);
    } else {
      result.fileInvalid = true;
      result.invalidFields.add(path.length ? String(path[0]) : '');
    }
    // One value out of a list is one problem, however many schema branches say so (a claim kind is
    // refused by the discriminator and by the enum alike).
    const key = `${mapped.line}:${mapped.col}:${mapped.code}:${mapped.code === 'schema/enum' ? '' : mapped.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.diagnostics.push(mapped);
  }
  return result;
}

function mapError(error: ErrorObject, file: ParsedFile): Diagnostic | undefined {
  const path = pointerToPath(error.instancePath);
  const value = valueAt(file.value, path);
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const expected = typeof schema['x-expected'] === 'string' ? (schema['x-expected'] as string) : undefined;
  const field = path.length ? `\`${path[path.length - 1]}\`` : 'the file';
  const make = (code: DiagnosticCode, message: string, at: 'key' | 'value' = 'value', p = path) =>
    diagnostic(code, file.locate(p, at), message);

  switch (error.keyword) {
    case 'if':
      return undefined; // the failing branch reports the real problem
    case 'required': {
      const missing = String(error.params.missingProperty);
      return make('schema/required', `missing required field \`${missing}\`${where(path)}`);
    }
    case 'additionalProperties': {
      const extra = String(error.params.additionalProperty);
      const known = Object.keys((schema.properties as object | undefined) ?? {});
      return make('schema/unknown-field', `unknown field \`${extra}\`${didYouMean(extra, known)}${allowed(known)}`, 'key', [...path, extra]);
    }
    case 'false schema':
      return make('schema/unknown-field', `field ${field} is not allowed here`, 'key');
    case 'type': {
      const want = Array.isArray(error.params.type) ? error.params.type.join(' or ') : String(error.params.type);
      return make('schema/type', `${field}: expected ${article(want)}, found ${describe(value)}${quoteHint(want, value)}`);
    }
    case 'enum': {
      const options = (error.params.allowedValues as unknown[]).map(String);
      return make(
        'schema/enum',
        `${field}: expected one of ${options.join(', ')}; found ${describe(value)}${typeof value === 'string' ? didYouMean(value, options) : ''}`,
      );
    }
    case 'const':
      return make('schema/enum', `${field}: expected ${JSON.stringify(error.params.allowedValue)}, found ${describe(value)}`);
    case 'pattern':
      return make('schema/format', `${field}: expected ${expected ?? `text matching ${String(error.params.pattern)}`}, found ${describe(value)}`);
    case 'discriminator': {
      const tag = String(error.params.tag);
      const found = (value as Record<string, unknown> | undefined)?.[tag];
      const kinds = ((schema.properties as Record<string, { enum?: unknown[] }> | undefined)?.[tag]?.enum ?? []).map(String);
      const hint = typeof found === 'string' ? didYouMean(found, kinds) : '';
      return make(
        'schema/enum',
        error.params.error === 'tag'
          ? `\`${tag}\`: expected ${expected ?? 'a kind'}, found ${describe(found)}${hint}`
          : `\`${tag}\`: expected ${expected ?? 'a known kind'}, found ${describe(found)}${hint}`,
        'value',
        [...path, tag],
      );
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return make('schema/range', `${field}: expected a number ${String(error.params.comparison)} ${String(error.params.limit)}, found ${describe(value)}`);
    case 'minLength':
      return make('schema/range', `${field}: expected text, found an empty string`);
    case 'maxLength':
      return make('schema/range', `${field}: expected at most ${String(error.params.limit)} characters, found ${String((value as string).length)}`);
    case 'minItems':
      return make('schema/range', `${field}: expected at least ${String(error.params.limit)} item(s), found ${String((value as unknown[]).length)}`);
    case 'propertyNames':
      return undefined; // the nested pattern error names the key
    default:
      return make('schema/invalid', `${field}: expected ${expected ?? error.message ?? 'a valid value'}, found ${describe(value)}`);
  }
}

function where(path: (string | number)[]): string {
  if (!path.length) return '';
  const last = path[path.length - 1];
  return typeof last === 'number' ? ` in item ${last + 1} of \`${String(path[path.length - 2])}\`` : ` in \`${String(last)}\``;
}

function allowed(known: string[]): string {
  if (!known.length) return '';
  return ` (allowed: ${known.join(', ')})`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function quoteHint(want: string, value: unknown): string {
  if (want.includes('string') && (typeof value === 'boolean' || typeof value === 'number' || value === null)) {
    return `; quote it ("${String(value)}") if you mean the text`;
  }
  return '';
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `"${shown}"`;
  }
  return `${typeof value} ${String(value)}`;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

function valueAt(root: unknown, path: (string | number)[]): any {
  let node: any = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = node[segment];
  }
  return node;
}
