import { runVerify } from '../../run-verify.js';
import { compareRuns, failsToLoad, hasChanges } from '../../results/compare-runs.js';
import { formatDiagnostics, VERIFY_FORMATS } from '../../report/formatters/index.js';
import { formatWatchUpdate } from '../../report/formatters/watch-update.js';
import type { VerifyResult } from '../../types.js';
import { CACHE_OPTION, COMMON_HELP, loadOptions, ROOT_OPTION, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { locateRoot } from '../open-project.js';
import { watchInputs } from '../watch-inputs.js';

/** How long to wait after a save for more, so that one save of several files is one run. */
const SETTLE_MS = 150;

export const watchCommand: Command = {
  name: 'watch',
  summary: 're-verify on every save, printing only what changed',
  usage: 'factcheck watch [--root <dir>] [--no-cache]',
  details: `Verifies the project, prints the table, then watches its input files: the
config file and the claims, evidence (with evidence/snapshots), sources,
entities and rules folders; never node_modules, .git or .factcheck-cache.
After each save it verifies again and prints only the verdicts that changed
(with the old and new rating and the new reason), claims added or gone,
claims that fail to load (with the error), and any new problems. Stop it
with Ctrl-C.

Options:
${COMMON_HELP}

Exit codes: 0 when stopped; 2 bad usage.`,
  options: { ...ROOT_OPTION, ...CACHE_OPTION },
  async run({ values }, io, ctx, errCtx) {
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    const options = loadOptions(values, io);
    // The library's verify, as the verify command runs it: reusing what still holds between saves.
    const verifyOnce = async (): Promise<{ result: VerifyResult; fails: ReturnType<typeof failsToLoad> }> => {
      // Whole results: comparing runs reads each verdict's citations, not only the table's fields.
      const run = await runVerify(root, { ...options, whole: true });
      if ('problem' in run) throw new Error(run.problem);
      return { result: run.report.result, fails: run.loaded ? failsToLoad(run.loaded) : () => false };
    };

    let last = (await verifyOnce()).result;
    io.stderr(formatDiagnostics(last.diagnostics, errCtx));
    io.stdout(VERIFY_FORMATS.text({ result: last }, ctx));
    io.stdout(`Watching ${root} for changes; Ctrl-C to stop.\n`);

    let timer: NodeJS.Timeout | undefined;
    let watcher: { close(): void } | undefined;
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
          const { result: next, fails } = await verifyOnce();
          const changes = compareRuns(last, next, fails);
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
        // The input folders only: never node_modules, .git or the cache, which hold most of a project's folders.
        watcher = watchInputs(root, schedule, (error) => {
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
