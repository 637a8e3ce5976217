/**
 * After fixes are applied to copies of the grids: the formulas that read a fixed cell (directly
 * or through another formula) get their values recomputed, so the re-check sees G17 =
 * ROUND(E17*F17,2) at its new value, as Excel will once it recalculates. A formula the
 * evaluator does not understand keeps its cached value and is reported as such.
 */
import type { CellValue, Grid } from '../grid';
import { evaluateFormula, formulaRefs } from './formula-eval';

export interface Recalculated {
  sheet: string;
  row: number;
  col: number;
  formula: string;
  before: CellValue;
  /** The new value, or null when the formula could not be evaluated here (Excel will). */
  after: number | null;
}

const key = (s: string, r: number, c: number) => `${s}\u0000${r}\u0000${c}`;

/**
 * Recomputes, in place, every formula cell of `grids` that depends on a cell in `changed`
 * (sheet coordinates); returns what was recomputed. `grids` must be copies the caller owns.
 */
export function recalcDependents(grids: Grid[], changed: { sheet: string; row: number; col: number }[]): Recalculated[] {
  const byName = new Map(grids.map((g) => [g.name, g]));
  const dirty = new Set(changed.map((c) => key(c.sheet, c.row, c.col)));
  const dirtyList = [...changed];
  const cells: { g: Grid; r: number; c: number; formula: string; refs: ReturnType<typeof formulaRefs> }[] = [];
  for (const g of grids) {
    const o = g.origin ?? { row: 0, col: 0 };
    g.formulas?.forEach((row, r) => row?.forEach((f, c) => {
      if (f) cells.push({ g, r: r + o.row, c: c + o.col, formula: f, refs: formulaRefs(f) });
    }));
  }
  const value = (g: Grid, r: number, c: number): CellValue => {
    const o = g.origin ?? { row: 0, col: 0 };
    return g.values[r - o.row]?.[c - o.col] ?? null;
  };
  const out = new Map<string, Recalculated>();
  // Passes until nothing new depends on a changed cell (formula chains are short in a register).
  for (let pass = 0; pass < 20; pass++) {
    let progressed = false;
    for (const cell of cells) {
      const k = key(cell.g.name, cell.r, cell.c);
      const reads = cell.refs.some((ref) => {
        const sheet = ref.sheet ?? cell.g.name;
        return dirtyList.some((d) => d.sheet === sheet && d.row >= ref.top && d.row <= ref.bottom && d.col >= ref.left && d.col <= ref.right);
      });
      if (!reads) continue;
      const v = evaluateFormula(cell.formula, (sheet, r, c) => {
        const g = byName.get(sheet ?? cell.g.name);
        const x = g ? value(g, r, c) : null;
        return x;
      });
      const prev = out.get(k);
      const before = prev ? prev.before : value(cell.g, cell.r, cell.c);
      if (v !== null && v !== value(cell.g, cell.r, cell.c)) {
        const o = cell.g.origin ?? { row: 0, col: 0 };
        const row = (cell.g.values[cell.r - o.row] ??= []);
        while (row.length < cell.c - o.col) row.push(null);
        row[cell.c - o.col] = v;
        progressed = true;
      }
      if (!prev || (v !== null && prev.after !== v)) out.set(k, { sheet: cell.g.name, row: cell.r, col: cell.c, formula: cell.formula, before, after: v });
      if (!dirty.has(k)) {
        dirty.add(k);
        dirtyList.push({ sheet: cell.g.name, row: cell.r, col: cell.c });
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  return [...out.values()].filter((x) => x.after === null || x.after !== x.before);
}
