/**
 * 公民身份号码 (GB 11643-1999; dues-standard §6): validation, normalisation, the old 15-digit
 * form's upgrade, and the masked form that may leave the workbook (个人信息保护法).
 */
import type { CellValue } from './grid';
import { compactText } from './cell-text';
import { isRealDate, toIso } from './dates';

/**
 * ok: a valid 18-character number. numeric: the cell holds a number (Excel has already lost
 * digits). format: not 17 digits + digit/X nor 15 digits. checksum: wrong check character.
 * birthdate: not a real date, in the future or before 1900. region: not a province code.
 * legacy: a valid old 15-digit number. empty: nothing in the cell.
 */
export type IdKind = 'ok' | 'numeric' | 'format' | 'checksum' | 'birthdate' | 'region' | 'legacy' | 'empty';

export interface IdAnalysis {
  kind: IdKind;
  /** The text as read (numbers as Excel would show their digits). */
  input: string;
  /** The 18-character upper-case form when derivable (ok, legacy), else null. */
  normalised: string | null;
  /** Lower-case x, full-width characters or spaces were removed/replaced to read it. */
  changedByNormalising: boolean;
  /** For 17 digits + 1: the check character the first 17 demand (even when kind is another error). */
  expectedCheck: string | null;
  /** ISO birth date from positions 7–14 when it is a real date. */
  birthDate: string | null;
  /** From the parity of the sequence's last digit (odd 男, even 女), when the form allows. */
  gender: '男' | '女' | null;
}

export interface IdOptions {
  /** Accept province code 83 (residence permits for Taiwan residents); a 党委 setting. */
  taiwanRegion83?: boolean;
}

// GB 11643-1999 §8.2: weights 2^(18-i) mod 11 and the map of sum mod 11 to the check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province codes (GB/T 2260 first two digits); 83 only behind a setting. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export function isProvinceCode(code: number, opts: IdOptions = {}): boolean {
  return PROVINCES.has(code) || (code === 83 && !!opts.taiwanRegion83);
}

/** The check character demanded by the first 17 digits. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('checkCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Old 15-digit number → 18 characters: "19" before the year, then the check character (§6). */
export function upgrade15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError('upgrade15 needs exactly 15 digits');
  const first17 = id15.slice(0, 6) + '19' + id15.slice(6);
  return first17 + checkCharacter(first17);
}

/** Lower-case x to X, full-width to ASCII, every space removed. */
export function normaliseIdText(text: string): string {
  return compactText(text).toUpperCase();
}

/** Keep the area code and the last four, hide the birth date and sequence: 110105********002X. */
export function maskId(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

function birthIso(yyyymmdd: string, today: string): { iso: string | null; ok: boolean } {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (!isRealDate(y, m, d)) return { iso: null, ok: false };
  const iso = toIso(y, m, d);
  return { iso, ok: y >= 1900 && iso <= today };
}

const ID18 = /^\d{17}[\dX]$/;
const ID15 = /^\d{15}$/;

const genderOf = (digit: string): '男' | '女' => (Number(digit) % 2 === 1 ? '男' : '女');

/**
 * Analyse an ID cell as of `today` (ISO). Problems are reported in this order: numeric,
 * format, region, birthdate, checksum — so a bad date is named even when the check
 * character happens to fit.
 */
export function analyseId(v: CellValue | undefined, today: string, opts: IdOptions = {}): IdAnalysis {
  const r: IdAnalysis = {
    kind: 'format', input: '', normalised: null, changedByNormalising: false, expectedCheck: null, birthDate: null, gender: null,
  };
  if (v === null || v === undefined) {
    r.kind = 'empty';
    return r;
  }
  if (typeof v === 'number') {
    // Excel keeps 15 significant digits: an 18-digit ID typed as a number cannot be repaired.
    r.kind = 'numeric';
    r.input = Number.isSafeInteger(v) || (Number.isInteger(v) && Math.abs(v) < 1e21) ? BigInt(v).toString() : String(v);
    return r;
  }
  const input = String(v);
  const text = normaliseIdText(input);
  r.input = input;
  r.changedByNormalising = text !== input;
  if (text === '') {
    r.kind = 'empty';
    return r;
  }
  if (text.length === 18 && ID18.test(text)) {
    const expectedCheck = checkCharacter(text.slice(0, 17));
    const birth = birthIso(text.slice(6, 14), today);
    r.expectedCheck = expectedCheck;
    r.birthDate = birth.iso;
    r.gender = genderOf(text[16]!);
    if (!isProvinceCode(Number(text.slice(0, 2)), opts)) r.kind = 'region';
    else if (!birth.ok) r.kind = 'birthdate';
    else if (text[17] !== expectedCheck) r.kind = 'checksum';
    else {
      r.kind = 'ok';
      r.normalised = text;
    }
    return r;
  }
  if (text.length === 15 && ID15.test(text)) {
    const birth = birthIso('19' + text.slice(6, 12), today);
    r.birthDate = birth.iso;
    r.gender = genderOf(text[14]!);
    if (!isProvinceCode(Number(text.slice(0, 2)), opts)) r.kind = 'region';
    else if (!birth.ok) r.kind = 'birthdate';
    else {
      r.kind = 'legacy';
      r.normalised = upgrade15(text);
    }
    return r;
  }
  return r;
}

/** A valid 18-character ID after normalising (no 15-digit, no numbers). */
export function isValidId(v: CellValue | undefined, today: string, opts: IdOptions = {}): boolean {
  return analyseId(v, today, opts).kind === 'ok';
}
