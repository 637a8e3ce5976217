// 收支结存: the identity 结存 = 上年结存 + 收缴 + 下拨 + 利息 − 上缴 − 使用, exactly, and uses by purpose.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closingBalance, identityHolds, usesByPurpose } from '../../../shared/accounts/balance';
import { USE_PURPOSE_CODES, USE_PURPOSES } from '../../../shared/accounts/purposes';

describe('closingBalance', () => {
  it('adds what came in and takes off what went out, to the 分', () => {
    const b = closingBalance({ openingFen: 1_000_001, collectedFen: 5_000_003, allocatedFen: 200_000, interestFen: 1_234, remittedFen: 500_000, usedFen: 1_700_007 });
    expect(b.closingFen).toBe(1_000_001 + 5_000_003 + 200_000 + 1_234 - 500_000 - 1_700_007);
    expect(b.negative).toBe(false);
    expect(identityHolds(b)).toBe(true);
    expect(identityHolds({ ...b, closingFen: b.closingFen + 1 })).toBe(false);
  });

  it('says when more went out than there was', () => {
    const b = closingBalance({ openingFen: 0, collectedFen: 100, allocatedFen: 0, interestFen: 0, remittedFen: 50, usedFen: 51 });
    expect(b).toMatchObject({ closingFen: -1, negative: true });
  });

  it('refuses an amount that is not whole 分', () => {
    expect(() => closingBalance({ openingFen: 0.5, collectedFen: 0, allocatedFen: 0, interestFen: 0, remittedFen: 0, usedFen: 0 })).toThrow(/openingFen/);
  });

  it('holds for any amounts within the contract’s bound', () => {
    const fen = fc.integer({ min: 0, max: 1e11 });
    fc.assert(fc.property(fen, fen, fen, fen, fen, fen, (o, c, a, i, r, u) => {
      const b = closingBalance({ openingFen: o, collectedFen: c, allocatedFen: a, interestFen: i, remittedFen: r, usedFen: u });
      expect(identityHolds(b)).toBe(true);
      expect(Number.isSafeInteger(b.closingFen)).toBe(true);
    }));
  });
});

describe('uses by purpose (2008规定 第十九条)', () => {
  it('lists the five purposes in the regulation’s words', () => {
    expect(USE_PURPOSE_CODES).toEqual(['training', 'materials', 'commendation', 'hardship', 'disaster']);
    expect(USE_PURPOSES.training).toBe('培训党员');
    expect(USE_PURPOSES.hardship).toBe('补助生活困难的党员');
  });

  it('sums per purpose in the list’s order, only those used', () => {
    expect(usesByPurpose([
      { purpose: 'hardship', amountFen: 300 }, { purpose: 'training', amountFen: 100 }, { purpose: 'hardship', amountFen: 1 },
    ], USE_PURPOSE_CODES)).toEqual([{ purpose: 'training', amountFen: 100, count: 1 }, { purpose: 'hardship', amountFen: 301, count: 2 }]);
  });
});
