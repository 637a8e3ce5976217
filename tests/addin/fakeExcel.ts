/**
 * A fake of the Excel object model that behaves like the real one where it matters to the
 * adapter: properties are readable only after load() + sync(); writes take effect at sync();
 * a string written into a non-text cell is re-interpreted as Excel does (= → formula, digits →
 * number, losing digits past 15). It counts sync() calls.
 */
export interface FakeCell {
  value: string | number | boolean | null;
  formula: string | null;
  numberFormat: string;
  fill: FakeFill;
}

export interface FakeFill {
  color: string;
  pattern: string;
  patternColor: string;
  tintAndShade: number;
  patternTintAndShade: number;
}

/** What Excel reports for a cell with no fill: white, but pattern "None" (a white fill is "Solid"). */
export const NO_FILL: FakeFill = { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 };

/** A fill from its colour and pattern, other properties at their defaults. */
export function fill(color: string, pattern = 'Solid', more: Partial<FakeFill> = {}): FakeFill {
  return { ...NO_FILL, color, pattern, ...more };
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  /** Merged areas, 0-based inclusive. */
  merges: { top: number; left: number; bottom: number; right: number }[] = [];
  constructor(
    public name: string,
    public id: string,
  ) {}
  cell(r: number, c: number): FakeCell {
    const k = `${r},${c}`;
    let cell = this.cells.get(k);
    if (!cell) {
      cell = { value: null, formula: null, numberFormat: 'General', fill: { ...NO_FILL } };
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
  /** A formula cell as a clerk's template has it: the formula ("=…") and its cached result. */
  setFormula(r: number, c: number, formula: string, result: number): void {
    const cell = this.cell(r, c);
    cell.formula = formula.startsWith('=') ? formula : `=${formula}`;
    cell.value = result;
  }
  used(): { row: number; col: number; rows: number; cols: number } | null {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [k, cell] of this.cells) {
      if (cell.value === null || cell.value === '') continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

class NotLoaded extends Error {
  constructor(p: string) {
    super(`PropertyNotLoaded: ${p}`);
  }
}

type Op = () => void;

export class FakeContext {
  ops: Op[] = [];
  constructor(readonly excel: FakeExcel) {}
  get workbook() {
    return { worksheets: new WorksheetCollection(this) };
  }
  async sync(): Promise<void> {
    this.excel.syncs += 1;
    const ops = this.ops;
    this.ops = [];
    for (const op of ops) op();
  }
}

class Loadable {
  protected loaded = new Set<string>();
  protected data: Record<string, unknown> = {};
  protected get(p: string): never | unknown {
    if (!this.loaded.has(p)) throw new NotLoaded(p);
    return this.data[p];
  }
}

class WorksheetCollection extends Loadable {
  constructor(private ctx: FakeContext) {
    super();
  }
  load(_props: string) {
    this.ctx.ops.push(() => {
      this.data.items = this.ctx.excel.sheets.map((s) => new Worksheet(this.ctx, () => s, true));
      this.loaded.add('items');
    });
  }
  get items(): Worksheet[] {
    return this.get('items') as Worksheet[];
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.ctx, () => {
      const s = this.ctx.excel.sheets.find((x) => x.name === name);
      if (!s) throw new Error(`ItemNotFound: ${name}`);
      return s;
    });
  }
  add(name: string): Worksheet {
    let sheet: FakeSheet | null = null;
    this.ctx.ops.push(() => {
      sheet = new FakeSheet(name, `id-${name}`);
      this.ctx.excel.sheets.push(sheet);
    });
    return new Worksheet(this.ctx, () => sheet!);
  }
  /** ExcelApi 1.9: handlers live in the FakeExcel; remove() takes effect at the next sync. */
  onChanged = {
    add: (handler: (e: unknown) => Promise<void>) => {
      this.ctx.ops.push(() => this.ctx.excel.changeHandlers.add(handler));
      return {
        context: this.ctx,
        remove: () => this.ctx.ops.push(() => void this.ctx.excel.changeHandlers.delete(handler)),
      };
    },
  };
}

class Worksheet {
  constructor(
    private ctx: FakeContext,
    private resolve: () => FakeSheet,
    private nameLoaded = false,
  ) {}
  get name(): string {
    if (!this.nameLoaded) throw new NotLoaded('name');
    return this.resolve().name;
  }
  get id(): string {
    if (!this.nameLoaded) throw new NotLoaded('id');
    return this.resolve().id;
  }
  activate() {
    this.ctx.ops.push(() => {
      this.ctx.excel.active = this.resolve().name;
    });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean) {
    return new UsedRange(this.ctx, this.resolve);
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number) {
    return new Range(this.ctx, this.resolve, r, c, rows, cols);
  }
  getCell(r: number, c: number) {
    return new Range(this.ctx, this.resolve, r, c, 1, 1);
  }
}

class UsedRange extends Loadable {
  constructor(private ctx: FakeContext, private sheet: () => FakeSheet) {
    super();
  }
  load(_p: string) {
    this.ctx.ops.push(() => {
      const u = this.sheet().used();
      this.data = u ? { isNullObject: false, rowIndex: u.row, columnIndex: u.col, rowCount: u.rows, columnCount: u.cols } : { isNullObject: true };
      for (const k of ['isNullObject', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']) this.loaded.add(k);
    });
  }
  get isNullObject() { return this.get('isNullObject') as boolean; }
  get rowIndex() { return this.get('rowIndex') as number; }
  get columnIndex() { return this.get('columnIndex') as number; }
  get rowCount() { return this.get('rowCount') as number; }
  get columnCount() { return this.get('columnCount') as number; }
}

class Fill extends Loadable {
  constructor(private range: Range) {
    super();
  }
  load(_p: string) {
    this.range.ctx.ops.push(() => {
      const c = this.range.sheet().cell(this.range.r, this.range.c);
      this.data = { color: c.fill.color, pattern: c.fill.pattern };
      this.loaded.add('color');
      this.loaded.add('pattern');
    });
  }
  get color() { return this.get('color') as string; }
  set color(v: string) {
    this.range.each((cell) => {
      // A new colour replaces the tint (as in Excel's colour picker) and turns "no fill" solid.
      cell.fill = { ...cell.fill, color: v, tintAndShade: 0, pattern: cell.fill.pattern === 'None' ? 'Solid' : cell.fill.pattern };
    });
  }
  get pattern() { return this.get('pattern') as string; }
  set pattern(v: string) {
    this.range.each((cell) => {
      cell.fill = { ...cell.fill, pattern: v };
    });
  }
  clear() {
    this.range.each((cell) => {
      cell.fill = { ...NO_FILL };
    });
  }
}

class Range extends Loadable {
  format: { fill: Fill };
  constructor(
    readonly ctx: FakeContext,
    readonly sheet: () => FakeSheet,
    readonly r: number,
    readonly c: number,
    readonly rows: number,
    readonly cols: number,
  ) {
    super();
    this.format = { fill: new Fill(this) };
  }
  each(fn: (cell: FakeCell, i: number, j: number) => void) {
    this.ctx.ops.push(() => {
      const s = this.sheet();
      for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) fn(s.cell(this.r + i, this.c + j), i, j);
    });
  }
  load(_p: string) {
    this.ctx.ops.push(() => {
      const s = this.sheet();
      const values: unknown[][] = [];
      const formats: string[][] = [];
      const formulas: unknown[][] = [];
      for (let i = 0; i < this.rows; i++) {
        const vr: unknown[] = [];
        const fr: string[] = [];
        const xr: unknown[] = [];
        for (let j = 0; j < this.cols; j++) {
          const cell = s.peek(this.r + i, this.c + j);
          vr.push(cell?.value ?? '');
          fr.push(cell?.numberFormat ?? 'General');
          // Range.formulas: the formula ("=…") of a formula cell, the value of any other.
          xr.push(cell?.formula ?? cell?.value ?? '');
        }
        values.push(vr);
        formats.push(fr);
        formulas.push(xr);
      }
      this.data = { values, numberFormat: formats, formulas };
      this.loaded.add('values');
      this.loaded.add('numberFormat');
      this.loaded.add('formulas');
    });
  }
  get values() { return this.get('values') as unknown[][]; }
  set values(v: unknown[][]) {
    this.each((cell, i, j) => {
      const x = v[i]?.[j] ?? '';
      if (typeof x === 'string' && cell.numberFormat !== '@') {
        if (/^[=+\-@]/.test(x) && x.length > 1) {
          cell.formula = x;
          cell.value = '#NAME?';
          return;
        }
        if (/^\d+(\.\d+)?$/.test(x)) {
          cell.value = Number(x);
          cell.formula = null;
          return;
        }
        // Excel's typed-entry parsing: booleans, error literals, fractions/dates, percentages.
        if (/^(true|false)$/i.test(x)) {
          cell.value = x.toLowerCase() === 'true';
          cell.formula = null;
          return;
        }
        if (/^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!)$/i.test(x)) {
          cell.value = x.toUpperCase();
          cell.formula = null;
          return;
        }
        if (/^\d+\/\d+(\/\d+)?$/.test(x) || /^\d{4}年\d{1,2}月(\d{1,2}日)?$/.test(x) || /^\d+(\.\d+)?%$/.test(x)) {
          cell.value = 45000; // some serial or fraction: no longer the text that was written
          cell.formula = null;
          return;
        }
      }
      cell.formula = null;
      cell.value = x === '' ? null : (x as string | number | boolean);
    });
  }
  get formulas() { return this.get('formulas') as unknown[][]; }
  get numberFormat() { return this.get('numberFormat') as string[][]; }
  set numberFormat(v: string[][]) {
    this.each((cell, i, j) => {
      cell.numberFormat = v[i]?.[j] ?? 'General';
    });
  }
  /** ExcelApi 1.9: only format.fill is modelled; the result is readable after sync. */
  getCellProperties(opts: { format?: { fill?: Record<string, boolean> } }) {
    this.ctx.excel.cellPropertyCalls += 1;
    const result: { _v?: unknown[][]; readonly value: unknown[][] } = {
      get value() {
        if (!this._v) throw new NotLoaded('value');
        return this._v;
      },
    };
    const want = Object.keys(opts.format?.fill ?? {}).filter((k) => opts.format!.fill![k]);
    this.ctx.ops.push(() => {
      const s = this.sheet();
      const rows: unknown[][] = [];
      for (let i = 0; i < this.rows; i++) {
        const row: unknown[] = [];
        for (let j = 0; j < this.cols; j++) {
          const f = (s.peek(this.r + i, this.c + j)?.fill ?? NO_FILL) as unknown as Record<string, unknown>;
          row.push({ format: { fill: Object.fromEntries(want.map((k) => [k, f[k]])) } });
        }
        rows.push(row);
      }
      result._v = rows;
    });
    return result;
  }
  /** ExcelApi 1.9: subproperties not given are left as they are; pattern "None" removes the fill. */
  setCellProperties(props: { format?: { fill?: Partial<FakeFill> } }[][]) {
    this.ctx.excel.cellPropertyCalls += 1;
    if (props.length !== this.rows || props.some((r) => r.length !== this.cols)) throw new Error('InvalidArgument: cell properties must match the range');
    this.each((cell, i, j) => {
      const f = props[i]![j]!.format?.fill;
      if (!f) return;
      if (f.pattern === 'None') {
        cell.fill = { ...NO_FILL };
        return;
      }
      const next = { ...cell.fill };
      if (f.color !== undefined) {
        next.color = f.color;
        next.tintAndShade = 0;
        if (next.pattern === 'None') next.pattern = 'Solid';
      }
      for (const k of ['pattern', 'patternColor', 'tintAndShade', 'patternTintAndShade'] as const) if (f[k] !== undefined) (next as Record<string, unknown>)[k] = f[k];
      cell.fill = next;
    });
  }
  /** ExcelApi 1.13: merged areas overlapping this range, or a null object when there are none. */
  getMergedAreasOrNullObject() {
    const areas = { isNullObject: true, areas: { items: [] as { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }[] }, load: (_p: string) => {} };
    areas.load = () => {
      this.ctx.ops.push(() => {
        const hits = this.sheet().merges.filter((m) => m.top < this.r + this.rows && m.bottom >= this.r && m.left < this.c + this.cols && m.right >= this.c);
        areas.isNullObject = hits.length === 0;
        areas.areas.items = hits.map((m) => ({ rowIndex: m.top, columnIndex: m.left, rowCount: m.bottom - m.top + 1, columnCount: m.right - m.left + 1 }));
      });
    };
    return areas;
  }
  select() {
    this.ctx.ops.push(() => {
      this.ctx.excel.selected = { sheet: this.sheet().name, row: this.r, col: this.c };
    });
  }
}

export class FakeExcel {
  syncs = 0;
  /** getCellProperties + setCellProperties calls: each is one operation in the request. */
  cellPropertyCalls = 0;
  changeHandlers = new Set<(e: unknown) => Promise<void>>();
  /** Raise worksheets.onChanged as Excel would. */
  async fireChanged(e: Record<string, unknown>): Promise<void> {
    for (const h of this.changeHandlers) await h(e);
  }
  sheets: FakeSheet[] = [];
  active: string | null = null;
  selected: { sheet: string; row: number; col: number } | null = null;
  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name, `id-${this.sheets.length}`);
    this.sheets.push(s);
    return s;
  }
  /** Excel.run(batch), Excel.run(options, batch) or Excel.run(existingContext, batch) — the last
   *  reuses that context, as office-js does for removing an event handler. */
  run: {
    <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
    <T>(contextOrOptions: unknown, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  } = async <T>(a: unknown, b?: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const batch = (typeof a === 'function' ? a : b) as (ctx: Excel.RequestContext) => Promise<T>;
    const ctx = a instanceof FakeContext ? a : new FakeContext(this);
    return batch(ctx as unknown as Excel.RequestContext);
  };
}

export function memorySettings() {
  const m = new Map<string, unknown>();
  let saves = 0;
  return {
    get: (k: string) => m.get(k),
    set: (k: string, v: unknown) => void m.set(k, JSON.parse(JSON.stringify(v))),
    save: async () => {
      saves += 1;
    },
    get saves() {
      return saves;
    },
  };
}
