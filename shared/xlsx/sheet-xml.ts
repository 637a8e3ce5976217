/**
 * One worksheet part (xl/worksheets/sheetN.xml) edited in place: cells are found and replaced
 * as text, so every row and cell not edited keeps its exact bytes (attributes, spacing, order,
 * extensions this code does not know). Only <sheetData>, <dimension> and, for notes,
 * <legacyDrawing> are ever touched.
 */
import { a1, columnLetters, parseA1 } from '../a1';
import { PackageError, attr, removeAttr, setAttr } from './package';

interface Segment {
  /** A row's 0-based index, or −1 for text between rows. */
  row: number;
  text: string;
}

interface CellPart {
  col: number;
  text: string;
}

export class SheetXml {
  private xml: string;
  private readonly p: string;
  private head = '';
  private tail = '';
  private segments: Segment[] = [];
  private rowIndex = new Map<number, number>();
  private parsed = false;
  private changed = false;
  private arrays: { top: number; left: number; bottom: number; right: number }[] = [];

  constructor(xml: string, private readonly sheetName: string) {
    this.xml = xml;
    this.p = /<(\w+:)?worksheet\b/.exec(xml)?.[1] ?? '';
  }

  private parse(): void {
    if (this.parsed) return;
    this.parsed = true;
    const p = this.p;
    const open = new RegExp(`<${p}sheetData\\b[^>]*?(/?)>`).exec(this.xml);
    if (!open) throw new PackageError(`the worksheet "${this.sheetName}" has no <sheetData>`);
    const bodyStart = open.index + open[0].length;
    if (open[1] === '/') {
      // <sheetData/>: open it up so rows can be added.
      this.head = `${this.xml.slice(0, open.index)}<${p}sheetData>`;
      this.tail = `</${p}sheetData>${this.xml.slice(bodyStart)}`;
      this.segments = [];
      return;
    }
    const bodyEnd = this.xml.indexOf(`</${p}sheetData>`, bodyStart);
    if (bodyEnd < 0) throw new PackageError(`the worksheet "${this.sheetName}" has a broken <sheetData>`);
    this.head = this.xml.slice(0, bodyStart);
    this.tail = this.xml.slice(bodyEnd);
    const body = this.xml.slice(bodyStart, bodyEnd);
    const re = new RegExp(`<${p}row\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}row>)`, 'g');
    let m: RegExpExecArray | null;
    let last = 0;
    let implied = -1;
    while ((m = re.exec(body))) {
      if (m.index > last) this.segments.push({ row: -1, text: body.slice(last, m.index) });
      const r = attr(openTagOf(m[0]), 'r');
      const row = r === null ? implied + 1 : Number(r) - 1;
      implied = row;
      this.rowIndex.set(row, this.segments.length);
      this.segments.push({ row, text: m[0] });
      last = m.index + m[0].length;
      if (m[0].includes('ref="')) this.collectArrays(m[0]);
    }
    if (last < body.length) this.segments.push({ row: -1, text: body.slice(last) });
  }

  /** Array formulas (and data tables) own every cell of their range, not only the one holding <f>. */
  private collectArrays(rowText: string): void {
    const re = new RegExp(`<${this.p}f\\b([^>]*)>`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(rowText))) {
      const t = attr(m[1]!, 't');
      const ref = attr(m[1]!, 'ref');
      if ((t === 'array' || t === 'dataTable') && ref) {
        const [a, b] = ref.split(':');
        const x = parseA1(a ?? '');
        const y = parseA1(b ?? a ?? '');
        if (x && y) this.arrays.push({ top: x.row, left: x.col, bottom: y.row, right: y.col });
      }
    }
  }

  private cellsOf(rowText: string, row: number): { open: string; cells: CellPart[]; close: string } {
    const p = this.p;
    const openEnd = rowText.indexOf('>') + 1;
    const selfClosing = rowText[openEnd - 2] === '/';
    if (selfClosing) {
      return { open: `${rowText.slice(0, openEnd - 2)}>`, cells: [], close: `</${p}row>` };
    }
    const closeAt = rowText.lastIndexOf(`</${p}row>`);
    const inner = rowText.slice(openEnd, closeAt);
    const re = new RegExp(`<${p}c\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`, 'g');
    const cells: CellPart[] = [];
    let m: RegExpExecArray | null;
    let implied = -1;
    let last = 0;
    let gaps = '';
    while ((m = re.exec(inner))) {
      gaps += inner.slice(last, m.index);
      const r = attr(openTagOf(m[0]), 'r');
      if (r === null && gaps.trim()) throw new PackageError(`${this.sheetName} row ${row + 1}: unexpected content between cells`);
      const col = r === null ? implied + 1 : (parseA1(r)?.col ?? implied + 1);
      implied = col;
      cells.push({ col, text: m[0] });
      last = m.index + m[0].length;
    }
    // Whatever follows the cells (an <extLst>, spacing) stays after them.
    return { open: rowText.slice(0, openEnd), cells, close: inner.slice(last) + rowText.slice(closeAt) };
  }

  /** The raw XML of a cell, or null when the sheet has no element for it. */
  cell(row: number, col: number): string | null {
    this.parse();
    const i = this.rowIndex.get(row);
    if (i === undefined) return null;
    return this.cellsOf(this.segments[i]!.text, row).cells.find((c) => c.col === col)?.text ?? null;
  }

  /** The cell's formula text, or null. Cells inside an array formula's range count as formulas. */
  formulaAt(row: number, col: number): string | null {
    const c = this.cell(row, col);
    if (c) {
      const m = new RegExp(`<${this.p}f\\b[^>]*?(?:/>|>([\\s\\S]*?)</${this.p}f>)`).exec(c);
      if (m) return m[1] ?? '';
    }
    const a = this.arrays.find((x) => row >= x.top && row <= x.bottom && col >= x.left && col <= x.right);
    return a ? `{array ${a1(a.top, a.left)}:${a1(a.bottom, a.right)}}` : null;
  }

  /** The style index a cell shows now: its own `s`, else its row's (customFormat), else its column's. */
  styleAt(row: number, col: number): number {
    const c = this.cell(row, col);
    if (c) return Number(attr(openTagOf(c), 's') ?? 0);
    const i = this.rowIndex.get(row);
    if (i !== undefined) {
      const open = openTagOf(this.segments[i]!.text);
      if (attr(open, 'customFormat') === '1' || attr(open, 'customFormat') === 'true') return Number(attr(open, 's') ?? 0);
    }
    const cols = new RegExp(`<${this.p}col\\b([^>]*?)/?>`, 'g');
    let m: RegExpExecArray | null;
    while ((m = cols.exec(this.xml))) {
      const min = Number(attr(m[1]!, 'min'));
      const max = Number(attr(m[1]!, 'max'));
      if (col + 1 >= min && col + 1 <= max) return Number(attr(m[1]!, 'style') ?? 0);
    }
    return 0;
  }

  /**
   * Replaces (or creates) one cell. `build` gets the cell's current opening-tag attributes
   * (r, s, t, …; empty for a new cell) and returns the new cell element.
   */
  setCell(row: number, col: number, build: (attrs: string) => string): void {
    this.parse();
    const ref = `${columnLetters(col)}${row + 1}`;
    const i = this.rowIndex.get(row);
    if (i === undefined) {
      // A row the sheet does not have yet: inserted in row order.
      let at = this.segments.length;
      for (let k = 0; k < this.segments.length; k++) {
        const s = this.segments[k]!;
        if (s.row > row) {
          at = k;
          break;
        }
      }
      this.requireExplicitRows(at);
      const text = `<${this.p}row r="${row + 1}">${build(` r="${ref}"`)}</${this.p}row>`;
      this.segments.splice(at, 0, { row, text });
      this.reindex();
      this.touch(row, col);
      return;
    }
    const seg = this.segments[i]!;
    const { open, cells, close } = this.cellsOf(seg.text, row);
    const k = cells.findIndex((c) => c.col === col);
    if (k >= 0) {
      const old = cells[k]!.text;
      const attrs = openTagOf(old).replace(new RegExp(`^<${this.p}c`), '');
      cells[k] = { col, text: build(attrs.replace(/\/$/, '')) };
    } else {
      let at = cells.findIndex((c) => c.col > col);
      if (at < 0) at = cells.length;
      if (cells.slice(at).some((c) => attr(openTagOf(c.text), 'r') === null)) {
        throw new PackageError(`${this.sheetName}!${ref}: the row's cells carry no references, so a cell cannot be inserted among them`);
      }
      cells.splice(at, 0, { col, text: build(` r="${ref}"`) });
    }
    seg.text = withSpans(open, col) + cells.map((c) => c.text).join('') + close;
    this.touch(row, col);
  }

  /**
   * A formula cell's cached result replaced by `value` (its <f> kept), so every reader — one that
   * does not recalculate on open included — shows what the formula now gives.
   */
  setCachedValue(row: number, col: number, value: number): void {
    const old = this.cell(row, col);
    if (!old || !new RegExp(`<${this.p}f\\b`).test(old)) throw new PackageError(`${this.sheetName}!${a1(row, col)} holds no formula`);
    const p = this.p;
    this.setCell(row, col, (attrs) => {
      const a = keepCellAttrs(attrs);
      const inner = old.slice(old.indexOf('>') + 1, old.lastIndexOf(`</${p}c>`)).replace(new RegExp(`<${p}v\\b[^>]*?(?:/>|>[^<]*</${p}v>)`), '');
      const f = new RegExp(`<${p}f\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}f>)`).exec(inner)![0];
      const rest = inner.replace(f, '');
      return `<${p}c${a}>${f}<${p}v>${String(value)}</${p}v>${rest}</${p}c>`;
    });
  }

  /** Gives a cell (created empty when missing) the style `s`, its value and formula untouched. */
  setStyle(row: number, col: number, s: number): void {
    const old = this.cell(row, col);
    if (!old) {
      this.setCell(row, col, (attrs) => `<${this.p}c${attrs} s="${s}"/>`);
      return;
    }
    this.setCell(row, col, () => old.replace(/^<((?:\w+:)?c)\b([^>]*?)(\/?)>/, (_m, tag: string, a: string, close: string) => `<${tag}${setAttr(a, 's', String(s))}${close}>`));
  }

  private requireExplicitRows(from: number): void {
    for (let k = from; k < this.segments.length; k++) {
      const s = this.segments[k]!;
      if (s.row >= 0 && attr(openTagOf(s.text), 'r') === null) {
        throw new PackageError(`the worksheet "${this.sheetName}" has rows without numbers, so a row cannot be inserted among them`);
      }
    }
  }

  private reindex(): void {
    this.rowIndex.clear();
    this.segments.forEach((s, k) => {
      if (s.row >= 0) this.rowIndex.set(s.row, k);
    });
  }

  private touch(row: number, col: number): void {
    this.changed = true;
    // <dimension ref="A1:K20">: widened to take in a cell written outside it.
    const p = this.p;
    const m = new RegExp(`<${p}dimension\\b([^>]*?)/>`).exec(this.head);
    if (!m) return;
    const ref = attr(m[1]!, 'ref');
    if (!ref) return;
    const [a, b] = ref.split(':');
    const x = parseA1(a ?? '');
    const y = parseA1(b ?? a ?? '');
    if (!x || !y) return;
    const top = Math.min(x.row, row);
    const left = Math.min(x.col, col);
    const bottom = Math.max(y.row, row);
    const right = Math.max(y.col, col);
    if (top === x.row && left === x.col && bottom === y.row && right === y.col) return;
    const next = top === bottom && left === right ? a1(top, left) : `${a1(top, left)}:${a1(bottom, right)}`;
    this.head = this.head.slice(0, m.index) + `<${p}dimension${setAttr(m[1]!, 'ref', next)}/>` + this.head.slice(m.index + m[0].length);
  }

  /**
   * Points the sheet at its notes' VML drawing: <legacyDrawing r:id> goes after the elements the
   * schema puts before it (CT_Worksheet order) and before those it puts after.
   */
  setLegacyDrawing(rId: string): void {
    this.parse();
    const p = this.p;
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const rPrefix = new RegExp(`xmlns:(\\w+)="${rel.replace(/[.]/g, '\\.')}"`).exec(this.head)?.[1];
    const el = rPrefix ? `<${p}legacyDrawing ${rPrefix}:id="${rId}"/>` : `<${p}legacyDrawing xmlns:r="${rel}" r:id="${rId}"/>`;
    const existing = new RegExp(`<${p}legacyDrawing\\b[^>]*/>`).exec(this.tail);
    if (existing) {
      this.tail = this.tail.slice(0, existing.index) + el + this.tail.slice(existing.index + existing[0].length);
    } else {
      const after = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
      let at = this.tail.search(new RegExp(`</${p}worksheet>`));
      for (const t of after) {
        const i = this.tail.search(new RegExp(`<${p}${t}\\b`));
        if (i >= 0 && i < at) at = i;
      }
      this.tail = this.tail.slice(0, at) + el + this.tail.slice(at);
    }
    this.changed = true;
  }

  /** The legacyDrawing relationship id the sheet already has, if any. */
  legacyDrawingId(): string | null {
    const m = new RegExp(`<${this.p}legacyDrawing\\b([^>]*)/>`).exec(this.xml);
    return m ? (/\s\w+:id="([^"]*)"/.exec(m[1]!)?.[1] ?? null) : null;
  }

  isChanged(): boolean {
    return this.changed;
  }

  toString(): string {
    if (!this.changed) return this.xml;
    return this.head + this.segments.map((s) => s.text).join('') + this.tail;
  }

  /** The element prefix ("" or "x:") the sheet uses for SpreadsheetML. */
  get prefix(): string {
    return this.p;
  }
}

function openTagOf(el: string): string {
  return el.slice(0, el.indexOf('>'));
}

/** A row's spans="1:11" hint widened to take in `col` (a wrong hint makes Excel repair the file). */
function withSpans(open: string, col: number): string {
  const spans = attr(open, 'spans');
  if (!spans) return open;
  const m = /^(\d+):(\d+)$/.exec(spans);
  if (!m) return `${removeAttr(open.slice(0, -1), 'spans')}>`;
  const lo = Math.min(Number(m[1]), col + 1);
  const hi = Math.max(Number(m[2]), col + 1);
  if (lo === Number(m[1]) && hi === Number(m[2])) return open;
  return `${setAttr(open.slice(0, -1), 'spans', `${lo}:${hi}`)}>`;
}

/** A cell's opening-tag attributes without those that describe the old value (type, metadata). */
export function keepCellAttrs(attrs: string): string {
  let a = attrs;
  for (const name of ['t', 'vm', 'cm']) a = removeAttr(a, name);
  return a;
}
