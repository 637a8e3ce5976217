/**
 * The monthly due of one member in one month (dues-standard §2), from category, base and month.
 */
import { applyRate } from '../money';
import type { CommitteeSettings } from '../settings';
import { DEFAULT_SETTINGS } from '../settings-defaults';
import type { Category } from './categories';
import { tableKindOf } from './categories';
import type { Rate } from './rate';
import { bracketFor, RULES_2008_FROM, tableInForce } from './tables';

/** 学生、下岗失业、低保/救济 pay 0.20 yuan a month (2008规定; dues-standard §2): fixed by the regulation. */
export const FLAT_FEN = 20;

export interface DueInput {
  category: Category;
  /** Base in 分; null/undefined when the sheet has none (flat categories need none). */
  baseFen?: number | null;
  /** 'YYYY-MM' the due is for; decides which table is in force. */
  month: string;
}

export type UncheckedReason = 'no-base' | 'no-table' | 'bad-month';

export type MonthlyDue =
  | { kind: 'rate'; dueFen: number; rate: Rate; table: string }
  | { kind: 'flat'; dueFen: number }
  | { kind: 'none' }
  | { kind: 'unchecked'; reason: UncheckedReason };

type DueSettings = Pick<CommitteeSettings, 'rounding' | 'farmerFen' | 'tableOverrides' | 'before2008'>;

/**
 * /^\d{4}-(0[1-9]|1[0-2])$/ by char codes: asked once per register row, where the regex was
 * 1 % of a check (issue 14; tests/shared/standard compares the two).
 */
export function isMonthLabel(s: string): boolean {
  if (s.length !== 7 || s.charCodeAt(4) !== 45) return false; // '-'
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const m1 = s.charCodeAt(5);
  const m2 = s.charCodeAt(6);
  if (m2 < 48 || m2 > 57) return false;
  return m1 === 48 ? m2 !== 48 : m1 === 49 && m2 <= 50;
}

export function monthlyDue(input: DueInput, settings: DueSettings = DEFAULT_SETTINGS): MonthlyDue {
  const { category, baseFen, month } = input;
  if (!isMonthLabel(month)) return { kind: 'unchecked', reason: 'bad-month' };
  // 停止党籍: nothing is due while membership is suspended (dues-standard §4).
  if (category === '停止党籍') return { kind: 'none' };
  if (category === '农民' || category === '学生' || category === '下岗失业' || category === '低保') {
    // Flat amounts are 2008 rules; earlier months are not judged by them.
    if (month < RULES_2008_FROM) return { kind: 'unchecked', reason: 'no-table' };
    return { kind: 'flat', dueFen: category === '农民' ? settings.farmerFen : FLAT_FEN };
  }
  const kind = tableKindOf(category);
  if (!kind) return { kind: 'unchecked', reason: 'no-table' };
  if (baseFen === null || baseFen === undefined || !Number.isSafeInteger(baseFen) || baseFen < 0) {
    return { kind: 'unchecked', reason: 'no-base' };
  }
  const table = tableInForce(kind, month, settings);
  if (!table) return { kind: 'unchecked', reason: 'no-table' };
  const { num, den } = bracketFor(table, baseFen);
  return { kind: 'rate', dueFen: applyRate(baseFen, num, den, settings.rounding), rate: { num, den }, table: table.id };
}

/** The rate the standard expects for a base, or null for flat/none/unchecked cases. */
export function expectedRate(input: DueInput, settings: DueSettings = DEFAULT_SETTINGS): Rate | null {
  const due = monthlyDue(input, settings);
  return due.kind === 'rate' ? due.rate : null;
}
