/**
 * Whether to paint one output stream with ANSI colour, decided for each
 * stream on its own, as no-color.org and chalk's supports-color read the
 * environment:
 *
 * 1. `--no-color` on the command line: never;
 * 2. FORCE_COLOR: `0` or `false` never; anything else (empty, `1`, `2`, `3`, `true`) always, even into a pipe;
 * 3. NO_COLOR set and not empty: never;
 * 4. TERM=dumb: never;
 * 5. otherwise only when the stream is a terminal.
 *
 * FORCE_COLOR outranks NO_COLOR, as in Node's own tty.hasColors.
 */
export function decideColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>> = {}, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(isTTY);
}
