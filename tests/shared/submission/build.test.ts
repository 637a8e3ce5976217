// buildSubmission: a checked workbook → the quarter payload of shared/api/contract.ts.
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../../shared/check';
import { buildSubmission, SubmissionRefused } from '../../../shared/submission/build';
import { SubmissionSchema } from '../../../shared/api/contract';
import { isoToExcelSerial } from '../../../shared/dates';
import { person, registerGrid, rosterGrid, workbook } from '../checker/grids';

const AS_OF = '2026-09-30';

describe('buildSubmission', () => {
  it('fills the three months of the quarter, totals and streaks for each member', () => {
    const a = person({}, 1);
    const b = person({ paid: [90, 90, 90, 90, 90, 90, 90, null, null] }, 2);
    const c = person({ paid: [90, 90, 90, 90, 90, 90, 1190, 90, 90] }, 3);
    const res = checkWorkbook(workbook([a, b, c]), { asOf: AS_OF });
    expect(res.summary.errors).toBe(0);
    const s = buildSubmission(res, '2026Q3');
    expect(SubmissionSchema.parse(s)).toEqual(s);
    expect(s.quarter).toBe('2026Q3');
    expect(s.reportDate).toBe(AS_OF);
    expect(s.members.map((m) => m.months.map((x) => x.month))).toEqual(Array(3).fill(['2026-07', '2026-08', '2026-09']));
    expect(s.members[0]).toMatchObject({ name: '党员1', memberClass: '正式党员', standing: '正常', category: '在职', joinDate: '2005-07-01', unpaidStreak: 0 });
    expect(s.members[0]!.months[0]).toEqual({ month: '2026-07', baseFen: 600000, dueFen: 9000, paidFen: 9000, largeFen: 0 });
    expect(s.members[1]!.unpaidStreak).toBe(2);
    expect(s.members[1]!.months.map((x) => x.paidFen)).toEqual([9000, 0, 0]);
    // 大额党费 is kept apart from regular dues (2008规定 第十一条).
    expect(s.members[2]!.months[0]).toMatchObject({ paidFen: 9000, largeFen: 110000 });
    expect(s.totals).toEqual({ members: 3, dueFen: 9 * 9000, paidFen: 9000 * 3 + 9000 + 9000 * 3 });
    // Warnings travel with the submission; never errors.
    expect(s.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['UNPAID', 'LARGE_VOLUNTARY']));
    expect(s.findings.every((f) => f.severity !== ('error' as string))).toBe(true);
  });

  it('refuses a workbook with errors', () => {
    const res = checkWorkbook(workbook([person({ gender: '女' }, 1)]), { asOf: AS_OF });
    expect(() => buildSubmission(res, '2026Q3')).toThrow(SubmissionRefused);
  });

  it('leaves out members who joined after the quarter and zeroes months before joining', () => {
    const early = person({ cls: '预备党员', join: isoToExcelSerial('2026-08-10'), full: null, paid: [null, null, null, null, null, null, null, 90, 90] }, 1);
    const res = checkWorkbook(workbook([person({}, 2), early]), { asOf: AS_OF });
    expect(res.summary.errors).toBe(0);
    const q3 = buildSubmission(res, '2026Q3');
    const m = q3.members.find((x) => x.name === '党员1')!;
    expect(m.months.map((x) => [x.dueFen, x.paidFen])).toEqual([[0, 0], [9000, 9000], [9000, 9000]]);
    const q2 = buildSubmission(res, '2026Q2');
    expect(q2.members.map((x) => x.name)).toEqual(['党员2']);
  });

  it('carries a suspended member with nothing due, even without a register row', () => {
    const a = person({}, 1);
    const suspended = person({ standing: '停止党籍' }, 2);
    const res = checkWorkbook([rosterGrid([a, suspended]), registerGrid([a])], { asOf: AS_OF });
    expect(res.summary.errors).toBe(0);
    const s = buildSubmission(res, '2026Q3');
    const m = s.members.find((x) => x.name === '党员2')!;
    expect(m).toMatchObject({ standing: '停止党籍', category: '停止党籍', unpaidStreak: 0 });
    expect(m.months.map((x) => x.dueFen)).toEqual([0, 0, 0]);
  });

  it('rejects a malformed quarter', () => {
    const res = checkWorkbook(workbook([person({}, 1)]), { asOf: AS_OF });
    expect(() => buildSubmission(res, '2026-3')).toThrow();
  });
});
