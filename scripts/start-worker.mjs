// The worker half of `npm start`: local D1 migrated, a committee seeded (first run only), then
// `wrangler dev` on 127.0.0.1; resolves once /api/health answers. scripts/start.mjs and the bench
// call startWorker(); `node scripts/start-worker.mjs` runs it alone.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = path.join(repo, 'worker', 'wrangler.jsonc');
const WRANGLER = path.join(repo, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const DUESBOOK_DIR = path.join(repo, '.duesbook');
const TOKENS_FILE = path.join(DUESBOOK_DIR, 'dev-tokens.json');
export const DEFAULT_PERSIST = path.join(repo, '.wrangler', 'state');

const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' };

function wrangler(args, { quiet = true } = {}) {
  const r = spawnSync(process.execPath, [WRANGLER, ...args], { cwd: repo, env: wranglerEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  }
  if (!quiet) process.stdout.write(r.stdout);
  return r.stdout;
}

/** What a clean clone lacks: the pane's build directory (served as assets) and the secrets. */
export function prepareLocal() {
  mkdirSync(path.join(repo, 'addin', 'dist'), { recursive: true });
  const devVars = path.join(repo, 'worker', '.dev.vars');
  const newKey = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  if (!existsSync(devVars)) {
    writeFileSync(devVars, `# Local secrets for wrangler dev (gitignored). Production: wrangler secret put ID_HMAC_KEY / AUDIT_HMAC_KEY\nID_HMAC_KEY=${newKey()}\n`);
  }
  // A machine set up before the audit chain was keyed has only ID_HMAC_KEY: add the audit key.
  if (!/^AUDIT_HMAC_KEY=/m.test(readFileSync(devVars, 'utf8'))) appendFileSync(devVars, `AUDIT_HMAC_KEY=${newKey()}\n`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function loadSeed() {
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(repo, 'worker', 'seed', 'committee.ts')).href);
}

function d1(persistTo, sqlOrFile, isFile = false) {
  const out = wrangler(['d1', 'execute', 'DB', '--local', '--config', CONFIG, '--persist-to', persistTo, '--json', isFile ? '--file' : '--command', sqlOrFile]);
  return JSON.parse(out);
}

/**
 * Seeds `tree` with `tokens` (worker/seed/committee.ts shapes) unless the database already holds
 * organisations. Returns the issued tokens, or null when the database was already seeded.
 */
export async function seedLocal(persistTo, { tree, tokens } = {}) {
  const seed = await loadSeed();
  const count = d1(persistTo, 'SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS max FROM orgs')[0].results[0];
  if (count.n > 0 && !tree) return null;
  const plan = await seed.planCommittee(tree ?? seed.DEMO_COMMITTEE, tokens ?? seed.demoTokens(tree ?? seed.DEMO_COMMITTEE), count.max + 1);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duesbook-seed-'));
  const file = path.join(dir, 'seed.sql');
  writeFileSync(file, seed.planToSql(plan));
  try {
    d1(persistTo, file, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return plan.tokens;
}

function recordPid(name, pid) {
  const file = path.join(DUESBOOK_DIR, 'pids.json');
  mkdirSync(DUESBOOK_DIR, { recursive: true });
  let all = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first entry
  }
  all[name] = pid;
  writeFileSync(file, JSON.stringify(all, null, 2));
}

async function waitForHealth(url, child, timeoutMs = 60_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs / 1000}s`);
}

/**
 * Starts the worker locally. Options: port (default 8787; 0 = any free port), persistTo (local D1
 * directory), seed ({tree, tokens} for a custom committee; false: none; default: the demo
 * committee on first run), record (write the pid for `npm run stop`), log (pipe wrangler's output through).
 * Resolves to { url, tokens, stop() }; tokens are the demo's (remembered in .duesbook/dev-tokens.json).
 */
/** Applies worker/migrations to the local D1 in `persistTo`. */
export function migrateLocal(persistTo = DEFAULT_PERSIST) {
  prepareLocal();
  mkdirSync(persistTo, { recursive: true });
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--config', CONFIG, '--persist-to', persistTo]);
}

export async function startWorker({ port = 8787, persistTo = DEFAULT_PERSIST, seed, record = false, log = false } = {}) {
  migrateLocal(persistTo);
  // seed: false = the caller seeded already (seedLocal); {tree, tokens} = that committee.
  let tokens = seed === false ? [] : await seedLocal(persistTo, seed ?? {});
  if (seed === undefined) {
    if (tokens) {
      mkdirSync(DUESBOOK_DIR, { recursive: true });
      writeFileSync(TOKENS_FILE, JSON.stringify(tokens, null, 2));
    } else if (existsSync(TOKENS_FILE)) {
      tokens = JSON.parse(readFileSync(TOKENS_FILE, 'utf8'));
    } else {
      tokens = [];
    }
  }
  const p = port || (await freePort());
  const child = spawn(
    process.execPath,
    [WRANGLER, 'dev', '--config', CONFIG, '--ip', '127.0.0.1', '--port', String(p), '--persist-to', persistTo, '--inspector-port', String(await freePort()), '--show-interactive-dev-session=false'],
    { cwd: repo, env: wranglerEnv, stdio: ['ignore', log ? 'inherit' : 'pipe', log ? 'inherit' : 'pipe'], detached: true },
  );
  let output = '';
  child.stdout?.on('data', (d) => { output = (output + d).slice(-8000); });
  child.stderr?.on('data', (d) => { output = (output + d).slice(-8000); });
  if (record) recordPid('worker', child.pid);
  const url = `http://127.0.0.1:${p}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForHealth(url, child);
  } catch (e) {
    stop();
    throw new Error(`${e.message}\n${output}`, { cause: e });
  }
  return { url, tokens: tokens ?? [], stop, child };
}

export function printTokens(tokens) {
  const rows = tokens.map((t) => `  ${t.role.padEnd(8)} ${t.orgCode.padEnd(12)} ${t.token}`);
  return rows.length ? rows.join('\n') : '  (none remembered: issue new ones with `duesbook admin token issue`)';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const w = await startWorker({ record: true, log: process.argv.includes('--log') });
  console.log(`Duesbook worker: ${w.url}  (API ${w.url}/api, OpenAPI ${w.url}/api/openapi.json)\nTokens (role, organisation, token):\n${printTokens(w.tokens)}`);
  const end = () => { w.stop(); process.exit(0); };
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
}
