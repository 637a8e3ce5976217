/**
 * The Excel implementation of WorkbookHost: the only code (with office.ts) that touches the
 * Excel object model. Every operation is a fixed number of context.sync() calls, whatever the
 * workbook's size; reads are split into several syncs only to stay under Excel on the web's
 * 5 MB payload limit per request.
 */
import type { CellValue, Grid } from '../../../shared/grid';
import type { CellFix, CellMark, RowChange, WorkbookHost } from '../host/workbookHost';
import { a1 } from '../../../shared/a1';
import { FormulaCellError } from '../../../shared/xlsx/errors';
import { colSpan, mustWriteAsText, rowSpan } from './textSafety';

/**
 * Cells (value + number format) fetched per sync on Excel on the web, whose requests and
 * responses are capped at 5 MB (RichApi.Error PayloadTooLarge). A roster cell costs ~30–45 bytes
 * of JSON (an 18-digit ID or CJK text plus a format such as "yyyy\\-mm\\-dd"), so 100,000 cells
 * stay near 3–4.5 MB; 200,000 did not leave room.
 */
export const CELLS_PER_SYNC = 100_000;

/** Rows at the top of a used range whose merged areas are read (header recognition scans 17). */
export const MERGE_SCAN_ROWS = 20;

/** Fill subproperties recorded and restored per cell (ExcelApi 1.9 cell properties). */
export type SavedFillFormat = Excel.CellPropertiesFill;
const FILL_PROPS: Excel.CellPropertiesFillLoadOptions = { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true };

export const MARK_FILL: Record<CellMark['severity'], string> = {
  error: '#F8CBAD',
  warning: '#FFE699',
  info: '#DDEBF7',
};

/**
 * A cell's own fill before we marked it, so clearing restores it exactly: colour, pattern,
 * pattern colour and both tints, as getCellProperties reports them. A cell with no fill reads
 * color "#FFFFFF" with pattern "None" — not the same as a white fill (pattern "Solid").
 */
export interface SavedFill {
  sheet: string;
  row: number;
  col: number;
  fill: SavedFillFormat;
}

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

/** The parts of Excel.WorksheetChangedEventArgs the adapter uses (plain data, no proxies). */
export interface SheetChange {
  address: string;
  worksheetId: string;
  changeType?: string;
  /** ExcelApi 1.14: "ThisLocalAddin" for our own writes. */
  triggerSource?: string;
}

/** Last row index of a worksheet (1,048,576 rows). */
const LAST_ROW = 1_048_575;

const MARKS_KEY = 'duesbook.marks';
/** How long after our own fixes a change event is taken to be their echo. */
export const OWN_WRITE_QUIET_MS = 1500;

interface Chunk {
  sheet: string;
  index: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Marked cells of one column that sit in consecutive rows: one range, one cell-properties call. */
interface Run {
  sheet: string;
  col: number;
  row: number;
  cells: { row: number; value: SavedFill | CellMark }[];
}

export class ExcelWorkbookHost implements WorkbookHost {
  readonly kind = 'excel' as const;
  private saved = new Map<string, SavedFill>();
  private sheetNames = new Map<string, string>();
  /** Used extent per sheet at the last read: after a deletion, rows and columns that moved
   *  away are re-read (as empty) up to here, so no stale cell stays in the cached grid. */
  private extents = new Map<string, { bottom: number; left: number; right: number }>();
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

      // Fill each read request up to the cell budget with rows, sheet after sheet: a sheet's
      // rows may end one request and start the next, so the reads take ceil(cells / budget)
      // syncs (a single row wider than the budget goes alone) — no short remainder chunk gets
      // a request of its own.
      const budget = this.deps.cellsPerSync ?? CELLS_PER_SYNC;
      const grids: Grid[] = [];
      const batches: Chunk[][] = [];
      let current: Chunk[] = [];
      let room = budget;
      used.forEach(({ ws, r }, index) => {
        if (r.isNullObject) {
          grids.push({ name: ws.name, values: [], formats: [], formulas: [], origin: { row: 0, col: 0 } });
          this.extents.delete(ws.name);
          return;
        }
        grids.push({ name: ws.name, values: [], formats: [], formulas: [], origin: { row: r.rowIndex, col: r.columnIndex } });
        this.extents.set(ws.name, extentOf(r));
        const width = Math.max(1, r.columnCount);
        for (let off = 0; off < r.rowCount; ) {
          let rows = Math.floor(room / width);
          if (rows < 1) {
            if (current.length) {
              batches.push(current);
              current = [];
              room = budget;
              continue;
            }
            rows = 1;
          }
          rows = Math.min(rows, r.rowCount - off);
          current.push({ sheet: ws.name, index, row: r.rowIndex + off, col: r.columnIndex, rows, cols: r.columnCount });
          room -= rows * width;
          off += rows;
        }
      });
      if (current.length) batches.push(current);

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
      const rowsPerSync = Math.max(1, Math.floor((this.deps.cellsPerSync ?? CELLS_PER_SYNC) / Math.max(1, cols)));
      const values: CellValue[][] = [];
      const formats: string[][] = [];
      const out: { formulas: (string | undefined)[][] } = { formulas: [] };
      for (let r = firstRow; r <= last; r += rowsPerSync) {
        const range = ws.getRangeByIndexes(r, left, Math.min(rowsPerSync, last - r + 1), cols);
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
    for (const s of decodeSaved(this.deps.settings.get(MARKS_KEY))) this.saved.set(key(s.sheet, s.row, s.col), s);
  }

  /** Formats recorded for currently marked cells (for tests and diagnostics). */
  savedFills(): SavedFill[] {
    return [...this.saved.values()];
  }

  async markFindings(marks: CellMark[]): Promise<void> {
    this.restoreSaved();
    // One mark per cell: the most severe wins.
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const byCell = new Map<string, CellMark>();
    for (const m of marks) {
      const k = key(m.sheet, m.row, m.col);
      const prev = byCell.get(k);
      if (!prev || rank[m.severity] < rank[prev.severity]) byCell.set(k, m);
    }
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
          this.saved.set(key(run.sheet, row, run.col), { sheet: run.sheet, row, col: run.col, fill });
        });
      }
      for (const run of runsOf([...byCell.values()])) {
        sheets(run.sheet)
          .getRangeByIndexes(run.row, run.col, run.cells.length, 1)
          .setCellProperties(run.cells.map(({ value }) => [{ format: { fill: { color: MARK_FILL[(value as CellMark).severity], pattern: 'Solid', tintAndShade: 0 } } }]));
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
    const rows = e.changeType === 'RowInserted' || e.changeType === 'RowDeleted';
    const cols = e.changeType === 'ColumnInserted' || e.changeType === 'ColumnDeleted';
    if (!rows && !cols) return;
    const rs = rows ? rowSpan(e.address) : null;
    const span = rs ? { first: rs.firstRow, last: rs.lastRow } : cols ? colSpan(e.address) : null;
    if (!span) return;
    this.restoreSaved();
    const n = span.last - span.first + 1;
    const inserted = e.changeType === 'RowInserted' || e.changeType === 'ColumnInserted';
    const next = new Map<string, SavedFill>();
    for (const [k, s] of this.saved) {
      if (s.sheet !== sheet) {
        next.set(k, s);
        continue;
      }
      const at = rows ? s.row : s.col;
      let moved = at;
      if (inserted && at >= span.first) moved = at + n;
      else if (!inserted && at > span.last) moved = at - n;
      else if (!inserted && at >= span.first) continue; // the marked cell itself was deleted
      const r = rows ? { ...s, row: moved } : { ...s, col: moved };
      next.set(key(r.sheet, r.row, r.col), r);
    }
    this.saved = next;
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
    if (!this.deps.subscribe) return () => {};
    let remove: (() => Promise<void>) | null = null;
    let stopped = false;
    void this.deps
      .subscribe((e) => {
        const sheet = this.sheetNames.get(e.worksheetId);
        if (!sheet || e.triggerSource === 'ThisLocalAddin') return;
        // Our fixes only edit cells, so inserted/deleted rows and columns are always the clerk's;
        // for plain edits, hosts before ExcelApi 1.14 (no triggerSource) fall back to a quiet window.
        const structural = e.changeType !== undefined && e.changeType !== 'RangeEdited' && e.changeType !== 'Unknown';
        if (!structural && this.now() < this.ownWritesUntil) return;
        this.shiftSaved(e, sheet);
        const span = changedRows(e);
        if (span) listener({ sheet, ...span });
      })
      .then((r) => {
        remove = r;
        if (stopped) void r();
      });
    return () => {
      stopped = true;
      if (remove) void remove();
    };
  }
}

const MARK_COLOURS = new Set(Object.values(MARK_FILL).map((c) => c.toUpperCase()));

function isMarkFill(fill: Excel.CellPropertiesFill | undefined): boolean {
  return !!fill && fill.pattern === 'Solid' && MARK_COLOURS.has(String(fill.color).toUpperCase());
}

function extentOf(r: Excel.Range): { bottom: number; left: number; right: number } {
  return { bottom: r.rowIndex + r.rowCount - 1, left: r.columnIndex, right: r.columnIndex + r.columnCount - 1 };
}

/**
 * Rows whose content may differ after a change. Inserted or deleted rows and cells shift
 * everything below them, so those rows are re-read to the sheet's end; inserted or deleted
 * columns shift every row.
 */
function changedRows(e: SheetChange): { firstRow: number; lastRow: number } | null {
  switch (e.changeType) {
    case 'ColumnInserted':
    case 'ColumnDeleted':
      return { firstRow: 0, lastRow: LAST_ROW };
    case 'RowInserted':
    case 'RowDeleted':
    case 'CellInserted':
    case 'CellDeleted': {
      const span = rowSpan(e.address);
      return span ? { firstRow: span.firstRow, lastRow: LAST_ROW } : { firstRow: 0, lastRow: LAST_ROW };
    }
    default:
      return rowSpan(e.address);
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

/** Groups cells into runs of consecutive rows in one column of one sheet. */
function runsOf<T extends { sheet: string; row: number; col: number }>(cells: T[]): Run[] {
  const sorted = [...cells].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col || a.row - b.row));
  const runs: Run[] = [];
  let cur: Run | null = null;
  for (const c of sorted) {
    if (cur && cur.sheet === c.sheet && cur.col === c.col && cur.row + cur.cells.length === c.row) {
      cur.cells.push({ row: c.row, value: c as unknown as SavedFill | CellMark });
    } else {
      cur = { sheet: c.sheet, col: c.col, row: c.row, cells: [{ row: c.row, value: c as unknown as SavedFill | CellMark }] };
      runs.push(cur);
    }
  }
  return runs;
}

/** The recorded fill as setCellProperties input; nothing for "None" (the cleared fill is it). */
function restorable(fill: SavedFillFormat): Excel.CellPropertiesFill {
  if (!fill.pattern || fill.pattern === 'None') return {};
  const out: Excel.CellPropertiesFill = {};
  for (const k of ['color', 'pattern', 'patternColor', 'tintAndShade', 'patternTintAndShade'] as const) {
    if (fill[k] !== undefined && fill[k] !== null) (out as Record<string, unknown>)[k] = fill[k];
  }
  return out;
}

/**
 * Marks are kept in the document settings (so a later pane session can clear them) in a compact
 * form: distinct sheets and fills once, then [sheet, row, col, fill] per cell — 10,000 marked
 * cells stay far below what document settings hold.
 */
interface StoredMarks {
  v: 2;
  sheets: string[];
  fills: SavedFillFormat[];
  cells: [number, number, number, number][];
}

function encodeSaved(records: SavedFill[]): StoredMarks {
  const sheets: string[] = [];
  const fills: SavedFillFormat[] = [];
  const sheetIx = new Map<string, number>();
  const fillIx = new Map<string, number>();
  const cells = records.map((r): [number, number, number, number] => {
    let s = sheetIx.get(r.sheet);
    if (s === undefined) sheetIx.set(r.sheet, (s = sheets.push(r.sheet) - 1));
    const fk = JSON.stringify(r.fill);
    let f = fillIx.get(fk);
    if (f === undefined) fillIx.set(fk, (f = fills.push(r.fill) - 1));
    return [s, r.row, r.col, f];
  });
  return { v: 2, sheets, fills, cells };
}

function decodeSaved(stored: unknown): SavedFill[] {
  if (Array.isArray(stored)) {
    // Version 1: one {sheet,row,col,color,pattern} object per cell.
    return (stored as { sheet: string; row: number; col: number; color: string; pattern: string }[]).map((s) => ({
      sheet: s.sheet,
      row: s.row,
      col: s.col,
      fill: { color: s.color, pattern: s.pattern as Excel.FillPattern },
    }));
  }
  const m = stored as StoredMarks | null | undefined;
  if (!m || m.v !== 2) return [];
  return m.cells.map(([s, row, col, f]) => ({ sheet: m.sheets[s]!, row, col, fill: m.fills[f] ?? {} }));
}

function key(sheet: string, row: number, col: number): string {
  return `${sheet}\u0000${row}\u0000${col}`;
}

/**
 * One row of Range.formulas into the grid's sparse formulas ("=ROUND(E5*F5,2)" → "ROUND(E5*F5,2)").
 * Range.formulas gives a constant's own value, so text stored as text that starts with "=" reads
 * the same in values and formulas: only a cell whose formula differs from its value is a formula.
 */
function pushFormulas(g: { formulas?: (string | undefined)[][] }, row: unknown[] | undefined, values: unknown[] | undefined): void {
  const fx = (g.formulas ??= []);
  let out: (string | undefined)[] | undefined;
  row?.forEach((f, j) => {
    if (typeof f === 'string' && f.length > 1 && f[0] === '=' && f !== values?.[j]) (out ??= [])[j] = f.slice(1);
  });
  fx.push(out ?? []);
}

function toCellValue(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** Base64 of bytes, in slices so a multi-megabyte workbook does not overflow the argument list. */
export function toBase64(bytes: ArrayBuffer): string {
  const u8 = new Uint8Array(bytes);
  let bin = '';
  for (let i = 0; i < u8.length; i += 0x8000) bin += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return btoa(bin);
}
