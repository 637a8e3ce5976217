/**
 * Fixes applied to grids (never to a formula cell) and the formulas over them recomputed: what
 * the pane's browser mode keeps between fixes, what the preview re-checks, and — with the
 * original bytes — what the corrected copy writes (xlsx/patch.ts).
 */
import { a1 } from '../a1';
import type { FixValue } from '../findings/finding';
import type { CellValue, Grid } from '../grid';
import { patchWorkbook, type CellWrite, type PatchResult } from '../xlsx/patch';
import { recalcDependents, type Recalculated } from './recalc';

export interface GridFix {
  sheet: string;
  row: number;
  col: number;
  value: FixValue;
}

export interface AppliedFixes {
  /** New grids (the input is not modified). */
  grids: Grid[];
  /** The writes made, each cell once (the last value given for it). */
  writes: CellWrite[];
  /** Formula cells recomputed (after null: not understood here; Excel recalculates it). */
  recalculated: Recalculated[];
  /** Fixes refused because their cell holds a formula. */
  refused: { sheet: string; cell: string; row: number; col: number; formula: string }[];
}

export function formulaAt(g: Grid | undefined, row: number, col: number): string | undefined {
  if (!g?.formulas) return undefined;
  const o = g.origin ?? { row: 0, col: 0 };
  return g.formulas[row - o.row]?.[col - o.col] || undefined;
}

export function copyGrids(grids: Grid[]): Grid[] {
  return grids.map((g) => ({ ...g, values: g.values.map((r) => (r ? r.slice() : [])) }));
}

function put(g: Grid, row: number, col: number, v: CellValue): void {
  const o = g.origin ?? { row: 0, col: 0 };
  while (g.values.length <= row - o.row) g.values.push([]);
  const r = g.values[row - o.row]!;
  while (r.length < col - o.col) r.push(null);
  r[col - o.col] = v;
}

export function applyToGrids(grids: Grid[], fixes: GridFix[]): AppliedFixes {
  const out = copyGrids(grids);
  const byName = new Map(out.map((g) => [g.name, g]));
  const writes = new Map<string, CellWrite>();
  const refused: AppliedFixes['refused'] = [];
  for (const f of fixes) {
    if (f.value === null) continue;
    const g = byName.get(f.sheet);
    const formula = formulaAt(g, f.row, f.col);
    if (formula) {
      refused.push({ sheet: f.sheet, cell: a1(f.row, f.col), row: f.row, col: f.col, formula });
      continue;
    }
    if (g) put(g, f.row, f.col, f.value);
    writes.set(`${f.sheet}\u0000${f.row}\u0000${f.col}`, { sheet: f.sheet, row: f.row, col: f.col, value: f.value });
  }
  const list = [...writes.values()];
  return { grids: out, writes: list, recalculated: recalcDependents(out, list), refused };
}

/**
 * The clerk's package with `writes` and the formulas' new cached results: what `duesbook fix`
 * and the browser's corrected copy save. `grids` are the fixed grids (their formula cells hold
 * the recomputed values).
 */
export function writeCorrected(bytes: ArrayBuffer | Uint8Array, writes: CellWrite[], recalculated: { sheet: string; row: number; col: number; after: number | null }[]): PatchResult {
  const cached = new Map<string, { sheet: string; row: number; col: number; value: number }>();
  for (const r of recalculated) if (r.after !== null) cached.set(`${r.sheet}\u0000${r.row}\u0000${r.col}`, { sheet: r.sheet, row: r.row, col: r.col, value: r.after });
  return patchWorkbook(bytes, writes, { cached: [...cached.values()] });
}
