/**
 * A throw-away local Duesbook: builds the pane, applies the migrations to a fresh local D1 in a
 * temporary directory, seeds the demo committee with known tokens, and runs `wrangler dev` on a
 * free 127.0.0.1 port (the worker serves the built pane as static assets, same origin as /api).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_COMMITTEE, demoTokens, planCommittee, planToSql } from '../../worker/seed/committee';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
const wranglerBin = path.join(repo, 'node_modules/wrangler/bin/wrangler.js');
const config = path.join(repo, 'worker/wrangler.jsonc');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1' };

export interface LocalWorker {
  url: string;
  /** Tokens keyed "role@ORG", e.g. "clerk@JT-01", "finance@JT". */
  tokens: Record<string, string>;
  stop(): Promise<void>;
  log(): string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function run(args: string[], what: string): void {
  const r = spawnSync(process.execPath, args, { cwd: repo, env, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export function buildPane(): void {
  run([path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'addin/vite.config.ts', '--logLevel', 'warn'], 'vite build');
}

export async function startLocalWorker(): Promise<LocalWorker> {
  const state = mkdtempSync(path.join(tmpdir(), 'duesbook-e2e-'));
  run([wranglerBin, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state, '--config', config], 'migrations');
  const plan = await planCommittee(DEMO_COMMITTEE, demoTokens());
  const seedFile = path.join(state, 'seed.sql');
  writeFileSync(seedFile, planToSql(plan));
  run([wranglerBin, 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--config', config, '--file', seedFile], 'seed');
  const port = await freePort();
  const inspector = await freePort();
  let out = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [wranglerBin, 'dev', '--config', config, '--local', '--persist-to', state, '--ip', '127.0.0.1', '--port', String(port),
      '--inspector-port', String(inspector), '--var', 'ID_HMAC_KEY:e2e-hmac-key-not-a-secret', '--show-interactive-dev-session=false'],
    { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, tokens: Object.fromEntries(plan.tokens.map((t) => [`${t.role}@${t.orgCode}`, t.token])), stop, log: () => out };
}
