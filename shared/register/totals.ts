/**
 * Totals: a row's 累计实交 and quarter subtotals against its month cells, and each 合计/小计 row
 * against the member rows it closes (SUBTOTAL_WRONG, with the right sum as the fix).
 */
import { compactText } from '../cell-text';
import { formatYuan } from '../money';
import { cellAt, type RecognisedTable } from '../recognise/table';
import { fenOf } from './amount';
import { TotalsSums } from './totals-sums';
import { dueAt, isBlank, yuanFix, type DuesRow, type SheetFindings } from './row';

function checkSum(row: DuesRow, c: number, expected: number, out: SheetFindings): void {
  const v = cellAt(row.table.grid, row.r, c);
  if (v === null || v === '') return;
  const fen = fenOf(v);
  if (fen === fen && fen !== expected) {
    out.add('SUBTOTAL_WRONG', row.r, c, { actual: formatYuan(fen), expected: formatYuan(expected) }, yuanFix(v, expected), undefined, formatYuan(expected));
  }
}

/** Row totals (累计实交) and quarter subtotals against the month cells of the row. */
export function checkRowTotals(row: DuesRow, out: SheetFindings): void {
  if (row.anyInvalid) return;
  const { table } = row;
  // A spread amount is its own total: nothing to add up.
  if (table.columns.paidTotal !== undefined && !row.months.spread) {
    let sum = 0;
    for (let i = 0; i < row.paid.length; i++) sum += row.paid[i]!;
    checkSum(row, table.columns.paidTotal, sum, out);
  }
  for (const qt of table.quarterTotals) {
    let sum = 0;
    for (let i = 0; i < row.paid.length; i++) if (Math.floor((row.months.nums[i]! % 12) / 3) + 1 === qt.quarter) sum += row.paid[i]!;
    checkSum(row, qt.col, sum, out);
  }
}

/**
 * An annual summary's row: 全年应交 against the year's dues (the whole year, or the months up to
 * the report date — both are kept), and, when less was paid than was due by now, the
 * approximate arrears said once (ARREARS_APPROXIMATE): which months went unpaid is a guess.
 */
export function checkAnnualRow(row: DuesRow, joinMonth: number, lastJudged: number, out: SheetFindings): void {
  if (row.anyInvalid) return;
  const n = row.months.labels.length;
  let year = 0;
  let toDate = 0;
  for (let i = 0; i < n; i++) {
    if (row.months.nums[i]! < joinMonth) continue;
    const d = dueAt(row, i);
    if (d !== d) return; // no due known: nothing to compare
    year += d;
    if (row.months.nums[i]! <= lastJudged) toDate += d;
  }
  const c = row.table.columns.dueTotal;
  if (c !== undefined) {
    const v = cellAt(row.table.grid, row.r, c);
    const fen = isBlank(v) ? NaN : fenOf(v);
    if (fen === fen && fen !== year && fen !== toDate) {
      out.add('SUBTOTAL_WRONG', row.r, c, { actual: formatYuan(fen), expected: formatYuan(year) }, yuanFix(v, year), undefined, formatYuan(year));
    }
  }
  const paid = row.spreadFen ?? NaN;
  const pc = row.months.cols[0];
  if (paid === paid && paid < toDate && pc !== undefined) {
    out.add('ARREARS_APPROXIMATE', row.r, pc, { expected: formatYuan(toDate), actual: formatYuan(paid) });
  }
}

/** A 合计/小计 row to judge: the span of member rows it closes and the amounts it states. */
interface PlannedTotal {
  r: number;
  /** Indexes into the sums' bounds: the members from `lo` up to (not including) `hi`. */
  lo: number;
  hi: number;
  /** Indexes into the sums' columns, and the amount this row states in each. */
  judged: number[];
  totals: number[];
}

/** A table's totals rows, planned before its member rows are read, and the sums they take. */
export interface TotalsPlan {
  rows: PlannedTotal[];
  sums: TotalsSums;
}

/**
 * The 合计/小计 rows of a table that state at least one amount, or null: read from the totals rows
 * alone, so that the member rows' sums can be taken in the register pass (TotalsSums).
 */
export function planTotals(table: RecognisedTable): TotalsPlan | null {
  if (!table.totalsRows.length) return null;
  const { grid, columns: col } = table;
  const set = new Set<number>();
  for (const m of table.months) set.add(m.col);
  for (const q of table.quarterTotals) set.add(q.col);
  for (const k of ['paidTotal', 'dueTotal', 'due', 'base', 'paid'] as const) if (col[k] !== undefined) set.add(col[k]);
  const cols = [...set];
  const members = table.memberRows;
  // Each totals row's span as member indexes; the spans' ends become the sums' bounds below.
  const spans: { r: number; from: number; to: number; judged: number[]; totals: number[] }[] = [];
  let prevTotal = -1;
  for (const tr of table.totalsRows) {
    const label = compactText(String(grid.values[tr]?.find((v) => typeof v === 'string' && /合计|小计|总计|累计/.test(v)) ?? ''));
    // A 小计 closes the rows since the previous totals row; 合计/总计 all member rows above it.
    const from = label.includes('小计') ? prevTotal : -1;
    let lo = 0;
    while (lo < members.length && members[lo]! <= from) lo++;
    let hi = lo;
    while (hi < members.length && members[hi]! < tr) hi++;
    prevTotal = tr;
    // Only the columns this totals row fills are judged.
    const judged: number[] = [];
    const totals: number[] = [];
    for (let j = 0; j < cols.length; j++) {
      const v = cellAt(grid, tr, cols[j]!);
      if (isBlank(v)) continue;
      const total = fenOf(v);
      if (total !== total) continue;
      judged.push(j);
      totals.push(total);
    }
    if (judged.length) spans.push({ r: tr, from: lo, to: hi, judged, totals });
  }
  if (!spans.length) return null;
  // Only the columns some totals row fills are summed: cols index → index among the summed.
  const summedAt = new Map<number, number>();
  for (const s of spans) for (const j of s.judged) if (!summedAt.has(j)) summedAt.set(j, summedAt.size);
  const summed = Int32Array.from(summedAt.keys(), (j) => cols[j]!);
  const ends = [...new Set(spans.flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b);
  const bound = new Map(ends.map((e, i) => [e, i]));
  const sums = new TotalsSums(grid.values, members, summed, Int32Array.from(ends));
  const rows = spans.map((s) => ({ r: s.r, lo: bound.get(s.from)!, hi: bound.get(s.to)!, judged: s.judged.map((j) => summedAt.get(j)!), totals: s.totals }));
  return { rows, sums };
}

/** Each planned 合计/小计 row: every amount it states must be the sum of the member rows it closes. */
export function checkTotalsRows(plan: TotalsPlan, table: RecognisedTable, out: SheetFindings): void {
  const { sums } = plan;
  for (const t of plan.rows) {
    for (let i = 0; i < t.judged.length; i++) {
      const j = t.judged[i]!;
      const sum = sums.between(t.lo, t.hi, j);
      const total = t.totals[i]!;
      const c = sums.cols[j]!;
      if (sum === sum && sum !== total) out.add('SUBTOTAL_WRONG', t.r, c, { actual: formatYuan(total), expected: formatYuan(sum) }, yuanFix(cellAt(table.grid, t.r, c), sum), undefined, formatYuan(sum));
    }
  }
}
