/**
 * Arrears by cumulative coverage as of a report date (dues-standard §4; 2008规定 第十二条):
 * a quarter paid in its last month, or months paid in advance, are not arrears. Only months of
 * quarters that have ended on the report date are judged, since a quarter may still be paid in
 * its last month.
 */

export interface MonthLine {
  /** 'YYYY-MM' */
  month: string;
  /** Due for the month; null when it cannot be known (then the month is not judged). */
  dueFen: number | null;
  paidFen: number;
}

export interface Coverage {
  /** Indexes (into the months) of months with nothing paid and not covered. */
  unpaid: number[];
  /** Indexes of months paid, but less than due, and not covered. */
  underpaid: number[];
  /** Voluntary excess beyond the due that no earlier shortfall or later unpaid month absorbs. */
  excess: { index: number; fen: number }[];
  /** Consecutive unpaid months ending at the last judged month. */
  streak: number;
  /** The longest run of consecutive unpaid months (indexes). */
  longestRun: number[];
}

const QUARTER_LAST = [3, 3, 3, 6, 6, 6, 9, 9, 9, 12, 12, 12];

/** Last month of the last quarter that has ended on asOf: 2026-09-30 → 2026-09; 2026-09-29 → 2026-06. */
export function lastJudgedMonth(asOf: string): string {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  const endOfQuarter = QUARTER_LAST[m - 1]!;
  const lastDay = [31, 30, 30, 31][endOfQuarter / 3 - 1]!;
  if (endOfQuarter === m && Number(asOf.slice(8, 10)) >= lastDay) return asOf.slice(0, 7);
  const prev = endOfQuarter - 3;
  return prev === 0 ? `${y - 1}-12` : `${y}-${String(prev).padStart(2, '0')}`;
}

/** 'YYYY-MM' → a month number that orders and steps (year × 12 + month − 1). */
export function monthNumber(ym: string): number {
  return (ym.charCodeAt(0) - 48) * 12000 + (ym.charCodeAt(1) - 48) * 1200 + (ym.charCodeAt(2) - 48) * 120 +
    (ym.charCodeAt(3) - 48) * 12 + (ym.charCodeAt(5) - 48) * 10 + (ym.charCodeAt(6) - 48) - 1;
}

let cumDue = new Float64Array(64);
let cumPaid = new Float64Array(64);

const NO_RUN: number[] = [];
const EMPTY: Coverage = Object.freeze({ unpaid: NO_RUN, underpaid: NO_RUN, excess: [], streak: 0, longestRun: NO_RUN }) as Coverage;
/** What coverageOf returns when there is nothing to say (shared, frozen). */
export const SETTLED: Coverage = EMPTY;

/**
 * The core on parallel arrays: month numbers (monthNumber, ascending, one per month), dues
 * (NaN: unknown) and payments in 分. `lastJudged` is monthNumber(lastJudgedMonth(asOf)).
 * Returns a shared empty result when there is nothing to say (the common case).
 */
export function coverageOf(months: ArrayLike<number>, due: ArrayLike<number>, paid: ArrayLike<number>, n: number, lastJudged: number): Coverage {
  if (cumDue.length < n) {
    cumDue = new Float64Array(n * 2);
    cumPaid = new Float64Array(n * 2);
  }
  let d = 0;
  let p = 0;
  let lastIdx = -1;
  let anyExcess = false;
  for (let i = 0; i < n; i++) {
    const di = due[i]!;
    const pi = paid[i]!;
    if (di === di) {
      d += di;
      if (pi > di) anyExcess = true;
    }
    p += pi;
    cumDue[i] = d;
    cumPaid[i] = p;
    if (months[i]! <= lastJudged) lastIdx = i;
  }
  const paidUp = lastIdx < 0 || cumPaid[lastIdx]! >= cumDue[lastIdx]!;
  if (paidUp && !anyExcess) return EMPTY;

  const out: Coverage = { unpaid: [], underpaid: [], excess: [], streak: 0, longestRun: [] };
  if (!paidUp) {
    let run: number[] = [];
    let qEndIdx = -1;
    for (let i = 0; i <= lastIdx; i++) {
      if (qEndIdx < i) {
        // The last month of this month's quarter present in the lines (within the judged range).
        const m = months[i]!;
        const ql = m - (m % 3) + 2;
        qEndIdx = i;
        while (qEndIdx + 1 <= lastIdx && months[qEndIdx + 1]! <= ql) qEndIdx += 1;
      }
      const di = due[i]!;
      const known = di === di && di > 0;
      let unpaidHere = false;
      if (known && cumPaid[qEndIdx]! < cumDue[qEndIdx]!) {
        const before = i > 0 ? cumPaid[i - 1]! - cumDue[i - 1]! : 0;
        const advance = before > 0 ? before : 0;
        const pi = paid[i]!;
        if (pi === 0) {
          if (advance < di) {
            out.unpaid.push(i);
            unpaidHere = true;
          }
        } else if (pi + advance < di) out.underpaid.push(i);
      }
      if (unpaidHere) run.push(i);
      else if (known) {
        if (run.length > out.longestRun.length) out.longestRun = run;
        run = [];
      }
    }
    if (run.length > out.longestRun.length) out.longestRun = run;
    out.streak = run.length;
  }

  // Excess: a month paid above its due, after making good earlier shortfalls and covering the
  // unpaid months that follow it (an advance), is voluntary (自愿多交) or large (大额党费).
  if (anyExcess) {
    for (let i = 0; i < n; i++) {
      const di = due[i]!;
      if (di !== di || paid[i]! <= di) continue;
      const before = i > 0 ? cumPaid[i - 1]! - cumDue[i - 1]! : 0;
      let s = paid[i]! - di + (before < 0 ? before : 0);
      for (let j = i + 1; j < n && s > 0; j++) {
        if (paid[j] !== 0) break;
        const dj = due[j]!;
        s -= dj === dj ? dj : 0;
      }
      if (s > 0) out.excess.push({ index: i, fen: s });
    }
  }
  return out;
}

/** Lines must be in month order, one per month. */
export function coverage(lines: MonthLine[], asOf: string): Coverage {
  const n = lines.length;
  const months = new Float64Array(n);
  const due = new Float64Array(n);
  const paid = new Float64Array(n);
  lines.forEach((l, i) => {
    months[i] = monthNumber(l.month);
    due[i] = l.dueFen === null ? NaN : l.dueFen;
    paid[i] = l.paidFen;
  });
  const c = coverageOf(months, due, paid, n, monthNumber(lastJudgedMonth(asOf)));
  return c === EMPTY ? { unpaid: [], underpaid: [], excess: [], streak: 0, longestRun: [] } : c;
}
