// Findings are sorted as people read a report: severity, sheet order, row, column, code, and
// otherwise as raised. sortFindings packs the first four into one number per finding; held here
// to the plain comparison of the fields.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeFinding, sortFindings } from '../../../shared/findings/collect';
import type { Finding } from '../../../shared/findings/finding';
import type { FindingCode, Severity } from '../../../shared/findings/codes';

const SEVERITY: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The order by the fields themselves, stable (Array.prototype.sort is). */
function plainOrder(findings: Finding[], sheets: string[]): Finding[] {
  const rank = (s: string) => {
    const i = sheets.indexOf(s);
    return i < 0 ? Infinity : i;
  };
  return findings.slice().sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity] || (rank(a.sheet) === rank(b.sheet) ? 0 : rank(a.sheet) < rank(b.sheet) ? -1 : 1) ||
    a.row - b.row || a.col - b.col || a.code.localeCompare(b.code));
}

const codes: FindingCode[] = ['UNPAID', 'DUE_WRONG', 'ID_CHECKSUM', 'SUBTOTAL_WRONG', 'DUES_MEMBER_MISSING', 'RATE_WRONG'];

const finding = (rows: fc.Arbitrary<number>) => fc.record({
  code: fc.constantFrom(...codes),
  severity: fc.constantFrom<Severity>('error', 'warning', 'info'),
  sheet: fc.constantFrom('花名册', '党费登记', '附表', 'Sheet9'),
  row: rows,
  col: fc.integer({ min: 0, max: 16_383 }),
}).map((f) => makeFinding(f.code, f.sheet, f.row, f.col, {}, null, f.severity));

describe('sortFindings', () => {
  it('orders as the plain comparison does, ties kept as raised (property)', () => {
    // Few distinct cells, so that ties of cell and severity (and of code) are common.
    const near = fc.record({ row: fc.integer({ min: 0, max: 3 }), col: fc.integer({ min: 0, max: 2 }) });
    const cases = fc.array(fc.oneof(finding(fc.integer({ min: 0, max: 1_048_575 })), fc.tuple(finding(fc.constant(0)), near).map(([f, at]) => ({ ...f, row: at.row, col: at.col }))), { maxLength: 80 });
    fc.assert(fc.property(cases, fc.subarray(['花名册', '党费登记', '附表']), (fs, sheets) => {
      const got = sortFindings(fs, sheets);
      const want = plainOrder(fs, sheets);
      expect(got.length).toBe(want.length);
      got.forEach((f, i) => expect(f).toBe(want[i]));
    }));
  });

  it('a row beyond the sheet (a grid built in memory) falls back to the comparison', () => {
    // Packed, row 2^21 of sheet A would spill into the sheet's rank and sort after sheet B.
    const fs = [makeFinding('UNPAID', 'B', 5, 0), makeFinding('UNPAID', 'A', 2 ** 21, 0), makeFinding('UNPAID', 'A', 7, 0)];
    expect(sortFindings(fs, ['A', 'B']).map((f) => `${f.sheet}${f.row}`)).toEqual([`A7`, `A${2 ** 21}`, 'B5']);
  });

  it('leaves the list given as it was', () => {
    const fs = [makeFinding('UNPAID', 'A', 9, 0), makeFinding('UNPAID', 'A', 1, 0)];
    const before = fs.slice();
    sortFindings(fs, ['A']);
    expect(fs).toEqual(before);
  });
});
