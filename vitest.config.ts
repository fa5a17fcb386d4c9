import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** What both tiers share. */
const shared = {
  // One process runs file after file, keeping the modules it imported and the code V8 compiled:
  // importing src/ and warming it up again for every file was a fifth of the run. Nothing the
  // tests import keeps state between files but caches (compiled schemas, the cache stamp), and
  // each file cleans up what it made.
  isolate: false,
  // CLI scenarios spawn the built bin; give slow machines room.
  testTimeout: 30_000,
  // The cache's signing key goes here, not in the home folder of whoever runs the tests.
  env: { XDG_CACHE_HOME: fileURLToPath(new URL('./test-output/xdg-cache', import.meta.url)) },
};

export default defineConfig({
  test: {
    // Two tiers, run together by `npm test`; `npm run test:unit` runs the first alone.
    projects: [
      // The stages and the CLI's output, in-process: seconds in all.
      { test: { ...shared, name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/cli/**/*.test.ts'] } },
      // Whole projects on disk, git, child processes, worker threads, fuzzing, packing, Chromium.
      { test: { ...shared, name: 'slow', include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'], exclude: ['**/*.isolated.test.ts'] } },
      // Files that replace a module with vi.mock: it holds only in a module graph of their own,
      // where no file before them has imported the real one.
      { test: { ...shared, isolate: true, name: 'isolated', include: ['tests/integration/**/*.isolated.test.ts'] } },
    ],
    // vitest's default is one worker fewer than the cores: one on a two-core machine. The files
    // spend much of their time waiting on child processes, git and the disk, so use every core,
    // and at least two. Files running at once share nothing fixed: each makes its projects in
    // its own temporary folder, and the repository's own cache is safe under runs at once.
    // (Set here, not in the projects, so that --maxWorkers on the command line still wins.)
    maxWorkers: Math.max(2, availableParallelism()),
    // The tests that run bin/factcheck.js, the bench and the package test need a current dist/:
    // built here, once per run, only when src/ changed since the last build.
    globalSetup: ['scripts/ensure-dist.mjs'],
  },
});
