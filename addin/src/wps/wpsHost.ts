/**
 * The WPS 表格 implementation of WorkbookHost: with wpsModel.ts and start.ts, the only code that
 * touches WPS's objects. WPS's object model is synchronous and VBA-like: each property read,
 * write or method call is one call into WPS, so the host reads whole used ranges at once
 * (Value2 and Formula each return a 2-D array in one call) and reads number formats and fills
 * by uniform blocks — a multi-cell Range.NumberFormat or Interior.Color reads null when its
 * cells differ (as in Excel), so a block that reads null is halved until each part is uniform:
 * calls grow with the number of format boundaries, not with rows.
 */
import type { CellValue, Grid } from '../../../shared/grid';
import type { CellFix, CellMark, RowChange, WorkbookHost } from '../host/workbookHost';
import { mustWriteAsText } from '../excel/textSafety';
import { cellKey, strongestPerCell } from '../host/markCells';
import { DocSettings } from './docSettings';
import type { WpsApplication, WpsRange, WpsScalar, WpsWorkbook, WpsWorksheet } from './wpsModel';
import { XL_PATTERN_NONE, XL_PATTERN_SOLID } from './wpsModel';

/** Mark fills as WPS/Excel colour numbers (0xBBGGRR): the same colours as the Excel host's. */
export const MARK_COLOR: Record<CellMark['severity'], number> = {
  error: bgr('#F8CBAD'),
  warning: bgr('#FFE699'),
  info: bgr('#DDEBF7'),
};

export function bgr(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

/**
 * A cell's own fill before we marked it. Pattern xlPatternNone is "no fill" (not a white fill);
 * the other properties are kept only for a fill, and null where WPS would not say.
 */
export interface WpsFill {
  pattern: number;
  color?: number | null;
  patternColor?: number | null;
  tint?: number | null;
  patternTint?: number | null;
}

interface SavedFill {
  sheet: string;
  row: number;
  col: number;
  fill: WpsFill;
}

const MARKS_KEY = 'duesbook.marks';
const LAST_ROW = 1_048_575;
const LAST_COL = 16_383;
/** How long a cell we wrote is taken to be the source of a change event about it. */
export const OWN_WRITE_QUIET_MS = 1500;

export interface WpsHostDeps {
  app: WpsApplication;
  now?: () => number;
}

export class WpsWorkbookHost implements WorkbookHost {
  readonly kind = 'wps' as const;
  private saved = new Map<string, SavedFill>();
  private loadedSaved = false;
  private readonly settings: DocSettings;
  private extents = new Map<string, { bottom: number; left: number; right: number }>();
  /** Cells our fixes wrote, with when: their change events are our own, not the clerk's. */
  private ownWrites = new Map<string, number>();

  constructor(private readonly deps: WpsHostDeps) {
    this.settings = new DocSettings(() => this.deps.app.ActiveWorkbook);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private workbook(): WpsWorkbook {
    const wb = this.deps.app.ActiveWorkbook;
    if (!wb) throw new Error('WPS: no workbook is open');
    return wb;
  }

  hasWorkbook(): boolean {
    return this.deps.app.ActiveWorkbook !== null && this.deps.app.ActiveWorkbook !== undefined;
  }

  workbookName(): string | null {
    return this.deps.app.ActiveWorkbook?.Name ?? null;
  }

  async readGrids(onProgress?: (done: number, total: number) => void): Promise<Grid[]> {
    const sheets = this.workbook().Sheets;
    const n = sheets.Count;
    const grids: Grid[] = [];
    for (let i = 1; i <= n; i++) {
      const ws = sheets.Item(i);
      const name = ws.Name;
      const used = ws.UsedRange;
      const box = { row: used.Row - 1, col: used.Column - 1, rows: used.Rows.Count, cols: used.Columns.Count };
      const grid = trim(readBlock(ws, used, box, name), name);
      if (grid.values.length) {
        const o = grid.origin!;
        this.extents.set(name, { bottom: o.row + grid.values.length - 1, left: o.col, right: o.col + Math.max(...grid.values.map((r) => r.length)) - 1 });
      } else this.extents.delete(name);
      grids.push(grid);
      onProgress?.(i, n);
    }
    return grids;
  }

  async readRows(sheet: string, firstRow: number, lastRow: number): Promise<Grid> {
    const ws = this.workbook().Sheets.Item(sheet);
    const used = ws.UsedRange;
    const now = { bottom: used.Row - 1 + used.Rows.Count - 1, left: used.Column - 1, right: used.Column - 1 + used.Columns.Count - 1 };
    const then = this.extents.get(sheet) ?? now;
    // As in the Excel host: rows that moved up after a deletion come back empty, so read to the
    // larger of the used extent now and at the last read, across the columns of both.
    const last = Math.min(lastRow, Math.max(now.bottom, then.bottom, firstRow));
    const left = Math.min(now.left, then.left);
    const cols = Math.max(now.right, then.right) - left + 1;
    const rows = last - firstRow + 1;
    const range = ws.Cells.Item(firstRow + 1, left + 1).Resize(rows, cols);
    const grid = readBlock(ws, range, { row: firstRow, col: left, rows, cols }, sheet);
    this.extents.set(sheet, now);
    return grid;
  }

  private restoreSaved(): void {
    if (this.loadedSaved) return;
    this.loadedSaved = true;
    for (const s of decodeSaved(this.settings.get(MARKS_KEY))) this.saved.set(cellKey(s.sheet, s.row, s.col), s);
  }

  /** Fills recorded for currently marked cells (for tests and diagnostics). */
  savedFills(): SavedFill[] {
    return [...this.saved.values()];
  }

  async markFindings(marks: CellMark[]): Promise<void> {
    this.restoreSaved();
    const byCell = strongestPerCell(marks);
    if (!byCell.size) return;
    const sheets = sheetCache(this.workbook());
    // Record the fill of every cell not marked yet. Each column's span from its first to its last
    // fresh mark is read by uniform blocks, so scattered marks in a plain column cost one block.
    const fresh = [...byCell.entries()].filter(([k]) => !this.saved.has(k)).map(([, m]) => m);
    const spans = new Map<string, { sheet: string; col: number; rows: number[] }>();
    for (const m of fresh) {
      const k = `${m.sheet}\u0000${m.col}`;
      const span = spans.get(k) ?? { sheet: m.sheet, col: m.col, rows: [] };
      span.rows.push(m.row);
      spans.set(k, span);
    }
    for (const { sheet, col, rows } of spans.values()) {
      const top = Math.min(...rows);
      const fills = readFills(sheets.cells(sheet), top, col, Math.max(...rows) - top + 1);
      for (const row of rows) this.saved.set(cellKey(sheet, row, col), { sheet, row, col, fill: fills[row - top]! });
    }
    // Paint: one run of consecutive cells with the same severity is one range.
    for (const run of runsOf([...byCell.values()], (m) => m.severity)) {
      const interior = sheets.cells(run.sheet).Item(run.row + 1, run.col + 1).Resize(run.count, 1).Interior;
      interior.Pattern = XL_PATTERN_SOLID;
      interior.Color = MARK_COLOR[run.items[0]!.severity];
      interior.TintAndShade = 0;
    }
    this.persistSaved();
  }

  async clearMarks(): Promise<void> {
    this.restoreSaved();
    if (!this.saved.size) return;
    const sheets = sheetCache(this.workbook());
    const bySheet = new Map<string, SavedFill[]>();
    for (const s of this.saved.values()) bySheet.set(s.sheet, [...(bySheet.get(s.sheet) ?? []), s]);
    for (const [sheet, records] of bySheet) {
      let cells: WpsRange;
      try {
        cells = sheets.cells(sheet);
      } catch {
        continue; // the sheet was deleted or renamed since: nothing of ours to restore there
      }
      // Only cells still showing our mark are restored; a cell the clerk recoloured keeps it.
      const marked: SavedFill[] = [];
      for (const run of runsOf(records, () => '')) {
        const showing = readMarked(cells, run.row, run.col, run.count);
        run.items.forEach((r, i) => showing[i] && marked.push(r));
      }
      for (const run of runsOf(marked, (r) => JSON.stringify(r.fill))) writeFill(cells.Item(run.row + 1, run.col + 1).Resize(run.count, 1), run.items[0]!.fill);
    }
    this.saved.clear();
    this.persistSaved();
  }

  private persistSaved(): void {
    this.settings.set(MARKS_KEY, this.saved.size ? encodeSaved([...this.saved.values()]) : null);
  }

  async selectCell(sheet: string, row: number, col: number): Promise<void> {
    const ws = this.workbook().Sheets.Item(sheet);
    ws.Activate();
    ws.Cells.Item(row + 1, col + 1).Select();
  }

  async applyFixes(fixes: CellFix[]): Promise<void> {
    const writable = fixes.filter((f) => f.value !== null);
    if (!writable.length) return;
    const sheets = sheetCache(this.workbook());
    const app = this.deps.app;
    const events = app.EnableEvents;
    // Our own writes are not the clerk's edits: WPS, like Excel, raises no SheetChange while
    // EnableEvents is off; cells written are also remembered for events that arrive late.
    app.EnableEvents = false;
    try {
      for (const f of writable) {
        const cell = sheets.cells(f.sheet).Item(f.row + 1, f.col + 1);
        // A formula is the clerk's own calculation: never replaced by a constant.
        if (cell.HasFormula === true) continue;
        // Text WPS would re-read as a formula, number, date or boolean goes into a cell formatted
        // as text ("@", this cell only) first, so it stays exactly the text written.
        if (mustWriteAsText(f.value)) cell.NumberFormat = '@';
        cell.Value2 = f.value;
        this.ownWrites.set(cellKey(f.sheet, f.row, f.col), this.now() + OWN_WRITE_QUIET_MS);
      }
    } finally {
      app.EnableEvents = events;
    }
  }

  async loadSetting<T>(k: string): Promise<T | null> {
    const v = this.settings.get(k);
    return v === undefined || v === null ? null : (v as T);
  }

  async saveSetting(k: string, value: unknown): Promise<void> {
    this.settings.set(k, value);
  }

  onChanged(listener: (change: RowChange) => void): () => void {
    const handler = (sheetObj: object, rangeObj: object) => {
      const ws = sheetObj as Pick<WpsWorksheet, 'Name'>;
      const range = rangeObj as WpsRange;
      const sheet = ws.Name;
      const row = range.Row - 1;
      const col = range.Column - 1;
      const rows = range.Rows.Count;
      const cols = range.Columns.Count;
      if (rows === 1 && cols === 1 && this.isOwnWrite(sheet, row, col)) return;
      // Whole rows (inserted, deleted or cleared) and whole columns shift or touch everything
      // below: re-read to the sheet's end, as the Excel host does for structural changes.
      if (rows > LAST_ROW) listener({ sheet, firstRow: 0, lastRow: LAST_ROW });
      else if (cols > LAST_COL) listener({ sheet, firstRow: row, lastRow: LAST_ROW });
      else listener({ sheet, firstRow: row, lastRow: row + rows - 1 });
    };
    this.deps.app.ApiEvent.AddApiEventListener('SheetChange', handler);
    return () => this.deps.app.ApiEvent.RemoveApiEventListener('SheetChange', handler);
  }

  private isOwnWrite(sheet: string, row: number, col: number): boolean {
    const k = cellKey(sheet, row, col);
    const until = this.ownWrites.get(k);
    if (until === undefined) return false;
    this.ownWrites.delete(k);
    return this.now() < until;
  }
}

/** Sheets' Cells objects, fetched once per sheet per operation. */
function sheetCache(wb: WpsWorkbook) {
  const sheets = wb.Sheets;
  const cache = new Map<string, WpsRange>();
  return {
    cells(name: string): WpsRange {
      let c = cache.get(name);
      if (!c) {
        c = sheets.Item(name).Cells;
        cache.set(name, c);
      }
      return c;
    },
  };
}

interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Values (one call), formulas (one call) and number formats (uniform blocks) of a range. */
function readBlock(ws: WpsWorksheet, range: WpsRange, box: Box, name: string): Grid {
  const values = as2d(range.Value2, box).map((r) => r.map(toCellValue));
  const formulaText = as2d(range.Formula, box);
  let formulas: (string | undefined)[][] | undefined;
  // Range.Formula gives a constant as its text, so text that starts with "=" (written as text)
  // reads like a formula; a real formula's cached value is never its own formula text.
  formulaText.forEach((r, i) =>
    r.forEach((f, j) => {
      if (typeof f === 'string' && f.length > 1 && f.startsWith('=') && f !== values[i]?.[j]) {
        formulas ??= values.map(() => []);
        formulas[i]![j] = f.slice(1);
      }
    }),
  );
  const formats: string[][] = values.map(() => []);
  const cells = ws.Cells;
  for (let j = 0; j < box.cols; j++) {
    const col = blocks(box.rows, (start, n) => cells.Item(box.row + start + 1, box.col + j + 1).Resize(n, 1).NumberFormat as unknown, isMixedFormat);
    col.forEach((f, i) => (formats[i]![j] = typeof f === 'string' ? f : 'General'));
  }
  return { name, values, formats, origin: { row: box.row, col: box.col }, ...(formulas ? { formulas } : {}) };
}

function isMixedFormat(v: unknown): boolean {
  return v === null || v === undefined;
}

/**
 * Reads a column of n cells by uniform blocks: read(start, count) on the whole run, halving
 * any block whose answer is `mixed`. Returns one answer per cell. An answer may also be a
 * column array (a WPS that returns per-cell arrays for a multi-cell range).
 */
function blocks<T>(n: number, read: (start: number, count: number) => T, mixed: (v: T) => boolean): T[] {
  const out = new Array<T>(n);
  const visit = (start: number, count: number) => {
    const v = read(start, count);
    if (Array.isArray(v) && v.length === count) {
      v.forEach((x, i) => (out[start + i] = (Array.isArray(x) ? x[0] : x) as T));
      return;
    }
    if (count === 1 || !mixed(v)) {
      out.fill(v, start, start + count);
      return;
    }
    const half = Math.floor(count / 2);
    visit(start, half);
    visit(start + half, count - half);
  };
  if (n > 0) visit(0, n);
  return out;
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

/** The fills of n cells down one column, by uniform blocks. */
function readFills(cells: WpsRange, row: number, col: number, n: number): WpsFill[] {
  const fills = blocks<WpsFill | null>(
    n,
    (start, count) => {
      const interior = cells.Item(row + start + 1, col + 1).Resize(count, 1).Interior;
      const pattern = num(interior.Pattern);
      if (pattern === null) return null;
      if (pattern === XL_PATTERN_NONE) return { pattern };
      const fill: WpsFill = { pattern, color: num(interior.Color), patternColor: num(interior.PatternColor), tint: num(interior.TintAndShade), patternTint: num(interior.PatternTintAndShade) };
      // In a block, a null means its cells differ; in a single cell WPS simply would not say.
      if (count > 1 && (fill.color === null || fill.patternColor === null || fill.tint === null || fill.patternTint === null)) return null;
      return fill;
    },
    (v) => v === null,
  );
  return fills.map((f) => f ?? { pattern: XL_PATTERN_NONE });
}

/** Which of n cells down one column still show one of our mark fills. */
function readMarked(cells: WpsRange, row: number, col: number, n: number): boolean[] {
  const marks = new Set(Object.values(MARK_COLOR));
  return blocks<boolean | null>(
    n,
    (start, count) => {
      const interior = cells.Item(row + start + 1, col + 1).Resize(count, 1).Interior;
      const pattern = num(interior.Pattern);
      if (pattern === null) return null;
      if (pattern !== XL_PATTERN_SOLID) return false;
      const color = num(interior.Color);
      return color === null ? null : marks.has(color);
    },
    (v) => v === null,
  ).map((v) => v === true);
}

/** Writes a recorded fill back: "no fill" as such, a fill property by property. */
function writeFill(range: WpsRange, fill: WpsFill): void {
  const interior = range.Interior;
  interior.Pattern = fill.pattern;
  if (fill.pattern === XL_PATTERN_NONE) return;
  // Colour first: setting it resets the tint, which is then written back.
  if (fill.color !== null && fill.color !== undefined) interior.Color = fill.color;
  if (fill.tint !== null && fill.tint !== undefined) interior.TintAndShade = fill.tint;
  if (fill.patternColor !== null && fill.patternColor !== undefined) interior.PatternColor = fill.patternColor;
  if (fill.patternTint !== null && fill.patternTint !== undefined) interior.PatternTintAndShade = fill.patternTint;
}

interface Run<T> {
  sheet: string;
  col: number;
  row: number;
  count: number;
  items: T[];
}

/** Consecutive rows of one column of one sheet with the same group key. */
function runsOf<T extends { sheet: string; row: number; col: number }>(cells: T[], group: (c: T) => string): Run<T>[] {
  const sorted = [...cells].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col || a.row - b.row));
  const runs: Run<T>[] = [];
  let cur: (Run<T> & { g: string }) | null = null;
  for (const c of sorted) {
    const g = group(c);
    if (cur && cur.sheet === c.sheet && cur.col === c.col && cur.row + cur.count === c.row && cur.g === g) {
      cur.count += 1;
      cur.items.push(c);
    } else {
      cur = { sheet: c.sheet, col: c.col, row: c.row, count: 1, items: [c], g };
      runs.push(cur);
    }
  }
  return runs;
}

/** A 1×1 range gives a scalar, a larger one a 2-D array: always a 2-D array here. */
function as2d(v: WpsScalar | WpsScalar[][] | string | string[][], box: Box): WpsScalar[][] {
  if (Array.isArray(v)) return v.map((r) => (Array.isArray(r) ? r : [r]));
  if (box.rows === 1 && box.cols === 1) return [[v]];
  return Array.from({ length: box.rows }, () => Array.from({ length: box.cols }, () => undefined));
}

/**
 * UsedRange also covers cells that are only formatted (a filled but empty tail); the grid, like
 * the Excel host's value-only used range, starts and ends at the first and last cell with content.
 */
function trim(g: Grid, name: string): Grid {
  const has = (r: number, c: number) => (g.values[r]?.[c] ?? null) !== null || !!g.formulas?.[r]?.[c];
  const rows = g.values.length;
  const cols = Math.max(0, ...g.values.map((r) => r.length));
  let top = rows, bottom = -1, left = cols, right = -1;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++)
      if (has(r, c)) {
        top = Math.min(top, r); bottom = Math.max(bottom, r); left = Math.min(left, c); right = Math.max(right, c);
      }
  const o = g.origin ?? { row: 0, col: 0 };
  if (bottom < 0) return { name, values: [], formats: [], origin: { row: 0, col: 0 } };
  const cut = <T,>(m: T[][] | undefined) => m?.slice(top, bottom + 1).map((r) => r.slice(left, right + 1));
  const formulas = cut(g.formulas);
  return {
    name,
    values: cut(g.values)!,
    formats: cut(g.formats)!,
    origin: { row: o.row + top, col: o.col + left },
    ...(formulas && formulas.some((r) => r.some(Boolean)) ? { formulas } : {}),
  };
}

function toCellValue(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/**
 * Stored compactly (a property holds 255 characters): distinct sheets and fills once, then one
 * [sheet, row, col, count, fill] per run of consecutive rows in one column with the same fill —
 * a marked column of 1,000 plain cells is one entry.
 */
interface StoredMarks {
  v: 1;
  sheets: string[];
  fills: WpsFill[];
  runs: [number, number, number, number, number][];
}

function encodeSaved(records: SavedFill[]): StoredMarks {
  const sheets: string[] = [];
  const fills: WpsFill[] = [];
  const sheetIx = new Map<string, number>();
  const fillIx = new Map<string, number>();
  const runs = runsOf(records, (r) => JSON.stringify(r.fill)).map((run): [number, number, number, number, number] => {
    let s = sheetIx.get(run.sheet);
    if (s === undefined) sheetIx.set(run.sheet, (s = sheets.push(run.sheet) - 1));
    const fk = JSON.stringify(run.items[0]!.fill);
    let f = fillIx.get(fk);
    if (f === undefined) fillIx.set(fk, (f = fills.push(run.items[0]!.fill) - 1));
    return [s, run.row, run.col, run.count, f];
  });
  return { v: 1, sheets, fills, runs };
}

function decodeSaved(stored: unknown): SavedFill[] {
  const m = stored as StoredMarks | null | undefined;
  if (!m || m.v !== 1 || !Array.isArray(m.runs)) return [];
  return m.runs.flatMap(([s, row, col, count, f]) =>
    Array.from({ length: count }, (_, i) => ({ sheet: m.sheets[s]!, row: row + i, col, fill: m.fills[f] ?? { pattern: XL_PATTERN_NONE } })),
  );
}
