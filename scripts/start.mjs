// `npm start`: the whole system locally. The worker: local D1 migrated, the demo 党委 seeded on
// first run, `wrangler dev` on http://127.0.0.1:8787, one token per role printed (remembered in
// .duesbook/dev-tokens.json). Ctrl+C or `npm run stop` ends it.
import { printTokens, startWorker } from './start-worker.mjs';

const worker = await startWorker({ record: true });
console.log(`
Duesbook worker   ${worker.url}
  API             ${worker.url}/api   (OpenAPI: ${worker.url}/api/openapi.json)
  tokens (role, organisation, bearer token):
${printTokens(worker.tokens)}

  try: curl -H "Authorization: Bearer <token>" ${worker.url}/api/rollups/2026Q3
`);

const end = () => {
  worker.stop();
  process.exit(0);
};
process.on('SIGINT', end);
process.on('SIGTERM', end);
