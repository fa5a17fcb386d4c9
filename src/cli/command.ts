import type { ParseArgsConfig } from 'node:util';
import { MAX_WORKERS } from '../load/layout.js';
import type { FormatContext } from '../report/formatters/index.js';
import { didYouMean } from '../model/suggest.js';
import { UsageError, type CliIO } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A CLI command: its help, its options, and a run that returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Help text after the usage line. */
  details: string;
  options: Options;
  /** `ctx` is for stdout; `errCtx` for what goes to stderr (problems, prompts), whose colour is decided apart. */
  run(parsed: Parsed, io: CliIO, ctx: FormatContext, errCtx: FormatContext): Promise<number>;
}

export const ROOT_OPTION = { root: { type: 'string' } } as const satisfies Options;
export const FORMAT_OPTION = { format: { type: 'string', short: 'f' } } as const satisfies Options;
export const CACHE_OPTION = { 'no-cache': { type: 'boolean' } } as const satisfies Options;

/**
 * Load options from the command line and environment: the cache is on unless
 * --no-cache; FACTCHECK_WORKERS sets the parse threads (0: none).
 */
export function loadOptions(values: Parsed['values'], io: Pick<CliIO, 'env'>): { cache: boolean; workers?: number; fastYaml?: boolean; env?: Readonly<Record<string, string | undefined>> } {
  // FACTCHECK_FAST_YAML=0 parses every file the full way: the same output, slower; for checking the fast path.
  const env = { ...(io.env ? { env: io.env } : {}), ...(io.env?.FACTCHECK_FAST_YAML === '0' ? { fastYaml: false } : {}) };
  const workers = io.env?.FACTCHECK_WORKERS;
  if (workers === undefined || workers === '') return { cache: !values['no-cache'], ...env };
  if (!/^[0-9]+$/.test(workers)) throw new UsageError(`FACTCHECK_WORKERS takes a whole number of threads, such as 0 or 2; found "${workers}"`);
  if (Number(workers) > MAX_WORKERS) throw new UsageError(`FACTCHECK_WORKERS is at most ${MAX_WORKERS} threads; found ${workers}`);
  return { cache: !values['no-cache'], workers: Number(workers), ...env };
}

/** Colour is decided for stdout and stderr apart (see decide-color.ts). */
export const COLOR_HELP = `  --no-color        no ANSI colour, even on a terminal; so does NO_COLOR=1, while
                    FORCE_COLOR=1 colours output that is not a terminal (FORCE_COLOR=0: none)`;

export const COMMON_HELP = `  --root <dir>      the project folder (default: the nearest folder with a factcheck.config.yaml)
  --no-cache        parse every file again instead of using .factcheck-cache
${COLOR_HELP}
  -h, --help        this help`;

/** The --format value, checked against a command's formats. */
export function pickFormat<T extends object>(value: string | boolean | undefined, formats: T, command: string): keyof T & string {
  return pickFormatName(value, Object.keys(formats) as (keyof T & string)[], command);
}

/** The same, against the formats' names alone. */
export function pickFormatName<N extends string>(value: string | boolean | undefined, names: readonly N[], command: string): N {
  const format = typeof value === 'string' ? value : 'text';
  if (!(names as readonly string[]).includes(format)) {
    throw new UsageError(`${command}: unknown format "${format}"${didYouMean(format, names)}; formats are ${names.join(', ')}`);
  }
  return format as N;
}

/** A time limit in seconds from a flag, as whole milliseconds; at most a day. */
export function secondsFlag(value: string | boolean | undefined, flag: string, fallbackSeconds: number): number {
  if (value === undefined) return fallbackSeconds * 1000;
  const n = Number(value);
  if (typeof value !== 'string' || !(n > 0) || n > 86_400) throw new UsageError(`${flag} takes a number of seconds above 0 and at most 86400 (a day); found "${String(value)}"`);
  return Math.ceil(n * 1000);
}
