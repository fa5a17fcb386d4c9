import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI scenarios spawn the built bin once; keep the default pool but give slow machines room.
    testTimeout: 30_000,
  },
});
