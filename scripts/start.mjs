// `npm start`: the whole system locally. The worker: local D1 migrated, the demo 党委 seeded on
// first run, `wrangler dev` on http://127.0.0.1:8787, one token per role printed (remembered in
// .duesbook/dev-tokens.json). The pane: Vite over HTTPS on https://localhost:3000 (Office dev
// certificates), /api proxied to the worker, with how to sideload manifest.xml (start-pane.mjs).
// Ctrl+C or `npm run stop` ends it.
import { printTokens, startWorker } from './start-worker.mjs';
import { startPane } from './start-pane.mjs';

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

const end = () => {
  worker.stop();
  void pane?.close();
  process.exit(0);
};
process.on('SIGINT', end);
process.on('SIGTERM', end);
