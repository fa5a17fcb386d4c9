import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/project.js';

// A command's module that cannot be loaded (a broken install): a bug to report, as any other.
vi.mock('../../src/cli/commands/lint.js', () => ({
  get lintCommand(): never {
    throw new Error('lint.js is damaged');
  },
}));

describe('a command whose module does not load', () => {
  it('is an internal error, for that command and for help, while other commands still run', async () => {
    for (const args of [['lint'], ['--help']]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(3);
      expect(run.stderr).toMatch(/^factcheck: internal error: /);
      expect(run.stderr).toContain('lint.js is damaged');
      expect(run.stderr).toContain('This is a bug in factcheck; please report it');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await runCli(['--version'])).code).toBe(0);
    expect((await runCli(['verify', '--help'])).stdout).toContain('Usage: factcheck verify');
  });
});
