/**
 * Date cells of the roster, read fast: almost all are whole Excel serials under a date format,
 * so those skip the general parser (text forms still go through shared/dates.ts).
 */
import type { CellValue } from '../grid';
import { daysInMonth, isDateFormat, parseDateCell, type DateParse } from '../dates';

const formatIsDate = new Map<string, boolean>();
// The last format asked about: a date column repeats one format string, so most cells cost one
// comparison instead of a Map lookup (issue 14).
let lastFormat: string | undefined = undefined;
let lastFormatIsDate = false;

function dateFormat(f: string | undefined): boolean {
  if (f === undefined) return false;
  if (f === lastFormat) return lastFormatIsDate;
  let hit = formatIsDate.get(f);
  if (hit === undefined) {
    hit = isDateFormat(f);
    formatIsDate.set(f, hit);
  }
  lastFormat = f;
  lastFormatIsDate = hit;
  return hit;
}


/** Whole serial (≥ 61, i.e. after Excel's phantom 1900-02-29) → ISO, by civil-from-days arithmetic. */
function serialToIso(serial: number): string {
  civil(serial);
  return isoText(civilY, civilM, civilD);
}

/**
 * 'YYYY-MM-DD' for a year 1000–9999 in one string allocation (a template literal builds a new
 * string per piece); the same text as `${y}-${pad2(m)}-${pad2(d)}`.
 */
export function isoText(y: number, m: number, d: number): string {
  return String.fromCharCode(
    48 + Math.floor(y / 1000), 48 + (Math.floor(y / 100) % 10), 48 + (Math.floor(y / 10) % 10), 48 + (y % 10), 45,
    48 + Math.floor(m / 10), 48 + (m % 10), 45, 48 + Math.floor(d / 10), 48 + (d % 10),
  );
}

/** readDateCell's fast path alone: the ISO day of a whole serial under a date format, else null. */
export function serialDay(v: CellValue, format: string | undefined): string | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 61 && v <= 2_958_465 && dateFormat(format)) return serialToIso(v);
  return null;
}

/**
 * serialDay's day as the integer yyyymmdd (-1 where serialDay says null), without its text: the
 * roster reader compares dates as integers and builds text only for the record (issue 14).
 */
export function serialYmd(v: CellValue, format: string | undefined): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 61 && v <= 2_958_465 && dateFormat(format)) {
    if (v < TABLE_END) return (ymdTable ?? fillYmdTable())[v]!;
    civil(v);
    return civilY * 10000 + civilM * 100 + civilD;
  }
  return -1;
}

/** Serial of 2100-01-01: the table covers 1900-03-01 (serial 61) up to this day, exclusive. */
export const SERIAL_TABLE_END = 73_051;
const TABLE_END = SERIAL_TABLE_END;
/**
 * Serial → yyyymmdd for every day of 1900-03-01 … 2099-12-31, filled whole on first use (≈ 0.3 ms,
 * 292 kB): a roster date then costs one load instead of civil()'s divisions (issue 14: civil
 * ≈ 13 % of checkRoster in a roster-only profile). Filled whole, not per serial seen, so it
 * lives across checks holding nothing of anyone's data.
 */
let ymdTable: Int32Array | null = null;

function fillYmdTable(): Int32Array {
  const t = new Int32Array(TABLE_END);
  let y = 1900;
  let m = 3;
  let d = 1;
  let last = daysInMonth(y, m);
  for (let s = 61; s < TABLE_END; s++) {
    t[s] = y * 10000 + m * 100 + d;
    if (++d > last) {
      d = 1;
      if (++m > 12) {
        m = 1;
        y++;
      }
      last = daysInMonth(y, m);
    }
  }
  ymdTable = t;
  return t;
}

/** 'YYYY-MM-DD' of a yyyymmdd integer from serialYmd or isoYmd (years 1000–9999). */
export function ymdIso(ymd: number): string {
  return isoText(Math.floor(ymd / 10000), Math.floor(ymd / 100) % 100, ymd % 100);
}

/** yyyymmdd of 'DDDD-DD-DD' text, -1 for any other shape (so integer order is text order). */
export function isoYmd(iso: string): number {
  if (!isIsoShape(iso)) return -1;
  return num(iso, 0, 4) * 10000 + num(iso, 5, 2) * 100 + num(iso, 8, 2);
}

/** yearsOld on yyyymmdd integers (≥ 0 both): the year difference, less one before the birthday. */
export function ymdYearsOld(birth: number, on: number): number {
  return Math.floor((on - birth) / 10000);
}

/**
 * beforeYearsAfter on yyyymmdd integers (≥ 0 both); -1 (ask the text form) when the later year
 * leaves 1000–9999, where text order and integer order part.
 */
export function ymdBeforeYearsAfter(a: number, iso: number, n: number): boolean | -1 {
  const y = Math.floor(iso / 10000) + n;
  if (y < 1000 || y > 9999) return -1;
  // 29 Feb becomes 28 Feb in a common year.
  const later = iso % 10000 === 229 && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? y * 10000 + 228 : iso + n * 10000;
  return a < later;
}

// civil()'s answer, in module variables rather than a fresh object per cell.
let civilY = 0;
let civilM = 0;
let civilD = 0;

function civil(serial: number): void {
  // Days since 1970-01-01, then Howard Hinnant's civil_from_days.
  const z = serial - 25569 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  civilY = yoe + era * 400 + (m <= 2 ? 1 : 0);
  civilM = m;
  civilD = d;
}

/**
 * Whether readDateCell(v, format) would read `iso` ('YYYY-MM-DD') through its fast path, found
 * without building the date's text (a roster's 出生日期 usually repeats the ID's birth date).
 */
export function isSerialOf(v: CellValue, format: string | undefined, iso: string): boolean {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 61 || v > 2_958_465 || !dateFormat(format) || !isIsoShape(iso)) return false;
  civil(v);
  return civilY === num(iso, 0, 4) && civilM === num(iso, 5, 2) && civilD === num(iso, 8, 2);
}

/** 'DDDD-DD-DD' (digits where the numbers go), the form every date here is built in. */
function isIsoShape(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** parseDateCell, with the common case (a whole serial under a date format) done inline. */
export function readDateCell(v: CellValue, format: string | undefined): DateParse {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 61 && v <= 2_958_465 && dateFormat(format)) {
    return { ok: true, date: serialToIso(v), precision: 'day' };
  }
  return parseDateCell(v, format);
}

const num = (s: string, from: number, len: number) => {
  let n = 0;
  for (let i = from; i < from + len; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
};

/** The same day n years later ('YYYY-MM-DD'); 29 Feb becomes 28 Feb in a common year. */
export function plusYears(iso: string, n: number): string {
  const y = num(iso, 0, 4) + n;
  const md = iso.slice(4);
  if (md === '-02-29' && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return `${y}-02-28`;
  return `${y}${md}`;
}

/** a.slice(from) < b.slice(from), without the slices. */
function suffixLess(a: string, b: string, from: number): boolean {
  for (let i = from; i < a.length && i < b.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x < y;
  }
  return Math.max(a.length, from) < Math.max(b.length, from);
}

/** Full years of age on a day. */
export function yearsOld(birth: string, on: string): number {
  const before = suffixLess(on, birth, 5);
  return num(on, 0, 4) - num(birth, 0, 4) - (before ? 1 : 0);
}

/** a < plusYears(iso, n), without building the later date's text. */
export function beforeYearsAfter(a: string, iso: string, n: number): boolean {
  const y = num(iso, 0, 4) + n;
  if (!isIsoShape(a) || !isIsoShape(iso) || y < 1000 || y > 9999) return a < plusYears(iso, n);
  const ya = num(a, 0, 4);
  if (ya !== y) return ya < y;
  // The same year: compare '-MM-DD', where 29 Feb becomes 28 Feb in a common year.
  if (iso.charCodeAt(5) === 48 && iso.charCodeAt(6) === 50 && iso.charCodeAt(8) === 50 && iso.charCodeAt(9) === 57 &&
    !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return suffixLess(a, '0000-02-28', 4);
  return suffixLess(a, iso, 4);
}
