// Workbooks laid out unlike the sample (tests/fixtures/checker-layouts.ts), read from real
// .xlsx bytes: title lines, merged two-row headers, per-quarter sheets, other spellings,
// text dates, rates and amounts. Each must be checked as precisely as the sample.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkWorkbook, memberMonths } from '../../../shared/check';
import { readWorkbook } from '../../../shared/xlsx/read';
import { buildSubmission } from '../../../shared/submission/build';
import { verifySubmission } from '../../../shared/submission/verify';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { annualWorkbook, quarterlyWorkbook } from '../../fixtures/checker-layouts';

const noisy = <T extends { severity: string }>(fs: T[]) => fs.filter((f) => f.severity !== 'info');

describe('per-quarter register sheets under title lines', () => {
  it('recognises the roster below its title and every quarter sheet with its months', async () => {
    const { bytes } = await quarterlyWorkbook();
    const res = checkWorkbook(await readWorkbook(bytes), { asOf: '2026-09-30' });
    const roster = res.tables.find((t) => t.kind === 'roster')!;
    expect(roster.sheet).toBe('党员名册');
    expect(roster.headerRow).toBe(3);
    expect(roster.memberRows).toEqual([4, 5, 6, 7, 8, 9]); // the footer 填表人 is not a member
    const registers = res.tables.filter((t) => t.kind === 'register');
    expect(registers.map((t) => [t.sheet, t.quarter, t.year])).toEqual([
      ['2026年第一季度', 1, 2026], ['第二季度', 2, 2026], ['Q3', 3, 2026],
    ]);
    expect(registers.map((t) => t.months.map((m) => m.month))).toEqual([
      ['2026-01', '2026-02', '2026-03'], ['2026-04', '2026-05', '2026-06'], ['2026-07', '2026-08', '2026-09'],
    ]);
    // The merged two-row header of Q3: data starts below the month row, the subtotal column is the quarter's.
    const q3 = registers[2]!;
    expect(q3.headerRow).toBe(3);
    expect(q3.dataStartRow).toBe(4);
    expect(q3.quarterTotals).toEqual([{ quarter: 3, col: 9 }]);
    expect(q3.columns).toMatchObject({ name: 0, idNumber: 1, category: 2, base: 3, rate: 4, due: 5 });
    expect(registers.every((t) => t.totalsRows.length === 1)).toBe(true);
  });

  it('finds exactly the planted problems: a lower-case x on the roster and an unpaid August', async () => {
    const { bytes } = await quarterlyWorkbook();
    const res = checkWorkbook(await readWorkbook(bytes), { asOf: '2026-09-30' });
    expect(noisy(res.findings).map((f) => `${f.code} ${f.sheet}!${f.cell}`)).toEqual([
      'ID_NORMALISABLE 党员名册!F10',
      'UNPAID Q3!H8',
    ]);
    expect(res.summary.members).toBe(6);
    // Text amounts ("6,000.00", "90.00", "1.5%") were read: the standard was applied to every row.
    const wang = res.members.find((m) => m.name === '王一')!;
    expect([...wang.dues.dueFen]).toEqual(Array(9).fill(9000));
    expect(wang.dues.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(memberMonths(wang)[6]).toEqual({ month: '2026-07', baseFen: 600000, dueFen: 9000, paidFen: 9000, largeFen: 0 });
    expect(wang.category).toBe('在职');
    // A quarter paid in its last month is not arrears.
    expect(res.members.find((m) => m.name === '李二')!.unpaidStreak).toBe(0);
    // Month-precision and text dates: 2005年7月1日, 1985.07.01, 2026.03.15.
    expect(res.members.map((m) => m.joinDate)).toEqual(['2005-07-01', '1985-07-01', '2023-05-04', '2015-07-01', '2026-03-15', '2012-07-01']);
    // Each quarter builds a submission the server's re-check accepts.
    for (const q of ['2026Q1', '2026Q2', '2026Q3']) expect(verifySubmission(buildSubmission(res, q), DEFAULT_SETTINGS)).toEqual({ ok: true });
  });

  it('finds a wrong quarter subtotal and a wrong 合计 on a quarter sheet', async () => {
    const { bytes } = await quarterlyWorkbook();
    const grids = await readWorkbook(bytes);
    const q3 = grids.find((g) => g.name === 'Q3')!;
    q3.values[4]![9] = 999; // 王一's 本季度小计: should be 270
    q3.values[10]![6] = 1; // 合计 of July
    const res = checkWorkbook(grids, { asOf: '2026-09-30' });
    const sub = res.findings.filter((f) => f.code === 'SUBTOTAL_WRONG').map((f) => [f.cell, f.fix]);
    // The 合计 row is checked against the member cells as they stand (999 included).
    expect(sub).toEqual([['J5', 270], ['G11', 274.2], ['J11', 1562.6]]);
  });
});

describe('an annual register with other spellings, header on row 13', () => {
  it('reads the year from the sheet name, 人员类型 as the category, 1.5 as 1.5%, formulas as their results', async () => {
    const res = checkWorkbook(await readWorkbook(await annualWorkbook()), { asOf: '2025-12-31' });
    const reg = res.tables.find((t) => t.kind === 'register')!;
    expect(reg.headerRow).toBe(12);
    expect(reg.year).toBe(2025);
    expect(reg.columns).toMatchObject({ idNumber: 2, category: 3, base: 4, rate: 5, due: 6, paidTotal: 19 });
    expect(reg.memberRows).toEqual([13, 14]);
    expect(reg.totalsRows).toEqual([15]);
    // Only the planted wrong January total.
    expect(noisy(res.findings).map((f) => `${f.code} ${f.sheet}!${f.cell}`)).toEqual(['SUBTOTAL_WRONG 2025年党费!H16']);
    expect(res.members.map((m) => m.category)).toEqual(['在职', '离退休']);
    expect(res.members.map((m) => m.joinDate)).toEqual(['2005-07-01', '1990-07-01']);
  });

  it('an explicit --year overrides the year in the sheet name', async () => {
    const res = checkWorkbook(await readWorkbook(await annualWorkbook()), { asOf: '2026-12-31', year: 2026 });
    expect(res.tables.find((t) => t.kind === 'register')!.months[0]!.month).toBe('2026-01');
  });
});

describe('reading real .xlsx bytes', () => {
  it('keeps dates as serials with their format, formulas as results, rich text as text, merges', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = new Date(Date.UTC(2015, 6, 1));
    ws.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('B1').value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
    ws.getCell('C1').value = { richText: [{ text: '公民' }, { font: { bold: true }, text: '身份号码' }] };
    ws.getCell('D1').value = { text: '链接', hyperlink: 'https://example.org' } as ExcelJS.CellHyperlinkValue;
    ws.mergeCells('A2:C3');
    ws.getCell('A2').value = '合并';
    const grids = await readWorkbook(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer));
    const g = grids[0]!;
    expect(g.values[0]).toEqual([42186, 2, '公民身份号码', '链接']);
    expect(g.formats?.[0]?.[0]).toBe('yyyy"年"m"月"d"日"');
    expect(g.merges).toEqual([{ top: 1, left: 0, bottom: 2, right: 2 }]);
    expect(g.values[1]).toEqual(['合并']);
  });
});
