/** Everything the CLI touches of the outside world, injected so tests run it in-process. */
export interface CliIO {
  argv: readonly string[];
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** stdout is a terminal: colour and width apply. */
  isTTY?: boolean;
  columns?: number;
  env?: Readonly<Record<string, string | undefined>>;
  /** Stops long-running commands (watch); the bin aborts it on Ctrl-C. */
  signal?: AbortSignal;
  /** stderr is a terminal: a long run shows its progress there. */
  stderrIsTTY?: boolean;
  /** The clock, in ms; tests replace it. */
  now?: () => number;
}

/** Exit codes, documented in the README. 1 is reserved for CI checks of recorded verdicts. */
export const EXIT = { ok: 0, invalid: 2, internal: 3 } as const;

export class UsageError extends Error {}
