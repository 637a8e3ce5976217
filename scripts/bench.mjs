// `npm run bench`: runs every bench/*.bench.ts in turn through tsx; each prints its own figures.
// `npm run bench -- checker` runs only the benches whose file name contains "checker"
// (`-- reader`, `-- cli`, `-- browser`: the pane in chromium, file chosen → findings and the
// longest main-thread task; extra arguments after the names go to the bench, e.g. `--runs=3`).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const filter = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passed = process.argv.slice(2).filter((a) => a.startsWith('--'));
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => !filter.length || filter.some((w) => f.includes(w)));
let failed = 0;
for (const f of files) {
  console.log(`\n### bench/${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${f}`, ...passed], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
