/**
 * The common case of a roster ID, checked without building intermediate strings: 18 plain
 * characters that pass every rule of GB 11643-1999. Anything else (null here) goes to
 * analyseId in shared/idcard.ts, which names the problem.
 */
import { daysInMonth } from '../dates';
import { isProvinceCode, type IdOptions } from '../idcard';
import { isoText, isoYmd } from './date-cell';

// GB 11643-1999 §8.2 weights and the check characters for sum mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface QuickId {
  id: string;
  birthDate: string;
  gender: '男' | '女';
}

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}


export function quickValidId(v: unknown, today: string, opts: IdOptions): QuickId | null {
  const birthDate = quickValidBirth(v, today, opts);
  if (birthDate === null) return null;
  const id = v as string;
  return { id, birthDate, gender: quickGender(id) };
}

/** The gender of an ID quickValidBirth accepted: parity of the 17th character (odd 男). */
export function quickGender(id: string): '男' | '女' {
  return digitAt(id, 16) % 2 === 1 ? '男' : '女';
}

// quickValidBirth's last accepted birth date as yyyymmdd, so the reader compares it as an integer
// without parsing the text back (issue 14).
let lastYmd = -1;
/** The yyyymmdd of the birth date the last successful quickValidBirth returned. */
export function quickBirthYmd(): number {
  return lastYmd;
}

// CHECK as char codes: no one-character string per ID.
const CHECK_CODES = Array.from(CHECK, (ch) => ch.charCodeAt(0));
// CHECK as the values digitKey gives the last character (X is 10).
const CHECK_VALUES = Array.from(CHECK, (ch) => (ch === 'X' ? 10 : ch.charCodeAt(0) - 48));

// The last accepted ID's key numbers, as id-keys.ts digitKey would give them (digitHi, digitLo):
// the reader finds duplicates on them without hashing the text (issue 14).
let lastHi = 0;
let lastLo = 0;
/** digitHi of the ID the last successful quickValidBirth accepted. */
export function quickKeyHi(): number {
  return lastHi;
}
/** digitLo of the ID the last successful quickValidBirth accepted. */
export function quickKeyLo(): number {
  return lastLo;
}
// `today` as yyyymmdd, remembered for the last text seen (one per check); -1 when it is not ISO-shaped.
let todayText = '';
let todayYmd = -1;

function ymdOfToday(today: string): number {
  if (today !== todayText) {
    todayText = today;
    todayYmd = isoYmd(today);
  }
  return todayYmd;
}

/** quickValidId's birth date alone (null when it would return null): no object per row. */
export function quickValidBirth(v: unknown, today: string, opts: IdOptions): string | null {
  if (typeof v !== 'string' || v.length !== 18) return null;
  // The digits also make the ID's key numbers (id-keys.ts digitKey) while they are read.
  let sum = 0;
  let hi = 0;
  for (let i = 0; i < 8; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    sum += d * WEIGHTS[i]!;
    hi = hi * 10 + d;
  }
  let lo = 0;
  for (let i = 8; i < 17; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    sum += d * WEIGHTS[i]!;
    lo = lo * 10 + d;
  }
  const k = sum % 11;
  if (v.charCodeAt(17) !== CHECK_CODES[k]) return null;
  if (!isProvinceCode(digitAt(v, 0) * 10 + digitAt(v, 1), opts)) return null;
  const y = digitAt(v, 6) * 1000 + digitAt(v, 7) * 100 + digitAt(v, 8) * 10 + digitAt(v, 9);
  const m = digitAt(v, 10) * 10 + digitAt(v, 11);
  const d = digitAt(v, 12) * 10 + digitAt(v, 13);
  // Digits, so whole numbers ≤ 9999: isRealDate's range checks without its integer tests.
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const ymd = y * 10000 + m * 100 + d;
  const t = ymdOfToday(today);
  if (t >= 0) {
    // ISO-shaped today: integer order is text order, and the text is built only for a valid ID.
    if (ymd > t) return null;
    lastYmd = ymd;
    lastHi = hi * 11 + CHECK_VALUES[k]!;
    lastLo = lo;
    return isoText(y, m, d);
  }
  const birthDate = isoText(y, m, d);
  if (birthDate > today) return null;
  lastYmd = ymd;
  lastHi = hi * 11 + CHECK_VALUES[k]!;
  lastLo = lo;
  return birthDate;
}
