/**
 * The small parts of a package, read whole: relationships, the workbook (sheet names and
 * order, the 1904 date system), styles (each cell style's number format) and the shared
 * string table. The large parts, worksheets, are scanned as a stream (sheet-scan.ts).
 */
import { section, tags, unescapeX, xmlText } from './xml-text';

export interface Rel { id: string; type: string; target: string }

/** A part's relationships, targets resolved against the part's folder ("/x" is package-absolute). */
export function parseRels(xml: string, partDir: string): Rel[] {
  const out: Rel[] = [];
  for (const t of tags(xml, 'Relationship')) {
    const { Id, Type, Target, TargetMode } = t.a;
    if (!Id || !Target || TargetMode === 'External') continue;
    out.push({ id: Id, type: Type ?? '', target: resolvePart(partDir, Target) });
  }
  return out;
}

export function resolvePart(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${dir}${dir ? '/' : ''}${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

export interface SheetRef { name: string; rId: string }

export interface WorkbookPart { sheets: SheetRef[]; date1904: boolean }

export function parseWorkbook(xml: string): WorkbookPart {
  const sheets: SheetRef[] = [];
  const list = section(xml, 'sheets') ?? '';
  for (const t of tags(list, 'sheet')) {
    // The relationship id is r:id under whatever prefix the file binds the namespace to.
    const rKey = Object.keys(t.a).find((k) => k === 'r:id' || k.endsWith(':id'));
    const rId = rKey ? t.a[rKey] : undefined;
    if (t.a.name !== undefined && rId) sheets.push({ name: t.a.name, rId });
  }
  let date1904 = false;
  for (const t of tags(xml, 'workbookPr')) date1904 = t.a.date1904 === '1' || t.a.date1904 === 'true';
  return { sheets, date1904 };
}

/**
 * Built-in number formats (ECMA-376 §18.8.30) by numFmtId, as exceljs names them; the ids
 * whose built-in format depends on the locale (27–36, 50–58) are given the zh-CN ones, which
 * is what a Chinese Excel shows for them (exceljs gives such cells no format at all).
 */
const BUILTIN: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00',
  12: '# ?/?', 13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午 h"时"mm"分"', 35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"', 56: '上午/下午 h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** exceljs's date test: any of y m d h s b outside [...] and "..." (so dates become serials with their format). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

export interface Styles {
  /** Number format of each cell style (cellXfs index); undefined where it has none. */
  numFmt: (string | undefined)[];
  /** Whether that format is a date/time format. */
  isDate: boolean[];
}

export function parseStyles(xml: string | undefined): Styles | undefined {
  if (xml === undefined) return undefined;
  const custom = new Map<number, string>();
  const nf = section(xml, 'numFmts');
  if (nf !== undefined) {
    for (const t of tags(nf, 'numFmt')) {
      const id = parseInt(t.a.numFmtId ?? '', 10);
      // exceljs drops the backslash of every escaped character (yyyy\-mm\-dd → yyyy-mm-dd).
      if (t.a.formatCode !== undefined) custom.set(id, t.a.formatCode.replace(/[\\](.)/g, '$1'));
    }
  }
  const numFmt: (string | undefined)[] = [];
  const xfs = section(xml, 'cellXfs');
  if (xfs !== undefined) {
    for (const t of tags(xfs, 'xf')) {
      const id = parseInt(t.a.numFmtId ?? '', 10);
      numFmt.push(id ? custom.get(id) || BUILTIN[id] : undefined);
    }
  }
  return { numFmt, isDate: numFmt.map(isDateFormat) };
}

/** One shared string as a grid value: plain text, rich text joined, or null for an empty item. */
export type SharedString = string | null;

/**
 * The shared string table. A plain item is its last <t> (with _xHHHH_ unescaped); a rich one
 * its runs' texts joined; phonetic runs (<rPh>) are not text of the cell.
 */
export function parseSharedStrings(xml: string | undefined): SharedString[] {
  const out: SharedString[] = [];
  if (xml === undefined) return out;
  let i = 0;
  for (;;) {
    i = xml.indexOf('<si', i);
    if (i < 0) break;
    const c = xml.charCodeAt(i + 3);
    if (c !== 62 && c !== 32 && c !== 47 && c !== 9 && c !== 10 && c !== 13) {
      i += 3;
      continue;
    }
    const gt = xml.indexOf('>', i);
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push(null);
      i = gt + 1;
      continue;
    }
    let end = xml.indexOf('</si>', gt);
    if (end < 0) end = xml.length;
    out.push(siValue(xml, gt + 1, end));
    i = end + 5;
  }
  return out;
}

function tText(xml: string, t: { end: number; selfClosing: boolean }, to: number): string {
  if (t.selfClosing) return '';
  const close = xml.indexOf('</t>', t.end);
  let raw = xml.slice(t.end, close < 0 || close > to ? to : close);
  // CDATA is text too (exceljs dropped it; Excel never writes it, other tools may)
  if (raw.indexOf('<![CDATA[') >= 0) raw = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, c: string) => c.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  return unescapeX(xmlText(raw));
}

function siValue(xml: string, from: number, to: number): SharedString {
  // Fast path: <t>text</t> alone, the common case.
  if (xml.charCodeAt(from) === 60 && xml.charCodeAt(from + 1) === 116 && xml.charCodeAt(from + 2) === 62) {
    const close = xml.indexOf('</t>', from + 3);
    if (close >= 0 && close + 4 === to) {
      const raw = xml.slice(from + 3, close);
      if (raw.indexOf('<') < 0) return raw.indexOf('&') < 0 && raw.indexOf('_x') < 0 && raw.indexOf('\r') < 0 ? raw : unescapeX(xmlText(raw));
    }
  }
  let body = xml.slice(from, to);
  if (body.indexOf('<rPh') >= 0) body = body.replace(/<rPh\b[\s\S]*?<\/rPh>|<rPh\b[^>]*\/>/g, '');
  let runs: string[] | undefined;
  let plain: string | undefined;
  let i = 0;
  for (;;) {
    const lt = body.indexOf('<', i);
    if (lt < 0) break;
    const c1 = body.charCodeAt(lt + 1);
    const c2 = body.charCodeAt(lt + 2);
    const isEnd = (c: number) => c === 62 || c === 32 || c === 47 || c === 9 || c === 10 || c === 13;
    if (c1 === 114 && isEnd(c2)) {
      // <r> … </r>: one run; its text is its <t> (none: empty)
      const gt = body.indexOf('>', lt);
      const close = body.indexOf('</r>', gt);
      const runEnd = close < 0 ? body.length : close;
      let text = '';
      for (const t of tags(body, 't', gt + 1, runEnd)) text = tText(body, t, runEnd);
      (runs ??= []).push(text);
      i = runEnd + 4;
    } else if (c1 === 116 && isEnd(c2)) {
      const gt = body.indexOf('>', lt);
      const t = { end: gt + 1, selfClosing: body.charCodeAt(gt - 1) === 47 };
      plain = tText(body, t, body.length);
      const close = body.indexOf('</t>', gt);
      i = t.selfClosing || close < 0 ? gt + 1 : close + 4;
    } else i = lt + 1;
  }
  if (plain !== undefined) return plain;
  if (runs) return runs.join('');
  return null;
}

