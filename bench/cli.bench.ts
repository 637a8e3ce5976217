/**
 * `npm run bench -- cli`: how fast the command line starts. `duesbook --help` and `duesbook
 * check` on the 43-member sample, bundled (dist/cli/, what bin/duesbook.mjs runs) and from
 * source through tsx (DUESBOOK_FROM_SOURCE=1, the development path), against `node -e 0`.
 * Each run is a fresh process; wall time, and CPU time (the child's user + system, from
 * /proc/self/stat's cutime/cstime) which suffers less when other work shares the cores.
 * Prints figures and ratios, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin/duesbook.mjs');
const sample = path.resolve(repo, '../shared/fixtures/branch-sample-2026.xlsx');
const TICK_MS = 10; // USER_HZ = 100 on Linux

function childCpuMs(): number {
  const f = readFileSync('/proc/self/stat', 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[13]) + Number(rest[14])) * TICK_MS; // fields 16 and 17: cutime, cstime
}

interface Case { label: string; args: string[]; env?: Record<string, string> }

const cases: Case[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'duesbook --help (bundle)', args: [bin, '--help'] },
  { label: 'duesbook --help (tsx, from source)', args: [bin, '--help'], env: { DUESBOOK_FROM_SOURCE: '1' } },
  { label: 'duesbook check sample (bundle)', args: [bin, 'check', sample, '--as-of', '2026-09-30', '--json'] },
  { label: 'duesbook check sample (tsx)', args: [bin, 'check', sample, '--as-of', '2026-09-30', '--json'], env: { DUESBOOK_FROM_SOURCE: '1' } },
];

const build = spawnSync(process.execPath, [path.join(repo, 'scripts/build-cli.mjs')], { encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build-cli failed: ${build.stderr}`);

const RUNS = Number(process.env.RUNS ?? 15);
const wall: number[][] = cases.map(() => []);
const cpu: number[][] = cases.map(() => []);
for (let i = 0; i < RUNS; i++) {
  cases.forEach((c, k) => {
    const c0 = childCpuMs();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, c.args, { cwd: repo, env: { ...process.env, NO_COLOR: '1', ...c.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const t = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${c.label} exited ${r.status}: ${r.stderr}`);
    wall[k]!.push(t);
    cpu[k]!.push(childCpuMs() - c0);
  });
}
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);
console.log(`cli: ${RUNS} fresh processes each, interleaved; load average ${os.loadavg()[0]!.toFixed(1)}`);
console.log(`${''.padEnd(38)}${'wall median'.padStart(12)}${'best'.padStart(9)}${'× node'.padStart(9)}${'CPU median'.padStart(12)}${'× node'.padStart(9)}`);
const base = { wall: median(wall[0]!), best: min(wall[0]!), cpu: median(cpu[0]!) };
cases.forEach((c, k) => {
  const w = median(wall[k]!);
  const b = min(wall[k]!);
  const u = median(cpu[k]!);
  console.log(`${c.label.padEnd(38)}${`${w.toFixed(0)} ms`.padStart(12)}${`${b.toFixed(0)} ms`.padStart(9)}${`${(b / base.best).toFixed(2)}×`.padStart(9)}${`${u.toFixed(0)} ms`.padStart(12)}${`${(u / Math.max(base.cpu, 1)).toFixed(2)}×`.padStart(9)}`);
});
console.log('targets: duesbook --help ≤ 1.5× node -e 0 (best runs compared: the least disturbed by other work); check on the sample ≤ 0.3 s');
