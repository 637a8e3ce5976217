// Builds the task pane into addin/dist (taskpane.html, commands.html, assets, manifest.xml).
// `npm start` runs the same config as an HTTPS dev server on https://localhost:3000 with /api
// proxied to the local worker. As in Office's templates (urlDev → urlProd), the build writes
// dist/manifest.xml with https://localhost:3000 replaced by DUESBOOK_URL_PROD when it is set.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export const URL_DEV = 'https://localhost:3000';

export function productionManifest(xml: string, urlProd: string | undefined): string {
  if (!urlProd) return xml;
  const origin = urlProd.replace(/\/+$/, '');
  if (!/^https:\/\/[^/]+(\/.*)?$/.test(origin)) throw new Error(`DUESBOOK_URL_PROD must be an https URL, got "${urlProd}"`);
  return xml.split(URL_DEV).join(origin);
}

function manifest(): Plugin {
  return {
    name: 'duesbook-manifest',
    apply: 'build',
    generateBundle() {
      const xml = readFileSync(here('../manifest.xml'), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'manifest.xml', source: productionManifest(xml, process.env.DUESBOOK_URL_PROD) });
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react(), manifest()],
  publicDir: 'public',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    rollupOptions: { input: { taskpane: here('taskpane.html'), commands: here('commands.html') } },
  },
  server: {
    port: 3000,
    strictPort: true,
    proxy: { '/api': { target: process.env.DUESBOOK_WORKER_URL ?? 'http://127.0.0.1:8787', changeOrigin: true } },
  },
});
