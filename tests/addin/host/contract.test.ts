// One set of WorkbookHost contract tests, run against every host: Excel (over the fake Excel
// object model), WPS 表格 (over the fake WPS object model) and the file host (browser mode, on a
// real .xlsx built here). Each builds the same workbook its own way, then the pane's view of it —
// grids, re-read rows, fixes, marks, settings, navigation — must be the same.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CellValue, Grid } from '../../../shared/grid';
import type { WorkbookHost } from '../../../addin/src/host/workbookHost';
import { ExcelWorkbookHost } from '../../../addin/src/excel/excelHost';
import { WpsWorkbookHost } from '../../../addin/src/wps/wpsHost';
import { FileHost } from '../../../addin/src/file/fileHost';
import { FakeExcel, NO_FILL as EXCEL_NO_FILL, fill as excelFill, memorySettings } from '../fakeExcel';
import { FakeWps, NO_FILL as WPS_NO_FILL, XL_SOLID } from '../wps/fakeWps';

/** A sheet: rows of values starting at `origin` (0-based), formula cells with cached results. */
interface SheetSpec {
  name: string;
  origin: { row: number; col: number };
  rows: CellValue[][];
  formulas?: { row: number; col: number; formula: string; result: number }[];
  /** A fill of the clerk's own on one cell (a pale yellow), which marks must give back. */
  filled?: { row: number; col: number };
}

interface Subject {
  host: WorkbookHost;
  /** The host's own record of a cell's fill (null: the host never paints the file). */
  fillAt(sheet: string, row: number, col: number): unknown;
  selected(): { sheet: string; row: number; col: number } | null;
  /** Whether the host reads formulas and refuses to overwrite them (see guardsFormulas below). */
  guardsFormulas: boolean;
}

const WORKBOOK: SheetSpec[] = [
  {
    name: '花名册',
    origin: { row: 2, col: 0 },
    rows: [
      ['序号', '姓名', '公民身份号码', '入党日期'],
      [1, '张三', '110105199001010016', 40001],
      [2, '李四', '11010519900101002X', 40002],
      [3, '王五', '110105199001010032', 40003],
    ],
    filled: { row: 4, col: 1 },
  },
  {
    name: '党费登记',
    origin: { row: 1, col: 1 },
    rows: [
      ['姓名', '基数', '党费'],
      ['张三', 5000, 25],
      ['李四', 3000, 15],
    ],
    formulas: [{ row: 2, col: 3, formula: 'ROUND(C3*0.5%,2)', result: 25 }],
  },
];

const YELLOW_HEX = '#FFF2CC';

function excelSubject(specs: SheetSpec[]): Subject {
  const excel = new FakeExcel();
  for (const spec of specs) {
    const s = excel.addSheet(spec.name);
    spec.rows.forEach((r, i) => s.setRow(spec.origin.row + i, r.map((v) => (typeof v === 'boolean' ? String(v) : v)), spec.origin.col));
    for (const f of spec.formulas ?? []) Object.assign(s.cell(f.row, f.col), { formula: `=${f.formula}`, value: f.result });
    if (spec.filled) s.cell(spec.filled.row, spec.filled.col).fill = excelFill(YELLOW_HEX);
  }
  const host = new ExcelWorkbookHost({ run: excel.run, settings: memorySettings(), cellsPerSync: Number.POSITIVE_INFINITY });
  return {
    host,
    fillAt: (sheet, r, c) => excel.sheets.find((s) => s.name === sheet)!.peek(r, c)?.fill ?? EXCEL_NO_FILL,
    selected: () => excel.selected,
    guardsFormulas: true,
  };
}

function wpsSubject(specs: SheetSpec[]): Subject {
  const wps = new FakeWps();
  for (const spec of specs) {
    const s = wps.addSheet(spec.name);
    spec.rows.forEach((r, i) => r.forEach((v, j) => v !== null && (s.cell(spec.origin.row + i, spec.origin.col + j).value = v)));
    for (const f of spec.formulas ?? []) Object.assign(s.cell(f.row, f.col), { formula: `=${f.formula}`, value: f.result });
    if (spec.filled) s.cell(spec.filled.row, spec.filled.col).fill = { ...WPS_NO_FILL, pattern: XL_SOLID, color: 0xccf2ff };
  }
  return {
    host: new WpsWorkbookHost({ app: wps.app }),
    fillAt: (sheet, r, c) => wps.sheets.find((s) => s.name === sheet)!.peek(r, c)?.fill ?? WPS_NO_FILL,
    selected: () => wps.selected,
    guardsFormulas: true,
  };
}

async function fileSubject(specs: SheetSpec[]): Promise<Subject> {
  const wb = new ExcelJS.Workbook();
  for (const spec of specs) {
    const ws = wb.addWorksheet(spec.name);
    spec.rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getCell(spec.origin.row + i + 1, spec.origin.col + j + 1).value = v)));
    for (const f of spec.formulas ?? []) ws.getCell(f.row + 1, f.col + 1).value = { formula: f.formula, result: f.result };
  }
  const bytes = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
  const host = new FileHost();
  await host.open(bytes, '党费.xlsx');
  return { host, fillAt: () => null, selected: () => host.selected, guardsFormulas: true };
}

/**
 * guardsFormulas: every host reads formulas and never writes over one — WPS skips the cell, the
 * Excel and file hosts refuse the batch with FormulaCellError; either way the formula stays.
 */
const HOSTS: [string, (specs: SheetSpec[]) => Subject | Promise<Subject>][] = [
  ['Excel', excelSubject],
  ['WPS', wpsSubject],
  ['file', fileSubject],
];

function valueAt(g: Grid | undefined, row: number, col: number): CellValue {
  const o = g?.origin ?? { row: 0, col: 0 };
  return g?.values[row - o.row]?.[col - o.col] ?? null;
}

function formulaAt(g: Grid | undefined, row: number, col: number): string | undefined {
  const o = g?.origin ?? { row: 0, col: 0 };
  return g?.formulas?.[row - o.row]?.[col - o.col] || undefined;
}

describe.each(HOSTS)('WorkbookHost contract: %s', (_name, make) => {
  it('reads every sheet, in order, with values where the sheet has them', async () => {
    const { host } = await make(WORKBOOK);
    expect(host.hasWorkbook()).toBe(true);
    const grids = await host.readGrids();
    expect(grids.map((g) => g.name)).toEqual(['花名册', '党费登记']);
    for (const spec of WORKBOOK) {
      const g = grids.find((x) => x.name === spec.name);
      spec.rows.forEach((r, i) => r.forEach((v, j) => expect(valueAt(g, spec.origin.row + i, spec.origin.col + j)).toBe(v)));
    }
    // An ID number stays the text it is (a double would lose its last digits).
    expect(valueAt(grids[0], 3, 2)).toBe('110105199001010016');
  });

  it('re-reads a span of rows as a grid whose origin is the first row', async () => {
    const { host } = await make(WORKBOOK);
    await host.readGrids();
    const patch = await host.readRows('花名册', 4, 5);
    expect(patch.origin?.row).toBe(4);
    expect(valueAt(patch, 4, 1)).toBe('李四');
    expect(valueAt(patch, 5, 1)).toBe('王五');
    expect(valueAt(patch, 3, 1)).toBeNull();
  });

  it('writes fixes as the values given: text that looks like a formula or a number stays text', async () => {
    const { host } = await make(WORKBOOK);
    await host.readGrids();
    await host.applyFixes([
      { sheet: '花名册', row: 3, col: 1, value: '=HYPERLINK("http://x")' },
      { sheet: '花名册', row: 4, col: 2, value: '110105199001010024' },
      { sheet: '党费登记', row: 3, col: 3, value: 18 },
      { sheet: '花名册', row: 5, col: 1, value: null },
    ]);
    const grids = await host.readGrids();
    expect(valueAt(grids[0], 3, 1)).toBe('=HYPERLINK("http://x")');
    expect(formulaAt(grids[0], 3, 1)).toBeUndefined();
    expect(valueAt(grids[0], 4, 2)).toBe('110105199001010024');
    expect(valueAt(grids[1], 3, 3)).toBe(18);
    expect(valueAt(grids[0], 5, 1)).toBe('王五');
  });

  it('never overwrites a formula cell', async (ctx) => {
    const subject = await make(WORKBOOK);
    if (!subject.guardsFormulas) ctx.skip();
    const { host } = subject;
    const before = await host.readGrids();
    expect(formulaAt(before[1], 2, 3)).toBe('ROUND(C3*0.5%,2)');
    try {
      await host.applyFixes([{ sheet: '党费登记', row: 2, col: 3, value: 30 }]);
    } catch (e) {
      expect((e as Error).name).toBe('FormulaCellError');
    }
    const after = await host.readGrids();
    expect(formulaAt(after[1], 2, 3)).toBe('ROUND(C3*0.5%,2)');
    expect(valueAt(after[1], 2, 3)).toBe(25);
  });

  it('clearing marks gives every cell back the fill it had, the clerk’s own fill included', async () => {
    const subject = await make(WORKBOOK);
    const { host } = subject;
    await host.readGrids();
    const cells = [
      { sheet: '花名册', row: 3, col: 1 },
      { sheet: '花名册', row: 4, col: 1 },
      { sheet: '党费登记', row: 3, col: 3 },
    ];
    const before = cells.map((c) => structuredClone(subject.fillAt(c.sheet, c.row, c.col)));
    await host.markFindings(cells.map((c, i) => ({ ...c, severity: i ? ('warning' as const) : ('error' as const) })));
    await host.clearMarks();
    expect(cells.map((c) => subject.fillAt(c.sheet, c.row, c.col))).toEqual(before);
    await host.clearMarks(); // nothing left to clear: no change, no error
    expect(cells.map((c) => subject.fillAt(c.sheet, c.row, c.col))).toEqual(before);
  });

  it('keeps settings per workbook: what was saved is loaded, anything else is null', async () => {
    const { host } = await make(WORKBOOK);
    const mapping = { roster: { sheet: '花名册', headerRow: 2, columns: { name: 1, id: 2, joined: 3 } }, note: '第三季度' };
    await host.saveSetting('mapping', mapping);
    expect(await host.loadSetting('mapping')).toEqual(mapping);
    expect(await host.loadSetting('never-saved')).toBeNull();
  });

  it('goes to a cell', async () => {
    const subject = await make(WORKBOOK);
    await subject.host.selectCell('党费登记', 2, 3);
    expect(subject.selected()).toEqual({ sheet: '党费登记', row: 2, col: 3 });
  });

  it('subscribing to edits returns an unsubscribe that may be called more than once', async () => {
    const { host } = await make(WORKBOOK);
    const off = host.onChanged(() => {});
    expect(() => {
      off();
      off();
    }).not.toThrow();
  });
});
