/**
 * Read planning for the Excel host (pure: no Excel calls, only the shapes Excel answers with):
 * how a workbook's used ranges are cut into read requests that stay under Excel on the web's
 * 5 MB payload limit per request, and how one answered row becomes grid data.
 */
import type { CellValue } from '../../../shared/grid';

/**
 * Cells (value + number format) fetched per sync on Excel on the web, whose requests and
 * responses are capped at 5 MB (RichApi.Error PayloadTooLarge). A roster cell costs ~30–45 bytes
 * of JSON (an 18-digit ID or CJK text plus a format such as "yyyy\\-mm\\-dd"), so 100,000 cells
 * stay near 3–4.5 MB; 200,000 did not leave room.
 */
export const CELLS_PER_SYNC = 100_000;

/** Rows at the top of a used range whose merged areas are read (header recognition scans 17). */
export const MERGE_SCAN_ROWS = 20;

/** A used range as Excel reports it (0-based indexes). */
export interface UsedRange {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** Rows of one sheet read in one request. `index` is the sheet's position in the workbook. */
export interface Chunk {
  sheet: string;
  index: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** The last used row and the used columns of a sheet. */
export interface Extent {
  bottom: number;
  left: number;
  right: number;
}

export function extentOf(r: UsedRange): Extent {
  return { bottom: r.rowIndex + r.rowCount - 1, left: r.columnIndex, right: r.columnIndex + r.columnCount - 1 };
}

/**
 * Fill each read request up to the cell budget with rows, sheet after sheet: a sheet's rows may
 * end one request and start the next, so the reads take ceil(cells / budget) requests (a single
 * row wider than the budget goes alone) — no short remainder chunk gets a request of its own.
 * Sheets without a used range (null) take no request.
 */
export function planReads(sheets: readonly { name: string; used: UsedRange | null }[], budget: number): Chunk[][] {
  const batches: Chunk[][] = [];
  let current: Chunk[] = [];
  let room = budget;
  sheets.forEach(({ name, used: r }, index) => {
    if (!r) return;
    const width = Math.max(1, r.columnCount);
    for (let off = 0; off < r.rowCount; ) {
      let rows = Math.floor(room / width);
      if (rows < 1) {
        if (current.length) {
          batches.push(current);
          current = [];
          room = budget;
          continue;
        }
        rows = 1;
      }
      rows = Math.min(rows, r.rowCount - off);
      current.push({ sheet: name, index, row: r.rowIndex + off, col: r.columnIndex, rows, cols: r.columnCount });
      room -= rows * width;
      off += rows;
    }
  });
  if (current.length) batches.push(current);
  return batches;
}

/** Rows per request when re-reading `cols` columns: the same payload cap as a full read. */
export function rowsPerSync(cellsPerSync: number, cols: number): number {
  return Math.max(1, Math.floor(cellsPerSync / Math.max(1, cols)));
}

/**
 * One row of Range.formulas into the grid's sparse formulas ("=ROUND(E5*F5,2)" → "ROUND(E5*F5,2)").
 * Range.formulas gives a constant's own value, so text stored as text that starts with "=" reads
 * the same in values and formulas: only a cell whose formula differs from its value is a formula.
 */
export function pushFormulas(g: { formulas?: (string | undefined)[][] }, row: unknown[] | undefined, values: unknown[] | undefined): void {
  const fx = (g.formulas ??= []);
  let out: (string | undefined)[] | undefined;
  row?.forEach((f, j) => {
    if (typeof f === 'string' && f.length > 1 && f[0] === '=' && f !== values?.[j]) (out ??= [])[j] = f.slice(1);
  });
  fx.push(out ?? []);
}

export function toCellValue(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
