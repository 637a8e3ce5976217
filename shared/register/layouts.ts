/**
 * Registers without month columns, turned into the same rows the checks read: each grid row
 * gets the months it covers (TableMonths) — one month for a member-month row or a per-month
 * sheet, a range for a payment record, the whole year for an annual summary — and, where one
 * amount covers several months, that amount spread over them (see spreadPaid).
 */
import type { CellValue } from '../grid';
import { formatAt, type RecognisedTable } from '../recognise/table';
import { monthsBetween, parseMonthCell, parseMonthRange, parseYearCell } from '../recognise/month-cell';
import { monthNumber } from './coverage';
import { EMPTY_ROW, type TableMonths } from './row';

/** Per table: the TableMonths of each distinct month label (or range), built once. */
export class RowMonths {
  private readonly cache = new Map<string, TableMonths>();
  /** Member-month rows repeat a dozen month cells: each distinct cell value is read once. */
  private readonly byCell = new Map<CellValue, TableMonths | null>();
  private readonly byDate = new Map<CellValue, TableMonths | null>();
  constructor(private readonly table: RecognisedTable) {}

  /** One month per row from its 月份 cell (and 年份 when there is one); cached by cell value. */
  private monthRow(row: readonly CellValue[], r: number, col: number): TableMonths | null {
    const t = this.table;
    const mc = t.columns.month!;
    const v = row[mc] ?? null;
    const yc = t.columns.year;
    const format = formatAt(t.grid, r, mc);
    const dated = format !== undefined && typeof v === 'number' && format !== 'General' && format !== '@';
    // The cache holds only what the cell alone decides: no 年份 column, or a month that names its year.
    const cache = dated ? this.byDate : this.byCell;
    if (yc === undefined) {
      const hit = cache.get(v);
      if (hit !== undefined) return hit;
    }
    const m = parseMonthCell(v, format);
    let out: TableMonths | null = null;
    if (m) {
      const y = m.year ?? (yc === undefined ? null : parseYearCell(row[yc] ?? null)) ?? t.year ?? 0;
      out = this.build([`${y}-${m.month < 10 ? '0' : ''}${m.month}`], col, -1, false);
    }
    if (yc === undefined && cache.size < 5000) cache.set(v, out);
    return out;
  }

  private build(labels: string[], col: number, dueCol: number, spread: boolean): TableMonths {
    const key = `${labels[0]}|${labels.length}|${col}|${dueCol}|${spread}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const nums = labels.map(monthNumber);
      hit = {
        labels, nums, cols: labels.map(() => col), dueCols: labels.map(() => dueCol), anyDueCol: dueCol >= 0,
        ascending: true, oneStandard: new Map(), spread,
      };
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** The months grid row r covers, or null when the row names none it can read. */
  of(r: number): TableMonths | null {
    const t = this.table;
    const c = t.columns;
    const row = t.grid.values[r] ?? EMPTY_ROW;
    const year = t.year ?? 0;
    const at = (k: number | undefined): CellValue => (k === undefined ? null : row[k] ?? null);
    switch (t.layout) {
      case 'monthRows':
      case 'memberSheet': {
        const col = c.paid ?? c.paidTotal;
        if (col === undefined) return null;
        // The row's 应交 is the month's own due (statedDue), not a due column per month.
        if (c.month !== undefined) return this.monthRow(row, r, col);
        return t.sheetMonth ? this.build([t.sheetMonth], col, -1, false) : null;
      }
      case 'range': {
        const col = c.paid ?? c.paidTotal;
        if (col === undefined) return null;
        let from: { year: number | null; month: number } | null = null;
        let to: { year: number | null; month: number } | null = null;
        if (c.monthRange !== undefined) {
          const range = parseMonthRange(at(c.monthRange));
          if (range) ({ from, to } = range);
          else from = to = parseMonthCell(at(c.monthRange), formatAt(t.grid, r, c.monthRange));
        }
        if (c.startMonth !== undefined) from = parseMonthCell(at(c.startMonth), formatAt(t.grid, r, c.startMonth)) ?? from;
        if (c.endMonth !== undefined) to = parseMonthCell(at(c.endMonth), formatAt(t.grid, r, c.endMonth)) ?? to;
        if (!from) return null;
        const fy = from.year ?? parseYearCell(at(c.year)) ?? year;
        let labels: string[];
        if (to) labels = monthsBetween(fy, from.month, to.year ?? fy, to.month);
        else {
          const count = at(c.monthCount);
          const n = typeof count === 'number' ? count : Number(String(count ?? '').replace(/[个月\s]/g, ''));
          if (!Number.isInteger(n) || n < 1 || n > 120) return null;
          const end = fy * 12 + from.month - 1 + n - 1;
          labels = monthsBetween(fy, from.month, Math.floor(end / 12), (end % 12) + 1);
        }
        return labels.length ? this.build(labels, col, -1, labels.length > 1) : null;
      }
      case 'annual': {
        const col = c.paidTotal ?? c.paid;
        if (col === undefined || !year) return null;
        return this.build(monthsBetween(year, 1, year, 12), col, -1, true);
      }
      default:
        return null;
    }
  }
}

/**
 * One amount over several months, as the months would have been paid: each month in order
 * takes its due until the amount runs out (what a clerk means by 缴至), anything left over goes
 * to the last month (a voluntary extra). Dues unknown: an even split, the remainder first.
 */
export function spreadPaid(totalFen: number, dues: (i: number) => number, n: number, out: number[]): void {
  if (n === 0) return;
  let known = true;
  for (let i = 0; i < n; i++) if (!(dues(i) >= 0)) known = false;
  if (!known) {
    const each = Math.floor(totalFen / n);
    let rest = totalFen - each * n;
    for (let i = 0; i < n; i++) {
      out[i] = each + (rest > 0 ? 1 : 0);
      if (rest > 0) rest -= 1;
    }
    return;
  }
  let left = totalFen;
  for (let i = 0; i < n; i++) {
    const take = Math.min(left, dues(i));
    out[i] = take;
    left -= take;
  }
  out[n - 1]! += left;
}
