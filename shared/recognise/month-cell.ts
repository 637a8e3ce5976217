/**
 * A month as a register row states it, when the months are data rather than columns: a 月份
 * cell (7, 7月, 07), a whole month (2026-07, 2026年7月, 202607, 2026.07, a date), a 年份 cell
 * (2026, 2026年, 2026年度), or a range (2026.01-2026.06, 2026年1月至6月).
 */
import type { CellValue } from '../grid';
import { compactText } from '../cell-text';
import { excelSerialToIso, isDateFormat } from '../dates';
import { parseMonthLabel } from '../quarter';

export interface YearMonth {
  year: number | null;
  month: number;
}

const okYear = (y: number) => y >= 1949 && y <= 2100;

/** A month cell; `year` is null when the cell names only the month (7月). */
export function parseMonthCell(v: CellValue | undefined, format?: string): YearMonth | null {
  if (v === null || v === undefined || typeof v === 'boolean') return null;
  if (typeof v === 'number') {
    if (isDateFormat(format)) {
      const iso = excelSerialToIso(v);
      return iso ? { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) } : null;
    }
    if (Number.isInteger(v) && v >= 1 && v <= 12) return { year: null, month: v };
    if (Number.isInteger(v) && v >= 194901 && v <= 210012) {
      const month = v % 100;
      return month >= 1 && month <= 12 ? { year: Math.floor(v / 100), month } : null;
    }
    // 2026.07 typed as a number (2026.1 reads as October, as Excel shows it).
    if (v > 1949 && v < 2101 && !Number.isInteger(v)) {
      const year = Math.floor(v);
      const month = Math.round((v - year) * 100);
      return month >= 1 && month <= 12 ? { year, month } : null;
    }
    return null;
  }
  const s = compactText(v).replace(/份$/, '');
  if (!s) return null;
  let m = /^(\d{4})(?:年|[-./])(\d{1,2})(?:月)?(?:(?:[-./]\d{1,2})|\d{1,2}日)?$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return okYear(year) && month >= 1 && month <= 12 ? { year, month } : null;
  }
  m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return okYear(year) && month >= 1 && month <= 12 ? { year, month } : null;
  }
  m = /^(\d{1,2})月?$/.exec(s);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? { year: null, month } : null;
  }
  const label = parseMonthLabel(s);
  return label ? { year: label.year ?? null, month: label.month } : null;
}

/** A 年份 / 年度 cell. */
export function parseYearCell(v: CellValue | undefined): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && okYear(v) ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})(?:年度?)?$/.exec(compactText(v));
  return m && okYear(Number(m[1])) ? Number(m[1]) : null;
}

const RANGE_SEPARATORS = /至|到|~|～|—|–|－|-/g;

/** A 缴费起止月份 cell: the first and last month (the last may borrow the first's year). */
export function parseMonthRange(v: CellValue | undefined): { from: YearMonth; to: YearMonth } | null {
  if (typeof v !== 'string') return null;
  const s = compactText(v);
  for (const sep of s.matchAll(RANGE_SEPARATORS)) {
    const left = s.slice(0, sep.index);
    const right = s.slice(sep.index + sep[0].length).replace(/^(?:至|到|~|～|—|–|－|-)+/, '');
    const from = parseMonthCell(left);
    const to = parseMonthCell(right) ?? parseMonthCell(`${right}月`);
    if (from && to) return { from, to: { year: to.year ?? from.year, month: to.month } };
  }
  return null;
}

/** 'YYYY-MM' labels from one month to another, inclusive (empty when backwards or over 10 years). */
export function monthsBetween(fromYear: number, fromMonth: number, toYear: number, toMonth: number): string[] {
  const a = fromYear * 12 + fromMonth - 1;
  const b = toYear * 12 + toMonth - 1;
  if (b < a || b - a > 120) return [];
  const out: string[] = [];
  for (let k = a; k <= b; k++) out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  return out;
}

/** The month a title or sheet name names (2026年07月份党费收缴登记表, 2026-07, 7月): 'YYYY-MM' with the year hint. */
export function monthInTitle(text: string, yearHint: number): string | null {
  const s = compactText(text);
  if (/季度|Q[1-4]/i.test(s)) return null;
  let m = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*[-至到~—]\s*\d)/.exec(s) ?? /((?:19|20)\d{2})[-.](\d{1,2})(?!\d)(?![-.]\d)/.exec(s);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
  }
  m = /^(\d{1,2})月份?$/.exec(s);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? `${yearHint}-${String(month).padStart(2, '0')}` : null;
  }
  return null;
}
