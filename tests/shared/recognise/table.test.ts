// Header recognition: the header row below title lines, every spelling the issue lists,
// month and quarter labels, merged two-row headers, totals rows, classification, and the
// host's explicit column mapping.
import { describe, expect, it } from 'vitest';
import type { CellValue, Grid } from '../../../shared/grid';
import { headerMeaning } from '../../../shared/recognise/fields';
import { recogniseSheet, recogniseWorkbook } from '../../../shared/recognise/table';
import { checkWorkbook } from '../../../shared/check';
import { makeId, person, registerGrid, rosterGrid } from '../checker/grids';

const opts = { year: 2026 };
const field = (t: string) => {
  const m = headerMeaning(t);
  return m?.kind === 'field' ? m.field : null;
};

describe('header spellings', () => {
  it.each([
    ['公民身份号码', 'idNumber'], ['身份证号', 'idNumber'], ['身份证号码', 'idNumber'], ['公民身份证号码', 'idNumber'],
    [' 身份证 号码 ', 'idNumber'], ['入党日期', 'joinDate'], ['入党时间', 'joinDate'], ['加入党组织日期', 'joinDate'],
    ['缴费基数', 'base'], ['月工资收入基数（税后）', 'base'], ['月工资收入基数(税后)（元）', 'base'], ['计算基数', 'base'],
    ['转正日期', 'fullDate'], ['转为正式党员日期', 'fullDate'], ['党员身份', 'memberClass'], ['交费类别', 'category'],
    ['交纳比例', 'rate'], ['月应交', 'due'], ['应交党费', 'due'], ['累计实交', 'paidTotal'], ['姓名', 'name'], ['党籍状态', 'standing'],
  ])('%s → %s', (text, expected) => {
    expect(field(text)).toBe(expected);
  });

  it.each([
    ['1月', 1], ['一月', 1], ['2026年1月', 1], ['十二月', 12], ['12月份', 12], ['2026-03', 3], ['1月实交', 1],
  ])('month header %s → %i', (text, month) => {
    const m = headerMeaning(text);
    expect(m?.kind).toBe('month');
    expect(m?.kind === 'month' && m.month).toBe(month);
  });

  it('a due part of a month is told from the paid part', () => {
    const m = headerMeaning('3月应交');
    expect(m).toMatchObject({ kind: 'month', month: 3, part: 'due' });
  });

  it('unknown headers mean nothing', () => {
    expect(headerMeaning('联系电话')).toBeNull();
    expect(headerMeaning('')).toBeNull();
  });
});

function grid(name: string, values: CellValue[][], merges?: Grid['merges']): Grid {
  return { name, values, merges };
}

describe('the header row', () => {
  it('is found below a title and a 填报单位 line, within the first 15 rows', () => {
    const rows: CellValue[][] = [['党员花名册'], ['填报单位：一支部'], [], ['姓名', '身份证号码', '人员类别', '入党时间'], ['张三', makeId('19800101'), '正式党员', '2001-07-01']];
    const t = recogniseSheet(grid('名册', rows), opts)!;
    expect(t.kind).toBe('roster');
    expect(t.headerRow).toBe(3);
    expect(t.memberRows).toEqual([4]);
  });

  it('is not looked for beyond the first 15 rows', () => {
    const rows: CellValue[][] = [...Array.from({ length: 16 }, () => ['说明']), ['姓名', '身份证号码', '人员类别', '入党时间']];
    expect(recogniseSheet(grid('名册', rows), opts)).toBeNull();
  });

  it('reads merged two-row headers: 1月 over 应交/实交 pairs', () => {
    const rows: CellValue[][] = [
      ['姓名', '身份证号', '交费类别', '1月', null, '2月', null],
      [null, null, null, '应交', '实交', '应交', '实交'],
      ['张三', makeId('19800101'), '在职', 90, 90, 90, 80],
    ];
    const merges = [
      { top: 0, left: 0, bottom: 1, right: 0 }, { top: 0, left: 1, bottom: 1, right: 1 }, { top: 0, left: 2, bottom: 1, right: 2 },
      { top: 0, left: 3, bottom: 0, right: 4 }, { top: 0, left: 5, bottom: 0, right: 6 },
    ];
    const t = recogniseSheet(grid('登记', rows, merges), opts)!;
    expect(t.kind).toBe('register');
    expect(t.dataStart).toBe(2);
    expect(t.months).toEqual([
      { month: '2026-01', col: 3, part: 'due' }, { month: '2026-01', col: 4, part: 'paid' },
      { month: '2026-02', col: 5, part: 'due' }, { month: '2026-02', col: 6, part: 'paid' },
    ]);
  });

  it('takes the year from the title and relative months from a quarter sheet', () => {
    const rows: CellValue[][] = [['2025年第三季度党费收缴登记表'], ['姓名', '交费类别', '第1月', '第2月', '第3月'], ['张三', '在职', 1, 1, 1]];
    const t = recogniseSheet(grid('三季度', rows), opts)!;
    expect(t.year).toBe(2025);
    expect(t.quarter).toBe(3);
    expect(t.months.map((m) => m.month)).toEqual(['2025-07', '2025-08', '2025-09']);
  });

  it('ignores the year of a 填报日期 line', () => {
    const rows: CellValue[][] = [['党费收缴登记表'], ['填报单位：一支部    填报日期：2026年1月5日'], ['姓名', '交费类别', '1月'], ['张三', '在职', 1]];
    expect(recogniseSheet(grid('登记', rows), { year: 2025 })!.months[0]!.month).toBe('2025-01');
  });

  it.each(['一季度', '第一季度', 'Q1', '2026Q1', '2026年第一季度'])('a sheet named %s is the first quarter', (name) => {
    const rows: CellValue[][] = [['姓名', '交费类别', '1月', '2月', '3月'], ['张三', '在职', 1, 1, 1]];
    expect(recogniseSheet(grid(name, rows), opts)!.quarter).toBe(1);
  });
});

describe('rows', () => {
  it('合计 / 小计 / 总计 rows are totals, footers are skipped, blank rows ignored', () => {
    const rows: CellValue[][] = [
      ['序号', '姓名', '交费类别', '1月'], [1, '张三', '在职', 1], [null, '小计', null, 1], [], [2, '李四', '在职', 2],
      ['总计', null, null, 3], ['填表人：王五'],
    ];
    const t = recogniseSheet(grid('登记', rows), opts)!;
    expect(t.memberRows).toEqual([1, 4]);
    expect(t.totalsRows).toEqual([2, 5]);
  });
});

describe('classification and the explicit mapping', () => {
  it('人员类别 holding 在职/退休 is the dues category, holding 正式/预备 the member class', () => {
    const reg = recogniseSheet(grid('R', [['姓名', '人员类别', '1月'], ['张三', '在职', 1], ['李四', '退休', 1]]), opts)!;
    expect(reg.columns.category).toBe(1);
    const ros = recogniseSheet(grid('S', [['姓名', '身份证号', '人员类别'], ['张三', makeId('19800101'), '正式党员']]), opts)!;
    expect(ros.columns.memberClass).toBe(2);
  });

  it('a workbook with unrecognisable headers gets SHEET_NOT_FOUND; the host mapping makes it checkable', () => {
    const a = person({}, 1);
    const roster = rosterGrid([a]);
    roster.values[0] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    const register = registerGrid([a]);
    const plain = checkWorkbook([roster, register], { asOf: '2026-09-30' });
    expect(plain.findings.map((f) => f.code)).toContain('SHEET_NOT_FOUND');

    const mapped = checkWorkbook([roster, register], {
      asOf: '2026-09-30',
      mapping: { 花名册: { kind: 'roster', headerRow: 0, columns: { name: 1, gender: 2, ethnicity: 3, birthDate: 4, idNumber: 5, memberClass: 6, joinDate: 7, fullDate: 8, standing: 9 } } },
    });
    expect(mapped.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(mapped.tables.find((t) => t.sheet === '花名册')!.mapped).toBe(true);
    expect(mapped.summary.members).toBe(1);
  });

  it('a mapping may name month columns and the year of a register', () => {
    const a = person({}, 1);
    const reg: Grid = { name: 'X', values: [['姓名', '类别', 'a', 'b', 'c'], [a.name, '在职', 90, 90, 90]] };
    const wb = recogniseWorkbook([rosterGrid([a]), reg], opts, { X: { kind: 'register', headerRow: 0, columns: { category: 1 }, months: { 1: 2, 2: 3, 3: 4 }, year: 2024 } });
    expect(wb.registers[0]!.months.map((m) => `${m.month}@${m.col}`)).toEqual(['2024-01@2', '2024-02@3', '2024-03@4']);
  });

  it('a roster without a 入党日期 column: COLUMN_MISSING on the header row, under an offset origin', () => {
    const g: Grid = { name: '花名册', origin: { row: 4, col: 2 }, values: [['姓名', '身份证号', '人员类别'], ['张三', makeId('19800101'), '正式党员']] };
    const res = checkWorkbook([g], { asOf: '2026-09-30' });
    const f = res.findings.find((x) => x.code === 'COLUMN_MISSING')!;
    expect(f.cell).toBe('C5');
    expect(f.messageEn).toContain('Joining date');
  });
});

describe('sheets told apart by their names when the headers are not enough', () => {
  it('a 党费 sheet without month columns: COLUMN_MISSING names the month columns', () => {
    const a = person({}, 1);
    const reg: Grid = { name: '党费收缴', values: [['姓名', '身份证号', '交费类别', '缴费基数', '甲', '乙'], [a.name, a.id, '在职', 6000, 90, 90]] };
    const res = checkWorkbook([rosterGrid([a]), reg], { asOf: '2026-09-30' });
    const missing = res.findings.filter((f) => f.code === 'COLUMN_MISSING');
    expect(missing.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['党费收缴!A1']);
    expect(missing[0]!.message).toContain('1月');
    expect(res.findings.map((f) => f.code)).not.toContain('SHEET_NOT_FOUND');
  });

  it('a 花名册 whose class and joining-date headers are unknown: the class told by its cells, COLUMN_MISSING for the date', () => {
    const a = person({}, 1);
    const roster: Grid = { name: '党员花名册', values: [['姓名', '身份证号', '身份', '时间'], [a.name, a.id, '正式党员', '2005-07-01']] };
    const res = checkWorkbook([roster, registerGrid([a])], { asOf: '2026-09-30' });
    expect(res.findings.filter((f) => f.code === 'COLUMN_MISSING').map((f) => f.messageEn)).toEqual([expect.stringContaining('Joining date')]);
    expect(res.members[0]!.memberClass).toBe('正式党员');
  });
});
