// The committee's six branch workbooks (../shared/fixtures/committee), checked as of
// 2026-09-30: no errors, and members, monthly dues, quarterly payments and the members in
// arrears agree with expected-totals.json; each branch's 2026Q3 submission builds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWorkbook, memberMonths } from '../../../shared/check';
import { buildSubmission } from '../../../shared/submission/build';
import { verifySubmission } from '../../../shared/submission/verify';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { readWorkbook } from '../../../shared/xlsx/read';

const dir = path.resolve(__dirname, '../../../../shared/fixtures/committee');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected-totals.json'), 'utf8')) as {
  branches: Record<string, { members: number; monthlyDueFen: number; paidFenByQuarter: number[]; inArrears: string[] }>;
};

describe.each(Object.entries(expected.branches))('%s.xlsx', (code, want) => {
  it('matches the expected totals', async () => {
    const res = checkWorkbook(await readWorkbook(readFileSync(path.join(dir, `${code}.xlsx`))), { asOf: '2026-09-30' });
    expect(res.summary.errors).toBe(0);
    expect(res.summary.members).toBe(want.members);
    const monthly = res.members.reduce((s, m) => s + (memberMonths(m).find((x) => x.month === '2026-09')?.dueFen ?? 0), 0);
    expect(monthly).toBe(want.monthlyDueFen);
    const byQuarter: [number, number, number] = [0, 0, 0];
    for (const m of res.members) {
      for (const x of memberMonths(m)) {
        const mo = Number(x.month.slice(5));
        if (mo <= 9) byQuarter[Math.floor((mo - 1) / 3) as 0 | 1 | 2] += x.paidFen + x.largeFen;
      }
    }
    expect(byQuarter).toEqual(want.paidFenByQuarter);
    const unpaidRows = new Set(res.findings.filter((f) => f.code === 'UNPAID').map((f) => `${f.sheet}:${f.row}`));
    const inArrears = res.members.filter((m) => m.duesRows.some((d) => unpaidRows.has(`${d.sheet}:${d.row}`))).map((m) => m.name);
    expect(inArrears.sort()).toEqual([...want.inArrears].sort());

    const q3 = buildSubmission(res, '2026Q3');
    expect(q3.totals.members).toBe(want.members);
    // What the pane submits passes the server's own re-check.
    expect(verifySubmission(q3, DEFAULT_SETTINGS)).toEqual({ ok: true });
    expect(q3.totals.paidFen + q3.members.reduce((s, m) => s + m.months.reduce((t, x) => t + x.largeFen, 0), 0)).toBe(want.paidFenByQuarter[2]);
  });
});
