/**
 * What browser mode does with the grids of a dropped file, wherever they are kept: in the check
 * worker (the UI thread never holds the 300,000 cells, issue 14) or, where no worker runs, on
 * the UI thread. Plain functions over grids, so both places run the same code.
 */
import type { Grid } from '../../../shared/grid';
import type { Recalculated } from '../../../shared/fix/recalc';
import type { CellWrite } from '../../../shared/xlsx/patch';
import { workbookBranchName, type WorkbookBranch } from '../../../shared/recognise/branch-name';
import { HEADER_SCAN_ROWS } from '../../../shared/recognise/table';
import type { CellFix } from '../host/workbookHost';
import { sheetWindow, type SheetWindow, type WindowTable } from './sheetWindow';

/**
 * Rows of each sheet the UI thread gets: enough for everything it reads itself — the committee's
 * templates by fingerprint (HEADER_SCAN_ROWS + a header's second row), the mapping form's header
 * rows — while cells further down are asked for (a window, a plan).
 */
export const HEAD_ROWS = HEADER_SCAN_ROWS + 25;

/** What the UI thread holds of a workbook kept elsewhere: each sheet's first rows, its branch, the number of rows. */
export interface WorkbookHead {
  grids: Grid[];
  /** The branch the workbook names (read from all of its rows: the 所在党支部 column counts). */
  branch: WorkbookBranch | null;
  rows: number[];
}

export function headOf(grids: readonly Grid[]): WorkbookHead {
  return {
    grids: grids.map((g) => ({
      ...g,
      values: g.values.slice(0, HEAD_ROWS),
      ...(g.formats ? { formats: g.formats.slice(0, HEAD_ROWS) } : {}),
      ...(g.formulas ? { formulas: g.formulas.slice(0, HEAD_ROWS) } : {}),
    })),
    branch: workbookBranchName(grids),
    rows: grids.map((g) => g.values.length),
  };
}

/** Rows firstRow..lastRow (0-based sheet rows) of one sheet, as a grid whose origin is the first row. */
export function rowsOf(grids: readonly Grid[], sheet: string, firstRow: number, lastRow: number): Grid {
  const g = grids.find((x) => x.name === sheet);
  const o = g?.origin ?? { row: 0, col: 0 };
  return {
    name: sheet,
    values: (g?.values ?? []).slice(firstRow - o.row, lastRow - o.row + 1),
    origin: { row: firstRow, col: o.col },
  };
}

export function windowOf(grids: readonly Grid[], tables: readonly WindowTable[], sheet: string, row: number, col: number): SheetWindow | null {
  return sheetWindow(grids, tables, sheet, row, col);
}

/** A fix aimed at a formula cell: nothing was applied. */
export interface RefusedFix { sheet: string; cell: string; formula: string }

export type FixOutcome =
  | { refused: RefusedFix; grids?: undefined }
  | { refused?: undefined; grids: Grid[]; writes: CellWrite[]; recalculated: Recalculated[] };

/**
 * The fixes applied to the grids (formulas over them recomputed), all or nothing: a fix aimed at
 * a formula refuses the lot. Text that must stay text reads as "@", as the corrected copy holds it.
 */
export async function fixGrids(grids: Grid[], fixes: CellFix[]): Promise<FixOutcome> {
  const [{ applyToGrids }, { mustWriteAsText }] = await Promise.all([import('../../../shared/fix/apply'), import('../../../shared/xlsx/text-safety')]);
  const applied = applyToGrids(grids, fixes);
  const refused = applied.refused[0];
  if (refused) return { refused: { sheet: refused.sheet, cell: refused.cell, formula: refused.formula } };
  const out = applied.grids.map((g) => {
    const mine = applied.writes.filter((w) => w.sheet === g.name && mustWriteAsText(w.value));
    if (!mine.length || !g.formats) return g;
    const o = g.origin ?? { row: 0, col: 0 };
    const formats = g.formats.map((r) => (r ? r.slice() : []));
    for (const w of mine) {
      while (formats.length <= w.row - o.row) formats.push([]);
      formats[w.row - o.row]![w.col - o.col] = '@';
    }
    return { ...g, formats };
  });
  return { grids: out, writes: applied.writes, recalculated: applied.recalculated };
}
