/**
 * The year's accounts of a committee's 党费 (收支结存): what it held at the start, what came in,
 * what went out, what it holds at the end. Integer 分 throughout:
 *
 *   结存 = 上年结存 + 收缴 + 下拨 + 利息 − 上缴 − 使用
 *
 * 收缴 is the year's regular 实交党费 (大额党费 excluded: it passes through to 中央, 第十一条, and is
 * listed apart as 代收 and 代缴); 上缴 is what was remitted to the levels above (第十五条、第十六条);
 * 下拨 what the level above allocated back (第二十一条: for the purpose it was allocated for);
 * 利息 the bank interest on the 党费 account; 使用 each spending, for a purpose of 第十九条,
 * decided collectively (第二十条). Public year reports list the same items (e.g. 收入: 党员交纳,
 * 党费利息; 支出: 上解, then each purpose; 上年结转, 结存).
 */
import type { UsePurpose } from './purposes';

export interface UseEntry {
  purpose: UsePurpose;
  decidedOn: string;
  paidOn: string;
  amountFen: number;
  voucher: string;
}

export interface BalanceInput {
  openingFen: number;
  collectedFen: number;
  allocatedFen: number;
  interestFen: number;
  remittedFen: number;
  usedFen: number;
}

export interface YearBalance extends BalanceInput {
  closingFen: number;
  /** 结存 below zero: more went out than the account held (recorded, not hidden). */
  negative: boolean;
}

export function closingBalance(b: BalanceInput): YearBalance {
  for (const [k, v] of Object.entries(b)) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`${k} must be a whole number of 分, not ${v}`);
  }
  const closingFen = b.openingFen + b.collectedFen + b.allocatedFen + b.interestFen - b.remittedFen - b.usedFen;
  return { ...b, closingFen, negative: closingFen < 0 };
}

/** Whether figures read back (from a sheet, an answer) satisfy the identity exactly. */
export function identityHolds(b: BalanceInput & { closingFen: number }): boolean {
  return b.openingFen + b.collectedFen + b.allocatedFen + b.interestFen - b.remittedFen - b.usedFen === b.closingFen;
}

/** Uses summed per purpose, in the order of 第十九条's list, only purposes that have any. */
export function usesByPurpose(uses: readonly Pick<UseEntry, 'purpose' | 'amountFen'>[], order: readonly UsePurpose[]): { purpose: UsePurpose; amountFen: number; count: number }[] {
  return order
    .map((purpose) => {
      const these = uses.filter((u) => u.purpose === purpose);
      return { purpose, amountFen: these.reduce((t, u) => t + u.amountFen, 0), count: these.length };
    })
    .filter((x) => x.count > 0);
}
