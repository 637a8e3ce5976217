/** Money cells of the register, read fast: most are plain numbers with at most two decimals. */
import type { CellValue } from '../grid';
import { parseMoney, type MoneyParse } from '../money';

/**
 * parseMoney with a fast path for numbers. For a double v, f = round(v × 100) names v exactly
 * when f / 100 (correctly rounded) is v itself, i.e. v is the double nearest a 2-decimal amount;
 * anything else goes the exact decimal way.
 */
export function readAmount(v: CellValue): MoneyParse {
  if (typeof v === 'number' && v >= 0 && v < 1e13) {
    const f = Math.round(v * 100);
    if (f / 100 === v) return { ok: true, fen: f };
  }
  return parseMoney(v);
}

/** An amount in 分, NaN when the cell is blank or not an amount (fast path for plain numbers). */
export function fenOf(v: CellValue): number {
  if (typeof v === 'number' && v >= 0 && v < 1e13) {
    const f = Math.round(v * 100);
    if (f / 100 === v) return f;
  }
  const m = readAmount(v);
  return m.ok ? m.fen : NaN;
}
