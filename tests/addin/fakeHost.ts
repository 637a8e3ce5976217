/** An in-memory WorkbookHost for component tests: grids in, calls recorded. */
import type { CellValue, Grid } from '../../shared/grid';
import type { CellFix, CellMark, RowChange, WorkbookHost } from '../../addin/src/host/workbookHost';

export class FakeHost implements WorkbookHost {
  readonly kind: 'excel' | 'file' = 'excel';
  calls: string[] = [];
  marks: CellMark[] = [];
  fixes: CellFix[] = [];
  selected: { sheet: string; row: number; col: number } | null = null;
  settings = new Map<string, unknown>();
  inserted: { name: string; rows: CellValue[][] }[] = [];
  readError: Error | null = null;
  private listeners: ((c: RowChange) => void)[] = [];
  /** Resolves the next readGrids only when released (for busy-state tests). */
  gate: Promise<void> | null = null;

  constructor(public grids: Grid[]) {}

  hasWorkbook() {
    return true;
  }
  workbookName() {
    return null;
  }
  async readGrids(onProgress?: (d: number, t: number) => void) {
    this.calls.push('readGrids');
    if (this.gate) await this.gate;
    if (this.readError) throw this.readError;
    onProgress?.(1, 1);
    return structuredClone(this.grids);
  }
  async readRows(sheet: string, firstRow: number, lastRow: number): Promise<Grid> {
    this.calls.push(`readRows ${sheet} ${firstRow}-${lastRow}`);
    const g = this.grids.find((x) => x.name === sheet)!;
    const o = g.origin ?? { row: 0, col: 0 };
    return { name: sheet, values: structuredClone(g.values.slice(firstRow - o.row, lastRow - o.row + 1)), origin: { row: firstRow, col: o.col } };
  }
  async markFindings(marks: CellMark[]) {
    this.calls.push(`mark ${marks.length}`);
    this.marks = marks;
  }
  async clearMarks() {
    this.calls.push('clear');
    this.marks = [];
  }
  async selectCell(sheet: string, row: number, col: number) {
    this.selected = { sheet, row, col };
  }
  async applyFixes(fixes: CellFix[]) {
    this.calls.push(`fix ${fixes.length}`);
    this.fixes.push(...fixes);
    for (const f of fixes) this.set(f.sheet, f.row, f.col, f.value);
  }
  set(sheet: string, row: number, col: number, v: CellValue) {
    const g = this.grids.find((x) => x.name === sheet)!;
    const o = g.origin ?? { row: 0, col: 0 };
    const r = (g.values[row - o.row] ??= []);
    r[col - o.col] = v;
  }
  get(sheet: string, row: number, col: number): CellValue {
    const g = this.grids.find((x) => x.name === sheet)!;
    const o = g.origin ?? { row: 0, col: 0 };
    return g.values[row - o.row]?.[col - o.col] ?? null;
  }
  async loadSetting<T>(k: string) {
    return (this.settings.get(k) as T | undefined) ?? null;
  }
  async saveSetting(k: string, v: unknown) {
    this.calls.push(`saveSetting ${k}`);
    this.settings.set(k, structuredClone(v));
  }
  onChanged(l: (c: RowChange) => void) {
    this.listeners.push(l);
    return () => {
      this.listeners = this.listeners.filter((x) => x !== l);
    };
  }
  emitChange(c: RowChange) {
    this.listeners.forEach((l) => l(c));
  }
  get listening() {
    return this.listeners.length;
  }
  async insertSheet(name: string, rows: CellValue[][]) {
    this.inserted.push({ name, rows });
  }
}
