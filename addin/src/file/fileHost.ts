/**
 * Browser mode: the workbook is a dropped .xlsx file. It is read into grids with the shared
 * reader, in the check worker, where the grids stay (this thread asks for the cells it shows);
 * fixes are applied to those grids at once (so the re-check sees them, formulas over
 * them recomputed) and, on download, patched into the clerk's own package (shared/xlsx/patch.ts):
 * only the fixed cells change, no library re-writes the rest. A formula cell is never written.
 * Marks live in memory only; a marked copy (notes and fills) is a separate download.
 */
import type { Finding } from '../../../shared/findings/finding';
import type { Recalculated } from '../../../shared/fix/recalc';
import type { Grid } from '../../../shared/grid';
import type { CellWrite } from '../../../shared/xlsx/patch';
import type { WorkbookBranch } from '../../../shared/recognise/branch-name';
import type { KeptWorkbook } from '../check/runner';
import type { CellFix, CellMark, FileWorkbookHost, RowChange } from '../host/workbookHost';
import type { SheetWindow, WindowTable } from './sheetWindow';

export class FileHost implements FileWorkbookHost {
  readonly kind = 'file' as const;
  private bytes: ArrayBuffer | null = null;
  private name: string | null = null;
  /** The grids, kept in the check worker where one runs: this thread holds each sheet's first rows. */
  private kept: KeptWorkbook | null = null;
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
   * Reads the file in the check Web Worker (the UI thread gets progress, then each sheet's
   * first rows); on the main thread only where no worker can run.
   */
  async open(bytes: ArrayBuffer, name: string, onProgress?: (done: number, total: number) => void): Promise<void> {
    const { readWorkbookOffThread } = await import('../check/runner');
    const kept = await readWorkbookOffThread(bytes, onProgress);
    this.bytes = bytes;
    this.name = name;
    this.kept = kept;
    this.fixes = new Map();
    this.recalculated = new Map();
    this.marks = [];
  }

  /**
   * The grids the pane holds: where the check worker keeps the workbook, each sheet's first rows
   * only (a check of them goes by reference to the whole, runner.ts); the cells further down are
   * asked for (windowAt, readRows).
   */
  async readGrids(onProgress?: (done: number, total: number) => void): Promise<Grid[]> {
    onProgress?.(1, 1);
    return this.kept?.head.grids ?? [];
  }

  /** The branch the workbook names, read from all its rows where they are kept. */
  workbookBranch(): WorkbookBranch | null {
    return this.kept?.head.branch ?? null;
  }

  /** The cells around one (a finding in place), from wherever the grids are kept. */
  async windowAt(tables: readonly WindowTable[], sheet: string, row: number, col: number): Promise<SheetWindow | null> {
    return this.kept ? this.kept.window(tables, sheet, row, col) : null;
  }

  async readRows(sheet: string, firstRow: number, lastRow: number): Promise<Grid> {
    if (!this.kept) return { name: sheet, values: [], origin: { row: firstRow, col: 0 } };
    return this.kept.rows(sheet, firstRow, lastRow);
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

  /** Applied to the kept grids (all or nothing; a fix aimed at a formula refuses the lot); the writes are remembered for the copy. */
  async applyFixes(fixes: CellFix[]): Promise<void> {
    if (!this.kept) throw new Error('no workbook open');
    const applied = await this.kept.fix(fixes);
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
