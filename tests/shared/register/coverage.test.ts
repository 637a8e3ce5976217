// Arrears by cumulative coverage as of the report date (dues-standard §4).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coverage, lastJudgedMonth, type MonthLine } from '../../../shared/register/coverage';

const year = (paid: number[], due = 100): MonthLine[] =>
  paid.map((p, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, dueFen: due, paidFen: p }));

describe('lastJudgedMonth', () => {
  it.each([
    ['2026-09-30', '2026-09'], ['2026-09-29', '2026-06'], ['2026-03-31', '2026-03'], ['2026-02-15', '2025-12'], ['2026-12-31', '2026-12'],
  ])('%s → %s', (asOf, month) => expect(lastJudgedMonth(asOf)).toBe(month));
});

describe('coverage', () => {
  it('monthly payments in full: nothing', () => {
    expect(coverage(year([100, 100, 100, 100, 100, 100, 100, 100, 100, 0, 0, 0]), '2026-09-30')).toMatchObject({ unpaid: [], underpaid: [], excess: [], streak: 0 });
  });

  it('a quarter paid in its last month is not arrears', () => {
    expect(coverage(year([0, 0, 300, 0, 0, 300, 0, 0, 300]), '2026-09-30')).toMatchObject({ unpaid: [], underpaid: [], excess: [] });
  });

  it('an advance covers the months after it, and is not an overpayment', () => {
    expect(coverage(year([600, 0, 0, 0, 0, 0, 100, 100, 100]), '2026-09-30')).toMatchObject({ unpaid: [], excess: [] });
  });

  it('unpaid months from April: streak 6', () => {
    const c = coverage(year([100, 100, 100, 0, 0, 0, 0, 0, 0]), '2026-09-30');
    expect(c.unpaid).toEqual([3, 4, 5, 6, 7, 8]);
    expect(c.streak).toBe(6);
    expect(c.longestRun).toHaveLength(6);
  });

  it('a back payment that brings the member up to date clears arrears', () => {
    expect(coverage(year([100, 0, 0, 300, 100, 100, 100, 100, 100]), '2026-09-30').unpaid).toEqual([]);
  });

  it('an underpaid month is reported once', () => {
    expect(coverage(year([100, 100, 100, 100, 50, 100, 100, 100, 100]), '2026-09-30').underpaid).toEqual([4]);
  });

  it('overpayment beyond what earlier shortfalls and later gaps absorb is excess', () => {
    expect(coverage(year([100, 100, 150, 100]), '2026-03-31').excess).toEqual([{ index: 2, fen: 50 }]);
  });

  it('property: paying every judged month in full never raises arrears, whatever the timing inside each quarter', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }), (where) => {
      // each quarter's 300 paid in one of its three months
      const paid: number[] = [];
      for (let q = 0; q < 3; q++) for (let m = 0; m < 3; m++) paid.push(m === where[q] ? 300 : 0);
      const c = coverage(year(paid), '2026-09-30');
      return c.unpaid.length === 0 && c.underpaid.length === 0 && c.streak === 0;
    }));
  });
});
