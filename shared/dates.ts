/**
 * Dates as ISO text: days 'YYYY-MM-DD', months 'YYYY-MM'. Cells arrive as Excel serials
 * (1900 date system) or as the text forms clerks type (2015-07-01, 2015.07.01, 2015/7/1,
 * 2015年7月1日, 2015.07 …); a month-only form is kept as the 1st with precision 'month'.
 */
import type { CellValue } from './grid';
import { toHalfWidth } from './cell-text';

export type IsoDate = string;
export type IsoMonth = string;
export type DatePrecision = 'day' | 'month';
export type DateParse = { ok: true; date: IsoDate; precision: DatePrecision } | { ok: false };

const DAY_MS = 86_400_000;
/** Excel's day 0 for serials ≥ 61: 1899-12-30 (absorbs the fictitious 1900-02-29). */
const EPOCH_MS = Date.UTC(1899, 11, 30);
/** The largest serial Excel accepts: 9999-12-31. */
const MAX_SERIAL = 2_958_465;

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  // Comparisons, not [4, 6, 9, 11].includes(): no array per call (issue 14: ID birth dates).
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real calendar date (no 1970-02-29, no month 13), years 1000–9999. */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

export function toIso(year: number, month: number, day: number): IsoDate {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** 'YYYY-MM-DD' that names a real day. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** 'YYYY-MM' with a month 01–12. */
export function isIsoMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** Excel serial (1900 system) → ISO day. Serial 60 is Excel's 1900-02-29, which never existed. */
export function excelSerialToIso(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL + 1) return null;
  const day = Math.floor(serial); // the fraction is the time of day
  if (day === 60) return null;
  // Serials 1–59 sit before the phantom leap day, so they count from 1899-12-31.
  const ms = day < 60 ? EPOCH_MS + (day + 1) * DAY_MS : EPOCH_MS + day * DAY_MS;
  const d = new Date(ms);
  return toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** ISO day → Excel serial (1900 system), the inverse of excelSerialToIso. */
export function isoToExcelSerial(iso: IsoDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`not an ISO date: ${iso}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const days = Math.round((ms - EPOCH_MS) / DAY_MS);
  const serial = days <= 60 ? days - 1 : days;
  if (serial < 1) throw new RangeError(`before Excel's 1900-01-01: ${iso}`);
  return serial;
}

/** Does an Excel number format show a date (y/m/d tokens outside quotes and brackets)? */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymd]/i.test(bare);
}

function day(year: number, month: number, d: number): DateParse {
  return isRealDate(year, month, d) ? { ok: true, date: toIso(year, month, d), precision: 'day' } : { ok: false };
}

function month(year: number, m: number): DateParse {
  return isRealDate(year, m, 1) ? { ok: true, date: toIso(year, m, 1), precision: 'month' } : { ok: false };
}

// Text forms, after full-width → ASCII and trimming. A time part after the day is ignored.
const TIME = String.raw`(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const FULL = new RegExp(String.raw`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?${TIME}$`);
const MONTH = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?(?:份)?$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
/** What String(new Date(...)) prints, e.g. "Wed Jul 01 2015 00:00:00 GMT+0800 (中国标准时间)". */
const JS_DATE = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?.*)?$/;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;

function parseDateText(raw: string): DateParse {
  const s = toHalfWidth(raw).trim();
  let m = FULL.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH.exec(s);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = COMPACT_DAY.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT_MONTH.exec(s);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = JS_DATE.exec(s);
  if (m) {
    const mi = MONTH_NAMES.indexOf((m[1] ?? '').toLowerCase());
    if (mi >= 0) return day(Number(m[3]), mi + 1, Number(m[2]));
  }
  return { ok: false };
}

/** A number typed as 2015.07 (General format) means July 2015; 2015.1 means January. */
function parseYearDotMonth(v: number, format: string | undefined): DateParse {
  const places = /0\.(0+)/.exec(format ?? '')?.[1]?.length;
  const text = places !== undefined ? v.toFixed(places) : String(v);
  const m = /^(\d{4})\.(\d{1,2})$/.exec(text);
  return m ? month(Number(m[1]), Number(m[2])) : { ok: false };
}

/**
 * Read a date cell. Numbers are Excel serials unless they look like 20150701 / 201507 or
 * 2015.07 without a date format; text takes the usual Chinese and ISO forms.
 */
export function parseDateCell(v: CellValue | undefined, numberFormat?: string): DateParse {
  if (v === null || v === undefined || typeof v === 'boolean') return { ok: false };
  if (typeof v === 'string') return parseDateText(v);
  if (!Number.isFinite(v) || v <= 0) return { ok: false };
  if (!isDateFormat(numberFormat)) {
    // A bare year (2015) names no day; as a serial it would be 1905.
    if (Number.isInteger(v) && v >= 1900 && v <= 2100) return { ok: false };
    // 20150701 and 201507 typed as numbers; real serials stay below 100000 (year 2173).
    if (Number.isInteger(v) && v >= 100_000) return parseDateText(String(v));
    if (!Number.isInteger(v) && v >= 1000 && v < 10_000) return parseYearDotMonth(v, numberFormat);
  }
  const iso = excelSerialToIso(v);
  return iso ? { ok: true, date: iso, precision: 'day' } : { ok: false };
}

/** 'YYYY-MM' of an ISO day or month. */
export function monthOf(iso: IsoDate | IsoMonth): IsoMonth {
  return iso.slice(0, 7);
}

function monthIndex(ym: string): number {
  const m = /^(\d{4})-(\d{2})/.exec(ym);
  if (!m) throw new RangeError(`not an ISO month: ${ym}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function fromMonthIndex(i: number): IsoMonth {
  return `${pad4(Math.floor(i / 12))}-${pad2((i % 12) + 1)}`;
}

/** 'YYYY-MM' shifted by n months (n may be negative). */
export function addMonths(ym: IsoMonth, n: number): IsoMonth {
  return fromMonthIndex(monthIndex(ym) + n);
}

/** Whole months from `from` to `to` ('YYYY-MM' or ISO days; only the month counts). */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

/** Months from..to inclusive, in order (empty when to < from). */
export function monthRange(from: IsoMonth, to: IsoMonth): IsoMonth[] {
  const out: IsoMonth[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(fromMonthIndex(i));
  return out;
}

function parts(iso: IsoDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The same day n years later; 29 Feb becomes 28 Feb in a common year. */
export function addYears(iso: IsoDate, n: number): IsoDate {
  const [y, m, d] = parts(iso);
  return toIso(y + n, m, Math.min(d, daysInMonth(y + n, m)));
}

/** Full years of age on a day (a birthday on 29 Feb is reached on 1 Mar in common years). */
export function ageOn(birthIso: IsoDate, onIso: IsoDate): number {
  const [by, bm, bd] = parts(birthIso);
  const [oy, om, od] = parts(onIso);
  const before = om < bm || (om === bm && od < bd);
  return oy - by - (before ? 1 : 0);
}

/** Today's date as ISO, from a Date in the given UTC offset (minutes; China is +480). */
export function isoFromDate(d: Date, utcOffsetMinutes = 480): IsoDate {
  const shifted = new Date(d.getTime() + utcOffsetMinutes * 60_000);
  return toIso(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}
