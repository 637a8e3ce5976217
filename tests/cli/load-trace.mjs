// Preloaded with `node --import` by tests/cli/startup.test.ts: records every module URL the
// process resolves into the file LOADS_FILE names, one per line.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (process.env.LOADS_FILE) appendFileSync(process.env.LOADS_FILE, r.url + '\\n');
  return r;
}
`));
