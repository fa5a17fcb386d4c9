import { describe, expect, it } from 'vitest';
import { decideColor } from '../../src/cli/decide-color.js';
import { main } from '../../src/cli/main.js';
import { REPO, runCli } from '../helpers/project.js';

const ESC = '\u001b[';
const strip = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

interface Terminal {
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  columns?: number;
  env?: Record<string, string | undefined>;
}

/** The CLI in-process with each stream a terminal or not, as the bin sets them. */
async function runOn(args: string[], { stdoutIsTTY = false, stderrIsTTY = false, columns, env = {} }: Terminal) {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv: args,
    cwd: REPO,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: stdoutIsTTY,
    stderrIsTTY,
    ...(columns ? { columns } : {}),
    // The cache's signing key stays where vitest.config puts it: the CLI reads only the env it is given.
    env: { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, ...env },
  });
  return { code, stdout, stderr };
}

describe('colour, decided for each stream', () => {
  // verify prints its table on stdout (a bold heading) and the bundled corpus's one warning on stderr.
  const verify = ['verify', '--no-cache'];
  it.each([
    { name: 'stdout piped, stderr on a terminal', terminal: { stderrIsTTY: true }, stdout: false, stderr: true },
    { name: 'stdout on a terminal, stderr piped', terminal: { stdoutIsTTY: true }, stdout: true, stderr: false },
    { name: 'both on a terminal', terminal: { stdoutIsTTY: true, stderrIsTTY: true }, stdout: true, stderr: true },
    { name: 'FORCE_COLOR=1 into pipes', terminal: { env: { FORCE_COLOR: '1' } }, stdout: true, stderr: true },
    { name: 'FORCE_COLOR empty into pipes', terminal: { env: { FORCE_COLOR: '' } }, stdout: true, stderr: true },
    { name: 'FORCE_COLOR=3 into pipes', terminal: { env: { FORCE_COLOR: '3' } }, stdout: true, stderr: true },
    { name: 'FORCE_COLOR=0 on terminals', terminal: { stdoutIsTTY: true, stderrIsTTY: true, env: { FORCE_COLOR: '0' } }, stdout: false, stderr: false },
    { name: 'FORCE_COLOR=false on terminals', terminal: { stdoutIsTTY: true, stderrIsTTY: true, env: { FORCE_COLOR: 'false' } }, stdout: false, stderr: false },
    { name: 'NO_COLOR=1 on terminals', terminal: { stdoutIsTTY: true, stderrIsTTY: true, env: { NO_COLOR: '1' } }, stdout: false, stderr: false },
    { name: 'NO_COLOR empty, which no-color.org says to ignore', terminal: { stdoutIsTTY: true, stderrIsTTY: true, env: { NO_COLOR: '' } }, stdout: true, stderr: true },
    { name: 'FORCE_COLOR over NO_COLOR', terminal: { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }, stdout: true, stderr: true },
    { name: 'TERM=dumb on terminals', terminal: { stdoutIsTTY: true, stderrIsTTY: true, env: { TERM: 'dumb' } }, stdout: false, stderr: false },
  ])('$name', async ({ terminal, stdout, stderr }) => {
    const run = await runOn(verify, terminal);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('evidence/contradiction');
    expect(run.stdout.includes(ESC)).toBe(stdout);
    expect(run.stderr.includes(ESC)).toBe(stderr);
  });

  it('--no-color outranks FORCE_COLOR', async () => {
    const run = await runOn([...verify, '--no-color'], { stdoutIsTTY: true, stderrIsTTY: true, env: { FORCE_COLOR: '1' } });
    expect(run.stdout + run.stderr).not.toContain(ESC);
  });

  it('paints the problems of lint on a terminal stderr only', async () => {
    const run = await runOn(['lint', '--no-cache'], { stderrIsTTY: true });
    expect(run.stderr).toContain(`${ESC}33mwarning${ESC}39m`);
    expect(run.stdout).not.toContain(ESC);
  });

  it('follows the conventions in one function', () => {
    expect(decideColor(true)).toBe(true);
    expect(decideColor(false)).toBe(false);
    expect(decideColor(undefined, { FORCE_COLOR: '2' })).toBe(true);
    expect(decideColor(true, { FORCE_COLOR: '0', NO_COLOR: '' })).toBe(false);
    expect(decideColor(true, {}, true)).toBe(false);
  });
});

describe('whole reasons in the verify table', () => {
  async function explanations(): Promise<Map<string, string>> {
    const json = JSON.parse((await runCli(['verify', '--format', 'json', '--no-cache'])).stdout) as { claims: { id: string; explanation: string }[] };
    return new Map(json.claims.map((c) => [c.id, c.explanation]));
  }

  it('on an 80-column terminal, wraps each reason under its column and cuts none', async () => {
    const reasons = await explanations();
    const run = await runOn(['verify', '--no-cache'], { stdoutIsTTY: true, columns: 80 });
    const lines = strip(run.stdout).split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(run.stdout).not.toContain('…');
    const column = lines[0]!.indexOf('REASON');
    // Each row's reason is its first line and the indented lines under it.
    const read = new Map<string, string>();
    let current: string | undefined;
    for (const line of lines.slice(1, lines.indexOf(''))) {
      const id = line.slice(0, column).trim().split(/\s+/)[0]!;
      if (id) read.set((current = id), line.slice(column));
      else read.set(current!, `${read.get(current!)} ${line.slice(column)}`);
    }
    expect(read).toEqual(reasons);
    expect(lines.length).toBeGreaterThan(reasons.size + 3);
  });

  it('with --wide, prints each reason whole on one line', async () => {
    const reasons = await explanations();
    const run = await runOn(['verify', '--wide', '--no-cache'], { stdoutIsTTY: true, columns: 80 });
    const lines = strip(run.stdout).split('\n');
    expect(lines.slice(1, lines.indexOf(''))).toHaveLength(reasons.size);
    for (const [id, reason] of reasons) expect(lines.find((l) => l.startsWith(`${id} `))).toMatch(new RegExp(` ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(lines.some((l) => l.length > 80)).toBe(true);
  });

  it('documents --wide in verify --help', async () => {
    const help = await runCli(['verify', '--help']);
    expect(help.stdout).toMatch(/--wide +each reason whole on one line/);
  });
});
