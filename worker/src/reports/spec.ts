/**
 * A writer-neutral description of a workbook: sheets, columns, rows of plain values and named
 * styles, print set-up. The report layout produces it once; each xlsx writer (the streaming
 * fflate one we ship, exceljs for comparison) turns it into bytes, so both are measured on
 * exactly the same content. Rows are produced lazily so a streaming writer never holds a sheet.
 */

/** How a cell looks. Writers map each distinct style to one entry of their style table. */
export interface CellStyle {
  font?: 'normal' | 'bold' | 'title' | 'meta';
  fill?: 'header' | 'group' | 'total';
  border?: boolean;
  numFmt?: 'text' | 'int' | 'money' | 'pct';
  align?: 'left' | 'center' | 'right';
  indent?: number;
  wrap?: boolean;
}

/** Money is written as yuan (fen / 100, exact for display since fen is an integer). */
export const MONEY_FORMAT = '"¥"#,##0.00';
export const PERCENT_FORMAT = '0.0%';
export const INT_FORMAT = '#,##0';

/**
 * A cell value. Strings are always written as string cells (never formulas): text that came
 * from a submission and starts with = + - @ tab or CR stays text (design.md, "Exported workbooks").
 */
export type CellValue = string | number | null;

export interface CellSpec {
  v: CellValue;
  s: CellStyle;
}

export interface RowSpec {
  cells: (CellSpec | null)[];
  /** Points; omitted = default height. */
  height?: number;
  /** Row grouping level (支部 under their 总支), so a reader can fold the tree. */
  outlineLevel?: number;
  /** Start a new printed page before this row (one 公示 block per page). */
  pageBreakBefore?: boolean;
  /** Merge this row's cells from column 0 to the given last column (0-based, inclusive). */
  mergeTo?: number;
}

export interface PrintSetup {
  orientation: 'landscape' | 'portrait';
  /** A4 unless the sheet is too wide to read at A4 (a year's twelve month columns). */
  paper?: 'A4' | 'A3';
  /** Fit all columns on one page width; height flows to as many pages as needed. */
  fitToWidth: boolean;
  /** 1-based inclusive row range repeated at the top of every printed page. */
  repeatRows?: [number, number];
  header?: string;
  footer?: string;
}

export interface SheetSpec {
  name: string;
  /** Character widths, one per column. */
  columns: number[];
  /** Frozen rows above / columns left of the scrolling area. */
  freeze?: { rows: number; cols: number };
  /** Autofilter on a 1-based header row, over all columns down to the last row less footerRows (totals). */
  autoFilter?: { row: number; footerRows: number };
  print: PrintSetup;
  /** Deepest RowSpec.outlineLevel, so Excel draws the outline buttons (written before the rows). */
  outlineLevels?: number;
  rows: () => Iterable<RowSpec>;
}

export interface WorkbookSpec {
  title: string;
  creator: string;
  created: Date;
  sheets: SheetSpec[];
}

/** Something that writes a WorkbookSpec as .xlsx bytes. */
export type XlsxWriter = (wb: WorkbookSpec) => Promise<Uint8Array>;
