// The planted sample workbook, checked as of 2026-09-30: every finding the expected file
// lists under `must` is reported on its sheet and row; rows under `clean` and the totals row
// carry no error or warning.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbook, type CheckResult } from '../../../shared/check';
import { readWorkbook } from '../../../shared/xlsx/read';

const fixtures = path.resolve(__dirname, '../../../../shared/fixtures');
const expected = JSON.parse(readFileSync(path.join(fixtures, 'branch-sample-2026.expected.json'), 'utf8')) as {
  asOf: string;
  must: { code: string; sheet: string; row: number }[];
  clean: { sheet: string; row: number }[];
  totalsRow: { sheet: string; row: number };
};

let result: CheckResult;

beforeAll(async () => {
  const grids = await readWorkbook(readFileSync(path.join(fixtures, 'branch-sample-2026.xlsx')));
  result = checkWorkbook(grids, { asOf: expected.asOf });
});

describe('branch-sample-2026.xlsx', () => {
  it.each(expected.must.map((m) => [m.code, m.sheet, m.row] as const))('reports %s on %s row %i', (code, sheet, row) => {
    const at = result.findings.filter((f) => f.sheet === sheet && f.row + 1 === row).map((f) => f.code);
    expect(at).toContain(code);
  });

  it('reports no error or warning on a clean row', () => {
    const clean = new Set(expected.clean.map((c) => `${c.sheet}:${c.row}`));
    const noisy = result.findings.filter((f) => f.severity !== 'info' && clean.has(`${f.sheet}:${f.row + 1}`));
    expect(noisy.map((f) => `${f.sheet}!${f.cell} ${f.code}`)).toEqual([]);
  });

  it('treats the totals row as totals, never as a member, and finds it correct', () => {
    const t = expected.totalsRow;
    expect(result.findings.filter((f) => f.sheet === t.sheet && f.row + 1 === t.row && f.severity !== 'info')).toEqual([]);
    const register = result.tables.find((x) => x.sheet === t.sheet)!;
    expect(register.totalsRows).toContain(t.row - 1);
    expect(register.memberRows).not.toContain(t.row - 1);
  });

  it('recognises both sheets with the sample\'s own header spellings', () => {
    const roster = result.tables.find((t) => t.kind === 'roster')!;
    expect(roster.sheet).toBe('花名册');
    expect(roster.columns).toMatchObject({ name: 1, idNumber: 5, memberClass: 7, joinDate: 8, fullDate: 9 });
    const register = result.tables.find((t) => t.kind === 'register')!;
    expect(register.columns).toMatchObject({ category: 3, base: 4, rate: 5, due: 6, paidTotal: 19 });
    expect(register.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(result.summary.members).toBe(43);
  });

  it('gives each finding a message in both languages and a cell that matches row/col', () => {
    for (const f of result.findings) {
      expect(f.message.length).toBeGreaterThan(3);
      expect(f.messageEn.length).toBeGreaterThan(3);
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
      expect(Number(f.cell.replace(/^[A-Z]+/, ''))).toBe(f.row + 1);
    }
  });
});
