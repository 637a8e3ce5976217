/**
 * What the pane needs from wherever the workbook lives: Excel (addin/src/excel/), WPS 表格
 * (addin/src/wps/), a dropped .xlsx file (addin/src/file/) or a test fake. Only plain data crosses this boundary — never
 * Office proxy objects — so React state holds nothing that belongs to Excel.
 */
import type { CellValue, Grid } from '../../../shared/grid';
import type { Severity } from '../../../shared/findings/codes';
import type { Finding, FixValue } from '../../../shared/findings/finding';
import type { WorkbookBranch } from '../../../shared/recognise/branch-name';
import type { SheetWindow, WindowTable } from '../file/sheetWindow';

/** One cell to mark, 0-based sheet coordinates. */
export interface CellMark {
  sheet: string;
  row: number;
  col: number;
  severity: Severity;
}

/** One value to write into one cell. */
export interface CellFix {
  sheet: string;
  row: number;
  col: number;
  value: FixValue;
}

/** Rows that changed on one sheet (0-based, inclusive). */
export interface RowChange {
  sheet: string;
  firstRow: number;
  lastRow: number;
}

export interface WorkbookHost {
  readonly kind: 'excel' | 'wps' | 'file';
  /** True when there is a workbook to check (a file host waits for a dropped file). */
  hasWorkbook(): boolean;
  /** Display name of the workbook, if known. */
  workbookName(): string | null;
  /** Used ranges (values + number formats) of every worksheet. */
  readGrids(onProgress?: (done: number, total: number) => void): Promise<Grid[]>;
  /** Re-read some rows of one sheet (after an edit) as a grid whose origin is the first row. */
  readRows(sheet: string, firstRow: number, lastRow: number): Promise<Grid>;
  /** Mark cells; records each cell's own format first so clearMarks restores it exactly. */
  markFindings(marks: CellMark[]): Promise<void>;
  clearMarks(): Promise<void>;
  selectCell(sheet: string, row: number, col: number): Promise<void>;
  /** Writes all fixes in one batch; text never becomes a formula or a number. */
  applyFixes(fixes: CellFix[]): Promise<void>;
  /** Per-workbook settings (column mapping); never secrets. */
  loadSetting<T>(key: string): Promise<T | null>;
  saveSetting(key: string, value: unknown): Promise<void>;
  /** Subscribe to edits; returns an unsubscribe function. */
  onChanged(listener: (change: RowChange) => void): () => void;
  /** Excel only: add a sheet holding the given rows. */
  insertSheet?(name: string, rows: CellValue[][]): Promise<void>;
  /** Excel only: open .xlsx bytes as a new workbook (the consolidated report). */
  openWorkbook?(bytes: ArrayBuffer): Promise<void>;
}

/** A host that opens dropped files and hands back a corrected copy (browser mode). */
export interface FileWorkbookHost extends WorkbookHost {
  readonly kind: 'file';
  /** Reads the file (progress as it goes: done of total); rejects when it is not a readable .xlsx. */
  open(bytes: ArrayBuffer, name: string, onProgress?: (done: number, total: number) => void): Promise<void>;
  /** The clerk's workbook with only the applied fixes changed, as .xlsx bytes. */
  correctedCopy(): Promise<{ bytes: ArrayBuffer; name: string }>;
  /** The cells around one (a finding in place): asked of wherever the grids are kept (the check worker). */
  windowAt(tables: readonly WindowTable[], sheet: string, row: number, col: number): Promise<SheetWindow | null>;
  /** The branch the workbook names, read from all its rows (readGrids may give only each sheet's first rows). */
  workbookBranch(): WorkbookBranch | null;
  /** The workbook with a note and a fill on each finding's cell (marks only ever on this copy). */
  markedCopy(findings: Finding[], opts?: { asOf?: string; lang?: 'zh' | 'en' }): Promise<{ bytes: ArrayBuffer; name: string }>;
}

export function isFileHost(h: WorkbookHost): h is FileWorkbookHost {
  return h.kind === 'file';
}

/** Splice re-read rows into a cached grid (same sheet), so an edit re-reads only its rows. */
export function spliceRows(grid: Grid, patch: Grid): Grid {
  const origin = grid.origin ?? { row: 0, col: 0 };
  const pOrigin = patch.origin ?? { row: 0, col: 0 };
  const values = grid.values.map((r) => r.slice());
  const formats = grid.formats?.map((r) => r.slice());
  patch.values.forEach((prow, i) => {
    const r = pOrigin.row + i - origin.row;
    if (r < 0) return;
    while (values.length <= r) values.push([]);
    const target = values[r] ?? [];
    prow.forEach((v, j) => {
      const c = pOrigin.col + j - origin.col;
      if (c >= 0) target[c] = v;
    });
    values[r] = target;
    const pf = patch.formats?.[i];
    if (formats && pf) {
      while (formats.length <= r) formats.push([]);
      const ft = formats[r] ?? [];
      pf.forEach((f, j) => {
        const c = pOrigin.col + j - origin.col;
        if (c >= 0) ft[c] = f;
      });
      formats[r] = ft;
    }
  });
  return { ...grid, values, ...(formats ? { formats } : {}) };
}
