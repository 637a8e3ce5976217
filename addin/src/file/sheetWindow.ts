/**
 * Browser mode's in-place view of a finding (issue 12): the few cells of the sheet around it —
 * the table's header row, the finding's row with a row either side, the member's name column and
 * the columns next to the cell — so the clerk sees the cell where it is and corrects it there.
 * Plain data from the grids; the view (views/FindingInPlace.tsx) draws it.
 */
import { columnLetters } from '../../../shared/a1';
import { excelSerialToIso, isDateFormat, isIsoDate, isoToExcelSerial } from '../../../shared/dates';
import type { CellValue, Grid } from '../../../shared/grid';

/** What the window needs of the recognised table the cell lies in (check.ts's TableDescription). */
export interface WindowTable {
  sheet: string;
  headerRow: number;
  dataStartRow: number;
  columns: { name?: number };
}

export interface WindowCell {
  row: number;
  col: number;
  value: CellValue;
  formula: string | null;
  /** Number format, to show a date serial as a date. */
  format: string | null;
}

export interface SheetWindow {
  sheet: string;
  /** The columns shown, left to right (0-based sheet columns), with their letters and header text. */
  columns: { col: number; letter: string; header: string }[];
  /** The rows shown (0-based sheet rows), each with the cells of `columns`. */
  rows: { row: number; cells: WindowCell[] }[];
  /** The cell itself. */
  target: { row: number; col: number };
}

/** Columns either side of the cell. */
const SPAN = 2;

function at(grid: Grid, row: number, col: number): WindowCell {
  const o = grid.origin ?? { row: 0, col: 0 };
  const r = row - o.row;
  const c = col - o.col;
  return {
    row, col,
    value: grid.values[r]?.[c] ?? null,
    formula: grid.formulas?.[r]?.[c] || null,
    format: grid.formats?.[r]?.[c] || null,
  };
}

const headerText = (v: CellValue): string => (v === null ? '' : String(v).replace(/\s+/g, ' ').trim());

/** The window around (row, col) of `sheet`; null when the sheet is not among the grids. */
export function sheetWindow(grids: readonly Grid[], tables: readonly WindowTable[], sheet: string, row: number, col: number): SheetWindow | null {
  const grid = grids.find((g) => g.name === sheet);
  if (!grid) return null;
  const o = grid.origin ?? { row: 0, col: 0 };
  const width = Math.max(col + 1, ...grid.values.map((r) => r.length + o.col));
  const table = tables.find((t) => t.sheet === sheet && t.headerRow <= row);
  const cols = new Set<number>();
  if (table?.columns.name !== undefined) cols.add(table.columns.name);
  for (let c = Math.max(o.col, col - SPAN); c <= Math.min(width - 1, col + SPAN); c++) cols.add(c);
  const columns = [...cols].sort((a, b) => a - b).map((c) => ({
    col: c, letter: columnLetters(c), header: table ? headerText(at(grid, table.headerRow, c).value) : '',
  }));
  const first = table && row >= table.dataStartRow ? Math.max(table.dataStartRow, row - 1) : Math.max(o.row, row - 1);
  const rows: SheetWindow['rows'] = [];
  const last = Math.min(o.row + grid.values.length - 1, row + 1);
  for (let r = first; r <= Math.max(row, last); r++) {
    if (table && r === table.headerRow) continue;
    rows.push({ row: r, cells: columns.map((c) => at(grid, r, c.col)) });
  }
  return { sheet, columns, rows, target: { row, col } };
}

/** A cell as the clerk reads it: a date serial as its date, anything else as written. */
export function shownValue(c: Pick<WindowCell, 'value' | 'format'>): string {
  if (typeof c.value === 'number' && isDateFormat(c.format ?? undefined)) return excelSerialToIso(c.value) ?? String(c.value);
  return c.value === null ? '' : String(c.value);
}

/**
 * The value to write for what the clerk typed, keeping the cell's kind: a date cell gets a
 * date serial for a typed 2010-07-01, a number cell a number for text that reads as one; empty
 * is null; anything else is text (the host writes text as text, never as a formula).
 */
export function typedValue(text: string, before: Pick<WindowCell, 'value' | 'format'>): string | number | null {
  const t = text.trim();
  if (t === '') return null;
  if (typeof before.value === 'number' && isDateFormat(before.format ?? undefined) && isIsoDate(t)) return isoToExcelSerial(t);
  if (typeof before.value === 'number' && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return text;
}
