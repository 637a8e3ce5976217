import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { monthlyDue, FLAT_FEN, TABLE_2008_A, TABLE_2008_B, TABLE_1998 } from '../../../shared/standard';
import { isMonthLabel } from '../../../shared/standard/dues';
import type { Category, MonthlyDue } from '../../../shared/standard';
import { parseMoney } from '../../../shared/money';
import { DEFAULT_SETTINGS, parseSettings } from '../../../shared/settings';
import type { CommitteeSettings } from '../../../shared/settings';

const fen = (yuan: string): number => {
  const r = parseMoney(yuan);
  if (!r.ok) throw new Error(`bad test amount ${yuan}`);
  return r.fen;
};
const due = (category: Category, base: string, month = '2026-07', settings: CommitteeSettings = DEFAULT_SETTINGS): MonthlyDue =>
  monthlyDue({ category, baseFen: fen(base), month }, settings);
const dueFen = (d: MonthlyDue): number => {
  if (d.kind !== 'rate' && d.kind !== 'flat') throw new Error(`no amount: ${JSON.stringify(d)}`);
  return d.dueFen;
};

describe('dues-standard §3 vectors: salaried (table A, 2008规定 第二条)', () => {
  it.each([
    ['0.00', '0.00', 5],
    ['2999.90', '15.00', 5],
    ['3000.00', '15.00', 5],
    ['3000.01', '30.00', 10],
    ['4900.00', '49.00', 10],
    ['5000.00', '50.00', 10],
    ['5000.01', '75.00', 15],
    ['5100.00', '76.50', 15],
    ['6500.00', '97.50', 15],
    ['7777.77', '116.67', 15],
    ['10000.00', '150.00', 15],
    ['10000.01', '200.00', 20],
    ['12345.67', '246.91', 20],
    ['1003.00', '5.02', 5],
    ['2001.00', '10.01', 5],
    ['3002.50', '30.03', 10],
  ])('base %s → %s', (base, expected, permille) => {
    const d = due('在职', base);
    expect(d).toEqual({ kind: 'rate', dueFen: fen(expected), rate: { num: permille, den: 1000 }, table: '2008A' });
  });

  it('5100.00 is not the progressive 36.50', () => {
    expect(dueFen(due('在职', '5100.00'))).not.toBe(3650);
  });

  it('7777.77 in jiao and yuan modes', () => {
    expect(dueFen(due('在职', '7777.77', '2026-07', parseSettings({ rounding: 'jiao' })))).toBe(11670);
    expect(dueFen(due('在职', '7777.77', '2026-07', parseSettings({ rounding: 'yuan' })))).toBe(11700);
  });

  it('年薪制 and 个体 use table A too (第三条, 第四条)', () => {
    expect(due('年薪制', '5100.00')).toMatchObject({ kind: 'rate', dueFen: 7650, table: '2008A' });
    expect(due('个体', '3000.01')).toMatchObject({ kind: 'rate', dueFen: 3000, table: '2008A' });
  });
});

describe('dues-standard §3 vectors: retired (table B, 第五条)', () => {
  it.each([
    ['4999.99', '25.00', 5],
    ['5000.00', '25.00', 5],
    ['5000.01', '50.00', 10],
    ['6200.00', '62.00', 10],
  ])('base %s → %s', (base, expected, permille) => {
    expect(due('离退休', base)).toEqual({ kind: 'rate', dueFen: fen(expected), rate: { num: permille, den: 1000 }, table: '2008B' });
  });
});

describe('flat and exempt categories', () => {
  it('农民 pays the 党委 setting (default 0.20), others 0.20, whatever the base', () => {
    expect(due('农民', '8000.00')).toEqual({ kind: 'flat', dueFen: 20 });
    expect(due('农民', '8000.00', '2026-07', parseSettings({ farmerFen: 50 }))).toEqual({ kind: 'flat', dueFen: 50 });
    for (const c of ['学生', '下岗失业', '低保'] as const) expect(due(c, '99999.99')).toEqual({ kind: 'flat', dueFen: FLAT_FEN });
    expect(FLAT_FEN).toBe(20);
  });
  it('flat categories need no base', () => {
    expect(monthlyDue({ category: '学生', month: '2026-01' })).toEqual({ kind: 'flat', dueFen: 20 });
    expect(monthlyDue({ category: '农民', baseFen: null, month: '2026-01' })).toEqual({ kind: 'flat', dueFen: 20 });
  });
  it('停止党籍 owes nothing', () => {
    expect(due('停止党籍', '9000.00')).toEqual({ kind: 'none' });
  });
  it('a rate category without a base is unchecked, not zero', () => {
    expect(monthlyDue({ category: '在职', month: '2026-01' })).toEqual({ kind: 'unchecked', reason: 'no-base' });
    expect(monthlyDue({ category: '离退休', baseFen: null, month: '2026-01' })).toEqual({ kind: 'unchecked', reason: 'no-base' });
    expect(monthlyDue({ category: '在职', baseFen: -5, month: '2026-01' })).toEqual({ kind: 'unchecked', reason: 'no-base' });
  });
  it('a malformed month is unchecked', () => {
    expect(monthlyDue({ category: '在职', baseFen: 100, month: '2026-13' })).toEqual({ kind: 'unchecked', reason: 'bad-month' });
    expect(monthlyDue({ category: '在职', baseFen: 100, month: '2026/01' })).toEqual({ kind: 'unchecked', reason: 'bad-month' });
  });
});

describe('effective dating', () => {
  it('months before 2008-04 use the 1998 table, never the 2008 one', () => {
    expect(due('在职', '400.00', '2008-03')).toEqual({ kind: 'rate', dueFen: 200, rate: { num: 5, den: 1000 }, table: '1998' });
    expect(due('在职', '400.01', '2008-03')).toMatchObject({ dueFen: 400, table: '1998' });
    expect(due('在职', '800.00', '2008-03')).toMatchObject({ dueFen: 1200, table: '1998' });
    expect(due('在职', '1500.00', '2008-03')).toMatchObject({ dueFen: 3000, table: '1998' });
    expect(due('在职', '1500.01', '2005-06')).toMatchObject({ dueFen: 4500, table: '1998' });
    expect(due('在职', '1500.01', '2008-04')).toMatchObject({ dueFen: 750, table: '2008A' });
  });
  it('the 1998 table can be switched off: earlier months are then unchecked', () => {
    const s = parseSettings({ before2008: 'unchecked' });
    expect(due('在职', '1000.00', '2008-03', s)).toEqual({ kind: 'unchecked', reason: 'no-table' });
    expect(due('在职', '1000.00', '2008-04', s)).toMatchObject({ kind: 'rate', table: '2008A' });
  });
  it('retirees and flat categories before 2008-04 are unchecked', () => {
    expect(due('离退休', '1000.00', '2007-12')).toEqual({ kind: 'unchecked', reason: 'no-table' });
    expect(due('农民', '0', '2007-12')).toEqual({ kind: 'unchecked', reason: 'no-table' });
  });
  it('before 1998 nothing is in force', () => {
    expect(due('在职', '100.00', '1997-12')).toEqual({ kind: 'unchecked', reason: 'no-table' });
  });
  it('a dated override applies from its month on and leaves history alone', () => {
    const s = parseSettings({
      tableOverrides: [
        { from: '2027-01', table: 'salaried', brackets: [{ upToFen: 500000, num: 4, den: 1000 }, { upToFen: null, num: 12, den: 1000 }], note: 'test' },
      ],
    });
    expect(due('在职', '5000.00', '2026-12', s)).toMatchObject({ dueFen: 5000, table: '2008A' });
    expect(due('在职', '5000.00', '2027-01', s)).toMatchObject({ dueFen: 2000, table: 'override:2027-01:salaried' });
    expect(due('在职', '5000.01', '2027-06', s)).toMatchObject({ dueFen: 6000, rate: { num: 12, den: 1000 } });
    expect(due('离退休', '5000.00', '2027-06', s)).toMatchObject({ table: '2008B' });
  });
  it('an override can supply a retiree table for old months', () => {
    const s = parseSettings({
      tableOverrides: [{ from: '2000-01', table: 'retired', brackets: [{ upToFen: 100000, num: 5, den: 1000 }, { upToFen: null, num: 10, den: 1000 }] }],
    });
    expect(due('离退休', '1000.01', '2004-01', s)).toMatchObject({ dueFen: 1000, table: 'override:2000-01:retired' });
    expect(due('离退休', '1000.01', '2008-04', s)).toMatchObject({ table: '2008B' });
  });
});

const rateTable = fc.constantFrom(
  { category: '在职' as const, table: TABLE_2008_A, month: '2026-03' },
  { category: '离退休' as const, table: TABLE_2008_B, month: '2026-03' },
  { category: '在职' as const, table: TABLE_1998, month: '2001-03' },
);
const modes = fc.constantFrom('fen' as const, 'jiao' as const, 'yuan' as const);

describe('properties (dues-standard §3)', () => {
  it('dues never decrease as the base grows within a table', () => {
    fc.assert(
      fc.property(rateTable, modes, fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (t, rounding, a, b) => {
        const s = parseSettings({ rounding });
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return dueFen(monthlyDue({ category: t.category, baseFen: lo, month: t.month }, s)) <= dueFen(monthlyDue({ category: t.category, baseFen: hi, month: t.month }, s));
      }),
    );
  });

  it('at each threshold t the lower rate applies, at t + 0.01 the higher', () => {
    fc.assert(
      fc.property(rateTable, (t) => {
        for (let i = 0; i < t.table.brackets.length - 1; i++) {
          const here = t.table.brackets[i]!;
          const next = t.table.brackets[i + 1]!;
          const at = monthlyDue({ category: t.category, baseFen: here.upToFen!, month: t.month });
          const above = monthlyDue({ category: t.category, baseFen: here.upToFen! + 1, month: t.month });
          if (at.kind !== 'rate' || above.kind !== 'rate') return false;
          if (at.rate.num * here.den !== here.num * at.rate.den) return false;
          if (above.rate.num * next.den !== next.num * above.rate.den) return false;
          if (above.rate.num / above.rate.den <= at.rate.num / at.rate.den) return false;
        }
        return true;
      }),
    );
  });

  it('the due is the base times the bracket rate, half-up (property against BigInt)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (base) => {
        const d = monthlyDue({ category: '在职', baseFen: base, month: '2026-01' });
        if (d.kind !== 'rate') return false;
        const n = BigInt(base) * BigInt(d.rate.num);
        const den = BigInt(d.rate.den);
        const expected = n / den + (2n * (n % den) >= den ? 1n : 0n);
        return BigInt(d.dueFen) === expected;
      }),
    );
  });

  it('flat categories ignore the base', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('农民' as const, '学生' as const, '下岗失业' as const, '低保' as const),
        fc.option(fc.integer({ min: 0, max: 1e10 })),
        fc.integer({ min: 20, max: 100 }),
        (category, baseFen, farmerFen) => {
          const s = parseSettings({ farmerFen });
          const d = monthlyDue({ category, baseFen, month: '2026-05' }, s);
          return d.kind === 'flat' && d.dueFen === (category === '农民' ? farmerFen : 20);
        },
      ),
    );
  });
});

describe('isMonthLabel', () => {
  const slow = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
  it('agrees with the regex it replaces (property)', () => {
    const ch = fc.constantFrom('0', '1', '2', '3', '9', '-', '/', ' ', '１', 'a', '\n');
    const near = fc.array(ch, { minLength: 5, maxLength: 9 }).map((a) => a.join(''));
    const shaped = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: -1, max: 13 }))
      .map(([y, m]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    fc.assert(fc.property(fc.oneof(near, shaped, fc.string()), (s) => isMonthLabel(s) === slow(s)), { numRuns: 3000 });
    for (const s of ['2026-01', '2026-12', '2026-10', '0000-09']) expect(isMonthLabel(s)).toBe(true);
    for (const s of ['2026-00', '2026-13', '2026-1', '2026-011', '2026/01', '2026-01\n', '２026-01']) expect(isMonthLabel(s)).toBe(false);
  });
});
