/**
 * Browser mode: the workbook is a dropped .xlsx file. It is read into grids with the shared
 * reader (exceljs); fixes are applied to those grids at once (so the re-check sees them) and
 * to a corrected copy on download. Marks live in memory only: the clerk's file is untouched.
 * exceljs is loaded only here and only when a file is opened: inside Excel it is never needed.
 */
import { looksLikeFormula } from '../../../shared/cell-text';
import type { Grid } from '../../../shared/grid';
import type { CellFix, CellMark, FileWorkbookHost, RowChange } from '../host/workbookHost';

export class FileHost implements FileWorkbookHost {
  readonly kind = 'file' as const;
  private bytes: ArrayBuffer | null = null;
  private name: string | null = null;
  private grids: Grid[] = [];
  private fixes: CellFix[] = [];
  private settings = new Map<string, unknown>();
  marks: CellMark[] = [];
  selected: { sheet: string; row: number; col: number } | null = null;

  hasWorkbook(): boolean {
    return this.bytes !== null;
  }

  workbookName(): string | null {
    return this.name;
  }

  /**
   * Reads the file in the check Web Worker (the UI thread gets progress, then the grids in
   * short slices); on the main thread only where no worker can run.
   */
  async open(bytes: ArrayBuffer, name: string, onProgress?: (done: number, total: number) => void): Promise<void> {
    const { readWorkbookOffThread } = await import('../check/runner');
    const grids = await readWorkbookOffThread(bytes, onProgress);
    this.bytes = bytes;
    this.name = name;
    this.grids = grids;
    this.fixes = [];
    this.marks = [];
  }

  async readGrids(onProgress?: (done: number, total: number) => void): Promise<Grid[]> {
    onProgress?.(1, 1);
    return this.grids;
  }

  async readRows(sheet: string, firstRow: number, lastRow: number): Promise<Grid> {
    const g = this.grids.find((x) => x.name === sheet);
    const o = g?.origin ?? { row: 0, col: 0 };
    return {
      name: sheet,
      values: (g?.values ?? []).slice(firstRow - o.row, lastRow - o.row + 1),
      origin: { row: firstRow, col: o.col },
    };
  }

  async markFindings(marks: CellMark[]): Promise<void> {
    this.marks = marks;
  }

  async clearMarks(): Promise<void> {
    this.marks = [];
  }

  async selectCell(sheet: string, row: number, col: number): Promise<void> {
    this.selected = { sheet, row, col };
  }

  async applyFixes(fixes: CellFix[]): Promise<void> {
    const writable = fixes.filter((f) => f.value !== null);
    this.grids = this.grids.map((g) => {
      const mine = writable.filter((f) => f.sheet === g.name);
      if (!mine.length) return g;
      const o = g.origin ?? { row: 0, col: 0 };
      const values = g.values.map((r) => r.slice());
      const formats = g.formats?.map((r) => r.slice());
      for (const f of mine) {
        const r = f.row - o.row;
        const c = f.col - o.col;
        while (values.length <= r) values.push([]);
        values[r]![c] = f.value;
        if (formats && typeof f.value === 'string') {
          while (formats.length <= r) formats.push([]);
          formats[r]![c] = '@';
        }
      }
      return { ...g, values, ...(formats ? { formats } : {}) };
    });
    this.fixes.push(...writable);
  }

  async correctedCopy(): Promise<{ bytes: ArrayBuffer; name: string }> {
    if (!this.bytes) throw new Error('no workbook open');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(this.bytes);
    for (const f of this.fixes) {
      const ws = wb.getWorksheet(f.sheet);
      if (!ws) continue;
      const cell = ws.getCell(f.row + 1, f.col + 1);
      if (typeof f.value === 'string') {
        // Text stays text: a string cell is never a formula in exceljs, and "@" keeps Excel
        // from re-reading it as a number or formula when the clerk edits it.
        cell.numFmt = '@';
        cell.value = looksLikeFormula(f.value) ? { richText: [{ text: f.value }] } : f.value;
      } else cell.value = f.value;
    }
    const out = await wb.xlsx.writeBuffer();
    const base = (this.name ?? 'workbook.xlsx').replace(/\.xlsx$/i, '');
    const u8 = new Uint8Array(out as ArrayBuffer);
    return { bytes: u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer, name: `${base}-修正.xlsx` };
  }

  async loadSetting<T>(key: string): Promise<T | null> {
    return (this.settings.get(key) as T | undefined) ?? null;
  }

  async saveSetting(key: string, value: unknown): Promise<void> {
    this.settings.set(key, value);
  }

  onChanged(_listener: (change: RowChange) => void): () => void {
    return () => {};
  }
}
