// The WPS host against a fake of WPS 表格's object model, counting calls into WPS the way
// tests/addin/excel/ counts context.sync().
import { describe, expect, it } from 'vitest';
import { MARK_COLOR, OWN_WRITE_QUIET_MS, WpsWorkbookHost, bgr } from '../../../addin/src/wps/wpsHost';
import { split } from '../../../addin/src/wps/docSettings';
import type { RowChange } from '../../../addin/src/host/workbookHost';
import { FakeWps, NO_FILL, XL_NONE, XL_SOLID } from './fakeWps';
import type { FakeSheet } from './fakeWps';

function roster(sheet: FakeSheet, rows: number, startRow = 0): void {
  sheet.setRow(startRow, ['序号', '姓名', '公民身份号码', '性别', '入党日期']);
  for (let i = 1; i <= rows; i++) {
    sheet.setRow(startRow + i, [i, `党员${i}`, `11010519900101${String(i % 10000).padStart(4, '0')}`, i % 2 ? '男' : '女', 40000 + i]);
    sheet.cell(startRow + i, 2).numberFormat = '@';
    sheet.cell(startRow + i, 4).numberFormat = 'yyyy-mm-dd';
  }
}

function hostFor(wps: FakeWps, now = () => 0) {
  return new WpsWorkbookHost({ app: wps.app, now });
}

describe('WpsWorkbookHost.readGrids', () => {
  it('reads every used range whole: 10 and 10,000 members cost nearly the same calls', async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const wps = new FakeWps();
      roster(wps.addSheet('花名册'), n);
      roster(wps.addSheet('党费登记'), n, 2);
      wps.addSheet('空白');
      const grids = await hostFor(wps).readGrids();
      counts.push(wps.calls);
      expect(grids.map((g) => g.name)).toEqual(['花名册', '党费登记', '空白']);
      expect(grids[0]!.values).toHaveLength(n + 1);
      expect(grids[1]!.origin).toEqual({ row: 2, col: 0 });
      expect(grids[2]!.values).toEqual([]);
      expect(grids[0]!.values[1]).toEqual([1, '党员1', '110105199001010001', '男', 40001]);
      expect(grids[0]!.formats![0]![4]).toBe('General');
      expect(grids[0]!.formats![1]![4]).toBe('yyyy-mm-dd');
      expect(grids[0]!.formats![n]![2]).toBe('@');
      expect(grids[0]!.values[n]![1]).toBe(`党员${n}`);
    }
    // Values and formulas are one call each per sheet; number formats are read per column in
    // uniform blocks, so the header row's own format costs a halving per level (log2 of rows).
    const cells = 2 * 5 * 10_001;
    expect(counts[1]! - counts[0]!).toBeLessThanOrEqual(2 * 2 * 3 * 2 * Math.ceil(Math.log2(10_001)));
    expect(counts[1]!).toBeLessThan(cells / 100);
  });

  it('a column of one format is one call however long it is', async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const wps = new FakeWps();
      const s = wps.addSheet('表');
      for (let r = 0; r < n; r++) s.cell(r, 0).value = r + 1;
      await hostFor(wps).readGrids();
      counts.push(wps.calls);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it('keeps formulas beside their cached values, and trims a formatted but empty tail', async () => {
    const wps = new FakeWps();
    const s = wps.addSheet('党费登记');
    s.setRow(1, ['姓名', '基数', '党费'], 1);
    s.setRow(2, ['张三', 5000, 25], 1);
    s.cell(2, 3).formula = '=ROUND(C3*0.5%,2)';
    s.cell(40, 6).fill = { ...NO_FILL, pattern: XL_SOLID, color: bgr('#FFFF00') };
    const [g] = await hostFor(wps).readGrids();
    expect(g!.origin).toEqual({ row: 1, col: 1 });
    expect(g!.values).toEqual([
      ['姓名', '基数', '党费'],
      ['张三', 5000, 25],
    ]);
    expect(g!.formulas?.[1]?.[2]).toBe('ROUND(C3*0.5%,2)');
    expect(g!.formulas?.[1]?.[1]).toBeUndefined();
  });

  it('readRows re-reads only the asked rows, and rows that moved away come back empty', async () => {
    const wps = new FakeWps();
    const s = wps.addSheet('花名册');
    roster(s, 5);
    const host = hostFor(wps);
    await host.readGrids();
    const patch = await host.readRows('花名册', 2, 3);
    expect(patch.origin).toEqual({ row: 2, col: 0 });
    expect(patch.values.map((r) => r[1])).toEqual(['党员2', '党员3']);
    // The last row is deleted: asking to the sheet's end reads to where the sheet ended before.
    for (let c = 0; c < 5; c++) s.cells.delete(`5,${c}`);
    const after = await host.readRows('花名册', 4, 1_048_575);
    expect(after.values).toHaveLength(2);
    expect(after.values[1]).toEqual([null, null, null, null, null]);
  });
});

describe('WpsWorkbookHost marks', () => {
  it('records each fill and restores it exactly: no fill, a white fill, a tinted pattern', async () => {
    const wps = new FakeWps();
    const s = wps.addSheet('花名册');
    roster(s, 4);
    const white = { ...NO_FILL, pattern: XL_SOLID, color: 0xffffff };
    const patterned = { pattern: 17, color: bgr('#4472C4'), patternColor: bgr('#FF0000'), tint: 0.4, patternTint: -0.25 };
    s.cell(2, 1).fill = { ...white };
    s.cell(3, 1).fill = { ...patterned };
    const host = hostFor(wps);
    await host.markFindings([1, 2, 3, 4].map((row) => ({ sheet: '花名册', row, col: 1, severity: 'error' as const })));
    for (const row of [1, 2, 3, 4]) expect(s.cell(row, 1).fill).toMatchObject({ pattern: XL_SOLID, color: MARK_COLOR.error, tint: 0 });
    await host.clearMarks();
    expect(s.cell(1, 1).fill).toEqual(NO_FILL);
    expect(s.cell(2, 1).fill).toEqual(white);
    expect(s.cell(3, 1).fill).toEqual(patterned);
    expect(s.cell(4, 1).fill).toEqual(NO_FILL);
  });

  it('a cell the clerk recoloured after marking keeps the clerk’s colour', async () => {
    const wps = new FakeWps();
    const s = wps.addSheet('花名册');
    roster(s, 3);
    const host = hostFor(wps);
    await host.markFindings([1, 2, 3].map((row) => ({ sheet: '花名册', row, col: 2, severity: 'warning' as const })));
    const green = { ...NO_FILL, pattern: XL_SOLID, color: bgr('#00B050') };
    s.cell(2, 2).fill = { ...green };
    await host.clearMarks();
    expect(s.cell(1, 2).fill).toEqual(NO_FILL);
    expect(s.cell(2, 2).fill).toEqual(green);
    expect(s.cell(3, 2).fill).toEqual(NO_FILL);
  });

  it('marking 1,000 cells of a plain column and clearing them costs a handful of calls', async () => {
    const wps = new FakeWps();
    const s = wps.addSheet('花名册');
    roster(s, 1000);
    const host = hostFor(wps);
    const marks = Array.from({ length: 1000 }, (_, i) => ({ sheet: '花名册', row: i + 1, col: 2, severity: 'error' as const }));
    const before = wps.calls;
    await host.markFindings(marks);
    const marking = wps.calls - before;
    const mid = wps.calls;
    await host.clearMarks();
    const clearing = wps.calls - mid;
    // Recording: one uniform block; painting: one range; the record: a few properties.
    expect(marking).toBeLessThan(40);
    expect(clearing).toBeLessThan(40);
    expect(s.cell(500, 2).fill).toEqual(NO_FILL);
  });

  it('the most severe mark wins a cell, and marks survive a new pane session through the workbook', async () => {
    const wps = new FakeWps();
    const s = wps.addSheet('花名册');
    roster(s, 200);
    const yellow = { ...NO_FILL, pattern: XL_SOLID, color: bgr('#FFFF00') };
    // Alternate fills: 200 runs of one cell each, a record longer than one property holds.
    for (let r = 1; r <= 200; r += 2) s.cell(r, 1).fill = { ...yellow };
    await hostFor(wps).markFindings([
      ...Array.from({ length: 200 }, (_, i) => ({ sheet: '花名册', row: i + 1, col: 1, severity: 'info' as const })),
      { sheet: '花名册', row: 7, col: 1, severity: 'error' },
    ]);
    expect(s.cell(7, 1).fill.color).toBe(MARK_COLOR.error);
    expect(s.cell(8, 1).fill.color).toBe(MARK_COLOR.info);
    // The record is longer than one 255-character property: it is chunked.
    expect([...wps.properties.keys()].filter((k) => k.startsWith('duesbook.duesbook.marks#')).length).toBeGreaterThan(1);
    await hostFor(wps).clearMarks();
    for (let r = 1; r <= 200; r++) expect(s.cell(r, 1).fill).toEqual(r % 2 ? yellow : NO_FILL);
    expect([...wps.properties.keys()].filter((k) => k.includes('marks'))).toEqual([]);
  });

  it('a deleted sheet’s records are dropped, the other sheets restored', async () => {
    const wps = new FakeWps();
    roster(wps.addSheet('花名册'), 2);
    roster(wps.addSheet('旧表'), 2);
    const host = hostFor(wps);
    await host.markFindings([
      { sheet: '花名册', row: 1, col: 1, severity: 'error' },
      { sheet: '旧表', row: 1, col: 1, severity: 'error' },
    ]);
    wps.sheets.splice(1, 1);
    await host.clearMarks();
    expect(wps.sheets[0]!.cell(1, 1).fill).toEqual(NO_FILL);
    expect(host.savedFills()).toEqual([]);
  });
});

describe('WpsWorkbookHost.applyFixes', () => {
  it('writes text as text — formula-like, ID numbers, dates, booleans — formatting only that cell', async () => {
    const wps = new FakeWps();
    const s = wps.addSheet('花名册');
    roster(s, 3);
    const host = hostFor(wps);
    const texts = ['=HYPERLINK("x")', '+8613800000000', '110105199001010016', '2015年7月1日', 'TRUE', '张三'];
    await host.applyFixes(texts.map((value, i) => ({ sheet: '花名册', row: 10 + i, col: 1, value })));
    texts.forEach((t, i) => {
      expect(s.cell(10 + i, 1).value).toBe(t);
      expect(s.cell(10 + i, 1).formula).toBeNull();
    });
    expect(s.cell(10, 1).numberFormat).toBe('@');
    expect(s.cell(15, 1).numberFormat).toBe('General'); // plain text needs no format
    expect(s.peek(10, 0)?.numberFormat ?? 'General').toBe('General');
    expect(s.peek(10, 2)?.numberFormat ?? 'General').toBe('General');
  });

  it('never overwrites a formula cell, and writes numbers as numbers', async () => {
    const wps = new FakeWps();
    const s = wps.addSheet('党费登记');
    s.setRow(0, ['姓名', '党费']);
    s.setRow(1, ['张三', 25]);
    s.cell(1, 1).formula = '=ROUND(5000*0.5%,2)';
    s.setRow(2, ['李四', 10]);
    await hostFor(wps).applyFixes([
      { sheet: '党费登记', row: 1, col: 1, value: 30 },
      { sheet: '党费登记', row: 2, col: 1, value: 12.5 },
      { sheet: '党费登记', row: 2, col: 0, value: null },
    ]);
    expect(s.cell(1, 1)).toMatchObject({ formula: '=ROUND(5000*0.5%,2)', value: 25 });
    expect(s.cell(2, 1).value).toBe(12.5);
    expect(s.cell(2, 0).value).toBe('李四');
  });

  it('its own writes are not the clerk’s edits; the clerk’s are, and unsubscribing stops them', async () => {
    const wps = new FakeWps();
    const s = wps.addSheet('花名册');
    roster(s, 5);
    let t = 0;
    const host = hostFor(wps, () => t);
    const seen: RowChange[] = [];
    const off = host.onChanged((c) => seen.push(c));
    await host.applyFixes([{ sheet: '花名册', row: 3, col: 1, value: '王五' }]);
    expect(wps.enableEvents).toBe(true); // restored after the batch
    // A WPS that raises the event anyway, after the batch: still ours within the quiet window.
    wps.clerkChanges('花名册', 3, 1);
    expect(seen).toEqual([]);
    t += OWN_WRITE_QUIET_MS + 1;
    wps.clerkChanges('花名册', 3, 1);
    wps.clerkChanges('花名册', 4, 0, 2, 3);
    wps.clerkChanges('花名册', 2, 0, 1, 16_384); // a whole row inserted or deleted
    expect(seen).toEqual([
      { sheet: '花名册', firstRow: 3, lastRow: 3 },
      { sheet: '花名册', firstRow: 4, lastRow: 5 },
      { sheet: '花名册', firstRow: 2, lastRow: 1_048_575 },
    ]);
    off();
    wps.clerkChanges('花名册', 1, 1);
    expect(seen).toHaveLength(3);
  });
});

describe('WpsWorkbookHost settings and navigation', () => {
  it('settings live in the workbook’s custom properties, in 255-character chunks', async () => {
    const wps = new FakeWps();
    wps.addSheet('花名册');
    const mapping = { roster: { sheet: '花名册', columns: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`字段${i}`, `第${i}列`])) } };
    await hostFor(wps).saveSetting('mapping', mapping);
    for (const v of wps.properties.values()) expect(v.length).toBeLessThanOrEqual(255);
    expect(await hostFor(wps).loadSetting('mapping')).toEqual(mapping);
    expect(await hostFor(wps).loadSetting('other')).toBeNull();
    await hostFor(wps).saveSetting('mapping', { small: 1 });
    expect(await hostFor(wps).loadSetting('mapping')).toEqual({ small: 1 });
    expect([...wps.properties.keys()]).toEqual(['duesbook.mapping#0', 'duesbook.mapping']);
  });

  it('chunks never cut a character outside the BMP in two', () => {
    const text = 'a'.repeat(254) + '𠀀' + 'b'.repeat(300);
    const parts = split(text);
    expect(parts.join('')).toBe(text);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(255);
      expect(/[\uD800-\uDBFF]$/.test(p)).toBe(false);
    }
  });

  it('goes to a cell, and knows when there is no workbook', async () => {
    const wps = new FakeWps();
    wps.addSheet('花名册');
    wps.addSheet('党费登记');
    const host = hostFor(wps);
    await host.selectCell('党费登记', 4, 2);
    expect(wps.active).toBe('党费登记');
    expect(wps.selected).toEqual({ sheet: '党费登记', row: 4, col: 2 });
    expect(host.hasWorkbook()).toBe(true);
    expect(host.workbookName()).toBe('党费收缴登记表.xlsx');
    wps.open = false;
    expect(host.hasWorkbook()).toBe(false);
    await expect(host.readGrids()).rejects.toThrow(/no workbook/);
  });

  it('the pattern constants are the object model’s', () => {
    expect(XL_NONE).toBe(-4142);
    expect(bgr('#FF0000')).toBe(0x0000ff);
  });
});
