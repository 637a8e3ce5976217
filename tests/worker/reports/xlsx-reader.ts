/**
 * An independent .xlsx reader for the report tests: unzip with fflate and read the SpreadsheetML
 * directly, so the tests check what a spreadsheet program would see (cell types, formulas,
 * styles) without going through the code that wrote it.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface ReadCell {
  ref: string;
  /** 's' shared string, 'inlineStr', 'str' (formula string), 'n' number, 'b' boolean. */
  type: string;
  value: string | number | null;
  formula: string | null;
  style: number;
}

export interface ReadSheet {
  name: string;
  xml: string;
  cells: Map<string, ReadCell>;
  /** rows[r][c], 0-based, values only. */
  rows: (string | number | null)[][];
}

export interface ReadBook {
  files: Record<string, Uint8Array>;
  sheets: ReadSheet[];
  sheet(name: string): ReadSheet;
  workbookXml: string;
  stylesXml: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(s: string): string {
  return s
    .replace(/&(amp|lt|gt|quot|apos);|&#(\d+);|&#x([0-9a-fA-F]+);/g, (_, n, d, h) => (n ? ENTITIES[n]! : String.fromCodePoint(d ? Number(d) : parseInt(h, 16))))
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : null;
}

function textOf(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += unescape(m[1] ?? '');
  return out;
}

export function colIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function readXlsx(bytes: Uint8Array): ReadBook {
  const files = unzipSync(bytes);
  const text = (p: string) => (files[p] ? strFromU8(files[p]!) : '');
  const workbookXml = text('xl/workbook.xml');
  const rels = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) rels.set(attr(m[0], 'Id')!, attr(m[0], 'Target')!);
  const shared: string[] = [];
  for (const m of text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(textOf(m[1]!));
  const sheets: ReadSheet[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name')!;
    const target = rels.get(attr(m[0], 'r:id')!)!;
    const xml = text(`xl/${target.replace(/^\//, '').replace(/^xl\//, '')}`);
    const cells = new Map<string, ReadCell>();
    const rows: (string | number | null)[][] = [];
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const open = c[1]!;
      const body = c[2] ?? '';
      const ref = attr(open, 'r')!;
      const type = attr(open, 't') ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const f = /<f\b[^>]*>([\s\S]*?)<\/f>|<f\b[^>]*\/>/.exec(body);
      let value: string | number | null = null;
      if (type === 's' && v !== undefined) value = shared[Number(v)]!;
      else if (type === 'inlineStr') value = textOf(body);
      else if ((type === 'str' || type === 'e') && v !== undefined) value = unescape(v);
      else if (v !== undefined) value = Number(v);
      const cell = { ref, type, value, formula: f ? unescape(f[1] ?? '') : null, style: Number(attr(open, 's') ?? 0) };
      cells.set(ref, cell);
      const r = Number(/\d+$/.exec(ref)![0]) - 1;
      (rows[r] ??= [])[colIndex(ref)] = value;
    }
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets.push({ name, xml, cells, rows });
  }
  return {
    files, sheets, workbookXml, stylesXml: text('xl/styles.xml'),
    sheet(name) {
      const s = sheets.find((x) => x.name === name);
      if (!s) throw new Error(`no sheet ${name}`);
      return s;
    },
  };
}

/** Yuan as written (a double) → 分, exactly; fails loudly on a value that is not a whole 分. */
export function fen(v: unknown): number {
  if (typeof v !== 'number') throw new Error(`not a number: ${String(v)}`);
  const f = Math.round(v * 100);
  if (Math.abs(f - v * 100) > 1e-6) throw new Error(`not a whole 分: ${v}`);
  return f;
}
