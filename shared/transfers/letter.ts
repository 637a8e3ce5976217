/**
 * 组织关系转接: the receiving branch's first due month, and the line of the introduction letter
 * (党员组织关系介绍信) that states 党费交至年月. Letters write the month in capital numerals
 * (大写: 贰零贰陆年玖月), as money is written on vouchers, so it cannot be altered.
 */
import { addMonths } from '../dates';

const DIGIT = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const MONTH = ['壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾', '拾壹', '拾贰'] as const;

/** '2026-09' → 贰零贰陆年玖月: the year digit by digit, the month as a number (拾, 拾壹, 拾贰). */
export function capitalMonth(ym: string): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(ym);
  if (!m) throw new RangeError(`not a month like 2026-09: ${ym}`);
  const year = [...m[1]!].map((d) => DIGIT[Number(d)]).join('');
  return `${year}年${MONTH[Number(m[2]) - 1]}月`;
}

/**
 * The receiving branch charges from the month after 党费交至年月 (the member has paid the
 * sending branch through that month; nothing is charged twice, nothing skipped).
 */
export function firstDueMonth(paidThrough: string): string {
  return addMonths(paidThrough, 1);
}

/** The letter's line: 该同志党费已交至贰零贰陆年玖月。 */
export function letterLine(paidThrough: string): { zh: string; en: string } {
  return {
    zh: `该同志党费已交至${capitalMonth(paidThrough)}。`,
    en: `Dues paid through ${paidThrough} (written ${capitalMonth(paidThrough)}).`,
  };
}
