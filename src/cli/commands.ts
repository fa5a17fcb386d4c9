import { VERSION } from '../version.js';
import type { Command } from './command.js';

/**
 * Every command by name, in the order help lists them, each module loaded
 * only when its command runs: a run loads its own command's code and no
 * other's, and a run with nothing changed is mostly loading modules.
 */
const LOADERS = {
  init: async () => (await import('./commands/init.js')).initCommand,
  new: async () => (await import('./commands/new.js')).newCommand,
  archive: async () => (await import('./commands/archive.js')).archiveCommand,
  verify: async () => (await import('./commands/verify.js')).verifyCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  lint: async () => (await import('./commands/lint.js')).lintCommand,
  cite: async () => (await import('./commands/cite.js')).citeCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  test: async () => (await import('./commands/test.js')).testCommand,
  eval: async () => (await import('./commands/eval.js')).evalCommand,
  merge: async () => (await import('./commands/merge.js')).mergeCommand,
  watch: async () => (await import('./commands/watch.js')).watchCommand,
} satisfies Record<string, () => Promise<Command>>;

export const COMMAND_NAMES = Object.keys(LOADERS) as (keyof typeof LOADERS)[];

/** The command of this name, loaded; undefined for a name that is none. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name as keyof typeof LOADERS]() : undefined;
}

/** Every command, loaded, in the order help lists them. */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(COMMAND_NAMES.map((name) => LOADERS[name]()));
}

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `factcheck ${VERSION}: verify claims against evidence, with verdicts traced to their sources

Usage: factcheck <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run factcheck <command> --help for a command's options.
Options: -h, --help  this help;  -V, --version  the version

Exit codes: 0 success; 1 a recorded verdict changed (verify --check), a rule
test failed (test), a false confirmation or a score under min_score (eval),
or a quote no longer anchors in a source's new text (archive --refresh);
2 invalid input, a refused page, bad usage, or an output that cannot be written
or is too large to build; 3 internal error (a bug: please report it).
`;
}

export function commandHelp(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.details}\n`;
}
