/**
 * Mark bookkeeping for the Excel host (pure: no Excel calls). A marked cell's own fill is recorded
 * before we colour it, so clearing restores it exactly; the records live in the document settings
 * (so a later pane session can clear them) and move with inserted or deleted rows and columns.
 * Only the types come from office-js.
 */
import type { CellMark } from '../host/workbookHost';
import { cellKey } from '../host/markCells';
import { colSpan, rowSpan } from './textSafety';

export { cellKey, strongestPerCell } from '../host/markCells';

/** Fill subproperties recorded and restored per cell (ExcelApi 1.9 cell properties). */
export type SavedFillFormat = Excel.CellPropertiesFill;
export const FILL_PROPS: Excel.CellPropertiesFillLoadOptions = { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true };

export const MARK_FILL: Record<CellMark['severity'], string> = {
  error: '#F8CBAD',
  warning: '#FFE699',
  info: '#DDEBF7',
};

/** Where the records are kept in the document settings. */
export const MARKS_KEY = 'duesbook.marks';

/**
 * A cell's own fill before we marked it, so clearing restores it exactly: colour, pattern,
 * pattern colour and both tints, as getCellProperties reports them. A cell with no fill reads
 * color "#FFFFFF" with pattern "None" — not the same as a white fill (pattern "Solid").
 */
export interface SavedFill {
  sheet: string;
  row: number;
  col: number;
  fill: SavedFillFormat;
}

/** Marked cells of one column that sit in consecutive rows: one range, one cell-properties call. */
export interface Run {
  sheet: string;
  col: number;
  row: number;
  cells: { row: number; value: SavedFill | CellMark }[];
}

/** The fill a mark of this severity writes (setCellProperties input). */
export function markFill(severity: CellMark['severity']): Excel.CellPropertiesFill {
  return { color: MARK_FILL[severity], pattern: 'Solid', tintAndShade: 0 };
}

const MARK_COLOURS = new Set(Object.values(MARK_FILL).map((c) => c.toUpperCase()));

/** Does a cell still show one of our marks (a solid fill in a mark colour)? */
export function isMarkFill(fill: Excel.CellPropertiesFill | undefined): boolean {
  return !!fill && fill.pattern === 'Solid' && MARK_COLOURS.has(String(fill.color).toUpperCase());
}

/** Groups cells into runs of consecutive rows in one column of one sheet. */
export function runsOf<T extends { sheet: string; row: number; col: number }>(cells: T[]): Run[] {
  const sorted = [...cells].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col || a.row - b.row));
  const runs: Run[] = [];
  let cur: Run | null = null;
  for (const c of sorted) {
    if (cur && cur.sheet === c.sheet && cur.col === c.col && cur.row + cur.cells.length === c.row) {
      cur.cells.push({ row: c.row, value: c as unknown as SavedFill | CellMark });
    } else {
      cur = { sheet: c.sheet, col: c.col, row: c.row, cells: [{ row: c.row, value: c as unknown as SavedFill | CellMark }] };
      runs.push(cur);
    }
  }
  return runs;
}

/** The recorded fill as setCellProperties input; nothing for "None" (the cleared fill is it). */
export function restorable(fill: SavedFillFormat): Excel.CellPropertiesFill {
  if (!fill.pattern || fill.pattern === 'None') return {};
  const out: Excel.CellPropertiesFill = {};
  for (const k of ['color', 'pattern', 'patternColor', 'tintAndShade', 'patternTintAndShade'] as const) {
    if (fill[k] !== undefined && fill[k] !== null) (out as Record<string, unknown>)[k] = fill[k];
  }
  return out;
}

/** Rows or columns inserted or deleted: what moves marked cells. */
export interface Shift {
  axis: 'row' | 'col';
  inserted: boolean;
  first: number;
  last: number;
}

/** The shift a change event (its type and address) makes; null for an edit or an address with no span. */
export function shiftOf(change: { changeType?: string; address: string }): Shift | null {
  const rows = change.changeType === 'RowInserted' || change.changeType === 'RowDeleted';
  const cols = change.changeType === 'ColumnInserted' || change.changeType === 'ColumnDeleted';
  if (!rows && !cols) return null;
  const rs = rows ? rowSpan(change.address) : null;
  const span = rs ? { first: rs.firstRow, last: rs.lastRow } : cols ? colSpan(change.address) : null;
  if (!span) return null;
  const inserted = change.changeType === 'RowInserted' || change.changeType === 'ColumnInserted';
  return { axis: rows ? 'row' : 'col', inserted, first: span.first, last: span.last };
}

/**
 * The records after a shift on `sheet`: records below or right of it move with their cells,
 * records of deleted cells go, other sheets' records stay.
 */
export function shiftRecords(saved: ReadonlyMap<string, SavedFill>, shift: Shift, sheet: string): Map<string, SavedFill> {
  const rows = shift.axis === 'row';
  const n = shift.last - shift.first + 1;
  const next = new Map<string, SavedFill>();
  for (const [k, s] of saved) {
    if (s.sheet !== sheet) {
      next.set(k, s);
      continue;
    }
    const at = rows ? s.row : s.col;
    let moved = at;
    if (shift.inserted && at >= shift.first) moved = at + n;
    else if (!shift.inserted && at > shift.last) moved = at - n;
    else if (!shift.inserted && at >= shift.first) continue; // the marked cell itself was deleted
    const r = rows ? { ...s, row: moved } : { ...s, col: moved };
    next.set(cellKey(r.sheet, r.row, r.col), r);
  }
  return next;
}

/**
 * Marks are kept in the document settings in a compact form: distinct sheets and fills once,
 * then [sheet, row, col, fill] per cell — 10,000 marked cells stay far below what document
 * settings hold.
 */
export interface StoredMarks {
  v: 2;
  sheets: string[];
  fills: SavedFillFormat[];
  cells: [number, number, number, number][];
}

export function encodeSaved(records: SavedFill[]): StoredMarks {
  const sheets: string[] = [];
  const fills: SavedFillFormat[] = [];
  const sheetIx = new Map<string, number>();
  const fillIx = new Map<string, number>();
  const cells = records.map((r): [number, number, number, number] => {
    let s = sheetIx.get(r.sheet);
    if (s === undefined) sheetIx.set(r.sheet, (s = sheets.push(r.sheet) - 1));
    const fk = JSON.stringify(r.fill);
    let f = fillIx.get(fk);
    if (f === undefined) fillIx.set(fk, (f = fills.push(r.fill) - 1));
    return [s, r.row, r.col, f];
  });
  return { v: 2, sheets, fills, cells };
}

export function decodeSaved(stored: unknown): SavedFill[] {
  if (Array.isArray(stored)) {
    // Version 1: one {sheet,row,col,color,pattern} object per cell.
    return (stored as { sheet: string; row: number; col: number; color: string; pattern: string }[]).map((s) => ({
      sheet: s.sheet,
      row: s.row,
      col: s.col,
      fill: { color: s.color, pattern: s.pattern as Excel.FillPattern },
    }));
  }
  const m = stored as StoredMarks | null | undefined;
  if (!m || m.v !== 2) return [];
  return m.cells.map(([s, row, col, f]) => ({ sheet: m.sheets[s]!, row, col, fill: m.fills[f] ?? {} }));
}
