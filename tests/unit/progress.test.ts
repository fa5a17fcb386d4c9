import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createProgress } from '../../src/cli/progress.js';
import { REPO } from '../helpers/project.js';

/** A clock that moves on by `step` ms each time it is read. */
const clock = (step: number) => {
  let t = 0;
  return () => (t += step);
};

describe('progress on stderr', () => {
  it('stays silent for the first second, then redraws one line, and clears it when done', () => {
    let out = '';
    const progress = createProgress({ stderr: (t) => (out += t), stderrIsTTY: true, now: clock(400) });
    progress.update({ stage: 'parse', done: 1, total: 4 }); // 400 ms in: silent
    progress.update({ stage: 'parse', done: 2, total: 4 }); // 800 ms
    expect(out).toBe('');
    progress.update({ stage: 'verify', done: 1234, total: 10000 }); // past a second
    expect(out).toBe('\r\u001b[2Kfactcheck: verifying claims 1,234/10,000 (12%)');
    progress.done();
    expect(out.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('prints nothing at all when stderr is not a terminal', async () => {
    let quiet = '';
    const code = await main({ argv: ['verify', '--no-cache', '--root', REPO], cwd: REPO, stdout: () => {}, stderr: (t) => (quiet += t), stderrIsTTY: false, now: clock(5000) });
    expect(code).toBe(0);
    expect(quiet).not.toContain('\r');

    let shown = '';
    let table = '';
    // NO_COLOR: a terminal stderr is painted, and only the progress line may differ here.
    await main({ argv: ['verify', '--no-cache', '--root', REPO], cwd: REPO, stdout: (t) => (table += t), stderr: (t) => (shown += t), stderrIsTTY: true, env: { NO_COLOR: '1' }, now: clock(5000) });
    expect(shown).toContain('factcheck: parsing files');
    expect(shown).toContain('factcheck: verifying claims 11/11 (100%)');
    // Cleared before the problems are printed, which start on a clean line.
    expect(shown).toMatch(/\r\u001b\[2Kevidence\/[a-z-]+\.yaml:\d+:\d+ {2}warning/);
    expect(shown.replace(/\r\u001b\[2K(factcheck: (parsing files|verifying claims) [^\r]*)?/g, '')).toBe(quiet);
    expect(table).toContain('11 claims');
  });
});
