/**
 * A sheet as the checker sees it: plain values and number formats, no host objects.
 * Excel, an .xlsx file or a test all hand the checker grids; it never knows which.
 *
 * Values follow Excel's own model: dates are serial numbers (with a date number format),
 * text is string, empty is null. Row and column indexes are 0-based; `origin` says where
 * values[0][0] sits on the sheet so findings can name real A1 cells.
 */
export type CellValue = string | number | boolean | null;

export interface Grid {
  /** Sheet name as the host shows it. */
  name: string;
  /** values[r][c]; rows may be ragged, missing cells read as null. */
  values: CellValue[][];
  /** Number formats parallel to values (e.g. "yyyy-mm-dd", "0.00%", "@"); optional. */
  formats?: string[][];
  /** 0-based sheet row/column of values[0][0] (a used range need not start at A1). */
  origin?: { row: number; col: number };
  /**
   * Formulas parallel to values (the formula text without its leading "=", e.g.
   * "ROUND(E17*F17,2)"); sparse: a missing or empty entry means the cell holds a constant.
   * values[r][c] of a formula cell is its cached result. Writers must never overwrite these.
   */
  formulas?: (string | undefined)[][];
  /** Merged areas, 0-based and relative to the sheet, inclusive. */
  merges?: { top: number; left: number; bottom: number; right: number }[];
}
