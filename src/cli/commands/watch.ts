import { watch, type FSWatcher } from 'node:fs';
import { relative, sep } from 'node:path';
import { kindOf } from '../../load/layout.js';
import { assembleResult, loadProject, verifyProject } from '../../pipeline.js';
import { compareRuns, hasChanges } from '../../record/compare-runs.js';
import { formatDiagnostics, VERIFY_FORMATS } from '../../report/formatters/index.js';
import { formatWatchUpdate } from '../../report/formatters/watch-update.js';
import type { VerifyResult } from '../../types.js';
import { CACHE_OPTION, COMMON_HELP, loadOptions, ROOT_OPTION, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { locateRoot } from '../open-project.js';

/** How long to wait after a save for more, so that one save of several files is one run. */
const SETTLE_MS = 150;

export const watchCommand: Command = {
  name: 'watch',
  summary: 're-verify on every save, printing only what changed',
  usage: 'factcheck watch [--root <dir>] [--no-cache]',
  details: `Verifies the project, prints the table, then watches its files. After each
save it verifies again and prints only the verdicts that changed (with the old
and new rating and the new reason), claims added or gone, and any new
problems. Stop it with Ctrl-C.

Options:
${COMMON_HELP}

Exit codes: 0 when stopped; 2 bad usage.`,
  options: { ...ROOT_OPTION, ...CACHE_OPTION },
  async run({ values }, io, ctx) {
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    const options = loadOptions(values, io);
    const verifyOnce = async (): Promise<VerifyResult> => {
      const loaded = await loadProject(root, options);
      const verified = loaded.project ? await verifyProject(loaded.project) : { claims: [], diagnostics: [] };
      return assembleResult(loaded.project, verified.claims, [...loaded.diagnostics, ...verified.diagnostics]);
    };

    let last = await verifyOnce();
    io.stderr(formatDiagnostics(last.diagnostics, ctx));
    io.stdout(VERIFY_FORMATS.text({ result: last }, ctx));
    io.stdout(`Watching ${root} for changes; Ctrl-C to stop.\n`);

    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    let stopped = false;
    let running = false;
    let again = false;
    const rerun = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const next = await verifyOnce();
          const changes = compareRuns(last, next);
          last = next;
          if (hasChanges(changes)) io.stdout(formatWatchUpdate(changes, ctx));
        } while (again);
      } catch (error) {
        io.stderr(`factcheck watch: could not verify: ${error instanceof Error ? error.message : String(error)}\n`);
      } finally {
        running = false;
      }
      // A recursive watcher on Linux can lose track of a file replaced by rename (how editors
      // and sed -i save), so each run starts a fresh one; what changed meanwhile is rechecked.
      startWatching();
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void rerun(), SETTLE_MS);
    };
    const startWatching = () => {
      watcher?.close();
      watcher = undefined;
      if (stopped) return;
      try {
        watcher = watch(root, { recursive: true }, (_event, name) => {
          if (!name) return;
          const path = relative(root, `${root}${sep}${name.toString()}`).split(sep).join('/');
          // Project files and snapshots only: not the cache, the lock file or git's own files.
          if (kindOf(path) || (path.startsWith('evidence/snapshots/') && path.endsWith('.txt'))) schedule();
        });
        watcher.on('error', (error) => {
          io.stderr(`factcheck watch: watching stopped (${error.message}); starting again\n`);
          schedule();
        });
      } catch (error) {
        io.stderr(`factcheck watch: cannot watch ${root}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    };
    startWatching();

    await new Promise<void>((resolve) => {
      if (io.signal?.aborted) return resolve();
      io.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    stopped = true;
    clearTimeout(timer);
    watcher?.close();
    while (running) await new Promise((r) => setTimeout(r, 10));
    watcher?.close();
    return EXIT.ok;
  },
};
