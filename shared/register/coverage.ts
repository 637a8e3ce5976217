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
  /** Indexes (into the lines) of months with nothing paid and not covered. */
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

function quarterLast(month: string): string {
  return `${month.slice(0, 5)}${String(QUARTER_LAST[Number(month.slice(5, 7)) - 1]).padStart(2, '0')}`;
}

/** Lines must be in month order, one per month. */
export function coverage(lines: MonthLine[], asOf: string): Coverage {
  const n = lines.length;
  const cumDue = new Array<number>(n);
  const cumPaid = new Array<number>(n);
  let d = 0;
  let p = 0;
  for (let i = 0; i < n; i++) {
    d += lines[i]!.dueFen ?? 0;
    p += lines[i]!.paidFen;
    cumDue[i] = d;
    cumPaid[i] = p;
  }
  const last = lastJudgedMonth(asOf);
  let lastIdx = -1;
  for (let i = 0; i < n; i++) if (lines[i]!.month <= last) lastIdx = i;

  const out: Coverage = { unpaid: [], underpaid: [], excess: [], streak: 0, longestRun: [] };
  // Paid up in full as of the report date (back payments included): no arrears at all.
  const paidUp = lastIdx < 0 || cumPaid[lastIdx]! >= cumDue[lastIdx]!;
  let run: number[] = [];
  if (!paidUp) {
    let qEndIdx = -1;
    for (let i = 0; i <= lastIdx; i++) {
      const line = lines[i]!;
      if (qEndIdx < i) {
        const ql = quarterLast(line.month);
        qEndIdx = i;
        while (qEndIdx + 1 <= lastIdx && lines[qEndIdx + 1]!.month <= ql) qEndIdx += 1;
      }
      const due = line.dueFen;
      let unpaidHere = false;
      if (due !== null && due > 0 && cumPaid[qEndIdx]! < cumDue[qEndIdx]!) {
        const before = i > 0 ? cumPaid[i - 1]! - cumDue[i - 1]! : 0;
        const advance = Math.max(before, 0);
        if (line.paidFen === 0) {
          if (advance < due) {
            out.unpaid.push(i);
            unpaidHere = true;
          }
        } else if (line.paidFen + advance < due) out.underpaid.push(i);
      }
      if (unpaidHere) run.push(i);
      else if (due !== null && due > 0) {
        if (run.length > out.longestRun.length) out.longestRun = run;
        run = [];
      }
    }
    if (run.length > out.longestRun.length) out.longestRun = run;
    out.streak = run.length;
  }

  // Excess: a month paid above its due, after making good earlier shortfalls and covering the
  // unpaid months that follow it (an advance), is voluntary (自愿多交) or large (大额党费).
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (line.dueFen === null || line.paidFen <= line.dueFen) continue;
    const before = i > 0 ? cumPaid[i - 1]! - cumDue[i - 1]! : 0;
    let s = line.paidFen - line.dueFen + Math.min(before, 0);
    for (let j = i + 1; j < n && s > 0; j++) {
      const next = lines[j]!;
      if (next.paidFen !== 0) break;
      s -= next.dueFen ?? 0;
    }
    if (s > 0) out.excess.push({ index: i, fen: s });
  }
  return out;
}
