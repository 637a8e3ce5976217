/** What every host does alike before it colours cells: one mark per cell, keyed the same way. */
import type { CellMark } from './workbookHost';

export function cellKey(sheet: string, row: number, col: number): string {
  return `${sheet}\u0000${row}\u0000${col}`;
}

/** One mark per cell: the most severe wins. */
export function strongestPerCell(marks: readonly CellMark[]): Map<string, CellMark> {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const byCell = new Map<string, CellMark>();
  for (const m of marks) {
    const k = cellKey(m.sheet, m.row, m.col);
    const prev = byCell.get(k);
    if (!prev || rank[m.severity] < rank[prev.severity]) byCell.set(k, m);
  }
  return byCell;
}
