/**
 * The Excel implementation of WorkbookHost: the only code (with office.ts) that touches the
 * Excel object model. Every operation is a fixed number of context.sync() calls, whatever the
 * workbook's size; reads are split into several syncs only to stay under Excel on the web's
 * 5 MB payload limit per request.
 */
import type { CellValue, Grid } from '../../../shared/grid';
import type { CellFix, CellMark, RowChange, WorkbookHost } from '../host/workbookHost';
import { mustWriteAsText, rowSpan } from './textSafety';

/** Cells (value + number format) fetched per sync: ~20 bytes a cell keeps a request near 4 MB. */
export const CELLS_PER_SYNC = 200_000;

export const MARK_FILL: Record<CellMark['severity'], string> = {
  error: '#F8CBAD',
  warning: '#FFE699',
  info: '#DDEBF7',
};

/** A cell's own fill before we marked it, so clearing restores it exactly. */
export interface SavedFill {
  sheet: string;
  row: number;
  col: number;
  color: string;
  /** 'None' when the cell had no fill at all (a white fill is not the same). */
  pattern: string;
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
  /** Registers a worksheet-changed handler; returns its removal. */
  /** Cells per read request: CELLS_PER_SYNC on Excel on the web (5 MB limit), unbounded elsewhere. */
  cellsPerSync?: number;
  subscribe?: (handler: (e: { address: string; worksheetId: string }) => void) => Promise<() => Promise<void>>;
  now?: () => number;
}

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

export class ExcelWorkbookHost implements WorkbookHost {
  readonly kind = 'excel' as const;
  private saved = new Map<string, SavedFill>();
  private sheetNames = new Map<string, string>();
  private loadedSaved = false;
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
        const r = ws.getUsedRangeOrNullObject(true);
        r.load('rowIndex,columnIndex,rowCount,columnCount');
        return { ws, r };
      });
      await ctx.sync();
      this.sheetNames = new Map(sheets.items.map((ws) => [ws.id, ws.name]));

      // Plan row chunks per sheet, then pack chunks into syncs under the cell budget.
      const budget = this.deps.cellsPerSync ?? CELLS_PER_SYNC;
      const grids: Grid[] = [];
      const chunks: Chunk[] = [];
      used.forEach(({ ws, r }, index) => {
        if (r.isNullObject) {
          grids.push({ name: ws.name, values: [], formats: [], origin: { row: 0, col: 0 } });
          return;
        }
        grids.push({ name: ws.name, values: [], formats: [], origin: { row: r.rowIndex, col: r.columnIndex } });
        const rowsPerChunk = Math.max(1, Math.floor(budget / Math.max(1, r.columnCount)));
        for (let off = 0; off < r.rowCount; off += rowsPerChunk) {
          chunks.push({ sheet: ws.name, index, row: r.rowIndex + off, col: r.columnIndex, rows: Math.min(rowsPerChunk, r.rowCount - off), cols: r.columnCount });
        }
      });
      const batches: Chunk[][] = [];
      let current: Chunk[] = [];
      let cells = 0;
      for (const c of chunks) {
        const n = c.rows * c.cols;
        if (current.length && cells + n > budget) {
          batches.push(current);
          current = [];
          cells = 0;
        }
        current.push(c);
        cells += n;
      }
      if (current.length) batches.push(current);

      let done = 0;
      for (const batch of batches) {
        const loaded = batch.map((c) => {
          const range = used[c.index]!.ws.getRangeByIndexes(c.row, c.col, c.rows, c.cols);
          range.load('values,numberFormat');
          return { c, range };
        });
        await ctx.sync();
        for (const { c, range } of loaded) {
          const g = grids[c.index]!;
          for (let i = 0; i < range.values.length; i++) {
            g.values.push(range.values[i]!.map(toCellValue));
            g.formats!.push((range.numberFormat[i] ?? []).map((f) => String(f ?? 'General')));
          }
        }
        done += 1;
        onProgress?.(done, batches.length);
      }
      return grids;
    });
  }

  async readRows(sheet: string, firstRow: number, lastRow: number): Promise<Grid> {
    const run = this.deps.runAfterEdit ?? this.deps.run;
    return run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const usedR = ws.getUsedRangeOrNullObject(true);
      usedR.load('columnIndex,columnCount');
      await ctx.sync();
      if (usedR.isNullObject) return { name: sheet, values: [], formats: [], origin: { row: firstRow, col: 0 } };
      const range = ws.getRangeByIndexes(firstRow, usedR.columnIndex, lastRow - firstRow + 1, usedR.columnCount);
      range.load('values,numberFormat');
      await ctx.sync();
      return {
        name: sheet,
        values: range.values.map((row) => row.map(toCellValue)),
        formats: range.numberFormat.map((row) => row.map((f) => String(f ?? 'General'))),
        origin: { row: firstRow, col: usedR.columnIndex },
      };
    });
  }

  private restoreSaved(): void {
    if (this.loadedSaved) return;
    this.loadedSaved = true;
    const stored = this.deps.settings.get(MARKS_KEY);
    if (Array.isArray(stored)) {
      for (const s of stored as SavedFill[]) this.saved.set(key(s.sheet, s.row, s.col), s);
    }
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
      const sheets = ctx.workbook.worksheets;
      const fresh = [...byCell.entries()].filter(([k]) => !this.saved.has(k));
      const probes = fresh.map(([, m]) => {
        const fill = sheets.getItem(m.sheet).getCell(m.row, m.col).format.fill;
        fill.load('color,pattern');
        return { m, fill };
      });
      if (probes.length) await ctx.sync();
      for (const { m, fill } of probes) {
        this.saved.set(key(m.sheet, m.row, m.col), { sheet: m.sheet, row: m.row, col: m.col, color: fill.color, pattern: String(fill.pattern ?? 'Solid') });
      }
      for (const m of byCell.values()) {
        sheets.getItem(m.sheet).getCell(m.row, m.col).format.fill.color = MARK_FILL[m.severity];
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
      const sheets = ctx.workbook.worksheets;
      for (const s of records) {
        const fill = sheets.getItem(s.sheet).getCell(s.row, s.col).format.fill;
        if (s.pattern === 'None') fill.clear();
        else {
          fill.color = s.color;
          if (s.pattern !== 'Solid') fill.pattern = s.pattern as Excel.FillPattern;
        }
      }
      await ctx.sync();
    });
  }

  private async persistSaved(): Promise<void> {
    this.deps.settings.set(MARKS_KEY, [...this.saved.values()]);
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

  async applyFixes(fixes: CellFix[]): Promise<void> {
    const writable = fixes.filter((f) => f.value !== null);
    if (!writable.length) return;
    await this.deps.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      for (const f of writable) {
        const cell = sheets.getItem(f.sheet).getCell(f.row, f.col);
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
      const taken = new Set(sheets.items.map((s) => s.name));
      let finalName = name.slice(0, 31);
      for (let i = 2; taken.has(finalName); i++) finalName = `${name.slice(0, 27)} (${i})`;
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
        if (this.now() < this.ownWritesUntil) return;
        const span = rowSpan(e.address);
        const sheet = this.sheetNames.get(e.worksheetId);
        if (span && sheet) listener({ sheet, ...span });
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

function key(sheet: string, row: number, col: number): string {
  return `${sheet}\u0000${row}\u0000${col}`;
}

function toCellValue(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
