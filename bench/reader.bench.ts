/**
 * `npm run bench -- reader`: .xlsx → grids on the checker bench's workbooks (roster + 12-month
 * register; 10,000 members ≈ 1.3 MB, 100,000 ≈ 12.6 MB, written by exceljs once and kept in
 * bench/out/), by
 *   - ours: shared/xlsx/read.ts (fflate + a streaming scan of the sheet XML),
 *   - exceljs: the reader it replaced (tests/fixtures/exceljs-read.ts),
 *   - limit: a plain fflate unzipSync of the package plus an indexOf scan of every cell's value
 *     (no grid built: the floor any reader on fflate pays),
 *   - saxes: the same unzip with every sheet and the shared strings through saxes (exceljs's
 *     own maintained XML parser, the fastest measured here), events only, no grid — the measure
 *     that decided for a hand-written scan.
 * Each measurement runs in a fresh child process (so peak RSS is that reader's own and every
 * run starts cold, as a CLI call or a page does); wall and CPU time of the read alone, peak RSS
 * over the child's RSS just before the read. Prints figures and ratios, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { branchWorkbookFile } from './workbook-file';

type Reader = 'ours' | 'exceljs' | 'limit' | 'saxes';
const MB = 1024 * 1024;
const self = fileURLToPath(import.meta.url);

interface Figures { wallMs: number; cpuMs: number; peakOverMb: number; sheetXmlMb: number; cells: number }

async function child(reader: Reader, file: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const { unzipSync } = await import('fflate');
  const { readWorkbook } = await import('../shared/xlsx/read');
  const { readWorkbookExcelJs } = await import('../tests/fixtures/exceljs-read');
  const { SaxesParser } = await import('saxes');
  const isPart = (n: string) => n.startsWith('xl/worksheets/') && n.endsWith('.xml');
  // The unzipped sheet XML, for the memory ratio (measured before, not counted in the read).
  let sheetXml = 0;
  for (const [name, data] of Object.entries(unzipSync(bytes, { filter: (f) => isPart(f.name) }))) if (isPart(name)) sheetXml += data.length;
  (globalThis as { gc?: () => void }).gc?.();
  const rss0 = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let cells = 0;
  if (reader === 'ours' || reader === 'exceljs') {
    const grids = reader === 'ours' ? await readWorkbook(bytes) : await readWorkbookExcelJs(bytes);
    for (const g of grids) for (const r of g.values) cells += r.length;
  } else {
    const files = unzipSync(bytes);
    const td = new TextDecoder();
    for (const [name, data] of Object.entries(files)) {
      if (!isPart(name) && name !== 'xl/sharedStrings.xml') continue;
      const s = td.decode(data);
      if (reader === 'limit') {
        for (let i = 0; ;) {
          i = s.indexOf('<c ', i);
          if (i < 0) break;
          const v = s.indexOf('<v>', i);
          const e = s.indexOf('</v>', v);
          if (v < 0 || e < 0) break;
          cells += e > v ? 1 : 0;
          i = e;
        }
        for (let i = 0; ;) {
          i = s.indexOf('<t>', i);
          if (i < 0) break;
          i += 3;
        }
      } else {
        const p = new SaxesParser();
        p.on('opentag', (t) => { if (t.name === 'c') cells++; });
        p.on('text', () => {});
        p.write(s).close();
      }
    }
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const out: Figures = { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakOverMb: (process.resourceUsage().maxRSS * 1024 - rss0) / MB, sheetXmlMb: sheetXml / MB, cells };
  process.stdout.write(JSON.stringify(out));
}

function measure(reader: Reader, file: string): Figures | string {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', self, '--child', reader, file], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) return `failed (${r.signal ?? r.status}): ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
  return JSON.parse(r.stdout) as Figures;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  console.log(`reader: fresh child process per run; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} (wall time suffers when other work shares the cores; CPU time less so)`);
  for (const [n, runs, exceljsRuns] of [[10_000, 5, 3], [100_000, 3, 1]] as const) {
    const file = await branchWorkbookFile(n);
    const size = readFileSync(file).length;
    const rows: Record<Reader, Figures[]> = { limit: [], saxes: [], ours: [], exceljs: [] };
    const failed: string[] = [];
    // Interleaved, so a burst of load from elsewhere touches every reader alike.
    for (let i = 0; i < runs; i++) {
      for (const reader of ['limit', 'ours', 'saxes', 'exceljs'] as Reader[]) {
        if (reader === 'exceljs' && i >= exceljsRuns) continue;
        const f = measure(reader, file);
        if (typeof f === 'string') failed.push(`${reader}: ${f}`);
        else rows[reader].push(f);
      }
    }
    const lim = rows.limit;
    const limWall = median(lim.map((f) => f.wallMs));
    const limCpu = median(lim.map((f) => f.cpuMs));
    const xml = lim[0]?.sheetXmlMb ?? 0;
    console.log(`\n${n.toLocaleString('en')} members: ${(size / MB).toFixed(2)} MB file, ${xml.toFixed(1)} MB of sheet XML unzipped (median of ${runs} runs; exceljs ${exceljsRuns})`);
    console.log(`${'reader'.padEnd(34)}${'wall'.padStart(9)}${'× limit'.padStart(9)}${'CPU'.padStart(9)}${'× limit'.padStart(9)}${'peak RSS over start'.padStart(22)}${'× sheet XML'.padStart(13)}`);
    const label: Record<Reader, string> = { limit: 'unzip + scan limit (fflate)', saxes: 'saxes, events only (no grid)', ours: 'ours (shared/xlsx/read.ts)', exceljs: 'exceljs 4.4.0 (replaced)' };
    for (const reader of ['limit', 'ours', 'saxes', 'exceljs'] as Reader[]) {
      const fs = rows[reader];
      if (!fs.length) continue;
      const wall = median(fs.map((f) => f.wallMs));
      const cpu = median(fs.map((f) => f.cpuMs));
      const peak = median(fs.map((f) => f.peakOverMb));
      console.log(`${label[reader].padEnd(34)}${`${wall.toFixed(0)} ms`.padStart(9)}${`${(wall / limWall).toFixed(2)}×`.padStart(9)}${`${cpu.toFixed(0)} ms`.padStart(9)}${`${(cpu / limCpu).toFixed(2)}×`.padStart(9)}${`${peak.toFixed(0)} MB`.padStart(22)}${`${(peak / xml).toFixed(2)}×`.padStart(13)}`);
    }
    const ours = rows.ours;
    const ex = rows.exceljs;
    if (ours.length && ex.length) {
      console.log(`exceljs / ours: ${(median(ex.map((f) => f.wallMs)) / median(ours.map((f) => f.wallMs))).toFixed(1)}× wall, ${(median(ex.map((f) => f.cpuMs)) / median(ours.map((f) => f.cpuMs))).toFixed(1)}× CPU; cells read: ours ${ours[0]!.cells.toLocaleString('en')}, exceljs ${ex[0]!.cells.toLocaleString('en')}`);
    }
    console.log('targets: ours ≤ 2× the limit, peak memory ≤ 3× the unzipped sheet XML');
    for (const f of failed) console.log(`  ${f}`);
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(process.argv[at + 1] as Reader, process.argv[at + 2]!);
else await main();
