/**
 * A fake of WPS 表格's object model, typed from wps-jsapi's declarations through
 * addin/src/wps/wpsModel.ts (every class implements the model's Pick of Et.* / Kso.*), behaving
 * like WPS (and Excel's COM model, which WPS mirrors) where it matters to the host:
 * - every property read, write and method call is one call into WPS: `calls` counts them, as
 *   tests/addin/excel/ counts context.sync();
 * - Value2 / Formula of a multi-cell range are 2-D arrays; NumberFormat, HasFormula and each
 *   Interior property read null when the range's cells differ;
 * - a string written to Value2 of a cell not formatted as text is re-read as typed: "=…" a
 *   formula, digits a number (losing digits past 15), TRUE a boolean, "1/2" a date; a leading
 *   apostrophe keeps text;
 * - UsedRange covers formatted cells too; setting Interior.Color on "no fill" makes it solid;
 * - a string document property keeps at most 255 characters (Excel's limit);
 * - SheetChange fires for value writes while Application.EnableEvents is true.
 */
import type {
  WpsApiEvent,
  WpsApplication,
  WpsDocumentProperties,
  WpsDocumentProperty,
  WpsInterior,
  WpsRange,
  WpsScalar,
  WpsSheets,
  WpsWorkbook,
  WpsWorksheet,
} from '../../../addin/src/wps/wpsModel';

export const XL_NONE = -4142;
export const XL_SOLID = 1;
const WHITE = 0xffffff;
const LAST_ROW = 1_048_575;
const LAST_COL = 16_383;

export interface FakeFill {
  pattern: number;
  color: number;
  patternColor: number;
  tint: number;
  patternTint: number;
}

/** What WPS/Excel report for a cell with no fill: white, pattern xlNone (a white fill is xlSolid). */
export const NO_FILL: FakeFill = { pattern: XL_NONE, color: WHITE, patternColor: 0, tint: 0, patternTint: 0 };

export interface FakeCell {
  value: string | number | boolean | undefined;
  formula: string | null;
  numberFormat: string;
  fill: FakeFill;
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  constructor(public name: string) {}
  cell(r: number, c: number): FakeCell {
    const k = `${r},${c}`;
    let cell = this.cells.get(k);
    if (!cell) {
      cell = { value: undefined, formula: null, numberFormat: 'General', fill: { ...NO_FILL } };
      this.cells.set(k, cell);
    }
    return cell;
  }
  peek(r: number, c: number): FakeCell | undefined {
    return this.cells.get(`${r},${c}`);
  }
  setRow(r: number, values: (string | number | null)[], startCol = 0): void {
    values.forEach((v, i) => {
      if (v !== null) this.cell(r, startCol + i).value = v;
    });
  }
  /** Cells with a value, a formula or formatting of their own: what UsedRange covers. */
  used(): { row: number; col: number; rows: number; cols: number } {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [k, cell] of this.cells) {
      const formatted = cell.numberFormat !== 'General' || cell.fill.pattern !== XL_NONE;
      if (cell.value === undefined && !cell.formula && !formatted) continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
    }
    // An empty sheet's UsedRange is A1.
    return r1 < 0 ? { row: 0, col: 0, rows: 1, cols: 1 } : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

/** Excel's typed-entry parsing of a string written into a cell that is not text-formatted. */
function enter(cell: FakeCell, x: unknown): void {
  cell.formula = null;
  if (typeof x !== 'string' || cell.numberFormat === '@') {
    cell.value = x === '' || x === null ? undefined : (x as string | number | boolean | undefined);
    return;
  }
  if (x.startsWith("'")) {
    cell.value = x.slice(1);
  } else if (/^[=+\-@]/.test(x) && x.length > 1) {
    cell.formula = x.startsWith('=') ? x : `=${x}`;
    cell.value = '#NAME?';
  } else if (/^\d+(\.\d+)?$/.test(x)) {
    cell.value = Number(Number(x).toPrecision(15));
  } else if (/^(true|false)$/i.test(x)) {
    cell.value = x.toLowerCase() === 'true';
  } else if (/^\d+\/\d+(\/\d+)?$/.test(x) || /^\d{4}年\d{1,2}月(\d{1,2}日)?$/.test(x) || /^\d+(\.\d+)?%$/.test(x)) {
    cell.value = 45000; // some serial or fraction: no longer the text written
  } else {
    cell.value = x === '' ? undefined : x;
  }
}

function uniform<T>(items: T[]): T | null {
  if (!items.length) return null;
  const first = items[0]!;
  return items.every((x) => x === first) ? first : null;
}

class FakeInterior implements WpsInterior {
  constructor(private readonly range: FakeRange) {}
  private read<K extends keyof FakeFill>(k: K): FakeFill[K] | null {
    this.range.wps.calls += 1;
    return uniform(this.range.cellsOf().map((c) => c.fill[k]));
  }
  private write(fn: (f: FakeFill) => FakeFill): void {
    this.range.wps.calls += 1;
    for (const c of this.range.cellsOf(true)) c.fill = fn(c.fill);
  }
  get Pattern(): number | null { return this.read('pattern'); }
  set Pattern(v: number) { this.write((f) => (v === XL_NONE ? { ...NO_FILL } : { ...f, pattern: v })); }
  get Color(): number | null { return this.read('color'); }
  set Color(v: number) { this.write((f) => ({ ...f, color: v, tint: 0, pattern: f.pattern === XL_NONE ? XL_SOLID : f.pattern })); }
  get PatternColor(): number | null { return this.read('patternColor'); }
  set PatternColor(v: number) { this.write((f) => ({ ...f, patternColor: v })); }
  get TintAndShade(): number | null { return this.read('tint'); }
  set TintAndShade(v: number) { this.write((f) => ({ ...f, tint: v })); }
  get PatternTintAndShade(): number | null { return this.read('patternTint'); }
  set PatternTintAndShade(v: number) { this.write((f) => ({ ...f, patternTint: v })); }
}

class FakeCount {
  constructor(private readonly wps: FakeWps, private readonly n: number) {}
  get Count() {
    this.wps.calls += 1;
    return this.n;
  }
}

export class FakeRange implements WpsRange {
  constructor(
    readonly wps: FakeWps,
    readonly sheet: FakeSheet,
    readonly r: number,
    readonly c: number,
    readonly rows: number,
    readonly cols: number,
  ) {}
  private t() {
    this.wps.calls += 1;
  }
  /** The range's cells (created when `create`), row by row. */
  cellsOf(create = false): FakeCell[] {
    const out: FakeCell[] = [];
    for (let i = 0; i < this.rows; i++)
      for (let j = 0; j < this.cols; j++) {
        const cell = create ? this.sheet.cell(this.r + i, this.c + j) : this.sheet.peek(this.r + i, this.c + j);
        out.push(cell ?? { value: undefined, formula: null, numberFormat: 'General', fill: NO_FILL });
      }
    return out;
  }
  private grid<T>(fn: (cell: FakeCell | undefined) => T): T | T[][] {
    if (this.rows * this.cols > 5_000_000) throw new Error('fake: range too large to read at once');
    const rows: T[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const row: T[] = [];
      for (let j = 0; j < this.cols; j++) row.push(fn(this.sheet.peek(this.r + i, this.c + j)));
      rows.push(row);
    }
    return this.rows === 1 && this.cols === 1 ? rows[0]![0]! : rows;
  }
  get Row() { this.t(); return this.r + 1; }
  get Column() { this.t(); return this.c + 1; }
  get Count() { this.t(); return this.rows * this.cols; }
  get Rows() { this.t(); return new FakeCount(this.wps, this.rows); }
  get Columns() { this.t(); return new FakeCount(this.wps, this.cols); }
  get Value2(): WpsScalar | WpsScalar[][] {
    this.t();
    return this.grid((c) => c?.value);
  }
  set Value2(v: WpsScalar | WpsScalar[][]) {
    this.t();
    let i = 0;
    for (const cell of this.cellsOf(true)) {
      const x = Array.isArray(v) ? v[Math.floor(i / this.cols)]?.[i % this.cols] : v;
      enter(cell, x);
      i += 1;
    }
    this.wps.changed(this);
  }
  get Formula(): string | string[][] {
    this.t();
    return this.grid((c) => c?.formula ?? (c?.value === undefined ? '' : String(c.value)));
  }
  get HasFormula() {
    this.t();
    return uniform(this.cellsOf().map((c) => !!c.formula));
  }
  get NumberFormat(): string | null {
    this.t();
    return uniform(this.cellsOf().map((c) => c.numberFormat));
  }
  set NumberFormat(v: string) {
    this.t();
    for (const cell of this.cellsOf(true)) cell.numberFormat = v;
  }
  get Interior() { this.t(); return new FakeInterior(this); }
  Item(RowIndex: number, ColumnIndex: number): WpsRange {
    this.t();
    return new FakeRange(this.wps, this.sheet, this.r + RowIndex - 1, this.c + ColumnIndex - 1, 1, 1);
  }
  Resize(RowSize: number, ColumnSize: number): WpsRange {
    this.t();
    return new FakeRange(this.wps, this.sheet, this.r, this.c, RowSize, ColumnSize);
  }
  get Worksheet() {
    this.t();
    return this.wps.worksheet(this.sheet);
  }
  Select(): void {
    this.t();
    this.wps.selected = { sheet: this.sheet.name, row: this.r, col: this.c };
  }
}

class FakeWorksheet implements WpsWorksheet {
  constructor(private readonly wps: FakeWps, readonly sheet: FakeSheet) {}
  get Name() { this.wps.calls += 1; return this.sheet.name; }
  set Name(v: string) { this.wps.calls += 1; this.sheet.name = v; }
  Activate(): void {
    this.wps.calls += 1;
    this.wps.active = this.sheet.name;
  }
  get UsedRange(): WpsRange {
    this.wps.calls += 1;
    const u = this.sheet.used();
    return new FakeRange(this.wps, this.sheet, u.row, u.col, u.rows, u.cols);
  }
  get Cells(): WpsRange {
    this.wps.calls += 1;
    return new FakeRange(this.wps, this.sheet, 0, 0, LAST_ROW + 1, LAST_COL + 1);
  }
}

class FakeSheets implements WpsSheets {
  constructor(private readonly wps: FakeWps) {}
  get Count() { this.wps.calls += 1; return this.wps.sheets.length; }
  Item(Index: number | string): WpsWorksheet {
    this.wps.calls += 1;
    const s = typeof Index === 'number' ? this.wps.sheets[Index - 1] : this.wps.sheets.find((x) => x.name === Index);
    if (!s) throw new Error(`WPS: no sheet ${String(Index)}`);
    return this.wps.worksheet(s);
  }
}

class FakeProperty implements WpsDocumentProperty {
  constructor(private readonly wps: FakeWps, readonly name: string) {}
  get Name() { this.wps.calls += 1; return this.name; }
  get Value(): unknown { this.wps.calls += 1; return this.wps.properties.get(this.name); }
  set Value(v: unknown) { this.wps.calls += 1; this.wps.properties.set(this.name, String(v).slice(0, 255)); }
  Delete(): void {
    this.wps.calls += 1;
    this.wps.properties.delete(this.name);
  }
}

class FakeProperties implements WpsDocumentProperties {
  constructor(private readonly wps: FakeWps) {}
  get Count() { this.wps.calls += 1; return this.wps.properties.size; }
  Item(Index: number | string): WpsDocumentProperty {
    this.wps.calls += 1;
    const name = typeof Index === 'number' ? [...this.wps.properties.keys()][Index - 1] : Index;
    if (name === undefined || !this.wps.properties.has(name)) throw new Error(`WPS: no property ${String(Index)}`);
    return new FakeProperty(this.wps, name);
  }
  Add(Name: string, _LinkToContent: boolean, Type: Kso.KsoMsoDocProperties, Value: string): WpsDocumentProperty {
    this.wps.calls += 1;
    if (this.wps.properties.has(Name)) throw new Error(`WPS: property ${Name} exists`);
    if (Type !== 4) throw new Error('fake: only string properties');
    this.wps.properties.set(Name, String(Value).slice(0, 255));
    return new FakeProperty(this.wps, Name);
  }
}

class FakeWorkbook implements WpsWorkbook {
  constructor(private readonly wps: FakeWps) {}
  get Name() { this.wps.calls += 1; return this.wps.workbookName; }
  get Sheets(): WpsSheets { this.wps.calls += 1; return new FakeSheets(this.wps); }
  get CustomDocumentProperties(): WpsDocumentProperties { this.wps.calls += 1; return new FakeProperties(this.wps); }
}

type Listener = (ws: object, range: object) => void;

export class FakeWps {
  /** Calls into WPS: property reads and writes, method calls. */
  calls = 0;
  sheets: FakeSheet[] = [];
  workbookName = '党费收缴登记表.xlsx';
  open = true;
  properties = new Map<string, string>();
  enableEvents = true;
  listeners = new Set<Listener>();
  active: string | null = null;
  selected: { sheet: string; row: number; col: number } | null = null;
  /** Change events raised (with events on), as [sheet, row, col, rows, cols], 0-based. */
  raised: [string, number, number, number, number][] = [];

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name);
    this.sheets.push(s);
    return s;
  }

  worksheet(s: FakeSheet): FakeWorksheet {
    return new FakeWorksheet(this, s);
  }

  changed(range: FakeRange): void {
    if (!this.enableEvents) return;
    this.raised.push([range.sheet.name, range.r, range.c, range.rows, range.cols]);
    for (const l of [...this.listeners]) l(this.worksheet(range.sheet), range);
  }

  /** The clerk edits cells (or inserts/deletes whole rows: cols = 16,384) and WPS raises SheetChange. */
  clerkChanges(sheet: string, r: number, c: number, rows = 1, cols = 1): void {
    const s = this.sheets.find((x) => x.name === sheet)!;
    this.changed(new FakeRange(this, s, r, c, rows, cols));
  }

  readonly app: WpsApplication = ((wps: FakeWps) => {
    const workbook = new FakeWorkbook(wps);
    const apiEvent: WpsApiEvent = {
      AddApiEventListener(_name: 'SheetChange', cb: Listener) {
        wps.calls += 1;
        wps.listeners.add(cb);
      },
      RemoveApiEventListener(_name: 'SheetChange', cb?: Listener) {
        wps.calls += 1;
        if (cb) wps.listeners.delete(cb);
        else wps.listeners.clear();
      },
    };
    return {
      get ActiveWorkbook() {
        wps.calls += 1;
        return wps.open ? workbook : null;
      },
      get ApiEvent() {
        wps.calls += 1;
        return apiEvent;
      },
      get EnableEvents() {
        wps.calls += 1;
        return wps.enableEvents;
      },
      set EnableEvents(v: boolean) {
        wps.calls += 1;
        wps.enableEvents = v;
      },
    };
  })(this);
}
