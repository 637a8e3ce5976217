/**
 * Where the mapping form starts (issue 12): on the header row the checker found (or, for a
 * sheet it did not recognise, the row that looks most like headers — never a merged title row),
 * with every column it recognised already chosen, so the clerk only fills in what is missing.
 */
import type { CellValue, Grid } from '../../../shared/grid';
import { fieldOfHeader, normaliseHeader, type FieldKey } from '../../../shared/recognise/fields';
import type { RegisterLayout, SheetMapping, TableKind } from '../../../shared/recognise/mapping';
import { HEADER_SCAN_ROWS } from '../../../shared/recognise/table';

/** What the form needs of a recognised table (check.ts's TableDescription). */
export interface StartTable {
  sheet: string;
  kind: TableKind;
  headerRow: number;
  columns: Partial<Record<FieldKey, number>>;
  layout: RegisterLayout | null;
  sheetMonth: string | null;
  sheetMember: string | null;
}

const filled = (v: CellValue) => v !== null && !(typeof v === 'string' && v.trim() === '');

/**
 * The 0-based sheet row most like a header row among the first rows: the one with the most
 * text cells (a merged title has one), the earliest on a tie.
 */
export function guessHeaderRow(grid: Grid): number {
  const o = grid.origin ?? { row: 0, col: 0 };
  let best = 0;
  let bestCount = -1;
  for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, grid.values.length); r++) {
    const row = grid.values[r] ?? [];
    const text = row.filter((v) => typeof v === 'string' && filled(v)).length;
    if (text > bestCount) {
      best = r;
      bestCount = text;
    }
  }
  return best + o.row;
}

/** The form's starting mapping for a sheet: the checker's table when it found one, else the guessed header row with the columns its headers name. */
export function startMapping(grid: Grid, table: StartTable | undefined): SheetMapping {
  if (table) {
    const m: SheetMapping = { kind: table.kind, headerRow: table.headerRow, columns: { ...table.columns } };
    if (table.kind === 'register' && table.layout) m.layout = table.layout;
    if (table.sheetMonth) m.month = table.sheetMonth;
    if (table.sheetMember) m.member = table.sheetMember;
    return m;
  }
  const headerRow = guessHeaderRow(grid);
  const o = grid.origin ?? { row: 0, col: 0 };
  const columns: Partial<Record<FieldKey, number>> = {};
  (grid.values[headerRow - o.row] ?? []).forEach((v, i) => {
    if (typeof v !== 'string' || !filled(v)) return;
    const field = fieldOfHeader(normaliseHeader(v));
    if (field && columns[field] === undefined) columns[field] = i + o.col;
  });
  return { kind: 'roster', headerRow, columns };
}
