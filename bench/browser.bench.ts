/// <reference lib="dom" />
/**
 * `npm run bench -- browser`: the pane in browser mode in Debian's chromium (playwright-core,
 * headless), on the checker bench's 10,000-member workbook (bench/out/branch-10000.xlsx, the
 * reader bench's file): the time from the file chosen (the input's change event) to the
 * findings' summary on screen (and on to the first group's items all mounted, as they come in
 * slices after it), and the longest task on the page's main thread meanwhile
 * (PerformanceObserver 'longtask': any task over 50 ms; the issue's target is none). Beside it,
 * in this Node process and the same run, the same bytes read and checked (shared/xlsx/read.ts +
 * checkWorkbook) as the floor the page is compared with. Several page loads, medians; figures
 * only, nothing asserted. `--members=100000` for the larger branch (slow: minutes).
 *
 * The pane is built with vite into a temporary directory and served by a small static server
 * here (browser mode needs no API: /api answers 404, the pane runs signed out); office.js is
 * blocked so the pane starts in browser mode, as tests/e2e do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { readWorkbook } from '../shared/xlsx/read';
import { checkWorkbook } from '../shared/check';
import { branchWorkbookFile } from './workbook-file';

const repo = fileURLToPath(new URL('..', import.meta.url));
const AS_OF = '2026-09-30';
const MEMBERS = Number(process.argv.find((a) => a.startsWith('--members='))?.slice(10) ?? 10_000);
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? (MEMBERS > 20_000 ? 2 : 5));
/** `--trace`: also take a chromium trace per load and report its longest main-thread tasks of any length (the long-task API sees only those over 50 ms). */
const TRACE = process.argv.includes('--trace');
// (`--no-minify` builds the pane unminified, so a trace names the functions; slower, for finding causes only.)
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function buildPane(dir: string): void {
  const r = spawnSync(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'addin/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn', ...(process.argv.includes('--no-minify') ? ['--minify', 'false'] : [])], {
    cwd: repo, encoding: 'utf8', timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`vite build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml', '.wasm': 'application/wasm',
};

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, path.normalize(p).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir) || !existsSync(file) || p.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not here"}');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve({ url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, server });
  }));
}

/**
 * In the page before any script: long tasks and the moments of the file chosen and the findings
 * shown. A string, not a function: tsx (esbuild keepNames) would wrap a function's inner
 * functions in a helper the page does not have.
 */
const pageProbe = (members: number) => `(() => {
  const b = window.__bench = { longtasks: [], chosen: 0, shown: 0, settled: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.addEventListener('change', () => { if (!b.chosen) { b.chosen = performance.now(); performance.mark('bench-chosen'); } }, true);
  const want = ${JSON.stringify(`党员 ${members} 人 · 错误`)};
  // The summary line is a status element (CheckView): its text is cheap to read, unlike the page's innerText.
  new MutationObserver(() => {
    if (!b.shown) {
      for (const el of document.querySelectorAll('[role=status]')) if (el.textContent && el.textContent.includes(want)) b.shown = performance.now();
    }
    // Settled: the first group's items are on screen and no list is still mounting its slices.
    if (b.shown && !b.settled && document.querySelector('[data-goto]') && !document.querySelector('ul[aria-busy=true]')) { b.settled = performance.now(); performance.mark('bench-settled'); }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface PageRun { toFindingsMs: number; toSettledMs: number; longestMs: number; longTasks: number; longTotalMs: number; beforeChosen: number; when: string; traced?: { ms: number; what: string }[] }

/**
 * `--profile` (with --trace): the JS sampling profile in the trace; for a task, the functions on
 * the most samples' stacks within it (inclusive), to tell which component or step filled it.
 */
const PROFILE = process.argv.includes('--profile');

interface ProfileNode { id: number; parent?: number; callFrame: { functionName: string; url: string } }

function sampled(events: { name: string; ph: string; pid: number; tid: number; id?: string; args?: unknown }[], pid: number, tid: number) {
  const nodes = new Map<number, ProfileNode>();
  const samples: { ts: number; node: number }[] = [];
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid);
  const start = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid) as { id?: string; args?: { data?: { startTime?: number } } } | undefined;
  let ts = start?.args?.data?.startTime ?? 0;
  for (const c of chunks) {
    if (start?.id && c.id !== start.id) continue;
    const d = (c.args as { data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } }).data;
    for (const n of d?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    (d?.cpuProfile?.samples ?? []).forEach((node, k) => {
      ts += d?.timeDeltas?.[k] ?? 0;
      samples.push({ ts, node });
    });
  }
  return (from: number, to: number): string => {
    const counts = new Map<string, number>();
    let n = 0;
    for (const x of samples) {
      if (x.ts < from || x.ts > to) continue;
      n++;
      const seen = new Set<string>();
      for (let id: number | undefined = x.node; id !== undefined; id = nodes.get(id)?.parent) {
        const f = nodes.get(id)?.callFrame.functionName;
        if (f && !seen.has(f)) seen.add(f);
      }
      for (const f of seen) counts.set(f, (counts.get(f) ?? 0) + 1);
    }
    return `${n} samples: ` + [...counts].filter(([f]) => !/^\(|^(performWorkUntilDeadline|flushWork|workLoop|workLoopSync|workLoopConcurrent|renderRootSync|renderRootConcurrent|performUnitOfWork|beginWork|completeWork|performWorkOnRoot|performWorkOnRootViaSchedulerTask|runWithFiberInDEV)$/.test(f))
      .sort((a, b) => b[1] - a[1]).slice(0, 12).map(([f, k]) => `${f} ${k}`).join(', ');
  };
}

interface TraceEvent { name: string; cat?: string; ph: string; ts: number; dur?: number; pid: number; tid: number }

/**
 * The page's main-thread tasks between the file chosen and the list settled, longest first (ms):
 * the RunTask events on the thread that recorded the two performance marks.
 */
function tracedTasks(trace: Buffer): { ms: number; what: string }[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: (TraceEvent & { args?: { data?: { functionName?: string; url?: string } } })[] }).traceEvents;
  const mark = (name: string) => events.find((e) => e.name === name && (e.cat ?? '').includes('blink.user_timing'));
  const from = mark('bench-chosen');
  const to = mark('bench-settled');
  if (!from || !to) return [];
  const mine = events.filter((e) => e.ph === 'X' && e.pid === from.pid && e.tid === from.tid);
  const tasks = mine.filter((e) => e.name === 'RunTask' && e.ts + (e.dur ?? 0) >= from.ts && e.ts <= to.ts).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  // What filled each of the longest: its largest inner events (a script's function and file, layout, GC…).
  const SKIP = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'SimpleWatcher::OnHandleReady', 'Receive mojo message']);
  const profile = PROFILE ? sampled(events, from.pid, from.tid) : null;
  return tasks.map((t, i) => {
    if (i >= 3) return { ms: (t.dur ?? 0) / 1000, what: '' };
    if (profile) return { ms: (t.dur ?? 0) / 1000, what: profile(t.ts, t.ts + (t.dur ?? 0)) };
    const inner = mine.filter((e) => e !== t && !SKIP.has(e.name) && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && (e.dur ?? 0) > 2000)
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 4)
      .map((e) => `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}${e.args?.data?.url ? ` ${e.args.data.url.replace(/^.*\//, '')}` : ''} ${((e.dur ?? 0) / 1000).toFixed(0)}`);
    return { ms: (t.dur ?? 0) / 1000, what: inner.join('; ') };
  });
}

async function main(): Promise<void> {
  const file = await branchWorkbookFile(MEMBERS);
  const bytes = new Uint8Array(readFileSync(file));
  const dist = mkdtempSync(path.join(os.tmpdir(), 'duesbook-bench-pane-'));
  console.log(`browser: chromium headless, ${MEMBERS.toLocaleString('en')} members (${(bytes.length / 2 ** 20).toFixed(2)} MB), ${RUNS} page loads; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
  buildPane(dist);
  const { url, server } = await serve(dist);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const runs: PageRun[] = [];
  const nodeMs: number[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'zh-CN' });
    await context.addInitScript(pageProbe(MEMBERS));
    await context.route('https://appsforoffice.microsoft.com/**', (r) => r.abort());
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      await page.goto(`${url}/taskpane.html?today=${AS_OF}`);
      await page.getByText('浏览器模式').waitFor({ timeout: 60_000 });
      // Let the start-up settle, so its own long tasks (script evaluation) are told apart.
      await page.waitForTimeout(1000);
      if (TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', ...(PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : [])] });
      await page.getByTestId('file-input').setInputFiles(file);
      try {
        await page.waitForFunction(() => (window as unknown as { __bench: { settled: number } }).__bench.settled > 0, undefined, { timeout: Number(process.env.BENCH_PAGE_TIMEOUT_MS ?? 300_000), polling: 50 });
      } catch (e) {
        console.log(`no findings in time; the page says: ${(await page.evaluate(() => document.body.innerText)).slice(0, 600)}`);
        console.log(JSON.stringify(await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)));
        throw e;
      }
      // Long tasks are reported after they end: give the last one a moment to arrive.
      await page.waitForTimeout(300);
      const traced = TRACE ? tracedTasks(await browser.stopTracing()) : undefined;
      const b = await page.evaluate(() => (window as unknown as { __bench: { longtasks: { start: number; duration: number }[]; chosen: number; shown: number; settled: number } }).__bench);
      // Up to the list settled, not just the summary: the items mount after it, in slices.
      const during = b.longtasks.filter((t) => t.start + t.duration >= b.chosen && t.start <= b.settled);
      runs.push({
        toFindingsMs: b.shown - b.chosen,
        toSettledMs: b.settled - b.chosen,
        longestMs: Math.max(0, ...during.map((t) => t.duration)),
        longTasks: during.length,
        longTotalMs: during.reduce((s, t) => s + t.duration, 0),
        beforeChosen: b.longtasks.filter((t) => t.start + t.duration < b.chosen).length,
        // Where each fell: ms after the file was chosen, and its length (the findings shown at the end).
        ...(traced ? { traced } : {}),
        when: `${during.map((t) => `+${(t.start - b.chosen).toFixed(0)} (${t.duration.toFixed(0)} ms)`).join(', ') || 'none'} of ${(b.settled - b.chosen).toFixed(0)} ms`,
      });
      await page.close();
      // The same bytes in this process, interleaved with the page loads so load from elsewhere touches both.
      const t0 = performance.now();
      const grids = await readWorkbook(bytes);
      const res = checkWorkbook(grids, { asOf: AS_OF });
      nodeMs.push(performance.now() - t0);
      if (res.summary.members !== MEMBERS) throw new Error(`node read ${res.summary.members} members, expected ${MEMBERS}`);
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dist, { recursive: true, force: true });
  }
  const pad = (s: string) => s.padEnd(44);
  const page = median(runs.map((r) => r.toFindingsMs));
  const node = median(nodeMs);
  const longest = median(runs.map((r) => r.longestMs));
  console.log(`${pad('file chosen → findings shown (page)')}${page.toFixed(0)} ms  (runs: ${runs.map((r) => r.toFindingsMs.toFixed(0)).join(', ')})`);
  console.log(`${pad('… → the first group\'s items all on screen')}${median(runs.map((r) => r.toSettledMs)).toFixed(0)} ms  (runs: ${runs.map((r) => r.toSettledMs.toFixed(0)).join(', ')})`);
  console.log(`${pad('read + check of the same bytes (Node, here)')}${node.toFixed(0)} ms  → page / Node ${(page / node).toFixed(2)}×`);
  console.log(`${pad('longest main-thread task meanwhile')}${longest.toFixed(0)} ms  (${(longest / 50).toFixed(2)}× the 50 ms long-task line; runs: ${runs.map((r) => r.longestMs.toFixed(0)).join(', ')})`);
  console.log(`${pad('long tasks meanwhile (> 50 ms)')}${median(runs.map((r) => r.longTasks))} tasks, ${median(runs.map((r) => r.longTotalMs)).toFixed(0)} ms in all  (median; share of the wait ${(100 * median(runs.map((r) => r.longTotalMs)) / page).toFixed(0)} %)`);
  for (const [i, r] of runs.entries()) console.log(`  run ${i + 1}: long tasks at ${r.when}`);
  if (TRACE) {
    const top = runs.map((r) => r.traced?.[0]?.ms ?? 0);
    console.log(`${pad('longest main-thread task (trace, any length)')}${median(top).toFixed(0)} ms  (runs: ${top.map((x) => x.toFixed(0)).join(', ')})`);
    for (const [i, r] of runs.entries()) {
      const t = r.traced ?? [];
      console.log(`  run ${i + 1}: longest traced tasks ${t.slice(0, 5).map((x) => x.ms.toFixed(0)).join(', ')} ms; ${t.filter((x) => x.ms > 16).length} over 16 ms`);
      for (const x of t.slice(0, 3)) if (x.what) console.log(`    ${x.ms.toFixed(0)} ms: ${x.what}`);
    }
  }
  console.log(`(load average now ${os.loadavg()[0]!.toFixed(1)}; wall times suffer when other work shares the cores)`);
}

await main();
