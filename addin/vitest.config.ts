// Task-pane tests: React components against a fake workbook host, and the Excel adapter
// against a fake Excel object model, in jsdom.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [react()],
  test: {
    name: 'addin',
    include: ['tests/addin/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['tests/addin/setup.ts'],
    testTimeout: 30_000,
  },
});
