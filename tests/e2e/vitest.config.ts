// Browser end-to-end tests: the test builds the pane, starts a local worker (wrangler dev, fresh
// local D1, migrated and seeded) serving it, and drives Debian's chromium with playwright-core.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
