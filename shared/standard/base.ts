/**
 * The dues base (计算基数) recomputed from payslip columns, where a sheet carries them
 * (dues-standard §5). The base is regular monthly pay after tax (2008规定 第一条); 2017通知
 * practice also deducts the individual social-insurance, housing-fund and annuity shares.
 * Which applies is the 党委's `baseDeductions` setting.
 */
import type { CommitteeSettings } from '../settings';

/** Payslip figures in 分; a column the sheet lacks is undefined or null (counts as 0 deducted). */
export interface PayslipFen {
  /** 应发合计 (gross regular pay); required. */
  grossFen: number;
  /** 个人所得税 */
  taxFen?: number | null;
  /** 养老保险 (individual share) */
  pensionFen?: number | null;
  /** 医疗保险 */
  medicalFen?: number | null;
  /** 失业保险 */
  unemploymentFen?: number | null;
  /** 住房公积金 */
  housingFundFen?: number | null;
  /** 职业年金 / 企业年金 */
  annuityFen?: number | null;
}

const CONTRIBUTIONS: readonly (keyof PayslipFen)[] = ['pensionFen', 'medicalFen', 'unemploymentFen', 'housingFundFen', 'annuityFen'];

/** Gross minus the deductions the setting names; never below 0. */
export function recomputeBaseFen(pay: PayslipFen, deductions: CommitteeSettings['baseDeductions']): number {
  let base = pay.grossFen - (pay.taxFen ?? 0);
  if (deductions === '2017') for (const k of CONTRIBUTIONS) base -= pay[k] ?? 0;
  return Math.max(0, base);
}
