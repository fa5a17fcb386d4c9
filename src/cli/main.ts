import { parseArgs } from 'node:util';
import { FileChangedError } from '../load/read-files.js';
import { WriteError } from '../load/write-atomic.js';
import { VERSION } from '../version.js';
import { didYouMean } from '../model/suggest.js';
import { exceedsStringLimit } from '../model/string-limit.js';
import { COMMAND_NAMES, commandHelp, loadCommand, loadCommands, mainHelp } from './commands.js';
import { decideColor } from './decide-color.js';
import type { Command } from './command.js';
import { EXIT, UsageError, type CliIO } from './io.js';

/**
 * The command line, as a function: it returns the exit code and never calls
 * process.exit, so tests run it in-process with injected IO.
 */
export async function main(io: CliIO): Promise<number> {
  const [first, ...rest] = io.argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    try {
      io.stdout(mainHelp(await loadCommands()));
    } catch (error) {
      return internalError(error, io);
    }
    return first === undefined ? EXIT.invalid : EXIT.ok;
  }
  if (first === '-V' || first === '--version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  let command: Command | undefined;
  try {
    command = await loadCommand(first);
  } catch (error) {
    return internalError(error, io);
  }
  if (!command) {
    io.stderr(`factcheck: unknown command "${first}"${didYouMean(first, COMMAND_NAMES)}\nRun factcheck --help for the commands.\n`);
    return EXIT.invalid;
  }
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    // Each stream is painted by its own lights: a piped stdout leaves stderr on the terminal coloured.
    const noColor = Boolean(parsed.values['no-color']);
    const ctx = { color: decideColor(io.isTTY, io.env, noColor), ...(io.isTTY && io.columns ? { width: io.columns } : {}) };
    const errCtx = { color: decideColor(io.stderrIsTTY, io.env, noColor) };
    return await command.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals }, io, ctx, errCtx);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      const message = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? unknownOption(error as Error, command.options) : (error as Error).message;
      io.stderr(`factcheck ${command.name}: ${message}\nRun factcheck ${command.name} --help for usage.\n`);
      return EXIT.invalid;
    }
    if (error instanceof FileChangedError || error instanceof WriteError) {
      io.stderr(`factcheck ${command.name}: ${error.message}\n`);
      return EXIT.invalid;
    }
    if (exceedsStringLimit(error)) {
      // A limit of Node.js, reached by thousands of claims each citing thousands of records: not a bug.
      const instead = command.name === 'verify' ? 'Verify in parts, one output each (verify --shard 1/4 to 4/4), or choose a shorter format, such as the table' : 'Choose a shorter format, or run it on fewer files';
      io.stderr(`factcheck ${command.name}: the output is too large to build: longer than the longest string Node.js can hold (about 512 million characters). ${instead}\n`);
      return EXIT.invalid;
    }
    return internalError(error, io);
  }
}

/** A bug, not bad input: said plainly; the stack only on request. */
function internalError(error: unknown, io: CliIO): number {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`factcheck: internal error: ${message}\nThis is a bug in factcheck; please report it with the command you ran.\n`);
  if (io.env?.FACTCHECK_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT.internal;
}

/** Node's words for an unknown option, shortened, with the nearest option the command has. */
function unknownOption(error: Error, options: Record<string, unknown>): string {
  const given = /'(-[^']*)'/.exec(error.message)?.[1];
  if (!given) return error.message;
  const known = [...Object.keys(options), 'help', 'no-color'].map((name) => `--${name}`);
  return `unknown option ${given}${didYouMean(given, known)}`;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
