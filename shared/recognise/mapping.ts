/**
 * An explicit column mapping a host supplies when headers cannot be recognised (the pane asks
 * the clerk once and keeps the answer in the workbook). Coordinates are 0-based sheet rows and
 * columns, like Finding.row/col, so the pane can store what the clerk clicked.
 */
import type { FieldKey } from './fields';

export type TableKind = 'roster' | 'register';

/** How a register lays out its months (RecognisedTable.layout). */
export type RegisterLayout = 'wide' | 'monthRows' | 'range' | 'annual' | 'memberSheet';

export interface SheetMapping {
  kind: TableKind;
  /** 0-based sheet row of the (last) header row; data starts on the next row. */
  headerRow: number;
  /** Field → 0-based sheet column. Fields not named here are still recognised from headers. */
  columns: Partial<Record<FieldKey, number>>;
  /** Register only: month 1–12 → 0-based sheet column of the amount paid that month. */
  months?: Partial<Record<number, number>>;
  /** Register only: the calendar year of the month columns. */
  year?: number;
  /** Register only: the layout, when the checker cannot guess it (default: recognised). */
  layout?: RegisterLayout;
  /** Register, one sheet per month: the sheet's month 'YYYY-MM'. */
  month?: string;
  /** Register, one sheet per member: the member's name. */
  member?: string;
}

/** Keyed by sheet name; a sheet not named here is recognised from its headers. */
export type ColumnMapping = Record<string, SheetMapping>;
