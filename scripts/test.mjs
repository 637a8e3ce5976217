// `npm test`: every check, offline, in order — lint, types, manifest, then each vitest suite
// (each has its own config because each runs in its own environment: node, jsdom, workerd,
// a real browser). Prints one closing line "N passed, N failed" and fails if anything failed.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const steps = [
  { name: 'lint', cmd: ['npm', 'run', '-s', 'lint'] },
  { name: 'typecheck', cmd: ['npm', 'run', '-s', 'typecheck'] },
  { name: 'validate', cmd: ['npm', 'run', '-s', 'validate'], when: 'scripts/validate-manifest.mjs' },
  { name: 'unit', vitest: 'vitest.config.ts' },
  { name: 'addin', vitest: 'addin/vitest.config.ts' },
  { name: 'worker', vitest: 'worker/vitest.config.ts' },
  { name: 'e2e', vitest: 'tests/e2e/vitest.config.ts' },
];

const only = process.argv.slice(2);
const unknown = only.filter((n) => !steps.some((s) => s.name === n));
if (unknown.length) {
  console.error(`unknown suite ${unknown.join(', ')}; one of: ${steps.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const outDir = 'test-results';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
const failedSteps = [];
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  // A suite whose config is missing is a failure, not a skip: a renamed config must not make
  // a whole suite vanish from CI in silence. Only the optional manifest step may be absent.
  if (step.vitest && !existsSync(step.vitest)) {
    console.log(`\n== ${step.name} ==\nmissing suite config ${step.vitest}`);
    failedSteps.push(step.name);
    failed += 1;
    continue;
  }
  if (step.when && !existsSync(step.when)) continue;
  console.log(`\n== ${step.name} ==`);
  const out = `${outDir}/${step.name}.json`;
  const cmd = step.vitest
    ? ['npx', 'vitest', 'run', '--config', step.vitest, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]
    : step.cmd;
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  if (step.vitest && existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    passed += j.numPassedTests ?? 0;
    failed += j.numFailedTests ?? 0;
  } else if (!step.vitest) {
    if (r.status === 0) passed += 1; else failed += 1;
  }
  if (r.status !== 0) {
    failedSteps.push(step.name);
    if (step.vitest && !existsSync(out)) failed += 1; // the suite did not even start
  }
}
if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed ? 1 : 0);
