import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI scenarios spawn the built bin once; keep the default pool but give slow machines room.
    testTimeout: 30_000,
    // The cache's signing key goes here, not in the home folder of whoever runs the tests.
    env: { XDG_CACHE_HOME: fileURLToPath(new URL('./test-output/xdg-cache', import.meta.url)) },
  },
});
