import { createInterface } from 'node:readline';
import type { Choice } from '../authoring/pick-choice.js';
import { pickerCompleter, showMatches } from './terminal-picker.js';

/** Everything the CLI touches of the outside world, injected so tests run it in-process. */
export interface CliIO {
  argv: readonly string[];
  cwd: string;
  /** Writes to stdout; called many times for one output where it comes in pieces (verify's JSON, a claim each). */
  stdout(text: string): void;
  /**
   * Resolves once stdout has taken what was written to it, or is closed. An
   * output written in pieces waits on it after each, so that a pipe read more
   * slowly than the run writes does not queue them all in memory: 222 MB of
   * JSON from 10,000 claims, 1.4 GB at its peak.
   */
  drain?(): Promise<void>;
  /** Writes text already encoded as UTF-8 (a kept view); without it, such text is decoded for stdout. */
  stdoutBytes?(bytes: Uint8Array): void;
  stderr(text: string): void;
  /** stdout is a terminal: its colour and width apply. */
  isTTY?: boolean;
  columns?: number;
  env?: Readonly<Record<string, string | undefined>>;
  /** Stops long-running commands (watch); the bin aborts it on Ctrl-C. */
  signal?: AbortSignal;
  /** stderr is a terminal: problems there are coloured, and a long run shows its progress there. */
  stderrIsTTY?: boolean;
  /** The clock, in ms; tests replace it. */
  now?: () => number;
  /**
   * Asks the user one question and resolves with the line typed, or undefined
   * when input ends (Ctrl-D, Ctrl-C). Given only when stdin is a terminal
   * (see terminalAsk); commands that can prompt (factcheck new) ask only when
   * this is given and isTTY is true. Tests pass scripted answers.
   */
  ask?: (question: string, choices?: readonly Choice[]) => Promise<string | undefined>;
}

/**
 * CliIO.ask over a terminal: the question is written to `output` (stderr, so
 * that stdout stays the command's result) and one line is read from `input`.
 * With choices, the ones that match what is typed are listed under the
 * question as the user types, and Tab completes. The line reader lives only
 * while a question is asked, so nothing holds the process open afterwards.
 */
export function terminalAsk(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): NonNullable<CliIO['ask']> {
  return (question, choices) =>
    new Promise((resolve) => {
      const picking = choices !== undefined && choices.length > 0;
      const lines = createInterface({ input, output, terminal: true, ...(picking ? { completer: pickerCompleter(choices) } : {}) });
      const stopShowing = picking ? showMatches(lines, input, output, question, choices) : undefined;
      let answered = false;
      lines.once('line', (line) => {
        answered = true;
        stopShowing?.();
        resolve(line);
        lines.close();
      });
      lines.once('SIGINT', () => lines.close());
      lines.once('close', () => {
        if (!answered) {
          output.write('\n');
          stopShowing?.();
        }
        resolve(undefined);
      });
      lines.setPrompt(question);
      lines.prompt();
    });
}

export { EXIT } from '../exit-codes.js';

export class UsageError extends Error {}
