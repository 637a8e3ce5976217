// The workbook builder without the API: text that would be a formula (including tab and CR,
// which the API's trimming never lets through) stays text; odd characters survive the XML;
// sheet names obey Excel's rules; exceljs (a second, independent reader) opens the file and sees
// the same values; the 欠缴名单 order and the income rule hold.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { RollupMember } from '../../../shared/api/contract';
import { buildReport } from '../../../worker/src/reports/build';
import { arrearsLines } from '../../../worker/src/reports/arrears-sheet';
import { sheetNamer } from '../../../worker/src/reports/layout';
import { beijingDate, publicityPeriodText } from '../../../worker/src/reports/publicity-sheet';
import { syntheticReport } from '../../../bench/report-synthetic';
import { readXlsx, fen } from './xlsx-reader';

const NASTY = ['=1+1', '+SUM(1,2)', '-2', '@A1', '\t=1+1', '\r=1+1', '=HYPERLINK("http://x","y")', 'a < b & c > "d"', '_x0041_ 字面', '  两端空格  ', '第一行\n第二行', 'bad\u0001char', '😀 表情'];

function withNames(names: string[]) {
  const input = syntheticReport({ period: '2026Q3', generals: 1, branchesPerGeneral: 2, membersPerBranch: names.length });
  const code = input.tree.children[0]!.children[0]!.org.code;
  const list = input.members.get(code)! as RollupMember[];
  names.forEach((n, i) => { list[i] = { ...list[i]!, name: n }; });
  return { input, code, list };
}

describe('text from submissions', () => {
  it('is written as shared-string text exactly (bar XML-illegal control characters), never as a formula', () => {
    const { input } = withNames(NASTY);
    const book = readXlsx(buildReport(input));
    for (const sheet of book.sheets) expect(sheet.xml).not.toMatch(/<f[\s>/]/);
    const branch = book.sheet(input.tree.children[0]!.children[0]!.org.name);
    const names = [...branch.cells.values()].filter((c) => c.ref.startsWith('B') && Number(c.ref.slice(1)) > 3).map((c) => c.value);
    const expected = NASTY.map((n) => n.replace('\u0001', ''));
    expect(names.slice(0, NASTY.length)).toEqual(expected);
    for (const c of branch.cells.values()) if (typeof c.value === 'string' && expected.includes(c.value)) expect(c.type).toBe('s');
  });

  it('opens in exceljs with the same text and numbers (a second independent reader)', async () => {
    const { input, list } = withNames(NASTY);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buildReport(input).buffer as ArrayBuffer);
    const ws = wb.getWorksheet(input.tree.children[0]!.children[0]!.org.name)!;
    NASTY.forEach((n, i) => {
      const cell = ws.getCell(4 + i, 2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(n.replace('\u0001', ''));
    });
    const totalRow = ws.getRow(4 + list.length);
    expect(totalRow.getCell(1).value).toBe('合计');
    const summary = wb.getWorksheet('汇总')!;
    const last = summary.getRow(summary.rowCount);
    expect(fen(last.getCell(6).value)).toBe(input.tree.figures.dueFen);
    expect(fen(last.getCell(7).value)).toBe(input.tree.figures.paidFen);
    expect(summary.getCell('F6').numFmt).toBe('"¥"#,##0.00');
  });
});

describe('sheet names', () => {
  it('are at most 31 characters, free of []:*?/\\, and unique ignoring case', () => {
    const name = sheetNamer(['汇总', '欠缴名单', '公示', 'History']);
    const got = ['第一党支部', '第一党支部', '汇总', 'a/b:c*d?[e]', "'quoted'", 'Abc', 'ABC', '很长的名字'.repeat(10), '很长的名字'.repeat(10), ''].map(name);
    expect(got.slice(0, 3)).toEqual(['第一党支部', '第一党支部(2)', '汇总(2)']);
    expect(got[3]).toBe('a_b_c_d__e_');
    expect(got[4]).toBe('quoted');
    expect(got[6]).toBe('ABC(2)');
    for (const g of got) {
      expect([...g].length).toBeLessThanOrEqual(31);
      expect(g).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(got.map((g) => g.toLowerCase())).size).toBe(got.length);
  });

  it('a committee with two branches of the same name gets two sheets', () => {
    const input = syntheticReport({ period: '2026Q3', generals: 2, branchesPerGeneral: 1, membersPerBranch: 2 });
    input.tree.children[1]!.children[0]!.org.name = input.tree.children[0]!.children[0]!.org.name;
    const names = readXlsx(buildReport(input)).sheets.map((s) => s.name);
    expect(names.slice(4)).toEqual(['综合办公室党支部', '综合办公室党支部(2)']);
  });
});

describe('organisation names that would break the workbook', () => {
  const unescape = (x: string) => x.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  it('still give valid, unique sheet names and page headers Excel accepts', async () => {
    const input = syntheticReport({ period: '2026Q3', generals: 1, branchesPerGeneral: 6, membersPerBranch: 2 });
    const hostile = ['\u0001\u0002\u0003', 'Dup', 'Dup\u0002', `${'x'.repeat(30)}'abc`, '长'.repeat(428), `${'y'.repeat(30)}😀tail`];
    input.tree.children[0]!.children.forEach((b, i) => { b.org.name = hostile[i]!; });
    input.tree.org.name = '委'.repeat(428);
    input.tree.children[0]!.org.name = `总支${'&'.repeat(300)}`;
    const bytes = buildReport(input);
    const book = readXlsx(bytes);
    const names = book.sheets.map((x) => unescape(x.name));
    for (const n of names) {
      expect(n.length).toBeGreaterThan(0);
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/^'|'$/);
      // eslint-disable-next-line no-control-regex -- no control characters in a sheet name
      expect(n).not.toMatch(/[\u0000-\u001F]|[\uD800-\uDBFF]$/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const sheet of book.sheets) {
      for (const m of sheet.xml.matchAll(/<(oddHeader|oddFooter)>([^<]*)<\/\1>/g)) expect(unescape(m[2]!).length).toBeLessThanOrEqual(255);
    }
    // A second reader opens it and finds every sheet.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(names);
  });
});

describe('欠缴名单 order and the income rule', () => {
  it('puts six-month cases first, then by months unpaid, then by amount', () => {
    const input = syntheticReport({ period: '2026', generals: 3, branchesPerGeneral: 3, membersPerBranch: 30 });
    const lines = arrearsLines(input).map((l) => l.member);
    expect(lines.length).toBeGreaterThan(5);
    const key = (m: RollupMember) => [m.unpaidStreak >= 6 ? 1 : 0, m.unpaidStreak, m.arrearsFen];
    for (let i = 1; i < lines.length; i++) {
      const [a, b] = [key(lines[i - 1]!), key(lines[i]!)];
      const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      expect(cmp).toBeGreaterThanOrEqual(0);
    }
    expect(lines.every((m) => m.arrearsFen > 0)).toBe(true);
  });

  it('shows the base column to finance only, even if the input carries bases', () => {
    const input = syntheticReport({ period: '2026Q3', generals: 1, branchesPerGeneral: 1, membersPerBranch: 3 });
    const branchName = input.tree.children[0]!.children[0]!.org.name;
    for (const role of ['leader', 'finance'] as const) {
      const book = readXlsx(buildReport({ ...input, role }));
      expect(book.sheet(branchName).rows[2]!.includes('缴费基数')).toBe(role === 'finance');
    }
  });
});

describe('公示 and paper', () => {
  it('dates the 公示期 in Beijing time, the first day counting, across a month end', () => {
    // 2026-11-28 17:30 UTC is already 29 November in Beijing.
    expect(beijingDate('2026-11-28T17:30:00Z')).toBe('2026年11月29日');
    expect(publicityPeriodText('2026-11-28T17:30:00Z', 7, '机关党委组织部')).toBe('公示期：2026年11月29日至2026年12月5日（共7天）。如有疑问，请在公示期内向机关党委组织部反映。');
    expect(publicityPeriodText('2026-12-02T01:00:00Z', 1, 'x')).toContain('2026年12月2日至2026年12月2日（共1天）');
  });

  it('uses the committee’s 公示 days and contact, and its paper for branch sheets', () => {
    const input = syntheticReport({ period: '2026', generals: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
    const a4 = readXlsx(buildReport(input));
    for (const s of a4.sheets) expect(s.xml).toContain('paperSize="9"');
    const a3 = readXlsx(buildReport({ ...input, print: { publicityDays: 10, publicityContact: '总支委员会', paper: 'A3' } }));
    const branch = input.tree.children[0]!.children[0]!.org.name;
    expect(a3.sheet(branch).xml).toContain('paperSize="8"');
    expect(a3.sheet('汇总').xml).toContain('paperSize="9"');
    const text = a3.sheet('公示').rows.map((r) => r[0]).find((v) => typeof v === 'string' && v.startsWith('公示期：'));
    expect(text).toMatch(/（共10天）。如有疑问，请在公示期内向总支委员会反映。$/);
  });

  it('lists branches without figures once, with no page of their own', () => {
    const input = syntheticReport({ period: '2026Q3', generals: 1, branchesPerGeneral: 3, membersPerBranch: 2 });
    const empty = input.tree.children[0]!.children[1]!;
    const members = new Map(input.members);
    members.set(empty.org.code, []);
    const sheet = readXlsx(buildReport({ ...input, members })).sheet('公示');
    expect(sheet.rows.some((r) => r[0] === `${empty.org.name} 党费收缴情况公示`)).toBe(false);
    expect(sheet.rows.some((r) => r[0] === '本期未列入公示的党支部（1个）')).toBe(true);
    expect(sheet.rows.filter((r) => r[1] === empty.org.name)).toHaveLength(1);
    // Two posted blocks and the list: two page breaks.
    expect((sheet.xml.match(/<brk /g) ?? []).length).toBe(2);
  });
});
