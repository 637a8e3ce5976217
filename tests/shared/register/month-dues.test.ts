// Registers with a due under each month ("1月" over 应交 / 实交): each month's due is checked
// against the standard, and arrears are judged by it even without a base column.
import { describe, expect, it } from 'vitest';
import { checkWorkbook, memberMonths } from '../../../shared/check';
import type { CellValue, Grid } from '../../../shared/grid';
import { person, rosterGrid } from '../checker/grids';

const a = person({}, 1);
const merges = [
  { top: 0, left: 0, bottom: 1, right: 0 }, { top: 0, left: 1, bottom: 1, right: 1 }, { top: 0, left: 2, bottom: 1, right: 2 },
  { top: 0, left: 3, bottom: 1, right: 3 },
  { top: 0, left: 4, bottom: 0, right: 5 }, { top: 0, left: 6, bottom: 0, right: 7 }, { top: 0, left: 8, bottom: 0, right: 9 },
];

function register(base: CellValue, months: [CellValue, CellValue][]): Grid {
  return {
    name: '党费登记',
    values: [
      ['姓名', '身份证号', '交费类别', '缴费基数', '1月', null, '2月', null, '3月', null],
      [null, null, null, null, '应交', '实交', '应交', '实交', '应交', '实交'],
      [a.name, a.id, '在职', base, ...months.flat()],
    ],
    merges,
  };
}

describe('a due under each month', () => {
  it('a wrong month due is DUE_WRONG on that cell with the standard as the fix; an unpaid month is UNPAID on its 实交 cell', () => {
    const res = checkWorkbook([rosterGrid([a]), register(6000, [[90, 90], [80, 80], [90, null]])], { asOf: '2026-03-31' });
    const found = res.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.cell} ${f.fix}`);
    expect(found).toContain('DUE_WRONG G3 90');
    expect(found).toContain('UNPAID J3 null');
    expect(found.filter((f) => f.startsWith('DUE_WRONG'))).toHaveLength(1);
  });

  it('without a base column, the stated month dues carry the arrears check', () => {
    const g = register(null, [[90, 90], [90, 90], [90, null]]);
    g.values[0]![3] = '备注';
    const res = checkWorkbook([rosterGrid([a]), g], { asOf: '2026-03-31' });
    expect(res.findings.filter((f) => f.code === 'UNPAID').map((f) => f.cell)).toEqual(['J3']);
    expect(memberMonths(res.members[0]!).map((m) => m.dueFen)).toEqual([9000, 9000, 9000]);
  });
});
