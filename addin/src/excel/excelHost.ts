/**
 * The Excel implementation of WorkbookHost: the only code (with office.ts) that touches the
 * Excel object model. Every operation is a fixed number of context.sync() calls, whatever the
 * workbook's size; reads are split into several syncs only to stay under Excel on the web's
 * 5 MB payload limit per request. What is decided without Excel lives beside it: read planning
 * (readPlan.ts), mark bookkeeping (marks.ts) and which change events to follow (changeTracking.ts).
 */
import type { CellValue, Grid } from '../../../shared/grid';
import type { CellFix, CellMark, RowChange, WorkbookHost } from '../host/workbookHost';
import { a1 } from '../../../shared/a1';
import { FormulaCellError } from '../../../shared/xlsx/errors';
import { mustWriteAsText } from './textSafety';
import { CELLS_PER_SYNC, MERGE_SCAN_ROWS, extentOf, planReads, pushFormulas, rowsPerSync, toCellValue, type Extent } from './readPlan';
import {
  FILL_PROPS, MARKS_KEY, cellKey, decodeSaved, encodeSaved, isMarkFill, markFill, restorable, runsOf, shiftOf, shiftRecords, strongestPerCell,
  type SavedFill,
} from './marks';
import { OWN_WRITE_QUIET_MS, changedRows, isOwnWrite, subscription, type SheetChange } from './changeTracking';

// What callers (office.ts, tests) have always imported from here.
export { CELLS_PER_SYNC, MERGE_SCAN_ROWS } from './readPlan';
export { MARK_FILL, type SavedFill, type SavedFillFormat } from './marks';
export { OWN_WRITE_QUIET_MS, type SheetChange } from './changeTracking';

type RunFn = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  save(): Promise<void>;
}

export interface ExcelHostDeps {
  run: RunFn;
  /** Excel.run with delayForCellEdit, for work triggered while the clerk may be typing. */
  runAfterEdit?: RunFn;
  settings: SettingsStore;
  /** Cells per read request: CELLS_PER_SYNC on Excel on the web (5 MB limit), unbounded elsewhere. */
  cellsPerSync?: number;
  /** Range.getMergedAreasOrNullObject is ExcelApi 1.13, above the manifest's 1.9: only when supported. */
  mergedAreas?: boolean;
  /** Excel.createWorkbook(base64) (ExcelApi 1.8): opens .xlsx bytes as a new workbook. */
  createWorkbook?: (base64: string) => Promise<void>;
  /** Registers a worksheet-changed handler; returns its removal. */
  subscribe?: (handler: (e: SheetChange) => void) => Promise<() => Promise<void>>;
  now?: () => number;
}

export class ExcelWorkbookHost implements WorkbookHost {
  readonly kind = 'excel' as const;
  private saved = new Map<string, SavedFill>();
  private sheetNames = new Map<string, string>();
  /** Used extent per sheet at the last read: after a deletion, rows and columns that moved
   *  away are re-read (as empty) up to here, so no stale cell stays in the cached grid. */
  private extents = new Map<string, Extent>();
  private loadedSaved = false;
  private formulaCells = new Map<string, Map<string, string>>();
  /** Our own writes raise change events too; those are not the clerk's edits. */
  private ownWritesUntil = 0;

  constructor(private readonly deps: ExcelHostDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  hasWorkbook(): boolean {
    return true;
  }

  workbookName(): string | null {
    return null;
  }

  async readGrids(onProgress?: (done: number, total: number) => void): Promise<Grid[]> {
    return this.deps.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name,items/id');
      await ctx.sync();
      const used = sheets.items.map((ws) => {
        // valuesOnly: a formatted but empty tail (borders, fills) is not part of the register.
        const r = ws.getUsedRangeOrNullObject(true);
        r.load('rowIndex,columnIndex,rowCount,columnCount');
        return { ws, r };
      });
      await ctx.sync();
      this.sheetNames = new Map(sheets.items.map((ws) => [ws.id, ws.name]));

      // One grid per sheet; the read requests take rows sheet after sheet up to the cell budget each (readPlan.ts).
      const grids: Grid[] = used.map(({ ws, r }) => ({ name: ws.name, values: [], formats: [], formulas: [], origin: r.isNullObject ? { row: 0, col: 0 } : { row: r.rowIndex, col: r.columnIndex } }));
      for (const { ws, r } of used) {
        if (r.isNullObject) this.extents.delete(ws.name);
        else this.extents.set(ws.name, extentOf(r));
      }
      const batches = planReads(used.map(({ ws, r }) => ({ name: ws.name, used: r.isNullObject ? null : r })), this.deps.cellsPerSync ?? CELLS_PER_SYNC);

      // Merged header cells ride along with the first read request (no extra sync).
      const merges = this.deps.mergedAreas
        ? used.flatMap(({ ws, r }, index) => {
            if (r.isNullObject) return [];
            const areas = ws.getRangeByIndexes(r.rowIndex, r.columnIndex, Math.min(MERGE_SCAN_ROWS, r.rowCount), r.columnCount).getMergedAreasOrNullObject();
            areas.load('areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount');
            return [{ index, areas }];
          })
        : [];

      let done = 0;
      for (const batch of batches) {
        const loaded = batch.map((c) => {
          const range = used[c.index]!.ws.getRangeByIndexes(c.row, c.col, c.rows, c.cols);
          range.load('values,numberFormat,formulas');
          return { c, range };
        });
        await ctx.sync();
        for (const { c, range } of loaded) {
          const g = grids[c.index]!;
          for (let i = 0; i < range.values.length; i++) {
            g.values.push(range.values[i]!.map(toCellValue));
            g.formats!.push((range.numberFormat[i] ?? []).map((f) => String(f ?? 'General')));
            pushFormulas(g, range.formulas?.[i], range.values[i]);
          }
        }
        done += 1;
        onProgress?.(done, batches.length);
      }
      for (const { index, areas } of merges) {
        if (areas.isNullObject) continue;
        grids[index]!.merges = areas.areas.items.map((a) => ({ top: a.rowIndex, left: a.columnIndex, bottom: a.rowIndex + a.rowCount - 1, right: a.columnIndex + a.columnCount - 1 }));
      }
      this.formulaCells = new Map();
      for (const g of grids) this.rememberFormulas(g);
      return grids;
    });
  }

  async readRows(sheet: string, firstRow: number, lastRow: number): Promise<Grid> {
    const run = this.deps.runAfterEdit ?? this.deps.run;
    return run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const usedR = ws.getUsedRangeOrNullObject(true);
      usedR.load('rowIndex,rowCount,columnIndex,columnCount');
      await ctx.sync();
      if (usedR.isNullObject) {
        this.formulaCells.delete(sheet);
        return { name: sheet, values: [], formats: [], origin: { row: firstRow, col: 0 } };
      }
      // A structural change asks for rows to the sheet's end: read no further than the used
      // range now or at the last read (rows that moved up must come back empty), and across the
      // columns used now or then (a deleted column leaves its old cells to be emptied).
      const now = extentOf(usedR);
      const then = this.extents.get(sheet) ?? now;
      const last = Math.min(lastRow, Math.max(now.bottom, then.bottom, firstRow));
      const left = Math.min(now.left, then.left);
      const cols = Math.max(now.right, then.right) - left + 1;
      // A paste or a column insert can touch the whole sheet: the same web payload cap applies.
      const perSync = rowsPerSync(this.deps.cellsPerSync ?? CELLS_PER_SYNC, cols);
      const values: CellValue[][] = [];
      const formats: string[][] = [];
      const out: { formulas: (string | undefined)[][] } = { formulas: [] };
      for (let r = firstRow; r <= last; r += perSync) {
        const range = ws.getRangeByIndexes(r, left, Math.min(perSync, last - r + 1), cols);
        range.load('values,numberFormat,formulas');
        await ctx.sync();
        for (const row of range.values) values.push(row.map(toCellValue));
        for (const row of range.numberFormat) formats.push(row.map((f) => String(f ?? 'General')));
        for (let i = 0; i < range.values.length; i++) pushFormulas(out, range.formulas?.[i], range.values[i]);
      }
      this.extents.set(sheet, now);
      const grid: Grid = { name: sheet, values, formats, formulas: out.formulas, origin: { row: firstRow, col: left } };
      this.rememberFormulas(grid, { firstRow, lastRow: firstRow + values.length - 1 });
      return grid;
    });
  }

  private restoreSaved(): void {
    if (this.loadedSaved) return;
    this.loadedSaved = true;
    for (const s of decodeSaved(this.deps.settings.get(MARKS_KEY))) this.saved.set(cellKey(s.sheet, s.row, s.col), s);
  }

  /** Formats recorded for currently marked cells (for tests and diagnostics). */
  savedFills(): SavedFill[] {
    return [...this.saved.values()];
  }

  async markFindings(marks: CellMark[]): Promise<void> {
    this.restoreSaved();
    // One mark per cell: the most severe wins.
    const byCell = strongestPerCell(marks);
    if (!byCell.size) return;
    await this.deps.run(async (ctx) => {
      const sheets = sheetCache(ctx);
      // Record each not-yet-marked cell's whole fill in one getCellProperties per column run.
      const fresh = [...byCell.entries()].filter(([k]) => !this.saved.has(k)).map(([, m]) => m);
      const probes = runsOf(fresh).map((run) => ({
        run,
        props: sheets(run.sheet).getRangeByIndexes(run.row, run.col, run.cells.length, 1).getCellProperties({ format: { fill: FILL_PROPS } }),
      }));
      if (probes.length) await ctx.sync();
      for (const { run, props } of probes) {
        run.cells.forEach(({ row }, i) => {
          const fill = props.value[i]?.[0]?.format?.fill ?? {};
          this.saved.set(cellKey(run.sheet, row, run.col), { sheet: run.sheet, row, col: run.col, fill });
        });
      }
      for (const run of runsOf([...byCell.values()])) {
        sheets(run.sheet)
          .getRangeByIndexes(run.row, run.col, run.cells.length, 1)
          .setCellProperties(run.cells.map(({ value }) => [{ format: { fill: markFill((value as CellMark).severity) } }]));
      }
      await ctx.sync();
    });
    await this.persistSaved();
  }

  async clearMarks(): Promise<void> {
    this.restoreSaved();
    if (!this.saved.size) return;
    const records = [...this.saved.values()];
    try {
      await this.restoreFills(records);
    } catch {
      // A marked sheet was deleted or renamed since: restore what still exists.
      const names = await this.deps.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name');
        await ctx.sync();
        return new Set(sheets.items.map((ws) => ws.name));
      });
      await this.restoreFills(records.filter((r) => names.has(r.sheet)));
    }
    this.saved.clear();
    await this.persistSaved();
  }

  private async restoreFills(records: SavedFill[]): Promise<void> {
    if (!records.length) return;
    await this.deps.run(async (ctx) => {
      const sheets = sheetCache(ctx);
      // Only cells that still show our mark are restored: a cell the clerk recoloured since (or
      // one that moved into a marked position) keeps what it has now.
      const probes = runsOf(records).map((run) => ({
        run,
        props: sheets(run.sheet).getRangeByIndexes(run.row, run.col, run.cells.length, 1).getCellProperties({ format: { fill: { color: true, pattern: true } } }),
      }));
      await ctx.sync();
      const marked = probes.flatMap(({ run, props }) =>
        run.cells.filter((_, i) => isMarkFill(props.value[i]?.[0]?.format?.fill)).map(({ value }) => value as SavedFill),
      );
      // fill.clear() ("resets the range background") returns the run to no fill; setCellProperties
      // then writes back exactly what getCellProperties read (pattern colour and tints included)
      // for the cells that had a fill of their own.
      for (const run of runsOf(marked)) {
        const range = sheets(run.sheet).getRangeByIndexes(run.row, run.col, run.cells.length, 1);
        range.format.fill.clear();
        const props = run.cells.map(({ value }) => [{ format: { fill: restorable((value as SavedFill).fill) } }]);
        if (props.some(([p]) => Object.keys(p!.format.fill).length)) range.setCellProperties(props);
      }
      if (marked.length) await ctx.sync();
    });
  }

  /** Inserted or deleted rows/columns move marked cells: move their records with them. */
  private shiftSaved(e: SheetChange, sheet: string): void {
    const shift = shiftOf(e);
    if (!shift) return;
    this.restoreSaved();
    this.saved = shiftRecords(this.saved, shift, sheet);
    void this.persistSaved().catch(() => {});
  }

  private async persistSaved(): Promise<void> {
    this.deps.settings.set(MARKS_KEY, encodeSaved([...this.saved.values()]));
    await this.deps.settings.save();
  }

  async selectCell(sheet: string, row: number, col: number): Promise<void> {
    await this.deps.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getCell(row, col).select();
      await ctx.sync();
    });
  }

  /** Formula cells seen by the last reads ("row,col" → formula), kept current by readRows. */
  private rememberFormulas(g: Grid, rows?: { firstRow: number; lastRow: number }): void {
    const o = g.origin ?? { row: 0, col: 0 };
    let cells = this.formulaCells.get(g.name);
    if (!cells) this.formulaCells.set(g.name, (cells = new Map()));
    if (rows) for (const k of [...cells.keys()]) {
      const r = Number(k.slice(0, k.indexOf(',')));
      if (r >= rows.firstRow && r <= rows.lastRow) cells.delete(k);
    }
    g.formulas?.forEach((row, i) => row?.forEach((f, j) => {
      if (f) cells.set(`${i + o.row},${j + o.col}`, f);
    }));
  }

  async applyFixes(fixes: CellFix[]): Promise<void> {
    const writable = fixes.filter((f) => f.value !== null);
    if (!writable.length) return;
    // A formula is the clerk's own arithmetic: a fix never overwrites one (the read that found
    // the finding said which cells hold formulas; an edit since is re-read before any fix).
    for (const f of writable) {
      const formula = this.formulaCells.get(f.sheet)?.get(`${f.row},${f.col}`);
      if (formula) throw new FormulaCellError(f.sheet, a1(f.row, f.col), formula);
    }
    await this.deps.run(async (ctx) => {
      const sheets = sheetCache(ctx);
      for (const f of writable) {
        const cell = sheets(f.sheet).getCell(f.row, f.col);
        // Format first: the value is then taken as typed text, never a formula or a number.
        if (mustWriteAsText(f.value)) cell.numberFormat = [['@']];
        cell.values = [[f.value as string | number]];
      }
      await ctx.sync();
    });
    this.ownWritesUntil = this.now() + OWN_WRITE_QUIET_MS;
  }

  async insertSheet(name: string, rows: CellValue[][]): Promise<void> {
    const width = Math.max(1, ...rows.map((r) => r.length));
    await this.deps.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
      // Excel refuses \ / ? * [ ] : in sheet names and names over 31 characters; names are case-insensitive.
      const base = name.replace(/[\\/?*[\]:]/g, '_');
      let finalName = base.slice(0, 31);
      for (let i = 2; taken.has(finalName.toLowerCase()); i++) finalName = `${base.slice(0, 27)} (${i})`;
      const ws = sheets.add(finalName);
      if (rows.length) {
        const range = ws.getRangeByIndexes(0, 0, rows.length, width);
        const padded = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        range.numberFormat = padded.map((r) => r.map((v) => (typeof v === 'string' ? '@' : 'General')));
        range.values = padded.map((r) => r.map((v) => (v === null ? '' : v))) as (string | number | boolean)[][];
      }
      ws.activate();
      await ctx.sync();
    });
  }

  /** Opens a workbook (the consolidated report) as a new workbook beside the clerk's own. */
  async openWorkbook(bytes: ArrayBuffer): Promise<void> {
    if (!this.deps.createWorkbook) throw new Error('this Excel cannot open a new workbook (ExcelApi 1.8)');
    await this.deps.createWorkbook(toBase64(bytes));
  }

  async loadSetting<T>(k: string): Promise<T | null> {
    const v = this.deps.settings.get(k);
    return v === undefined || v === null ? null : (v as T);
  }

  async saveSetting(k: string, value: unknown): Promise<void> {
    this.deps.settings.set(k, value);
    await this.deps.settings.save();
  }

  onChanged(listener: (change: RowChange) => void): () => void {
    const subscribe = this.deps.subscribe;
    if (!subscribe) return () => {};
    return subscription(() => subscribe((e) => {
      const sheet = this.sheetNames.get(e.worksheetId);
      if (!sheet || isOwnWrite(e, this.now(), this.ownWritesUntil)) return;
      this.shiftSaved(e, sheet);
      const span = changedRows(e);
      if (span) listener({ sheet, ...span });
    }));
  }
}

/** One worksheet proxy per sheet name within a batch (fewer objects in the request). */
function sheetCache(ctx: Excel.RequestContext): (name: string) => Excel.Worksheet {
  const cache = new Map<string, Excel.Worksheet>();
  return (name) => {
    let ws = cache.get(name);
    if (!ws) {
      ws = ctx.workbook.worksheets.getItem(name);
      cache.set(name, ws);
    }
    return ws;
  };
}

/** Base64 of bytes, in slices so a multi-megabyte workbook does not overflow the argument list. */
export function toBase64(bytes: ArrayBuffer): string {
  const u8 = new Uint8Array(bytes);
  let bin = '';
  for (let i = 0; i < u8.length; i += 0x8000) bin += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return btoa(bin);
}
