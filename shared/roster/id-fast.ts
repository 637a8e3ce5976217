/**
 * The common case of a roster ID, checked without building intermediate strings: 18 plain
 * characters that pass every rule of GB 11643-1999. Anything else (null here) goes to
 * analyseId in shared/idcard.ts, which names the problem.
 */
import { daysInMonth } from '../dates';
import { codeAt } from '../cell-text';
import { isProvinceCode, type IdOptions } from '../idcard';
import { isoText, isoYmd } from './date-cell';

// GB 11643-1999 §8.2: the check characters for sum mod 11 (the weights 7 9 10 5 8 4 2 1 6 3 7 9
// 10 5 8 4 2 are written out in quickValidBirth).
const CHECK = '10X98765432';

export interface QuickId {
  id: string;
  birthDate: string;
  gender: '男' | '女';
}

function digitAt(s: string, i: number): number {
  return codeAt(s, i) - 48;
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
  // Each digit read once into a local, unrolled: the loops over the weights plus the re-reads for
  // region, year, month and day were ≈ 17 % of checkRoster in a roster-only profile (issue 14).
  const d0 = codeAt(v, 0) - 48, d1 = codeAt(v, 1) - 48, d2 = codeAt(v, 2) - 48, d3 = codeAt(v, 3) - 48;
  const d4 = codeAt(v, 4) - 48, d5 = codeAt(v, 5) - 48, d6 = codeAt(v, 6) - 48, d7 = codeAt(v, 7) - 48;
  const d8 = codeAt(v, 8) - 48, d9 = codeAt(v, 9) - 48, d10 = codeAt(v, 10) - 48, d11 = codeAt(v, 11) - 48;
  const d12 = codeAt(v, 12) - 48, d13 = codeAt(v, 13) - 48, d14 = codeAt(v, 14) - 48, d15 = codeAt(v, 15) - 48;
  const d16 = codeAt(v, 16) - 48;
  // (d | (9 - d)) < 0 exactly when d is not 0–9 (NaN never arises: 18 characters are there).
  const bad = (d0 | (9 - d0)) | (d1 | (9 - d1)) | (d2 | (9 - d2)) | (d3 | (9 - d3)) | (d4 | (9 - d4)) | (d5 | (9 - d5)) |
    (d6 | (9 - d6)) | (d7 | (9 - d7)) | (d8 | (9 - d8)) | (d9 | (9 - d9)) | (d10 | (9 - d10)) | (d11 | (9 - d11)) |
    (d12 | (9 - d12)) | (d13 | (9 - d13)) | (d14 | (9 - d14)) | (d15 | (9 - d15)) | (d16 | (9 - d16));
  if (bad < 0) return null;
  // GB 11643-1999 §8.2 weights.
  const sum = d0 * 7 + d1 * 9 + d2 * 10 + d3 * 5 + d4 * 8 + d5 * 4 + d6 * 2 + d7 + d8 * 6 + d9 * 3 +
    d10 * 7 + d11 * 9 + d12 * 10 + d13 * 5 + d14 * 8 + d15 * 4 + d16 * 2;
  const k = sum % 11;
  if (codeAt(v, 17) !== CHECK_CODES[k]) return null;
  if (!isProvinceCode(d0 * 10 + d1, opts)) return null;
  const y = d6 * 1000 + d7 * 100 + d8 * 10 + d9;
  const m = d10 * 10 + d11;
  const d = d12 * 10 + d13;
  // Digits, so whole numbers ≤ 9999: isRealDate's range checks without its integer tests.
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const ymd = y * 10000 + m * 100 + d;
  const t = ymdOfToday(today);
  let birthDate: string;
  if (t >= 0) {
    // ISO-shaped today: integer order is text order, and the text is built only for a valid ID.
    if (ymd > t) return null;
    birthDate = isoText(y, m, d);
  } else {
    birthDate = isoText(y, m, d);
    if (birthDate > today) return null;
  }
  lastYmd = ymd;
  // The ID's key numbers, as id-keys.ts digitKey gives them.
  lastHi = (((((((d0 * 10 + d1) * 10 + d2) * 10 + d3) * 10 + d4) * 10 + d5) * 10 + d6) * 10 + d7) * 11 + CHECK_VALUES[k]!;
  lastLo = (((((((d8 * 10 + d9) * 10 + d10) * 10 + d11) * 10 + d12) * 10 + d13) * 10 + d14) * 10 + d15) * 10 + d16;
  return birthDate;
}
