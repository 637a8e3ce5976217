/**
 * Money as integer 分 (dues-standard §1). Cells are parsed exactly from their decimal text,
 * never through binary floating point, and rates are applied as exact rationals.
 */
import type { CellValue } from './grid';
import { compactText } from './cell-text';

/** To 0.01 yuan (default), 0.1 yuan or 1 yuan; always half-up (a 党委 setting, §1). */
export type RoundingMode = 'fen' | 'jiao' | 'yuan';

export type MoneyParseFailure = 'empty' | 'text' | 'negative' | 'precision';
export type MoneyParse = { ok: true; fen: number } | { ok: false; reason: MoneyParseFailure };

const UNIT_FEN: Record<RoundingMode, bigint> = { fen: 1n, jiao: 10n, yuan: 100n };
const UNIT_NUMBER: Record<RoundingMode, number> = { fen: 1, jiao: 10, yuan: 100 };

/** Exact decimal text, optionally with an exponent (as JS prints some numbers). */
const DECIMAL = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

function decimalToFen(text: string): MoneyParse {
  const m = DECIMAL.exec(text);
  if (!m) return { ok: false, reason: 'text' };
  const intDigits = m[1] ?? '';
  const fracDigits = m[2] ?? '';
  if (intDigits === '' && fracDigits === '') return { ok: false, reason: 'text' };
  const exp = m[3] ? Number(m[3]) : 0;
  if (Math.abs(exp) > 400) return { ok: false, reason: 'precision' };
  // Shift the decimal point by the exponent on the digit string itself.
  const digits = intDigits + fracDigits;
  const point = intDigits.length + exp;
  let whole: string;
  let frac: string;
  if (point <= 0) {
    whole = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  }
  // Trailing zeros carry no precision: "3000.010" is exactly 3000.01.
  frac = frac.replace(/0+$/, '');
  if (frac.length > 2) return { ok: false, reason: 'precision' };
  const fen = BigInt(whole || '0') * 100n + BigInt(frac.padEnd(2, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'precision' };
  return { ok: true, fen: Number(fen) };
}

const NOTHING = /^[-—–/／\\]+$/;

/** Thousands separators only where they group by three: "3,000.01" yes, "30,00" no. */
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

function numberToFen(v: number): MoneyParse {
  if (!Number.isFinite(v)) return { ok: false, reason: 'text' };
  if (v < 0) return { ok: false, reason: 'negative' };
  // The shortest decimal that round-trips: 3000.01 → "3000.01" → 300001 exactly.
  const exact = decimalToFen(String(v));
  if (exact.ok || exact.reason !== 'precision') return exact;
  // Excel keeps 15 significant digits, so formula noise such as 0.30000000000000004 is the
  // value the clerk sees (0.3); anything still longer than 2 decimals is a real input error.
  return decimalToFen(String(Number(v.toPrecision(15))));
}

/**
 * Read a money cell: numbers, "3,000.01", full-width "３０００.０１", "¥3000", "3000元",
 * stray spaces. More than two decimals is 'precision', never silently rounded (§1).
 */
export function parseMoney(v: CellValue | undefined): MoneyParse {
  if (v === null || v === undefined) return { ok: false, reason: 'empty' };
  if (typeof v === 'number') return numberToFen(v);
  if (typeof v === 'boolean') return { ok: false, reason: 'text' };
  let s = compactText(v);
  // A lone dash or slash is how clerks mark "nothing" in a paid-column cell.
  if (s === '' || NOTHING.test(s)) return { ok: false, reason: 'empty' };
  s = s.replace(/^[¥￥]|^RMB|^CNY|^人民币/i, '').replace(/元$/, '');
  let negative = false;
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (s.includes(',')) {
    if (!GROUPED.test(s)) return { ok: false, reason: 'text' };
    s = s.replace(/,/g, '');
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: false, reason: 'text' };
  const r = decimalToFen(s);
  if (negative && r.ok && r.fen !== 0) return { ok: false, reason: 'negative' };
  return r;
}

/**
 * base × num / den rounded half-up to the mode's unit, in exact integer arithmetic
 * (§1: 1003.00 × 0.5% = 5.02, not the float answer 5.01).
 */
export function applyRate(baseFen: number, num: number, den: number, mode: RoundingMode = 'fen'): number {
  if (!Number.isSafeInteger(baseFen) || baseFen < 0) throw new RangeError(`baseFen must be a non-negative integer, got ${baseFen}`);
  if (!Number.isSafeInteger(num) || num < 0 || !Number.isSafeInteger(den) || den <= 0) {
    throw new RangeError(`rate must be a non-negative integer ratio, got ${num}/${den}`);
  }
  const unitN = UNIT_NUMBER[mode];
  const a = 2 * baseFen * num + den * unitN;
  const b = 2 * den * unitN;
  if (a <= Number.MAX_SAFE_INTEGER && b <= Number.MAX_SAFE_INTEGER) {
    // Every operand and product is an exact integer below 2^53; correct the float quotient.
    let q = Math.floor(a / b);
    if (q * b > a) q -= 1;
    else if ((q + 1) * b <= a) q += 1;
    return q * unitN;
  }
  const unit = UNIT_FEN[mode];
  const n = BigInt(baseFen) * BigInt(num);
  const d = BigInt(den) * unit;
  // floor(n/d + 1/2) = floor((2n + d) / 2d): half-up for non-negative values.
  const due = ((2n * n + d) / (2n * d)) * unit;
  if (due > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount beyond exact integer range');
  return Number(due);
}

/** Round an amount already in 分 to the mode's unit, half-up. */
export function roundFen(fen: number, mode: RoundingMode): number {
  return applyRate(fen, 1, 1, mode);
}

/** "3,000.01"; negative amounts (differences) get a leading "-". */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be an integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const w = Math.floor(abs / 100);
  // Under 1,000 yuan (nearly every month's dues) there is no separator to place: no regex.
  const whole = w < 1000 ? String(w) : w.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${sign}${whole}.${cents}`;
}

/** The yuan number a cell should hold for an amount (fen / 100 is the nearest double to it). */
export function fenToYuan(fen: number): number {
  return fen / 100;
}
