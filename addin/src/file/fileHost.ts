/**
 * Browser mode: the workbook is a dropped .xlsx file. It is read into grids with the shared
 * reader; fixes are applied to those grids at once (so the re-check sees them, formulas over
 * them recomputed) and, on download, patched into the clerk's own package (shared/xlsx/patch.ts):
 * only the fixed cells change, no library re-writes the rest. A formula cell is never written.
 * Marks live in memory only; a marked copy (notes and fills) is a separate download.
 */
import type { Finding } from '../../../shared/findings/finding';
import type { Recalculated } from '../../../shared/fix/recalc';
import type { Grid } from '../../../shared/grid';
import type { CellWrite } from '../../../shared/xlsx/patch';
import type { CellFix, CellMark, FileWorkbookHost, RowChange } from '../host/workbookHost';

export class FileHost implements FileWorkbookHost {
  readonly kind = 'file' as const;
  private bytes: ArrayBuffer | null = null;
  private name: string | null = null;
  private grids: Grid[] = [];
  /** Each fixed cell once, with the last value written to it. */
  private fixes = new Map<string, CellWrite>();
  /** Formula cells over fixed cells, with their recomputed results (their formulas kept). */
  private recalculated = new Map<string, Recalculated>();
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
    this.fixes = new Map();
    this.recalculated = new Map();
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
    const [{ applyToGrids }, { FormulaCellError }, { mustWriteAsText }] = await Promise.all([
      import('../../../shared/fix/apply'), import('../../../shared/xlsx/patch'), import('../../../shared/xlsx/text-safety'),
    ]);
    const applied = applyToGrids(this.grids, fixes);
    // All or nothing: a fix aimed at a formula is refused before any is applied.
    const refused = applied.refused[0];
    if (refused) throw new FormulaCellError(refused.sheet, refused.cell, refused.formula);
    // The grids show what the copy will hold: text that must stay text reads as "@".
    this.grids = applied.grids.map((g) => {
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
    for (const w of applied.writes) this.fixes.set(`${w.sheet}\u0000${w.row}\u0000${w.col}`, w);
    for (const r of applied.recalculated) this.recalculated.set(`${r.sheet}\u0000${r.row}\u0000${r.col}`, r);
  }

  private baseName(): string {
    return (this.name ?? 'workbook.xlsx').replace(/\.xlsx$/i, '');
  }

  private async corrected(): Promise<Uint8Array> {
    if (!this.bytes) throw new Error('no workbook open');
    if (!this.fixes.size) return new Uint8Array(this.bytes);
    const { writeCorrected } = await import('../../../shared/fix/apply');
    return writeCorrected(this.bytes, [...this.fixes.values()], [...this.recalculated.values()]).bytes;
  }

  async correctedCopy(): Promise<{ bytes: ArrayBuffer; name: string }> {
    return { bytes: toArrayBuffer(await this.corrected()), name: `${this.baseName()}-修正.xlsx` };
  }

  /** The workbook as it now is (fixes applied, if any) with a note and a fill on each finding's cell. */
  async markedCopy(findings: Finding[], opts: { asOf?: string; lang?: 'zh' | 'en' } = {}): Promise<{ bytes: ArrayBuffer; name: string }> {
    const { markWorkbook } = await import('../../../shared/xlsx/mark');
    const lang = opts.lang ?? 'zh';
    const heading = opts.asOf
      ? (lang === 'zh' ? `Duesbook 检查意见（截至 ${opts.asOf}）` : `Duesbook findings (as of ${opts.asOf})`)
      : undefined;
    const out = markWorkbook(await this.corrected(), findings, { lang, ...(heading ? { heading } : {}) });
    return { bytes: toArrayBuffer(out.bytes), name: `${this.baseName()}-标注.xlsx` };
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

function toArrayBuffer(u8: Uint8Array): ArrayBuffer {
  return u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer;
}
