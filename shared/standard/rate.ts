/**
 * Rates as exact rationals (dues-standard §1: 0.5% = 5/1000) and the rate column as clerks
 * fill it: 0.015, "1.5%", 1.5 (a percent typed without the sign) or 定额 (flat amount).
 */
import type { CellValue } from '../grid';
import { compactText } from '../cell-text';

export interface Rate {
  num: number;
  den: number;
}

export type RateParse =
  | { ok: true; kind: 'rate'; rate: Rate }
  | { ok: true; kind: 'flat' }
  | { ok: false; reason: 'empty' | 'text' };

/** Rates above this as a plain number are percents typed without the sign (no dues rate tops 3%). */
const PERCENT_NUMBER_ABOVE = 0.05;

const FLAT_WORDS = /^(定额|固定|定额交纳|定额缴纳|按定额|定额标准)$/;

/**
 * Whether parseRateCell's answer for `v` depends on the cell's number format: only for a number
 * above PERCENT_NUMBER_ABOVE (1.5 is 1.5 % unless formatted as a percent). The register reads a
 * row's format only then (issue 14: the formats row is one more cold load per member).
 */
export function rateNeedsFormat(v: CellValue | undefined): boolean {
  return typeof v === 'number' && v > PERCENT_NUMBER_ABOVE;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Lowest terms: 15/1000 → 3/200. */
export function reduceRate(r: Rate): Rate {
  const g = gcd(r.num, r.den) || 1;
  return { num: r.num / g, den: r.den / g };
}

export function sameRate(a: Rate, b: Rate): boolean {
  // Exact in doubles while both cross products stay safe integers (every real rate); else BigInt.
  const x = a.num * b.den;
  const y = b.num * a.den;
  if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && Number.isInteger(a.num) && Number.isInteger(a.den) &&
    Number.isInteger(b.num) && Number.isInteger(b.den)) return x === y;
  return BigInt(a.num) * BigInt(b.den) === BigInt(b.num) * BigInt(a.den);
}

/** Decimal text (no exponent) → exact rational, percent divides by 100. */
function decimalRate(text: string, percent: boolean): Rate | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 12) return null;
  const num = Number((m[1] ?? '') + frac || '0');
  const den = 10 ** frac.length * (percent ? 100 : 1);
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) return null;
  return reduceRate({ num, den });
}

/** A plain number: a fraction (0.015) or, above 5%, a percent typed without its sign (1.5). */
function numberRate(v: number, numberFormat?: string): Rate | null {
  if (!Number.isFinite(v) || v < 0) return null;
  // Shortest round-trip text, trimmed to Excel's 15 significant digits (no float noise).
  const text = String(Number(v.toPrecision(15)));
  if (/e/i.test(text)) return v === 0 ? { num: 0, den: 1 } : null;
  const percentFormatted = !!numberFormat && numberFormat.includes('%');
  return decimalRate(text, !percentFormatted && v > PERCENT_NUMBER_ABOVE);
}

/** Read a 比例/交纳比例 cell. */
export function parseRateCell(v: CellValue | undefined, numberFormat?: string): RateParse {
  if (v === null || v === undefined) return { ok: false, reason: 'empty' };
  if (typeof v === 'boolean') return { ok: false, reason: 'text' };
  if (typeof v === 'number') {
    const r = numberRate(v, numberFormat);
    return r ? { ok: true, kind: 'rate', rate: r } : { ok: false, reason: 'text' };
  }
  const s = compactText(v);
  if (s === '') return { ok: false, reason: 'empty' };
  if (FLAT_WORDS.test(s)) return { ok: true, kind: 'flat' };
  const pct = /^(.*)%$/.exec(s);
  if (pct) {
    const r = decimalRate(pct[1] ?? '', true);
    return r ? { ok: true, kind: 'rate', rate: r } : { ok: false, reason: 'text' };
  }
  // 千分之五 / 百分之一 / 百分之一点五 / 千分之5: as the 2008规定 itself writes rates.
  const words = /^(千分之|百分之)(.+)$/.exec(s);
  if (words) {
    const digits = chineseDecimal(words[2]!);
    const r = digits === null ? null : decimalRate(digits, false);
    if (!r) return { ok: false, reason: 'text' };
    return { ok: true, kind: 'rate', rate: reduceRate({ num: r.num, den: r.den * (words[1] === '千分之' ? 1000 : 100) }) };
  }
  const permille = /^(.*)‰$/.exec(s);
  if (permille) {
    const r = decimalRate(permille[1] ?? '', false);
    return r ? { ok: true, kind: 'rate', rate: reduceRate({ num: r.num, den: r.den * 1000 }) } : { ok: false, reason: 'text' };
  }
  if (/^\d*\.?\d*$/.test(s)) {
    const r = numberRate(Number(s));
    return r ? { ok: true, kind: 'rate', rate: r } : { ok: false, reason: 'text' };
  }
  return { ok: false, reason: 'text' };
}

const CN_DIGIT: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** 五 → "5", 一点五 → "1.5", 十五 → "15", 1.5 → "1.5"; null when not a number. */
function chineseDecimal(text: string): string | null {
  if (/^\d+(\.\d+)?$/.test(text)) return text;
  const [whole = '', frac] = text.split('点');
  let w: string;
  if (whole === '') w = '0';
  else if (whole.includes('十')) {
    const [tens = '', ones = ''] = whole.split('十');
    const t = tens === '' ? 1 : Number(CN_DIGIT[tens] ?? NaN);
    const o = ones === '' ? 0 : Number(CN_DIGIT[ones] ?? NaN);
    if (!Number.isFinite(t) || !Number.isFinite(o) || tens.length > 1 || ones.length > 1) return null;
    w = String(t * 10 + o);
  } else {
    w = [...whole].map((c) => CN_DIGIT[c] ?? 'x').join('');
    if (w.includes('x')) return null;
  }
  if (frac === undefined) return w;
  const f = [...frac].map((c) => CN_DIGIT[c] ?? 'x').join('');
  return f && !f.includes('x') ? `${w}.${f}` : null;
}

/** "1.5%", "0.5%", "2%" for people. */
export function formatRate(r: Rate): string {
  // Percent with up to 4 decimals, exactly when the denominator allows it.
  const scaled = (BigInt(r.num) * 1_000_000n) / BigInt(r.den); // percent × 10^4
  const whole = scaled / 10_000n;
  const frac = (scaled % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}
