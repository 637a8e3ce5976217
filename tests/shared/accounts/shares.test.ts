// 上缴 arithmetic: shares by level and quarter, exact to the 分 with half-up rounding; outstanding
// against what was remitted. Property tests check the rounding against an independent rational.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRateBp, percentText, shareOfFen } from '../../../shared/accounts/rounding';
import { dueDate, outstanding, shareInForce, yearShares, type ShareRow } from '../../../shared/accounts/shares';

const row = (level: string, rateBp: number, from: string, dueMonthDay = '04-30'): ShareRow => ({ level, rateBp, from, dueMonthDay });

describe('shareOfFen: fen × bp / 10000, half-up to the 分', () => {
  it('rounds a remainder of exactly half a 分 up, below half down', () => {
    expect(shareOfFen(10, 500)).toBe(1); // 0.5 分 → 1
    expect(shareOfFen(9, 500)).toBe(0); // 0.45 分 → 0
    expect(shareOfFen(30, 500)).toBe(2); // 1.5 → 2
    expect(shareOfFen(123456789, 500)).toBe(6172839); // 6,172,839.45 → 6,172,839
    expect(shareOfFen(123456790, 500)).toBe(6172840); // 6,172,839.5 → up
    expect(shareOfFen(1, 10000)).toBe(1);
    expect(shareOfFen(0, 500)).toBe(0);
  });

  it('is exact where floating point is not (1e11 分 at 33.33 %)', () => {
    // 99,999,999,999 × 3333 = 333,299,999,996,667 (past 2^53: a double cannot hold it) → 33,329,999,999.67 → up.
    expect(shareOfFen(99_999_999_999, 3333)).toBe(33_330_000_000);
    expect(shareOfFen(1e11, 3333)).toBe(33_330_000_000);
  });

  it('matches an independent rational half-up for any amount and rate', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 0, max: 10000 }), (fen, bp) => {
      const num = BigInt(fen) * BigInt(bp);
      // half-up: floor((2·num + 10000) / 20000)
      const want = Number((2n * num + 10000n) / 20000n);
      expect(shareOfFen(fen, bp)).toBe(want);
    }));
  });

  it('refuses what is not a whole non-negative amount or a rate in 0–10000', () => {
    expect(() => shareOfFen(1.5, 500)).toThrow(/whole/);
    expect(() => shareOfFen(-1, 500)).toThrow(/non-negative/);
    expect(() => shareOfFen(100, 10001)).toThrow(/0–10000/);
  });

  it('labels a rate as a percentage', () => {
    expect(percentText(500)).toBe('5%');
    expect(percentText(1250)).toBe('12.5%');
    expect(percentText(1)).toBe('0.01%');
  });
});

describe('shares by level and date', () => {
  const rows = [row('县委', 1000, '2024Q1'), row('县委', 1500, '2026Q3'), row('中央', 500, '2025Q1', '04-30')];

  it('the row in force is the latest starting at or before the quarter', () => {
    expect(shareInForce(rows, '县委', '2023Q4')).toBeNull();
    expect(shareInForce(rows, '县委', '2026Q2')?.rateBp).toBe(1000);
    expect(shareInForce(rows, '县委', '2026Q3')?.rateBp).toBe(1500);
    expect(shareInForce(rows, '县委', '2030Q1')?.rateBp).toBe(1500);
    expect(shareInForce(rows, '市委', '2026Q3')).toBeNull();
  });

  it('a year with one rate is 实交 × rate, rounded once', () => {
    const y = yearShares(rows, '2025', [100001, 200003, 300005, 400007]);
    const total = 1000016;
    expect(y.collectedFen).toBe(total);
    const county = y.levels.find((l) => l.level === '县委')!;
    expect(county.segments).toEqual([{ quarters: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'], rateBp: 1000, baseFen: total, dueFen: 100002 }]);
    expect(y.levels.find((l) => l.level === '中央')!.dueFen).toBe(50001); // 50,000.8 → 50,001
    expect(y.dueFen).toBe(100002 + 50001);
    expect(y.keptFen).toBe(total - 150003);
    expect(county.dueBy).toBe('2026-04-30');
  });

  it('a year in which a share changed is split into runs of quarters, each rounded on its own', () => {
    const y = yearShares(rows, '2026', [100005, 100005, 100005, 100005]);
    const county = y.levels.find((l) => l.level === '县委')!;
    expect(county.segments.map((s) => [s.quarters, s.rateBp, s.baseFen, s.dueFen])).toEqual([
      [['2026Q1', '2026Q2'], 1000, 200010, 20001], // 20,001.0
      [['2026Q3', '2026Q4'], 1500, 200010, 30002], // 30,001.5 → 30,002
    ]);
    expect(county.dueFen).toBe(50003);
  });

  it('a level that starts mid-year takes nothing from the quarters before; rate 0 ends a share', () => {
    const y = yearShares([row('市委', 800, '2026Q2'), row('市委', 0, '2026Q4')], '2026', [1000, 1000, 1000, 1000]);
    expect(y.levels[0]!.segments.map((s) => [s.quarters.length, s.rateBp, s.dueFen])).toEqual([[2, 800, 160], [1, 0, 0]]);
  });

  it('no share: everything is kept', () => {
    const y = yearShares([], '2026', [1, 2, 3, 4]);
    expect(y.levels).toEqual([]);
    expect(y.keptFen).toBe(10);
  });

  it('sums are exact: Σ 应上缴 + 留存 = 实交 for any collections and rows', () => {
    const quarter = fc.tuple(fc.integer({ min: 2024, max: 2027 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}Q${q}`);
    const rowArb = fc.record({ level: fc.constantFrom('县委', '市委', '中央'), rateBp: fc.integer({ min: 0, max: 3000 }), from: quarter, dueMonthDay: fc.constant('04-30') });
    const fenArb = fc.integer({ min: 0, max: 2e10 });
    fc.assert(fc.property(fc.array(rowArb, { maxLength: 8 }), fc.tuple(fenArb, fenArb, fenArb, fenArb), (rs, col) => {
      const y = yearShares(rs, '2026', col);
      expect(y.dueFen + y.keptFen).toBe(col[0] + col[1] + col[2] + col[3]);
      for (const l of y.levels) {
        expect(l.dueFen).toBe(l.segments.reduce((t, s) => t + s.dueFen, 0));
        for (const s of l.segments) expect(s.dueFen).toBe(shareOfFen(s.baseFen, s.rateBp));
        // Every quarter with a row in force is in exactly one segment.
        const covered = l.segments.flatMap((s) => s.quarters);
        expect(new Set(covered).size).toBe(covered.length);
      }
    }));
  });
});

describe('outstanding', () => {
  const shares = yearShares([row('县委', 1000, '2026Q1', '03-31')], '2026', [100000, 100000, 100000, 100000]);

  it('says what is owed per level, by when, and whether it is overdue', () => {
    const rem = [{ level: '县委', kind: 'share' as const, paidOn: '2027-03-01', amountFen: 15000 }];
    const [county] = outstanding(shares, 0, rem, '2027-04-01');
    expect(county).toEqual({ level: '县委', kind: 'share', dueFen: 40000, remittedFen: 15000, outstandingFen: 25000, overpaidFen: 0, dueBy: '2027-03-31', overdue: true });
    expect(outstanding(shares, 0, rem, '2027-03-31')[0]!.overdue).toBe(false);
  });

  it('大额党费 is its own line to 中央, in full; an overpayment shows, never a negative outstanding', () => {
    const lines = outstanding(shares, 250000, [
      { level: '中央', kind: 'large', paidOn: '2027-01-10', amountFen: 250000 },
      { level: '县委', kind: 'share', paidOn: '2027-01-10', amountFen: 50000 },
    ], '2027-05-01');
    expect(lines.find((l) => l.kind === 'large')).toMatchObject({ level: '中央', dueFen: 250000, outstandingFen: 0, overdue: false });
    expect(lines.find((l) => l.kind === 'share')).toMatchObject({ outstandingFen: 0, overpaidFen: 10000 });
  });

  it('a remittance to a level no share names still shows', () => {
    const lines = outstanding(shares, 0, [{ level: '市委', kind: 'share', paidOn: '2027-01-10', amountFen: 5 }], '2027-01-11');
    expect(lines.find((l) => l.level === '市委')).toMatchObject({ dueFen: 0, remittedFen: 5, overpaidFen: 5 });
  });

  it('a due date of 02-29 falls to 02-28 in a common year', () => {
    expect(dueDate('2026', '02-29')).toBe('2027-02-28');
    expect(dueDate('2027', '02-29')).toBe('2028-02-29');
  });
});

describe('parseRateBp', () => {
  it('reads a typed percentage exactly, or refuses it', () => {
    expect(['5', '5%', '12.5 %', '0.01', '100', '100.00'].map(parseRateBp)).toEqual([500, 500, 1250, 1, 10000, 10000]);
    expect(['100.01', '5.555', '-5', 'five', '', '1e2'].map(parseRateBp)).toEqual([null, null, null, null, null, null]);
  });
});
