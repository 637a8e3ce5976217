// Builds the task pane into addin/dist (taskpane.html + assets). `npm start` runs the same
// config as a dev server on https://localhost:3000 with /api proxied to the local worker.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  publicDir: 'public',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    rollupOptions: { input: { taskpane: fileURLToPath(new URL('taskpane.html', import.meta.url)) } },
  },
  server: {
    port: 3000,
    strictPort: true,
    proxy: { '/api': { target: process.env.DUESBOOK_WORKER_URL ?? 'http://127.0.0.1:8787', changeOrigin: true } },
  },
});
