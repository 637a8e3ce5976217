// Type-check each part under its own settings: shared/ (no DOM, no Node), cli/, addin/ (DOM),
// worker/ (Workers types), tests/ and bench/. A part without a tsconfig yet is skipped.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'cli', 'addin', 'worker', 'tests', 'tests/addin', 'tests/e2e', 'tests/worker', 'bench'];
let failed = false;
for (const dir of projects) {
  const cfg = `${dir}/tsconfig.json`;
  if (!existsSync(cfg)) continue;
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', cfg], { stdio: 'inherit' });
  console.log(`typecheck ${dir}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
