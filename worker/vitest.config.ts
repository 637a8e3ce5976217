// Worker tests run inside workerd with a real (local, per-file isolated) D1: the migrations are
// read here and applied by tests/worker/setup.ts. ID_HMAC_KEY and AUDIT_HMAC_KEY come from the bindings below.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';

const here = path.dirname(fileURLToPath(import.meta.url));
// wrangler.jsonc serves addin/dist as static assets; a clean clone has not built the pane yet.
mkdirSync(path.resolve(here, '../addin/dist'), { recursive: true });

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.resolve(here, 'migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.resolve(here, 'wrangler.jsonc') },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, ID_HMAC_KEY: 'test-hmac-key-not-a-secret', AUDIT_HMAC_KEY: 'test-audit-key-not-a-secret' } },
      }),
    ],
    test: {
      name: 'worker',
      root: path.resolve(here, '..'),
      include: ['tests/worker/**/*.test.ts'],
      setupFiles: ['tests/worker/setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
