// Unit and property tests of the host-free core and the command line (Node environment).
// The task pane (jsdom), the worker (workerd) and the browser tests have configs of their own.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'unit',
    include: ['tests/shared/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
