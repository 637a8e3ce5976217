/// <reference types="office-js" />
// `npm run bench -- addin`: what the task pane costs on Excel's UI thread for a branch of 1,000
// and 10,000 members (roster + 12-month register), against the fake Excel object model of the
// adapter tests: reading the used ranges into grids (and how many context.sync() calls), the
// structured clone that carries grids to the check Web Worker and findings back, marking every
// finding and clearing the marks. The check itself runs in the worker (its own figure: the
// checker bench). Figures only, median of 5 runs; no assertions (TEAM.md).
import { performance } from 'node:perf_hooks';
import { ExcelWorkbookHost } from '../addin/src/excel/excelHost';
import { CheckSession } from '../addin/src/check/engine';
import { cleanMembers } from '../tests/e2e/cleanWorkbook';
import { FakeExcel, memorySettings } from '../tests/addin/fakeExcel';

const MONTHS = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'];

function workbook(n: number): FakeExcel {
  const excel = new FakeExcel();
  const roster = excel.addSheet('花名册');
  const reg = excel.addSheet('党费登记');
  roster.setRow(0, ['序号', '姓名', '性别', '民族', '出生年月', '身份证号', '党员身份', '入党时间', '转正时间', '党籍状态']);
  reg.setRow(0, ['序号', '姓名', '身份证号', '人员类型', '缴费基数', '比例', '应交党费', ...MONTHS, '累计实交']);
  const serial = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000 + 25_569;
  cleanMembers(n).forEach((m, i) => {
    // Every tenth member's 民族 is a short form (汉): a fixable finding to mark.
    roster.setRow(i + 1, [i + 1, `${m.name}${i}`, m.gender, i % 10 ? '汉族' : '汉', serial(m.birth), m.id, '正式党员', serial('2010-07-01'), serial('2011-07-01'), '正常']);
    for (const c of [4, 7, 8]) roster.cell(i + 1, c).numberFormat = 'yyyy-mm-dd';
    roster.cell(i + 1, 5).numberFormat = '@';
    reg.setRow(i + 1, [i + 1, `${m.name}${i}`, m.id, '在职', 4000, 0.01, 40, ...MONTHS.map((_, k) => (k < 9 ? 40 : null)), 360]);
  });
  return excel;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

for (const n of [1_000, 10_000]) {
  const excel = workbook(n);
  const t = { read: [] as number[], toWorker: [] as number[], check: [] as number[], back: [] as number[], sub: [] as number[], mark: [] as number[], clear: [] as number[] };
  const syncs = { read: 0, mark: 0, clear: 0 };
  let findings = 0;
  let cells = 0;
  for (let run = 0; run < 5; run++) {
    const host = new ExcelWorkbookHost({ run: excel.run, settings: memorySettings() });
    let s0 = excel.syncs;
    let t0 = performance.now();
    const grids = await host.readGrids();
    t.read.push(performance.now() - t0);
    syncs.read = excel.syncs - s0;
    cells = grids.reduce((a, g) => a + g.values.reduce((b, r) => b + r.length, 0), 0);
    t0 = performance.now();
    const sent = structuredClone({ grids, asOf: '2026-09-30' });
    t.toWorker.push(performance.now() - t0);
    t0 = performance.now();
    const session = new CheckSession();
    const result = session.check({ grids: sent.grids, asOf: sent.asOf });
    t.check.push(performance.now() - t0);
    t0 = performance.now();
    const back = structuredClone(CheckSession.light(result));
    t.back.push(performance.now() - t0);
    // Only on the submit tab: the quarter's submission, built in the worker and cloned back.
    const fixed = new CheckSession();
    fixed.check({ grids: sent.grids.map((g) => ({ ...g, values: g.values.map((r) => r.map((v) => (v === '汉' ? '汉族' : v))) })), asOf: sent.asOf });
    t0 = performance.now();
    structuredClone(fixed.submission('2026Q3'));
    t.sub.push(performance.now() - t0);
    findings = back.findings.length;
    s0 = excel.syncs;
    t0 = performance.now();
    await host.markFindings(back.findings.map((f) => ({ sheet: f.sheet, row: f.row, col: f.col, severity: f.severity })));
    t.mark.push(performance.now() - t0);
    syncs.mark = excel.syncs - s0;
    s0 = excel.syncs;
    t0 = performance.now();
    await host.clearMarks();
    t.clear.push(performance.now() - t0);
    syncs.clear = excel.syncs - s0;
  }
  console.log(`\n${n.toLocaleString('en')} members (${cells.toLocaleString('en')} cells, ${findings} findings), median of 5:`);
  console.log(`  UI thread  read used ranges      ${ms(median(t.read)).padStart(10)}   ${syncs.read} syncs`);
  console.log(`  UI thread  clone grids → worker  ${ms(median(t.toWorker)).padStart(10)}`);
  console.log(`  worker     checkWorkbook         ${ms(median(t.check)).padStart(10)}   (off the UI thread)`);
  console.log(`  UI thread  clone result ← worker ${ms(median(t.back)).padStart(10)}   (findings and summary; members stay in the worker)`);
  console.log(`  worker     build Q3 submission   ${ms(median(t.sub)).padStart(10)}   (with its clone; submit tab only)`);
  console.log(`  UI thread  mark ${String(findings).padStart(5)} cells        ${ms(median(t.mark)).padStart(10)}   ${syncs.mark} syncs`);
  console.log(`  UI thread  clear marks           ${ms(median(t.clear)).padStart(10)}   ${syncs.clear} syncs`);
}
console.log('\n(The fake object model stands in for Excel: times are the pane\'s own JavaScript; Excel adds one round trip per sync.)');
