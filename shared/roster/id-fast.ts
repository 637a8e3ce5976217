/**
 * The common case of a roster ID, checked without building intermediate strings: 18 plain
 * characters that pass every rule of GB 11643-1999. Anything else (null here) goes to
 * analyseId in shared/idcard.ts, which names the problem.
 */
import { isRealDate } from '../dates';
import { isProvinceCode, type IdOptions } from '../idcard';
import { isoText } from './date-cell';

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

/** quickValidId's birth date alone (null when it would return null): no object per row. */
export function quickValidBirth(v: unknown, today: string, opts: IdOptions): string | null {
  if (typeof v !== 'string' || v.length !== 18) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    sum += d * WEIGHTS[i]!;
  }
  if (v[17] !== CHECK[sum % 11]) return null;
  if (!isProvinceCode(digitAt(v, 0) * 10 + digitAt(v, 1), opts)) return null;
  const y = digitAt(v, 6) * 1000 + digitAt(v, 7) * 100 + digitAt(v, 8) * 10 + digitAt(v, 9);
  const m = digitAt(v, 10) * 10 + digitAt(v, 11);
  const d = digitAt(v, 12) * 10 + digitAt(v, 13);
  if (y < 1900 || !isRealDate(y, m, d)) return null;
  const birthDate = isoText(y, m, d);
  if (birthDate > today) return null;
  return birthDate;
}
