/**
 * Quarters ('2026Q3') and the labels registers use for quarters and months
 * (一季度 / 第一季度 / Q1 …; 1月 / 一月 / 2026年1月 / 2026-01 …).
 */
import { compactText } from './cell-text';
import type { IsoDate, IsoMonth } from './dates';

export type QuarterId = string;
export type QuarterNumber = 1 | 2 | 3 | 4;

const QUARTER = /^(\d{4})Q([1-4])$/;

export function isQuarterId(s: string): boolean {
  return QUARTER.test(s);
}

function split(q: QuarterId): [number, QuarterNumber] {
  const m = QUARTER.exec(q);
  if (!m) throw new RangeError(`not a quarter like 2026Q3: ${q}`);
  return [Number(m[1]), Number(m[2]) as QuarterNumber];
}

export function quarterId(year: number, quarter: QuarterNumber): QuarterId {
  return `${String(year).padStart(4, '0')}Q${quarter}`;
}

/** The three months of a quarter, in order: 2026Q3 → 2026-07, 2026-08, 2026-09. */
export function quarterMonths(q: QuarterId): [IsoMonth, IsoMonth, IsoMonth] {
  const [y, n] = split(q);
  const first = (n - 1) * 3 + 1;
  const ym = (m: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  return [ym(first), ym(first + 1), ym(first + 2)];
}

/** The quarter holding a month or day ('2026-08' or '2026-08-15' → '2026Q3'). */
export function quarterOf(monthOrDate: IsoMonth | IsoDate): QuarterId {
  const m = /^(\d{4})-(0[1-9]|1[0-2])/.exec(monthOrDate);
  if (!m) throw new RangeError(`not an ISO month: ${monthOrDate}`);
  return quarterId(Number(m[1]), (Math.floor((Number(m[2]) - 1) / 3) + 1) as QuarterNumber);
}

/** First day of a quarter: 2026Q3 → 2026-07-01. */
export function quarterStart(q: QuarterId): IsoDate {
  return `${quarterMonths(q)[0]}-01`;
}

/** Last day of a quarter: 2026Q3 → 2026-09-30. */
export function quarterEnd(q: QuarterId): IsoDate {
  const [, n] = split(q);
  const lastDay = n === 1 ? 31 : n === 2 ? 30 : n === 3 ? 30 : 31;
  return `${quarterMonths(q)[2]}-${lastDay}`;
}

/** Neighbouring quarter (n = -1 for the previous one). */
export function addQuarters(q: QuarterId, n: number): QuarterId {
  const [y, k] = split(q);
  const i = y * 4 + (k - 1) + n;
  return quarterId(Math.floor(i / 4), ((i % 4) + 1) as QuarterNumber);
}

/** Chinese label for people: 2026Q3 → 2026年第三季度. */
export function quarterLabel(q: QuarterId): string {
  const [y, n] = split(q);
  return `${y}年第${'一二三四'[n - 1]}季度`;
}

/**
 * A period as people read it: a quarter 2026Q3 → 2026年第三季度 (English "2026 Q3"), a year
 * 2026 → 2026年度 ("2026"). Anything else is returned as it is.
 */
export function periodLabel(period: string, lang: 'zh' | 'en' = 'zh'): string {
  if (isQuarterId(period)) return lang === 'zh' ? quarterLabel(period as QuarterId) : period.replace('Q', ' Q');
  if (/^\d{4}$/.test(period)) return lang === 'zh' ? `${period}年度` : period;
  return period;
}

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 1–12 written as Arabic digits or Chinese numerals (一 … 十二, also 元 for January). */
function smallNumber(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  if (s === '元' || s === '正') return 1;
  if (s === '十一') return 11;
  if (s === '十二') return 12;
  return CN_DIGIT[s] ?? null;
}

export interface QuarterLabel {
  year?: number;
  quarter: QuarterNumber;
}

/**
 * Find a quarter in a label or sheet name: 一季度, 第一季度, 1季度, 第1季度, Q1, 1Q, 2026Q1,
 * 2026年第一季度党费, 1-3月 … Returns null when none is found or two different quarters are named.
 */
export function parseQuarterLabel(text: string): QuarterLabel | null {
  const s = compactText(text).toUpperCase();
  const found: QuarterLabel[] = [];
  const year = /(?:^|\D)((?:19|20)\d{2})(?:年|Q|-|\.|\/|$|\D)/.exec(s);
  for (const m of s.matchAll(/第?([1-4一二三四])季度?/g)) {
    const q = smallNumber(m[1] ?? '');
    if (q) found.push({ quarter: q as QuarterNumber });
  }
  for (const m of s.matchAll(/(?:^|[^A-Z])Q([1-4])(?![0-9])/g)) found.push({ quarter: Number(m[1]) as QuarterNumber });
  for (const m of s.matchAll(/(?:^|[^0-9])([1-4])Q(?![A-Z])/g)) found.push({ quarter: Number(m[1]) as QuarterNumber });
  // A month span naming exactly one quarter: 1-3月, 4～6月, 7至9月, 10-12月.
  for (const m of s.matchAll(/(?:^|[^0-9])(\d{1,2})月?[-~～至到—–](\d{1,2})月/g)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b === a + 2 && a % 3 === 1 && b <= 12) found.push({ quarter: ((a + 2) / 3) as QuarterNumber });
  }
  const distinct = new Set(found.map((f) => f.quarter));
  if (distinct.size !== 1) return null;
  const quarter = found[0]!.quarter;
  return year ? { year: Number(year[1]), quarter } : { quarter };
}

export interface MonthLabel {
  year?: number;
  month: number;
}

/**
 * A month column header: 1月, 01月, 一月, 十二月, 1月份, 2026年1月, 2026-01, 2026.01, 2026/1.
 * The whole label must be the month (a header such as 1月实交 is not one).
 */
export function parseMonthLabel(text: string): MonthLabel | null {
  const s = compactText(text);
  let m = /^(?:(\d{4})年)?(\d{1,2}|[一二三四五六七八九十元正]|十[一二])月(?:份)?$/.exec(s);
  if (m) {
    const month = smallNumber(m[2] ?? '');
    if (!month || month > 12) return null;
    return m[1] ? { year: Number(m[1]), month } : { month };
  }
  m = /^(\d{4})[-./](\d{1,2})$/.exec(s);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
  }
  return null;
}
