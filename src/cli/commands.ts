import { VERSION } from '../pipeline.js';
import type { Command } from './command.js';
import { archiveCommand } from './commands/archive.js';
import { citeCommand } from './commands/cite.js';
import { evalCommand } from './commands/eval.js';
import { explainCommand } from './commands/explain.js';
import { initCommand } from './commands/init.js';
import { lintCommand } from './commands/lint.js';
import { mergeCommand } from './commands/merge.js';
import { newCommand } from './commands/new.js';
import { reportCommand } from './commands/report.js';
import { testCommand } from './commands/test.js';
import { verifyCommand } from './commands/verify.js';
import { watchCommand } from './commands/watch.js';

/** Every command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [initCommand, newCommand, archiveCommand, verifyCommand, explainCommand, lintCommand, citeCommand, reportCommand, testCommand, evalCommand, mergeCommand, watchCommand];

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `factcheck ${VERSION}: verify claims against evidence, with verdicts traced to their sources

Usage: factcheck <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

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
