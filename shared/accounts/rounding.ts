/**
 * Shares of an amount of 分, exactly. No regulation fixes how a share is rounded: 2008规定
 * 第十五条 asks for "全年党员实交党费总数的5%" and leaves the 分 to practice. We state one rule and
 * use it everywhere: a share is fen × rate ÷ 10000 rounded half-up to the 分 (a remainder of
 * exactly half a 分 goes up), the rounding practice uses for dues (dues-standard.md §1).
 * Worked out in BigInt, so no product is ever a binary fraction.
 */

/** A rate in basis points (万分之一): 500 = 5 %, 10000 = 100 %. */
export type RateBp = number;

export const BP_PER_WHOLE = 10000;

/** round_half_up(fen × bp / 10000), exact. fen and bp are non-negative integers. */
export function shareOfFen(fen: number, bp: RateBp): number {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`an amount of 分 must be a non-negative whole number, not ${fen}`);
  if (!Number.isInteger(bp) || bp < 0 || bp > BP_PER_WHOLE) throw new RangeError(`a rate is 0–10000 basis points, not ${bp}`);
  const p = BigInt(fen) * BigInt(bp);
  const whole = BigInt(BP_PER_WHOLE);
  const q = p / whole;
  const r = p % whole;
  return Number(r * 2n >= whole ? q + 1n : q);
}

/** "5%" / "12.5%" from basis points, for labels. */
export function percentText(bp: RateBp): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** "12.5" or "12.5%" → 1250 basis points, exactly; null unless 0–100 with at most two decimals. */
export function parseRateBp(text: string): RateBp | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= BP_PER_WHOLE ? bp : null;
}
