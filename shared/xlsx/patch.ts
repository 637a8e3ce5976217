/**
 * The corrected copy: the clerk's own .xlsx package with only the fixed cells changed. Nothing
 * goes through a library that re-writes the workbook (exceljs would re-serialise every part and
 * merge shared styles — one numFmt change then re-formats every cell sharing it). Here:
 *
 * - each fixed cell is replaced in its sheet's XML; every other row and cell keeps its bytes;
 * - text goes into the shared-string table (appended, or an identical entry reused) — the way
 *   Excel, WPS and LibreOffice store text themselves, so the copy reads like one they wrote;
 * - where text would be re-read as a number, date or formula when the clerk next edits the cell
 *   ("0.20", "=…", an ID number), the cell gets a clone of its own style with the text format "@"
 *   (design.md: no formula from user text); its font, border, fill and alignment are unchanged
 *   and no other cell's style is touched;
 * - a formula cell is never written (FormulaCellError);
 * - every other part — and styles.xml and sharedStrings.xml apart from what is appended — stays
 *   exactly as it was. When the workbook has formulas, workbook.xml's calcPr asks for a full
 *   recalculation on load, so totals over a fixed cell show the fixed value, not a stale cache.
 */
import { a1 } from '../a1';
import { XlsxPackage, PackageError, addRelationship, attr, ensureContentType, escapeCellText, setAttr, unescapeXml } from './package';
import { keepCellAttrs, SheetXml } from './sheet-xml';
import { StyleSheet } from './styles';
import { mustWriteAsText } from './text-safety';

export { FormulaCellError, PackageError } from './errors';
import { FormulaCellError } from './errors';

/** One value to write into one cell (0-based sheet coordinates). */
export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  value: string | number;
}


const SST_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings';
const SST_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';

/** The shared-string table: existing entries reused for identical plain text, new ones appended. */
export class SharedStrings {
  private part: string;
  private xml: string | null;
  private index = new Map<string, number>();
  private count = 0;
  private added: string[] = [];
  private refs = 0;
  private prefix = '';

  constructor(private readonly pkg: XlsxPackage) {
    const rel = pkg.relationships('xl/workbook.xml').find((r) => r.type === SST_TYPE);
    this.part = rel?.target ?? 'xl/sharedStrings.xml';
    this.xml = rel && pkg.has(rel.target) ? pkg.text(rel.target) : null;
    if (this.xml === null) return;
    this.prefix = /<(\w+:)?sst\b/.exec(this.xml)?.[1] ?? '';
    const p = this.prefix;
    const re = new RegExp(`<${p}si\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}si>)`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.xml))) {
      const inner = m[1] ?? '';
      const plain = new RegExp(`^<${p}t(?:\\s[^>]*)?>([^<]*)</${p}t>$`).exec(inner);
      if (plain && !plain[1]!.includes('_x')) {
        const text = unescapeXml(plain[1]!);
        if (!this.index.has(text)) this.index.set(text, this.count);
      }
      this.count++;
    }
  }

  /** The index of `text`, appending it when no identical plain entry exists. */
  indexOf(text: string): number {
    this.refs++;
    const hit = this.index.get(text);
    if (hit !== undefined) return hit;
    const i = this.count + this.added.length;
    this.added.push(text);
    this.index.set(text, i);
    return i;
  }

  flush(): void {
    if (!this.added.length && !this.refs) return;
    const p = this.prefix;
    const items = this.added.map((t) => `<${p}si><${p}t xml:space="preserve">${escapeCellText(t)}</${p}t></${p}si>`).join('');
    if (this.xml === null) {
      const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.refs}" uniqueCount="${this.added.length}">${items}</sst>`;
      this.pkg.setText(this.part, xml);
      addRelationship(this.pkg, 'xl/workbook.xml', SST_TYPE, 'sharedStrings.xml');
      ensureContentType(this.pkg, this.part, SST_CT);
      return;
    }
    if (!this.added.length) return; // only reused entries: the table is unchanged
    const open = new RegExp(`<${p}sst\\b([^>]*?)(/?)>`).exec(this.xml);
    if (!open) throw new PackageError('sharedStrings.xml has no <sst>');
    let attrs = open[1]!;
    const unique = this.count + this.added.length;
    if (attr(attrs, 'uniqueCount') !== null) attrs = setAttr(attrs, 'uniqueCount', String(unique));
    if (attr(attrs, 'count') !== null) attrs = setAttr(attrs, 'count', String(Math.max(Number(attr(attrs, 'count')) || 0, this.count) + this.refs));
    let xml: string;
    if (open[2] === '/') {
      xml = `${this.xml.slice(0, open.index)}<${p}sst${attrs}>${items}</${p}sst>${this.xml.slice(open.index + open[0].length)}`;
    } else {
      const close = this.xml.lastIndexOf(`</${p}sst>`);
      xml = `${this.xml.slice(0, open.index)}<${p}sst${attrs}>${this.xml.slice(open.index + open[0].length, close)}${items}${this.xml.slice(close)}`;
    }
    this.pkg.setText(this.part, xml);
  }
}

/** Sheet parts opened for editing, written back on flush. */
export class SheetSet {
  private docs = new Map<string, { part: string; doc: SheetXml }>();
  constructor(private readonly pkg: XlsxPackage) {}

  get(sheet: string): SheetXml {
    let hit = this.docs.get(sheet);
    if (!hit) {
      const part = this.pkg.sheetPart(sheet);
      hit = { part, doc: new SheetXml(this.pkg.text(part), sheet) };
      this.docs.set(sheet, hit);
    }
    return hit.doc;
  }

  partOf(sheet: string): string {
    this.get(sheet);
    return this.docs.get(sheet)!.part;
  }

  flush(): void {
    for (const { part, doc } of this.docs.values()) if (doc.isChanged()) this.pkg.setText(part, doc.toString());
  }
}

export interface PatchResult {
  bytes: Uint8Array;
  /** The cells written, as "Sheet!A1". */
  written: string[];
  /** Package parts replaced or added. */
  changedParts: string[];
}

/**
 * Writes `writes` into the workbook `bytes` (and `cached`: new cached results of formula cells,
 * their formulas kept) and returns the new package. Throws
 * FormulaCellError before anything is written when any target holds a formula, and
 * PackageError when a sheet is missing or the package cannot be edited.
 */
export function patchWorkbook(bytes: ArrayBuffer | Uint8Array, writes: CellWrite[], opts: { cached?: { sheet: string; row: number; col: number; value: number }[] } = {}): PatchResult {
  const pkg = XlsxPackage.open(bytes);
  const sheets = new SheetSet(pkg);
  // Every target is checked before any is written: a refusal leaves nothing half done.
  const last = new Map<string, CellWrite>();
  for (const w of writes) {
    if (!Number.isInteger(w.row) || !Number.isInteger(w.col) || w.row < 0 || w.col < 0) {
      throw new PackageError(`${w.sheet}: invalid cell position row ${w.row}, column ${w.col}`);
    }
    if (typeof w.value === 'number' && !Number.isFinite(w.value)) {
      throw new PackageError(`${w.sheet}!${a1(w.row, w.col)}: ${w.value} is not a number a cell can hold`);
    }
    const f = sheets.get(w.sheet).formulaAt(w.row, w.col);
    if (f !== null) throw new FormulaCellError(w.sheet, a1(w.row, w.col), f);
    last.set(`${w.sheet}\u0000${w.row}\u0000${w.col}`, w);
  }
  const styles = new StyleSheet(pkg);
  const strings = new SharedStrings(pkg);
  for (const w of last.values()) {
    const doc = sheets.get(w.sheet);
    const p = doc.prefix;
    let style = doc.styleAt(w.row, w.col);
    if (typeof w.value === 'string' && mustWriteAsText(w.value)) style = styles.withTextFormat(style);
    doc.setCell(w.row, w.col, (attrs) => {
      let a = keepCellAttrs(attrs);
      a = style ? setAttr(a, 's', String(style)) : a.replace(/\ss="[^"]*"/, '');
      if (typeof w.value === 'number') return `<${p}c${a}><${p}v>${String(w.value)}</${p}v></${p}c>`;
      return `<${p}c${a} t="s"><${p}v>${strings.indexOf(w.value)}</${p}v></${p}c>`;
    });
  }
  // Formulas over the fixed cells: their cached results, as recomputed (fix/recalc.ts).
  for (const c of opts.cached ?? []) {
    if (Number.isFinite(c.value)) sheets.get(c.sheet).setCachedValue(c.row, c.col, c.value);
  }
  sheets.flush();
  styles.flush();
  strings.flush();
  if (last.size) requestRecalcIfFormulas(pkg);
  return { bytes: pkg.toBytes(), written: [...last.values()].map((w) => `${w.sheet}!${a1(w.row, w.col)}`), changedParts: pkg.changedParts() };
}

/** Elements CT_Workbook places after calcPr: a new calcPr goes before the first of them. */
const AFTER_CALCPR = ['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

/**
 * Formulas keep their cached results in the file; after a fix those over a fixed cell are stale
 * until recalculated. fullCalcOnLoad (ECMA-376 Part 1, §18.2.2) makes Excel, WPS and LibreOffice
 * recalculate on open. Only when some sheet holds a formula: otherwise workbook.xml is untouched.
 */
export function requestRecalcIfFormulas(pkg: XlsxPackage): void {
  const hasFormula = pkg.sheets().some((s) => pkg.has(s.part) && /<(\w+:)?f[\s>/]/.test(pkg.text(s.part)));
  if (!hasFormula) return;
  const name = 'xl/workbook.xml';
  let xml = pkg.text(name);
  const p = /<(\w+:)?workbook\b/.exec(xml)?.[1] ?? '';
  const calc = new RegExp(`<${p}calcPr\\b([^>]*?)(/?)>`).exec(xml);
  if (calc) {
    if (attr(calc[1]!, 'fullCalcOnLoad') === '1') return;
    xml = `${xml.slice(0, calc.index)}<${p}calcPr${setAttr(calc[1]!, 'fullCalcOnLoad', '1')}${calc[2]}>${xml.slice(calc.index + calc[0].length)}`;
  } else {
    let at = xml.search(new RegExp(`</${p}workbook>`));
    for (const t of AFTER_CALCPR) {
      const i = xml.search(new RegExp(`<${p}${t}\\b`));
      if (i >= 0 && i < at) at = i;
    }
    xml = `${xml.slice(0, at)}<${p}calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
  }
  pkg.setText(name, xml);
}
