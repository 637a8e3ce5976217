#!/usr/bin/env node
// The `duesbook` command. Runs the built bundle, dist/cli/ (made by `npm install`'s prepare step
// and by `npm run build`, scripts/build-cli.mjs), which starts in about the time of `node -e 0`.
// While the bundle is missing or older than the TypeScript it is built from (a developer editing
// cli/ or shared/), runs those sources through tsx instead, so an edit is never run stale;
// DUESBOOK_FROM_SOURCE=1 does that always.
import { readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const bundle = new URL('dist/cli/main.cjs', root);

/** Newest modification time among the sources the bundle is built from (0: none here). */
function newestSource() {
  let newest = 0;
  for (const dir of ['cli', 'shared', 'worker/seed']) {
    let entries;
    try {
      entries = readdirSync(new URL(`${dir}/`, root), { recursive: true });
    } catch {
      continue;
    }
    for (const name of entries) {
      if (!name.endsWith('.ts')) continue;
      const t = statSync(new URL(`${dir}/${name}`, root)).mtimeMs;
      if (t > newest) newest = t;
    }
  }
  return newest;
}

let built = 0;
try {
  built = statSync(bundle).mtimeMs;
} catch {
  // not built
}

let main;
if (built && !process.env.DUESBOOK_FROM_SOURCE && built >= newestSource()) {
  ({ main } = await import(bundle.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
