/**
 * The consolidated workbook for 1,000 branches × 50 members over a year (50,000 member lines,
 * 1,003 sheets), written by the streaming fflate writer (shipped) and by exceljs (compared).
 *
 * Node: each writer runs in a child process of its own, so peak RSS belongs to that writer.
 * workerd: each writer runs in a fresh Miniflare (the runtime the worker ships in); workerd
 * exposes no memory or CPU counters to the isolate, so the workerd process is read from /proc
 * (utime+stime delta for CPU, VmHWM − idle RSS for peak memory). Prints figures, asserts nothing.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

type Writer = 'stream' | 'exceljs';
const WRITERS: Writer[] = ['stream', 'exceljs'];
const SHAPE = { period: '2026', generals: 50, branches: 20, members: 50 };
const MB = 1024 * 1024;
const self = fileURLToPath(import.meta.url);

async function child(writer: Writer): Promise<void> {
  const { syntheticReport } = await import('./report-synthetic');
  const { reportLayout } = await import('../worker/src/reports/layout');
  const { writeXlsxStream } = await import('../worker/src/reports/xlsx-stream');
  const { writeXlsxExcelJs } = await import('./xlsx-exceljs');
  const input = syntheticReport({ period: SHAPE.period, generals: SHAPE.generals, branchesPerGeneral: SHAPE.branches, membersPerBranch: SHAPE.members });
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const bytes = writer === 'exceljs' ? await writeXlsxExcelJs(reportLayout(input)) : writeXlsxStream(reportLayout(input));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({
    wallMs: wall,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBeforeMb: before.rss / MB,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapBeforeMb: before.heapUsed / MB,
    outMb: bytes.length / MB,
  }));
}

/**
 * Runs a child in a process group of its own and, once it has exited, ends whatever is left in
 * that group: a child that runs out of memory dies before Miniflare's dispose(), and its workerd
 * would otherwise live on as an orphan.
 */
function spawnGroup(args: string[]): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    c.on('close', (status) => {
      if (c.pid) {
        try {
          process.kill(-c.pid, 'SIGKILL');
        } catch {
          // the group is already empty
        }
      }
      resolve({ status, stdout });
    });
  });
}

async function node(writer: Writer, heapMb = 4096): Promise<Record<string, number> | null> {
  const r = await spawnGroup(['--expose-gc', `--max-old-space-size=${heapMb}`, '--import', 'tsx', self, '--child', writer]);
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout) as Record<string, number>;
}

const TICK = 100; // USER_HZ on Linux

function procStat(pid: number): { cpuMs: number; rssMb: number; hwmMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / TICK, rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

function workerdPids(): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'workerd') out.push(Number(d));
    } catch { /* the process ended */ }
  }
  return out;
}

async function workerd(writer: Writer, script: string): Promise<Record<string, number | string>> {
  const { Miniflare } = await import('miniflare');
  const mf = new Miniflare({ modules: true, script, compatibilityDate: '2026-04-01', compatibilityFlags: ['nodejs_compat'] });
  try {
    await mf.ready;
    const pid = workerdPids()[0];
    if (!pid) throw new Error('workerd process not found');
    // Warm the isolate with a tiny run so start-up is not counted.
    await (await mf.dispatchFetch(`http://bench/?writer=${writer}&generals=1&branches=1&members=1`)).text();
    const idle = procStat(pid);
    const q = new URLSearchParams({ writer, period: SHAPE.period, generals: String(SHAPE.generals), branches: String(SHAPE.branches), members: String(SHAPE.members) });
    const t0 = performance.now();
    const res = await mf.dispatchFetch(`http://bench/?${q}`);
    const body = await res.text();
    const wall = performance.now() - t0;
    const after = procStat(pid);
    if (!res.ok) return { error: `${res.status} ${body.slice(0, 200)}` };
    const j = JSON.parse(body) as { bytes: number; perfMs: number; dateMs: number };
    return {
      wallMs: wall,
      cpuMs: after.cpuMs - idle.cpuMs,
      isolateClockMs: j.perfMs,
      idleRssMb: idle.rssMb,
      peakRssMb: after.hwmMb,
      peakOverIdleMb: after.hwmMb - idle.rssMb,
      outMb: j.bytes / MB,
    };
  } finally {
    await mf.dispose();
  }
}

const D1_DIR = fileURLToPath(new URL('./out/report-d1', import.meta.url));
const WORKER_BINDINGS = { ID_HMAC_KEY: 'bench-key', AUDIT_HMAC_KEY: 'bench-audit-key-0123' };

/** Seeds the committee's four quarters once into a persisted local D1 the route runs read. */
async function seedOnce(): Promise<number> {
  const { Miniflare } = await import('miniflare');
  const { syntheticReport } = await import('./report-synthetic');
  const { applyMigrations, seedYear } = await import('./report-seed');
  rmSync(D1_DIR, { recursive: true, force: true });
  const mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response(null) } }', compatibilityDate: '2026-04-01', d1Databases: ['DB'], d1Persist: D1_DIR });
  try {
    const db = await mf.getD1Database('DB');
    await applyMigrations(db as never, fileURLToPath(new URL('../worker/migrations', import.meta.url)));
    const input = syntheticReport({ period: '2026', generals: SHAPE.generals, branchesPerGeneral: SHAPE.branches, membersPerBranch: SHAPE.members });
    return (await seedYear(db as never, input, 'dbk_bench_leader')).rows;
  } finally {
    await mf.dispose();
  }
}

/**
 * The whole route inside workerd: the real worker bundle on the seeded D1, GET
 * /api/reports/{period}.xlsx with a leader token. The local D1 runs in the same workerd process,
 * so its SQLite work and result copies are in these figures too (an upper bound).
 */
async function route(period: string): Promise<Record<string, number | string>> {
  const { Miniflare } = await import('miniflare');
  const script = await bundle('../worker/src/index.ts');
  const mf = new Miniflare({ modules: true, script, compatibilityDate: '2026-04-01', d1Databases: ['DB'], d1Persist: D1_DIR, bindings: WORKER_BINDINGS });
  try {
    await mf.ready;
    const pid = workerdPids()[0];
    if (!pid) throw new Error('workerd process not found');
    await (await mf.dispatchFetch('http://bench/api/health')).text();
    const idle = procStat(pid);
    const t0 = performance.now();
    const res = await mf.dispatchFetch(`http://bench/api/reports/${period}.xlsx`, { headers: { Authorization: 'Bearer dbk_bench_leader' } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const wall = performance.now() - t0;
    const after = procStat(pid);
    if (!res.ok) return { error: `${res.status} ${new TextDecoder().decode(bytes.slice(0, 300))}` };
    return { wallMs: wall, cpuMs: after.cpuMs - idle.cpuMs, idleRssMb: idle.rssMb, peakRssMb: after.hwmMb, peakOverIdleMb: after.hwmMb - idle.rssMb, outMb: bytes.length / MB };
  } finally {
    await mf.dispose();
  }
}

/**
 * What the isolate itself holds, without the D1 simulator: the route's own loader (load.ts) and
 * writer run in a Node child whose V8 heap is capped, reading the same D1 through Miniflare.
 */
async function routeChild(period: string): Promise<void> {
  const { Miniflare } = await import('miniflare');
  const { loadReportInput } = await import('../worker/src/reports/load');
  const { buildReport } = await import('../worker/src/reports/build');
  const mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response(null) } }', compatibilityDate: '2026-04-01', d1Databases: ['DB'], d1Persist: D1_DIR });
  try {
    const db = (await mf.getD1Database('DB')) as unknown as Parameters<typeof loadReportInput>[0];
    const root = await db.prepare("SELECT id, code, name, kind, parent_id, root_id, path FROM orgs WHERE kind = '党委'").first();
    (globalThis as { gc?: () => void }).gc?.();
    const baseMb = process.memoryUsage().heapUsed / MB;
    const c0 = process.cpuUsage();
    const bytes = buildReport(await loadReportInput(db, root as never, period, 'leader', new Date()));
    const cpu = process.cpuUsage(c0);
    process.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, outMb: bytes.length / MB, baseMb }));
  } finally {
    await mf.dispose();
  }
}

async function routeInNode(period: string, heapMb: number): Promise<Record<string, number> | null> {
  const r = await spawnGroup(['--expose-gc', `--max-old-space-size=${heapMb}`, '--import', 'tsx', self, '--route-child', period]);
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout) as Record<string, number>;
}

async function bundle(entry = './report-worker.ts'): Promise<string> {
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, minify: false,
    conditions: ['workerd', 'worker', 'browser'], logLevel: 'silent',
  });
  return r.outputFiles[0]!.text;
}

const f1 = (x: unknown) => (typeof x === 'number' ? x.toFixed(1) : String(x));

async function main(): Promise<void> {
  const i = process.argv.indexOf('--child');
  if (i >= 0) return child(process.argv[i + 1] as Writer);
  const j = process.argv.indexOf('--route-child');
  if (j >= 0) return routeChild(process.argv[j + 1]!);
  console.log(`report workbook: ${SHAPE.generals * SHAPE.branches} branches × ${SHAPE.members} members, period ${SHAPE.period} (12 months); ${cpus().length} cores ${cpus()[0]?.model ?? ''}`);
  // `--route` (after `--`) runs only the end-to-end section.
  if (process.argv.includes('--route')) return routeSection();
  console.log('\nNode (child process per writer):');
  console.log('writer   wall ms   cpu ms   rss before MB   max rss MB   out MB');
  for (const w of WRITERS) {
    const r = await node(w);
    if (!r) { console.log(`${w.padEnd(8)} failed`); continue; }
    console.log(`${w.padEnd(8)} ${f1(r.wallMs).padStart(7)} ${f1(r.cpuMs).padStart(8)} ${f1(r.rssBeforeMb).padStart(15)} ${f1(r.maxRssMb).padStart(12)} ${f1(r.outMb).padStart(8)}`);
  }
  // A Worker isolate has 128 MB for everything: the input (built in the same process here, as the
  // route builds it from D1) plus the writer. Node's V8 heap capped at 128 MB shows which fits.
  console.log('\nNode with the V8 heap capped (input + generation in one heap):');
  for (const cap of [128, 96]) {
    for (const w of WRITERS) {
      const r = await node(w, cap);
      console.log(`${w.padEnd(8)} heap ≤ ${cap} MB: ${r ? `completed, cpu ${f1(r.cpuMs)} ms` : 'ran out of memory'}`);
    }
  }
  let script: string;
  try {
    script = await bundle();
  } catch (e) {
    console.log(`workerd: could not bundle the bench worker: ${String(e)}`);
    return;
  }
  console.log('\nworkerd (fresh Miniflare per writer; CPU and memory of the workerd process from /proc):');
  console.log('writer   wall ms   cpu ms   isolate clock ms   idle rss MB   peak rss MB   peak-idle MB   out MB');
  for (const w of WRITERS) {
    const r = await workerd(w, script);
    if ('error' in r) { console.log(`${w.padEnd(8)} failed: ${r.error}`); continue; }
    console.log(`${w.padEnd(8)} ${f1(r.wallMs).padStart(7)} ${f1(r.cpuMs).padStart(8)} ${f1(r.isolateClockMs).padStart(18)} ${f1(r.idleRssMb).padStart(13)} ${f1(r.peakRssMb).padStart(13)} ${f1(r.peakOverIdleMb).padStart(14)} ${f1(r.outMb).padStart(8)}`);
  }
  await routeSection();
  console.log('\nWorker limits: 128 MB memory per isolate; CPU per request 30 s by default on the paid plan (configurable to 5 min).');
}

async function routeSection(): Promise<void> {
  let rows: number;
  try {
    rows = await seedOnce();
  } catch (e) {
    console.log(`\nroute: could not seed the local D1: ${String(e).slice(0, 300)}`);
    return;
  }
  console.log(`\nThe route in workerd: D1 with four quarters (${rows} member rows) → GET /api/reports/{period}.xlsx, leader token:`);
  console.log('period     wall ms   cpu ms   idle rss MB   peak rss MB   peak-idle MB   out MB');
  for (const p of ['2026Q3', '2026']) {
    try {
      const r = await route(p);
      if ('error' in r) { console.log(`${p.padEnd(8)} failed: ${r.error}`); continue; }
      console.log(`${p.padEnd(8)} ${f1(r.wallMs).padStart(9)} ${f1(r.cpuMs).padStart(8)} ${f1(r.idleRssMb).padStart(13)} ${f1(r.peakRssMb).padStart(13)} ${f1(r.peakOverIdleMb).padStart(14)} ${f1(r.outMb).padStart(8)}`);
    } catch (e) {
      console.log(`${p.padEnd(8)} failed: ${String(e).slice(0, 300)}`);
    }
  }
  // Node + tsx + Miniflare's client already hold ~75 MB of heap; the cap is that baseline plus a
  // budget, so "completed" means the route's own data fit in the budget.
  const probe = await routeInNode('2026Q3', 1024);
  if (!probe) { console.log('route in Node: failed'); return; }
  const base = Math.ceil(probe.baseMb!);
  console.log(`\nThe route's loader + writer alone (Node child, V8 heap capped at its ${base} MB baseline + a budget, same D1 via Miniflare):`);
  for (const p of ['2026Q3', '2026']) {
    for (const budget of [48, 80]) {
      const r = await routeInNode(p, base + budget);
      console.log(`${p.padEnd(8)} budget ${budget} MB: ${r ? `completed, cpu ${f1(r.cpuMs)} ms, ${f1(r.outMb)} MB` : 'ran out of memory'}`);
    }
  }
}

await main();
