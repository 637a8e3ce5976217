/**
 * A throw-away local Duesbook for the browser tests: builds the pane, then the worker engineer's
 * startWorker() (scripts/start-worker.mjs) on a fresh local D1 in a temporary directory, seeded
 * with the demo committee, on a free 127.0.0.1 port. The worker serves the built pane as static
 * assets, on the same origin as /api.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorker as startWorkerJs } from '../../scripts/start-worker.mjs';
import { DEMO_COMMITTEE, demoTokens } from '../../worker/seed/committee';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  url: string;
  tokens: { role: string; orgCode: string; token: string }[];
  stop(): void;
}
/** startWorker's options as documented in scripts/start-worker.mjs (a JS module). */
const startWorker = startWorkerJs as unknown as (o: { port?: number; persistTo?: string; seed?: { tree: unknown; tokens: unknown } }) => Promise<Started>;

export interface LocalWorker {
  url: string;
  /** Tokens keyed "role@ORG", e.g. "clerk@JT-01", "finance@JT". */
  tokens: Record<string, string>;
  stop(): Promise<void>;
}

export function buildPane(): void {
  const r = spawnSync(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'addin/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`vite build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export async function startLocalWorker(): Promise<LocalWorker> {
  const state = mkdtempSync(path.join(tmpdir(), 'duesbook-e2e-'));
  const w = await startWorker({ port: 0, persistTo: state, seed: { tree: DEMO_COMMITTEE, tokens: demoTokens() } });
  const tokens = Object.fromEntries(w.tokens.map((t) => [`${t.role}@${t.orgCode}`, t.token]));
  return {
    url: w.url,
    tokens,
    stop: async () => {
      w.stop();
      await new Promise((r) => setTimeout(r, 300));
      rmSync(state, { recursive: true, force: true });
    },
  };
}
