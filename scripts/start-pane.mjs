// The task-pane half of `npm start`: Vite's dev server over HTTPS on https://localhost:3000 with
// the Office dev certificates (office-addin-dev-certs: created on first use; trusting the CA may
// need an administrator), /api proxied to the local worker, and how to sideload manifest.xml.
// scripts/start.mjs calls startPane(); `node scripts/start-pane.mjs [workerUrl]` runs it alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PANE_PORT = 3000;
export const PANE_URL = `https://localhost:${PANE_PORT}`;
const PIDS = path.join(repo, '.duesbook', 'pids.json');

/** Remembers a process `npm run stop` must end (scripts/stop.mjs reads the same file). */
export function recordPid(name, pid) {
  mkdirSync(path.dirname(PIDS), { recursive: true });
  let all = {};
  try {
    all = JSON.parse(readFileSync(PIDS, 'utf8'));
  } catch {
    // first entry
  }
  all[name] = pid;
  writeFileSync(PIDS, JSON.stringify(all, null, 2));
}

/**
 * The Office dev certificates. getHttpsServerOptions() creates and trusts them; where trusting
 * the CA needs sudo (it does on Linux) it throws after creating the files, so those are used as
 * they are — fine for a browser or Excel that trusts the CA, which `npx office-addin-dev-certs
 * install` does on Windows and Mac.
 */
async function devCertificates() {
  const certs = await import('office-addin-dev-certs');
  try {
    return await certs.getHttpsServerOptions();
  } catch (e) {
    const dir = path.join(os.homedir(), '.office-addin-dev-certs');
    try {
      const options = {
        ca: readFileSync(path.join(dir, 'ca.crt')),
        cert: readFileSync(path.join(dir, 'localhost.crt')),
        key: readFileSync(path.join(dir, 'localhost.key')),
      };
      // Said here, else the first sign is curl's "self-signed certificate" or a browser warning.
      console.warn(`The Office dev CA is not trusted on this machine (${String(e.message).split('\n')[0]}).
  Browsers will warn; curl needs: curl --cacert ${path.join(dir, 'ca.crt')} https://localhost:3000/taskpane.html
  To trust it (Windows, Mac, or Linux with sudo): npx office-addin-dev-certs install`);
      return options;
    } catch {
      console.warn(`Office dev certificates unavailable (${String(e.message).split('\n')[0]}); serving over plain HTTP.`);
      return undefined;
    }
  }
}

export async function startPane({ workerUrl = 'http://127.0.0.1:8787', port = PANE_PORT } = {}) {
  const { createServer } = await import('vite');
  const https = await devCertificates();
  const server = await createServer({
    configFile: path.join(repo, 'addin/vite.config.ts'),
    server: {
      port,
      strictPort: true,
      host: 'localhost',
      ...(https ? { https } : {}),
      proxy: { '/api': { target: workerUrl, changeOrigin: true } },
    },
  });
  await server.listen();
  recordPid('pane', process.pid);
  const url = `${https ? 'https' : 'http'}://localhost:${port}`;
  printPane(url, workerUrl);
  return server;
}

export function printPane(url, workerUrl) {
  console.log(`
Task pane: ${url}/taskpane.html   (API proxied to ${workerUrl})
  In a plain browser: open the URL above (browser mode: drop an .xlsx file).
  In Excel on the web: Insert > Add-ins > Upload My Add-in > manifest.xml
  Stop everything: npm run stop
`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await startPane({ workerUrl: process.argv[2] ?? process.env.DUESBOOK_WORKER_URL ?? 'http://127.0.0.1:8787' });
}
