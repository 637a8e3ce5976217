/**
 * Findings on formula cells. A formula is the clerk's own arithmetic: a fix never overwrites
 * it. When G17 = ROUND(E17*F17,2) is wrong because F17 (the rate) is wrong and F17 has a fix of
 * its own, the finding on G17 points there (fixVia) — fixing F17 fixes G17 on recalculation.
 * Where no input has a fix, the finding says the cell holds a formula and offers none.
 */
import type { Grid } from '../grid';
import { a1 } from '../a1';
import type { Finding } from './finding';
import { formulaRefs } from '../fix/formula-eval';

function formulaAt(byName: Map<string, Grid>, sheet: string, row: number, col: number): string | undefined {
  const g = byName.get(sheet);
  if (!g?.formulas) return undefined;
  const o = g.origin ?? { row: 0, col: 0 };
  return g.formulas[row - o.row]?.[col - o.col] || undefined;
}

/** The findings with every fix on a formula cell moved to its input, or removed; order kept. */
export function routeFormulaFixes(findings: Finding[], grids: Grid[]): Finding[] {
  if (!grids.some((g) => g.formulas?.length)) return findings;
  const byName = new Map(grids.map((g) => [g.name, g]));
  // Fixable findings on constant cells: the inputs a formula's finding can point to.
  const fixable = findings.filter((f) => f.fix !== null && !formulaAt(byName, f.sheet, f.row, f.col));
  return findings.map((f) => {
    if (f.fix === null) return f;
    const formula = formulaAt(byName, f.sheet, f.row, f.col);
    if (!formula) return f;
    const refs = formulaRefs(formula);
    const inputs = fixable.filter((x) => x !== f && refs.some((r) => (r.sheet ?? f.sheet) === x.sheet &&
      x.row >= r.top && x.row <= r.bottom && x.col >= r.left && x.col <= r.right));
    // One input per cell, nearest first (the same row before a total's other rows).
    const seen = new Set<string>();
    const cells = inputs
      .sort((a, b) => Math.abs(a.row - f.row) - Math.abs(b.row - f.row) || a.col - b.col)
      .filter((x) => !seen.has(`${x.sheet}!${x.cell}`) && seen.add(`${x.sheet}!${x.cell}`));
    const out: Finding = { ...f, fix: null, formula: true };
    delete out.fixText;
    const shown = `=${formula}`;
    if (cells.length) {
      const first = cells[0]!;
      const names = cells.map((x) => (x.sheet === f.sheet ? x.cell : `${x.sheet}!${x.cell}`));
      out.fixVia = { sheet: first.sheet, cell: a1(first.row, first.col), row: first.row, col: first.col };
      out.message = `${f.message}。此格是公式（${shown}），不会被改写：它由 ${names.join('、')} 算出，请修正 ${names.join('、')}，此格随之更正`;
      out.messageEn = `${f.messageEn}. This cell holds a formula (${shown}) and is never overwritten: it is computed from ${names.join(', ')} — fix ${names.length > 1 ? 'those' : 'that'} and it follows`;
    } else {
      out.message = `${f.message}。此格是公式（${shown}），不能一键修正：请检查公式及其引用的单元格`;
      out.messageEn = `${f.messageEn}. This cell holds a formula (${shown}), so there is no one-click fix: check the formula and the cells it uses`;
    }
    return out;
  });
}
