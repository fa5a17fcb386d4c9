import type { CliIO } from './io.js';

/** How far a long run has got: files parsed, then claims verified. */
export interface Progress {
  stage: 'parse' | 'verify';
  done: number;
  total: number;
}

/** Nothing is shown before a run has taken this long: most runs end first. */
const QUIET_MS = 1000;
const REDRAW_MS = 100;

const LABELS: Record<Progress['stage'], string> = { parse: 'parsing files', verify: 'verifying claims' };

/**
 * A one-line progress report on stderr, for a terminal only, and only once a
 * run has taken more than a second. Not on a terminal it prints nothing, so
 * CI logs and redirected output are exactly as without it. `done` clears the
 * line before anything else is printed.
 */
export function createProgress(io: Pick<CliIO, 'stderr' | 'stderrIsTTY' | 'now'>): { update(p: Progress): void; done(): void } {
  if (!io.stderrIsTTY) return { update() {}, done() {} };
  const now = io.now ?? Date.now;
  const started = now();
  let drawn = false;
  let last = 0;
  return {
    update(p) {
      const t = now();
      if (t - started < QUIET_MS || (t - last < REDRAW_MS && p.done < p.total)) return;
      last = t;
      drawn = true;
      const percent = p.total ? Math.floor((100 * p.done) / p.total) : 100;
      io.stderr(`\r\u001b[2Kfactcheck: ${LABELS[p.stage]} ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} (${percent}%)`);
    },
    done() {
      if (drawn) io.stderr('\r\u001b[2K');
      drawn = false;
    },
  };
}
