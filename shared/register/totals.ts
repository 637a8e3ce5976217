/**
 * Totals: a row's 累计实交 and quarter subtotals against its month cells, and each 合计/小计 row
 * against the member rows it closes (SUBTOTAL_WRONG, with the right sum as the fix).
 */
import type { CellValue } from '../grid';
import { compactText } from '../cell-text';
import { formatYuan } from '../money';
import { cellAt, type RecognisedTable } from '../recognise/table';
import { readAmount } from './amount';
import { dueAt, EMPTY_ROW, isBlank, yuanFix, type DuesRow, type SheetFindings } from './row';

function checkSum(row: DuesRow, c: number, expected: number, out: SheetFindings): void {
  const v = cellAt(row.table.grid, row.r, c);
  if (v === null || v === '') return;
  const fen = fenOf(v);
  if (fen === fen && fen !== expected) {
    out.add('SUBTOTAL_WRONG', row.r, c, { actual: formatYuan(fen), expected: formatYuan(expected) }, yuanFix(v, expected), undefined, formatYuan(expected));
  }
}

/** An amount in 分, NaN when the cell is blank or not an amount (fast path for plain numbers). */
function fenOf(v: CellValue): number {
  if (typeof v === 'number' && v >= 0 && v < 1e13) {
    const f = Math.round(v * 100);
    if (f / 100 === v) return f;
  }
  const m = readAmount(v);
  return m.ok ? m.fen : NaN;
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

/** A 合计/小计 row: each amount column must be the sum of the member rows it closes. */
export function checkTotalsRows(table: RecognisedTable, out: SheetFindings): void {
  if (!table.totalsRows.length) return;
  const { grid, columns: col } = table;
  const cols = new Set<number>();
  for (const m of table.months) cols.add(m.col);
  for (const q of table.quarterTotals) cols.add(q.col);
  for (const k of ['paidTotal', 'dueTotal', 'due', 'base', 'paid'] as const) if (col[k] !== undefined) cols.add(col[k]);
  const members = table.memberRows;
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
    // Only the columns this totals row fills are summed, row by row (one pass over the members).
    const judged: number[] = [];
    const totals: number[] = [];
    for (const c of cols) {
      const v = cellAt(grid, tr, c);
      if (isBlank(v)) continue;
      const total = fenOf(v);
      if (total !== total) continue;
      judged.push(c);
      totals.push(total);
    }
    if (!judged.length) continue;
    const sums = new Float64Array(judged.length);
    for (let k = lo; k < hi; k++) {
      const row = grid.values[members[k]!] ?? EMPTY_ROW;
      for (let j = 0; j < judged.length; j++) {
        const cv = row[judged[j]!] ?? null;
        if (cv === null || cv === '') continue;
        sums[j]! += fenOf(cv); // NaN when a cell is broken (already AMOUNT_INVALID): no total judged
      }
    }
    for (let j = 0; j < judged.length; j++) {
      const sum = sums[j]!;
      const total = totals[j]!;
      const c = judged[j]!;
      if (sum === sum && sum !== total) out.add('SUBTOTAL_WRONG', tr, c, { actual: formatYuan(total), expected: formatYuan(sum) }, yuanFix(cellAt(grid, tr, c), sum), undefined, formatYuan(sum));
    }
  }
}
