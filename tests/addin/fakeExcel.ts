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
  fill: { color: string; pattern: string };
}

export const NO_FILL = { color: '#FFFFFF', pattern: 'None' };

export class FakeSheet {
  cells = new Map<string, FakeCell>();
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
  onChanged = { add: () => ({}) };
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
      cell.fill = { color: v, pattern: cell.fill.pattern === 'None' ? 'Solid' : cell.fill.pattern };
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
      for (let i = 0; i < this.rows; i++) {
        const vr: unknown[] = [];
        const fr: string[] = [];
        for (let j = 0; j < this.cols; j++) {
          const cell = s.peek(this.r + i, this.c + j);
          vr.push(cell?.value ?? '');
          fr.push(cell?.numberFormat ?? 'General');
        }
        values.push(vr);
        formats.push(fr);
      }
      this.data = { values, numberFormat: formats };
      this.loaded.add('values');
      this.loaded.add('numberFormat');
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
      }
      cell.formula = null;
      cell.value = x === '' ? null : (x as string | number | boolean);
    });
  }
  get numberFormat() { return this.get('numberFormat') as string[][]; }
  set numberFormat(v: string[][]) {
    this.each((cell, i, j) => {
      cell.numberFormat = v[i]?.[j] ?? 'General';
    });
  }
  select() {
    this.ctx.ops.push(() => {
      this.ctx.excel.selected = { sheet: this.sheet().name, row: this.r, col: this.c };
    });
  }
}

export class FakeExcel {
  syncs = 0;
  sheets: FakeSheet[] = [];
  active: string | null = null;
  selected: { sheet: string; row: number; col: number } | null = null;
  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name, `id-${this.sheets.length}`);
    this.sheets.push(s);
    return s;
  }
  run = async <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this);
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
