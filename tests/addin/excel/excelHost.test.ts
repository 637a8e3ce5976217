// The Excel adapter against a fake Excel object model, counting context.sync() calls.
import { describe, expect, it } from 'vitest';
import { CELLS_PER_SYNC, ExcelWorkbookHost, MARK_FILL } from '../../../addin/src/excel/excelHost';
import { FakeExcel, NO_FILL, fill, memorySettings } from '../fakeExcel';
import type { FakeSheet } from '../fakeExcel';
import type { SheetChange } from '../../../addin/src/excel/excelHost';

function roster(sheet: FakeSheet, rows: number, startRow = 0): void {
  sheet.setRow(startRow, ['序号', '姓名', '公民身份号码', '性别', '入党日期']);
  for (let i = 1; i <= rows; i++) sheet.setRow(startRow + i, [i, `党员${i}`, `11010519900101${String(i % 10000).padStart(4, '0')}`, i % 2 ? '男' : '女', 40000 + i]);
  sheet.cell(startRow + 1, 4).numberFormat = 'yyyy-mm-dd';
}

function hostFor(excel: FakeExcel, more: Partial<ConstructorParameters<typeof ExcelWorkbookHost>[0]> = {}) {
  const settings = memorySettings();
  return { host: new ExcelWorkbookHost({ run: excel.run, settings, ...more }), settings };
}

describe('ExcelWorkbookHost.readGrids', () => {
  it('reads 10 rows and 10,000 rows in the same number of syncs', async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const excel = new FakeExcel();
      roster(excel.addSheet('花名册'), n);
      roster(excel.addSheet('党费登记'), n, 2);
      excel.addSheet('空白');
      // Desktop: no payload cap, so size never adds a request.
      const { host } = hostFor(excel, { cellsPerSync: Number.POSITIVE_INFINITY });
      const grids = await host.readGrids();
      counts.push(excel.syncs);
      expect(grids.map((g) => g.name)).toEqual(['花名册', '党费登记', '空白']);
      expect(grids[0]!.values).toHaveLength(n + 1);
      expect(grids[1]!.origin).toEqual({ row: 2, col: 0 });
      expect(grids[2]!.values).toEqual([]);
      expect(grids[0]!.values[1]).toEqual([1, '党员1', '110105199001010001', '男', 40001]);
      expect(grids[0]!.formats![1]![4]).toBe('yyyy-mm-dd');
      expect(grids[0]!.values[n]![1]).toBe(`党员${n}`);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBe(3);
  });

  it('on Excel on the web, a 10,000-member roster still takes the same syncs as 10 members', async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const excel = new FakeExcel();
      roster(excel.addSheet('花名册'), n);
      await hostFor(excel).host.readGrids();
      counts.push(excel.syncs);
    }
    expect(counts).toEqual([3, 3]);
  });

  it('reads the merged header areas with the first read request when ExcelApi 1.13 is there', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('党费登记');
    s.setRow(1, ['姓名', '1月', null, '2月'], 1);
    s.setRow(2, [null, '应交', '实交', '应交'], 1);
    s.setRow(3, ['张三', 30, 30, 30], 1);
    s.merges.push({ top: 1, left: 2, bottom: 1, right: 3 }, { top: 1, left: 1, bottom: 2, right: 1 }, { top: 40, left: 1, bottom: 40, right: 3 });
    const with113 = await hostFor(excel, { mergedAreas: true }).host.readGrids();
    expect(excel.syncs).toBe(3);
    // Only merges among the header rows are asked for; coordinates are the sheet's own.
    expect(with113[0]!.merges).toEqual([
      { top: 1, left: 2, bottom: 1, right: 3 },
      { top: 1, left: 1, bottom: 2, right: 1 },
    ]);
    const without = await hostFor(excel).host.readGrids();
    expect(without[0]!.merges).toBeUndefined();
  });

  it('splits a read only when one request would pass the payload budget', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet('大表');
    const cols = 20;
    const rows = Math.ceil((CELLS_PER_SYNC * 2.5) / cols);
    for (let r = 0; r < rows; r++) sheet.cell(r, 0).value = r;
    sheet.cell(0, cols - 1).value = 'last';
    const progress: [number, number][] = [];
    const grids = await hostFor(excel).host.readGrids((d, t) => progress.push([d, t]));
    expect(excel.syncs).toBe(2 + 3);
    expect(progress.at(-1)).toEqual([3, 3]);
    expect(grids[0]!.values).toHaveLength(rows);
    expect(grids[0]!.values[rows - 1]![0]).toBe(rows - 1);
    expect(grids[0]!.values[0]![cols - 1]).toBe('last');
  });

  it('reads a large sheet in one request on desktop Excel (no web payload cap)', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet('大表');
    const rows = Math.ceil((CELLS_PER_SYNC * 2.5) / 20);
    for (let r = 0; r < rows; r++) sheet.cell(r, 0).value = r;
    sheet.cell(0, 19).value = 'last';
    const host = new ExcelWorkbookHost({ run: excel.run, settings: memorySettings(), cellsPerSync: Number.POSITIVE_INFINITY });
    const grids = await host.readGrids();
    expect(excel.syncs).toBe(3);
    expect(grids[0]!.values).toHaveLength(rows);
  });

  it('splits a large re-read (a paste, an inserted column) under the web payload budget', async () => {
    const excel = new FakeExcel();
    roster(excel.addSheet('花名册'), 5000);
    const { host } = hostFor(excel, { cellsPerSync: 5 * 2000 });
    const g = await host.readRows('花名册', 0, 1_048_575);
    expect(excel.syncs).toBe(1 + 3);
    expect(g.values).toHaveLength(5001);
    expect(g.values[5000]![1]).toBe('党员5000');
    expect(g.formats![1]![4]).toBe('yyyy-mm-dd');
  });

  it('re-reads only the edited rows', async () => {
    const excel = new FakeExcel();
    roster(excel.addSheet('花名册'), 50);
    const { host } = hostFor(excel);
    const g = await host.readRows('花名册', 10, 12);
    expect(g.origin).toEqual({ row: 10, col: 0 });
    expect(g.values.map((r) => r[1])).toEqual(['党员10', '党员11', '党员12']);
    expect(excel.syncs).toBe(2);
  });
});

describe('ExcelWorkbookHost marks', () => {
  it('marks any number of cells in a constant number of syncs and restores every format on clear', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('花名册');
    roster(s, 300);
    s.cell(2, 1).fill = fill('#00FF00');
    s.cell(3, 2).fill = fill('#FFFFFF'); // white fill is not "no fill"
    s.cell(4, 2).fill = fill('#123456', 'Gray50', { patternColor: '#FF0000', patternTintAndShade: 0.4 });
    s.cell(5, 3).fill = fill('#4472C4', 'Solid', { tintAndShade: 0.6 }); // theme colour, lighter 60%
    const { host, settings } = hostFor(excel);
    const before = new Map([...s.cells].map(([k, c]) => [k, { ...c.fill }]));

    const marks = Array.from({ length: 250 }, (_, i) => ({ sheet: '花名册', row: i + 1, col: 1 + (i % 3), severity: (['error', 'warning', 'info'] as const)[i % 3]! }));
    await host.markFindings(marks);
    expect(excel.syncs).toBe(2);
    expect(s.cell(1, 1).fill.color).toBe(MARK_FILL.error);
    expect(s.cell(2, 2).fill.color).toBe(MARK_FILL.warning);
    expect(s.cell(3, 3).fill.color).toBe(MARK_FILL.info);
    expect((settings.get('duesbook.marks') as { cells: unknown[] }).cells).toHaveLength(250);

    // Marking again (after a re-check) must not record our own colours as the originals.
    await host.markFindings(marks.slice(0, 5));
    expect(excel.syncs).toBe(3);

    await host.clearMarks();
    expect(excel.syncs).toBe(5); // read what the marked cells show now, then restore
    for (const [k, c] of s.cells) expect(c.fill, k).toEqual(before.get(k) ?? NO_FILL);
    expect(s.cell(3, 2).fill).toEqual(fill('#FFFFFF'));
    expect(s.cell(4, 2).fill).toEqual(fill('#123456', 'Gray50', { patternColor: '#FF0000', patternTintAndShade: 0.4 }));
    expect(s.cell(5, 3).fill).toEqual(fill('#4472C4', 'Solid', { tintAndShade: 0.6 }));
    expect((settings.get('duesbook.marks') as { cells: unknown[] }).cells).toEqual([]);
  });

  it('uses one cell-properties call per column run, so the request does not grow per cell', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('花名册');
    roster(s, 2000);
    const { host } = hostFor(excel);
    // 2,000 ID cells in column C plus 10 scattered cells in column E: 1 + 10 runs.
    const marks = [
      ...Array.from({ length: 2000 }, (_, i) => ({ sheet: '花名册', row: i + 1, col: 2, severity: 'error' as const })),
      ...Array.from({ length: 10 }, (_, i) => ({ sheet: '花名册', row: 5 + i * 100, col: 4, severity: 'warning' as const })),
    ];
    await host.markFindings(marks);
    expect(excel.cellPropertyCalls).toBe(2 * 11);
    expect(excel.syncs).toBe(2);
    expect(s.cell(2000, 2).fill.color).toBe(MARK_FILL.error);
    expect(s.cell(105, 4).fill.color).toBe(MARK_FILL.warning);
    expect(s.cell(106, 4).fill).toEqual(NO_FILL);
  });

  it('leaves a marked cell the clerk recoloured since, and follows marks moved by inserted or deleted rows and columns', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('花名册');
    roster(s, 20);
    s.cell(10, 2).fill = fill('#00B050');
    let fire: ((e: SheetChange) => void) | null = null;
    const { host } = hostFor(excel, {
      subscribe: async (h) => {
        fire = h;
        return async () => {};
      },
    });
    await host.readGrids();
    host.onChanged(() => {});
    await Promise.resolve();
    await host.markFindings([
      { sheet: '花名册', row: 3, col: 1, severity: 'error' },
      { sheet: '花名册', row: 5, col: 1, severity: 'error' },
      { sheet: '花名册', row: 10, col: 2, severity: 'warning' },
      { sheet: '花名册', row: 12, col: 3, severity: 'info' },
    ]);

    // Two rows inserted at sheet rows 5–6 (0-based 4–5) push rows 4.. down by two.
    const shift = (fromRow: number, by: number) => {
      const moved = [...s.cells].filter(([k]) => Number(k.split(',')[0]) >= fromRow);
      for (const [k] of moved) s.cells.delete(k);
      for (const [k, c] of moved) {
        const [r, col] = k.split(',').map(Number) as [number, number];
        s.cells.set(`${r + by},${col}`, c);
      }
    };
    shift(4, 2);
    fire!({ address: '5:6', worksheetId: 'id-0', changeType: 'RowInserted' });
    // Column B deleted: columns C.. move left by one; the marked cells in column B go with it.
    for (const [k, c] of [...s.cells]) {
      const [r, col] = k.split(',').map(Number) as [number, number];
      if (col >= 1) s.cells.delete(k);
      if (col >= 2) s.cells.set(`${r},${col - 1}`, c);
    }
    fire!({ address: 'B:B', worksheetId: 'id-0', changeType: 'ColumnDeleted' });
    expect(host.savedFills().map((f) => [f.row, f.col]).sort()).toEqual([[12, 1], [14, 2]]);
    s.cell(14, 2).fill = fill('#FFFF00'); // the clerk's own colour on a marked cell

    await host.clearMarks();
    expect(s.cell(12, 1).fill).toEqual(fill('#00B050'));
    expect(s.cell(14, 2).fill).toEqual(fill('#FFFF00'));
    expect([...s.cells.values()].filter((c) => Object.values(MARK_FILL).includes(c.fill.color))).toEqual([]);
  });

  it('clears marks recorded in the first settings format ({color, pattern} per cell)', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('表');
    s.cell(0, 0).fill = fill(MARK_FILL.error);
    s.cell(1, 0).fill = fill(MARK_FILL.error);
    const settings = memorySettings();
    settings.set('duesbook.marks', [
      { sheet: '表', row: 0, col: 0, color: '#FFFFFF', pattern: 'None' },
      { sheet: '表', row: 1, col: 0, color: '#ABCDEF', pattern: 'Solid' },
    ]);
    await new ExcelWorkbookHost({ run: excel.run, settings }).clearMarks();
    expect(s.cell(0, 0).fill).toEqual(NO_FILL);
    expect(s.cell(1, 0).fill).toEqual(fill('#ABCDEF'));
  });

  it('restores marks recorded by an earlier pane session (from the document settings)', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('表');
    s.cell(0, 0).value = 'x';
    s.cell(0, 0).fill = fill('#ABCDEF');
    const settings = memorySettings();
    await new ExcelWorkbookHost({ run: excel.run, settings }).markFindings([{ sheet: '表', row: 0, col: 0, severity: 'error' }]);
    expect(s.cell(0, 0).fill.color).toBe(MARK_FILL.error);
    await new ExcelWorkbookHost({ run: excel.run, settings }).clearMarks();
    expect(s.cell(0, 0).fill).toEqual(fill('#ABCDEF'));
  });

  it('still clears the other marks when a marked sheet was deleted meanwhile', async () => {
    const excel = new FakeExcel();
    excel.addSheet('花名册').cell(0, 0).value = 'x';
    excel.addSheet('旧表').cell(0, 0).value = 'y';
    const { host } = hostFor(excel);
    await host.markFindings([
      { sheet: '花名册', row: 0, col: 0, severity: 'error' },
      { sheet: '旧表', row: 0, col: 0, severity: 'error' },
    ]);
    excel.sheets.splice(1, 1);
    await host.clearMarks();
    expect(excel.sheets[0]!.cell(0, 0).fill).toEqual(NO_FILL);
    expect(host.savedFills()).toEqual([]);
  });

  it('keeps the most severe mark when one cell has several findings', async () => {
    const excel = new FakeExcel();
    excel.addSheet('表').cell(0, 0).value = 'x';
    const { host } = hostFor(excel);
    await host.markFindings([
      { sheet: '表', row: 0, col: 0, severity: 'info' },
      { sheet: '表', row: 0, col: 0, severity: 'error' },
      { sheet: '表', row: 0, col: 0, severity: 'warning' },
    ]);
    expect(excel.sheets[0]!.cell(0, 0).fill.color).toBe(MARK_FILL.error);
    expect(host.savedFills()).toHaveLength(1);
  });

  it('does nothing (no sync) when there is nothing to mark or clear', async () => {
    const excel = new FakeExcel();
    const { host } = hostFor(excel);
    await host.markFindings([]);
    await host.clearMarks();
    expect(excel.syncs).toBe(0);
  });
});

describe('ExcelWorkbookHost fixes', () => {
  it('writes all fixes in one sync, formula-looking and numeric-looking text as text', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('花名册');
    roster(s, 20);
    const { host } = hostFor(excel);
    await host.applyFixes([
      { sheet: '花名册', row: 1, col: 2, value: '11010519900101002X' },
      { sheet: '花名册', row: 2, col: 2, value: '110105199001010021' },
      { sheet: '花名册', row: 3, col: 1, value: '=HYPERLINK("http://x","y")' },
      { sheet: '花名册', row: 4, col: 1, value: '+86 10' },
      { sheet: '花名册', row: 5, col: 1, value: '-5' },
      { sheet: '花名册', row: 6, col: 1, value: '@SUM(A1)' },
      { sheet: '花名册', row: 7, col: 3, value: '男' },
      { sheet: '花名册', row: 8, col: 4, value: 45000 },
      { sheet: '花名册', row: 9, col: 4, value: null },
    ]);
    expect(excel.syncs).toBe(1);
    expect(s.cell(1, 2)).toMatchObject({ value: '11010519900101002X', formula: null });
    expect(s.cell(2, 2)).toMatchObject({ value: '110105199001010021', formula: null, numberFormat: '@' });
    expect(s.cell(3, 1)).toMatchObject({ value: '=HYPERLINK("http://x","y")', formula: null, numberFormat: '@' });
    expect(s.cell(4, 1)).toMatchObject({ value: '+86 10', formula: null });
    expect(s.cell(5, 1)).toMatchObject({ value: '-5', formula: null });
    expect(s.cell(6, 1)).toMatchObject({ value: '@SUM(A1)', formula: null });
    expect(s.cell(7, 3)).toMatchObject({ value: '男', numberFormat: 'General' });
    expect(s.cell(8, 4)).toMatchObject({ value: 45000 });
    expect(s.cell(9, 4).value).toBe(40009); // null fix: nothing written
  });

  it('writes booleans-, error- and date-looking text as text too', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('表');
    const { host } = hostFor(excel);
    const texts = ['TRUE', '#N/A', '1/2', '2015年7月1日', '50%'];
    await host.applyFixes(texts.map((value, row) => ({ sheet: '表', row, col: 0, value })));
    expect(texts.map((_, r) => s.cell(r, 0).value)).toEqual(texts);
    expect(texts.map((_, r) => s.cell(r, 0).numberFormat)).toEqual(texts.map(() => '@'));
  });

  it('the fake does turn such text into formulas and numbers when written naively', async () => {
    // Guards the test above: without the "@" format the same writes would be re-interpreted.
    const excel = new FakeExcel();
    const s = excel.addSheet('表');
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表');
      ws.getCell(0, 0).values = [['=1+1']];
      ws.getCell(1, 0).values = [['110105199001010021']];
      ws.getCell(2, 0).values = [['TRUE']];
      ws.getCell(3, 0).values = [['#N/A']];
      ws.getCell(4, 0).values = [['1/2']];
      await ctx.sync();
    });
    expect(s.cell(0, 0).formula).toBe('=1+1');
    expect(typeof s.cell(1, 0).value).toBe('number');
    expect(s.cell(2, 0).value).toBe(true);
    expect(s.cell(3, 0).value).toBe('#N/A');
    expect(typeof s.cell(4, 0).value).toBe('number');
  });
});

describe('ExcelWorkbookHost selection, sheets and settings', () => {
  it('selects the finding cell and activates its sheet in one sync', async () => {
    const excel = new FakeExcel();
    excel.addSheet('花名册');
    excel.addSheet('党费登记');
    const { host } = hostFor(excel);
    await host.selectCell('党费登记', 16, 7);
    expect(excel.syncs).toBe(1);
    expect(excel.active).toBe('党费登记');
    expect(excel.selected).toEqual({ sheet: '党费登记', row: 16, col: 7 });
  });

  it('inserts a roll-up sheet under a free name, strings as text', async () => {
    const excel = new FakeExcel();
    excel.addSheet('汇总 2026Q3');
    const { host } = hostFor(excel);
    await host.insertSheet('汇总 2026Q3', [['组织', '应交'], ['=第一支部', 12.5]]);
    const added = excel.sheets[1]!;
    expect(added.name).toBe('汇总 2026Q3 (2)');
    expect(added.cell(1, 0)).toMatchObject({ value: '=第一支部', formula: null });
    expect(added.cell(1, 1).value).toBe(12.5);
    expect(excel.active).toBe('汇总 2026Q3 (2)');
  });

  it('gives the inserted sheet a name Excel accepts (no \\ / ? * [ ] :, case-insensitive uniqueness)', async () => {
    const excel = new FakeExcel();
    excel.addSheet('roll-up 2026_q3');
    const { host } = hostFor(excel);
    await host.insertSheet('Roll-up 2026:Q3', [['a']]);
    expect(excel.sheets[1]!.name).toBe('Roll-up 2026_Q3 (2)');
  });

  it('keeps the column mapping in the document settings', async () => {
    const { host, settings } = hostFor(new FakeExcel());
    expect(await host.loadSetting('duesbook.columnMapping')).toBeNull();
    await host.saveSetting('duesbook.columnMapping', { 表: { kind: 'roster', headerRow: 0, columns: { name: 1 } } });
    expect(settings.saves).toBe(1);
    expect(await host.loadSetting('duesbook.columnMapping')).toEqual({ 表: { kind: 'roster', headerRow: 0, columns: { name: 1 } } });
  });

  it('turns a worksheet change event into the changed rows of that sheet', async () => {
    const excel = new FakeExcel();
    excel.addSheet('花名册').cell(0, 0).value = 'x';
    let fire: ((e: { address: string; worksheetId: string }) => void) | null = null;
    let removed = 0;
    const host = new ExcelWorkbookHost({
      run: excel.run,
      settings: memorySettings(),
      subscribe: async (h) => {
        fire = h;
        return async () => {
          removed += 1;
        };
      },
    });
    await host.readGrids();
    const seen: unknown[] = [];
    const off = host.onChanged((c) => seen.push(c));
    await Promise.resolve();
    fire!({ address: '花名册!B5:C7', worksheetId: 'id-0' });
    fire!({ address: 'D2', worksheetId: 'unknown' });
    expect(seen).toEqual([{ sheet: '花名册', firstRow: 4, lastRow: 6 }]);
    off();
    await Promise.resolve();
    expect(removed).toBe(1);
  });

  it('re-reads to the end of the sheet after rows or columns are inserted or deleted', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet('花名册');
    roster(sheet, 10);
    let fire: ((e: SheetChange) => void) | null = null;
    const { host } = hostFor(excel, {
      subscribe: async (h) => {
        fire = h;
        return async () => {};
      },
    });
    await host.readGrids();
    const seen: { sheet: string; firstRow: number; lastRow: number }[] = [];
    host.onChanged((c) => seen.push(c));
    await Promise.resolve();
    fire!({ address: '5:6', worksheetId: 'id-0', changeType: 'RowDeleted' });
    fire!({ address: 'C:C', worksheetId: 'id-0', changeType: 'ColumnInserted' });
    fire!({ address: 'B4', worksheetId: 'id-0', changeType: 'RangeEdited', triggerSource: 'ThisLocalAddin' });
    expect(seen.map((c) => c.firstRow)).toEqual([4, 0]);

    // Two rows deleted: the rows that moved up come back, and the old last rows come back empty.
    for (let r = 4; r <= 10; r++) for (let c = 0; c < 5; c++) sheet.cells.delete(`${r},${c}`);
    for (let r = 4; r <= 8; r++) sheet.setRow(r, [r + 2, `党员${r + 2}`]);
    excel.syncs = 0;
    const g = await host.readRows('花名册', seen[0]!.firstRow, seen[0]!.lastRow);
    expect(excel.syncs).toBe(2);
    expect(g.origin).toEqual({ row: 4, col: 0 });
    expect(g.values.map((r) => r[1])).toEqual(['党员6', '党员7', '党员8', '党员9', '党员10', null, null]);

    // The last column deleted: its old cells come back empty, so the cached grid loses them.
    for (const k of [...sheet.cells.keys()]) if (k.endsWith(',4')) sheet.cells.delete(k);
    const g2 = await host.readRows('花名册', 0, 1_048_575);
    expect(g2.origin).toEqual({ row: 0, col: 0 });
    expect(g2.values[0]).toEqual(['序号', '姓名', '公民身份号码', '性别', null]);
  });

  it('ignores the change events that echo its own fixes', async () => {
    const excel = new FakeExcel();
    excel.addSheet('花名册').cell(0, 0).value = 'x';
    let fire: ((e: { address: string; worksheetId: string }) => void) | null = null;
    let now = 10_000;
    const host = new ExcelWorkbookHost({
      run: excel.run,
      settings: memorySettings(),
      now: () => now,
      subscribe: async (h) => {
        fire = h;
        return async () => {};
      },
    });
    await host.readGrids();
    const seen: unknown[] = [];
    host.onChanged((c) => seen.push(c));
    await Promise.resolve();
    await host.applyFixes([{ sheet: '花名册', row: 3, col: 1, value: '汉族' }]);
    fire!({ address: 'B4', worksheetId: 'id-0' });
    expect(seen).toEqual([]);
    now += 2_000;
    fire!({ address: 'B4', worksheetId: 'id-0' });
    expect(seen).toEqual([{ sheet: '花名册', firstRow: 3, lastRow: 3 }]);
  });
});

describe('ExcelWorkbookHost.openWorkbook', () => {
  it('hands Excel.createWorkbook the exact bytes as base64, however large', async () => {
    // 200 KB of every byte value: more than one base64 slice, and no byte may be altered.
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7 + 3) % 256);
    let got: string | null = null;
    const { host } = hostFor(new FakeExcel(), { createWorkbook: async (b64) => { got = b64; } });
    await host.openWorkbook(bytes.buffer);
    expect(got).not.toBeNull();
    expect(new Uint8Array(Buffer.from(got!, 'base64'))).toEqual(bytes);
  });

  it('says so when this Excel cannot open a new workbook (ExcelApi 1.8 missing)', async () => {
    const { host } = hostFor(new FakeExcel());
    await expect(host.openWorkbook(new ArrayBuffer(4))).rejects.toThrow(/ExcelApi 1\.8/);
  });
});

describe('ExcelWorkbookHost.readGrids request planning', () => {
  it('reads 10,000 members (roster + 12-month register, 300,050 cells) in ceil(cells / budget) read syncs', async () => {
    const excel = new FakeExcel();
    const roster = excel.addSheet('花名册');
    const register = excel.addSheet('党费登记');
    const n = 10_000;
    roster.setRow(0, Array.from({ length: 10 }, (_, c) => `列${c}`));
    register.setRow(0, Array.from({ length: 20 }, (_, c) => `列${c}`));
    for (let i = 1; i <= n; i++) {
      roster.setRow(i, Array.from({ length: 10 }, (_, c) => i * 10 + c));
      register.setRow(i, Array.from({ length: 20 }, (_, c) => i * 20 + c));
    }
    register.setRow(n + 1, Array.from({ length: 20 }, (_, c) => (c ? c : '合计')));
    const { host } = hostFor(excel, { cellsPerSync: 100_000 });
    const grids = await host.readGrids();
    // 2 syncs to find the sheets and their used ranges, then 4 reads: 100,010 + 200,040 cells.
    expect(excel.syncs).toBe(2 + Math.ceil((10_001 * 10 + 10_002 * 20) / 100_000));
    expect(grids[0]!.values).toHaveLength(n + 1);
    expect(grids[1]!.values).toHaveLength(n + 2);
    expect(grids[0]!.values[n]).toEqual(Array.from({ length: 10 }, (_, c) => n * 10 + c));
    expect(grids[1]!.values[4_999]).toEqual(Array.from({ length: 20 }, (_, c) => 4_999 * 20 + c));
    expect(grids[1]!.values[n + 1]![0]).toBe('合计');
  });

  it('a row wider than the budget still gets read, alone', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('宽');
    s.setRow(0, Array.from({ length: 30 }, (_, c) => c));
    s.setRow(1, Array.from({ length: 30 }, (_, c) => -c));
    const { host } = hostFor(excel, { cellsPerSync: 20 });
    const [g] = await host.readGrids();
    expect(g!.values[1]![29]).toBe(-29);
    expect(excel.syncs).toBe(2 + 2);
  });
});

describe('ExcelWorkbookHost and formula cells', () => {
  /** The government-style register, cell for cell (values, formats, formulas) in the fake Excel. */
  async function govInExcel() {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { readWorkbook } = await import('../../../shared/xlsx/read');
    const grids = await readWorkbook(readFileSync(path.resolve(__dirname, '../../fixtures/government-register.xlsx')));
    const excel = new FakeExcel();
    for (const g of grids) {
      const s = excel.addSheet(g.name);
      g.values.forEach((row, r) => row.forEach((v, c) => {
        const f = g.formulas?.[r]?.[c];
        if (f) s.setFormula(r, c, f, v as number);
        else if (v !== null) s.cell(r, c).value = v;
        const fmt = g.formats?.[r]?.[c];
        if (fmt && v !== null) s.cell(r, c).numberFormat = fmt;
      }));
    }
    return excel;
  }

  it('reads formulas with values and formats in the same syncs; a finding on G5 = ROUND(E5*F5,2) points to F5', async () => {
    const { checkWorkbook } = await import('../../../shared/check');
    const excel = await govInExcel();
    const { host } = hostFor(excel);
    const grids = await host.readGrids();
    expect(excel.syncs).toBe(2 + 1);
    const reg = grids.find((g) => g.name === '2026年党费收缴登记表')!;
    expect(reg.formulas?.[4]?.[6]).toBe('ROUND(E5*F5,2)');
    expect(reg.formulas?.[4]?.[5]).toBeUndefined();
    const result = checkWorkbook(grids, { asOf: '2026-09-30' });
    expect(result.findings.find((f) => f.cell === 'G5')).toMatchObject({ code: 'DUE_WRONG', fix: null, fixVia: { cell: 'F5' } });
    expect(result.findings.find((f) => f.cell === 'F5')).toMatchObject({ code: 'RATE_WRONG', fix: 0.015 });
  });

  it('never writes over a formula cell: the whole batch is refused, nothing sent to Excel', async () => {
    const { FormulaCellError } = await import('../../../shared/xlsx/errors');
    const excel = await govInExcel();
    const { host } = hostFor(excel);
    await host.readGrids();
    const before = excel.syncs;
    const s = excel.sheets.find((x) => x.name === '2026年党费收缴登记表')!;
    await expect(host.applyFixes([
      { sheet: '2026年党费收缴登记表', row: 4, col: 5, value: 0.015 },
      { sheet: '2026年党费收缴登记表', row: 4, col: 6, value: 90 },
    ])).rejects.toThrow(FormulaCellError);
    expect(excel.syncs).toBe(before);
    expect(s.cell(4, 6)).toMatchObject({ formula: '=ROUND(E5*F5,2)', value: 60 });
    expect(s.cell(4, 5).value).toBe(0.01);
    // The input's fix is written.
    await host.applyFixes([{ sheet: '2026年党费收缴登记表', row: 4, col: 5, value: 0.015 }]);
    expect(s.cell(4, 5).value).toBe(0.015);
    expect(s.cell(4, 6).formula).toBe('=ROUND(E5*F5,2)');
  });

  it('learns a formula typed since the last full read from the re-read rows', async () => {
    const excel = new FakeExcel();
    const s = excel.addSheet('表');
    roster(s, 5);
    const { host } = hostFor(excel);
    await host.readGrids();
    s.setFormula(3, 4, '=A1+1', 2);
    const rows = await host.readRows('表', 3, 3);
    expect(rows.formulas?.[0]?.[4]).toBe('A1+1');
    await expect(host.applyFixes([{ sheet: '表', row: 3, col: 4, value: 45000 }])).rejects.toThrow(/holds a formula \(=A1\+1\)/);
    s.cell(3, 4).formula = null;
    await host.readRows('表', 3, 3);
    await host.applyFixes([{ sheet: '表', row: 3, col: 4, value: 45000 }]);
    expect(s.cell(3, 4).value).toBe(45000);
  });
});
