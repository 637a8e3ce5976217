// `npm start`: the whole system locally. The worker: local D1 migrated, the demo 党委 seeded on
// first run, `wrangler dev` on http://127.0.0.1:8787, one token per role printed (remembered in
// .duesbook/dev-tokens.json). The pane: Vite over HTTPS on https://localhost:3000 (Office dev
// certificates), /api proxied to the worker (start-pane.mjs). Then, on Windows or Mac with
// office-addin-debugging installed, desktop Excel opens with manifest.xml sideloaded, as the
// Office template's `npm start` does; elsewhere (Linux, CI, the tool missing) it says why not
// (sideload.mjs decides). Ctrl+C or `npm run stop` ends it and removes the sideloaded add-in.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTokens, startWorker } from './start-worker.mjs';
import { startPane, PANE_PORT } from './start-pane.mjs';
import { explainNoSideload, findTool, sideloadPlan } from './sideload.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Read by stop.mjs: the command that removes what was sideloaded. */
export const SIDELOAD_FILE = path.join(repo, '.duesbook', 'sideload.json');

const worker = await startWorker({ record: true });
console.log(`
Duesbook worker   ${worker.url}
  API             ${worker.url}/api/…   (no token: /api/health, /api/openapi.json; every other route needs a bearer token)
  tokens (role, organisation, bearer token):
${printTokens(worker.tokens)}

  try: curl -H "Authorization: Bearer <token>" ${worker.url}/api/rollups/2026Q3
`);

let pane = null;
try {
  pane = await startPane({ workerUrl: worker.url });
} catch (e) {
  console.error(`The task pane's dev server did not start (${e.message}); the worker also serves the built pane (npm run build) at ${worker.url}/taskpane.html.`);
}

const plan = pane
  ? sideloadPlan({ platform: process.platform, env: process.env, tool: findTool(repo), node: process.execPath, port: PANE_PORT })
  : { sideload: false, reason: 'the task pane is not being served' };
if (plan.sideload) {
  console.log('Opening desktop Excel with the add-in sideloaded (office-addin-debugging)…');
  mkdirSync(path.dirname(SIDELOAD_FILE), { recursive: true });
  writeFileSync(SIDELOAD_FILE, JSON.stringify({ stop: plan.stop }, null, 2));
  const child = spawn(plan.start[0], plan.start.slice(1), { cwd: repo, stdio: 'inherit' });
  child.on('exit', (code) => {
    if (code) console.error(`office-addin-debugging exited with ${code}; sideload by hand: npx office-addin-debugging start manifest.xml desktop`);
  });
} else {
  console.log(explainNoSideload(plan.reason));
}

const end = () => {
  worker.stop();
  void pane?.close();
  process.exit(0);
};
process.on('SIGINT', end);
process.on('SIGTERM', end);
