/**
 * The streaming xlsx writer the worker ships: SpreadsheetML written row by row into fflate's
 * streaming zip, so memory holds the compressed output, the shared-string table and one chunk of
 * XML — never a sheet object model. Chosen over exceljs by measurement (bench/report.bench.ts).
 *
 * Strings are only ever shared-string cells (t="s"): no user text can become a formula. Text
 * that starts like a formula also gets quotePrefix, so editing the cell in Excel keeps it text.
 */
import { Zip, ZipDeflate } from 'fflate';
import { columnLetters } from '../../../shared/a1';
import { looksLikeFormula } from '../../../shared/cell-text';
import { escapeCellText, escapeHeaderFooter, escapeXml } from './ooxml';
import type { CellStyle, SheetSpec, WorkbookSpec } from './spec';
import { MONEY_FORMAT, PERCENT_FORMAT } from './spec';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const FONT_NAME = '等线';
const CHUNK = 1 << 16;

export interface StreamOptions {
  /** Deflate level 1–9; 6 balances CPU and size. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** Receives the zip as it is produced; without it the bytes are collected and returned. */
  onChunk?: (chunk: Uint8Array) => void;
}

class StyleTable {
  private readonly byRef = new Map<CellStyle, number>();
  private readonly byKey = new Map<string, number>();
  readonly xfs: { style: CellStyle; quoted: boolean }[] = [{ style: {}, quoted: false }];

  index(style: CellStyle, quoted: boolean): number {
    if (!quoted) {
      const hit = this.byRef.get(style);
      if (hit !== undefined) return hit;
    }
    const key = JSON.stringify([style, quoted]);
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.xfs.length;
      this.xfs.push({ style, quoted });
      this.byKey.set(key, i);
    }
    if (!quoted) this.byRef.set(style, i);
    return i;
  }

  xml(): string {
    const fontIds = { normal: 0, bold: 1, title: 2, meta: 3 } as const;
    const fillIds = { header: 2, group: 3, total: 4 } as const;
    // #,##0 and @ are Excel's built-in formats 3 and 49.
    const numFmtIds = { text: 49, int: 3, money: 164, pct: 165 } as const;
    const font = (extra: string) => `<font>${extra}<sz val="11"/><name val="${FONT_NAME}"/><family val="2"/><charset val="134"/></font>`;
    const fill = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
    const side = '<color rgb="FF808080"/>';
    const xfs = this.xfs.map(({ style: s, quoted }) => {
      const numFmtId = s.numFmt ? numFmtIds[s.numFmt] : 0;
      const fontId = fontIds[s.font ?? 'normal'];
      const fillId = s.fill ? fillIds[s.fill] : 0;
      const borderId = s.border ? 1 : 0;
      const align = `<alignment vertical="center"${s.align ? ` horizontal="${s.align}"` : ''}${s.indent ? ` indent="${s.indent}"` : ''}${s.wrap ? ' wrapText="1"' : ''}/>`;
      return `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`
        + `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}`
        + `${borderId ? ' applyBorder="1"' : ''} applyAlignment="1"${quoted ? ' quotePrefix="1"' : ''}>${align}</xf>`;
    });
    return `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">`
      + `<numFmts count="2"><numFmt numFmtId="164" formatCode="${escapeXml(MONEY_FORMAT)}"/><numFmt numFmtId="165" formatCode="${escapeXml(PERCENT_FORMAT)}"/></numFmts>`
      + `<fonts count="4">${font('')}${font('<b/>')}${font('<b/>').replace('<sz val="11"/>', '<sz val="14"/>')}${font('<color rgb="FF595959"/>').replace('<sz val="11"/>', '<sz val="10"/>')}</fonts>`
      + `<fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fill('DDEBF7')}${fill('F2F2F2')}${fill('FFF2CC')}</fills>`
      + `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin">${side}</left><right style="thin">${side}</right><top style="thin">${side}</top><bottom style="thin">${side}</bottom><diagonal/></border></borders>`
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
      + '</styleSheet>';
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  id(text: string): number {
    this.count += 1;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

/** Buffers XML text and hands it to a zip entry in ~64 KB UTF-8 chunks. */
class XmlOut {
  private parts: string[] = [];
  private size = 0;
  private readonly enc = new TextEncoder();
  constructor(private readonly file: ZipDeflate) {}
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= CHUNK) this.flush(false);
  }
  flush(final: boolean): void {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.file.push(this.enc.encode(text), final);
  }
}

/** Excel refuses a header or footer longer than 255 characters, formatting codes included. */
export const HEADER_FOOTER_MAX = 255;

/** Header/footer text cut so that, with its codes and "&" doubled, it fits in `room` characters. */
function fitHeaderText(text: string, room: number): string {
  // eslint-disable-next-line no-control-regex -- a header is one line of printable text
  let t = text.replace(/[\u0000-\u001F\u007F]/g, ' ');
  const cost = (x: string) => x.length + (x.match(/&/g)?.length ?? 0);
  if (cost(t) <= room) return t;
  while (t.length && cost(`${t}…`) > room) t = t.slice(0, /[\uDC00-\uDFFF]/.test(t.at(-1) ?? '') ? -2 : -1);
  return `${t}…`;
}

function headerFooter(sheet: SheetSpec): string {
  const HEAD = '&C&"-,Bold"';
  const PAGES = '&R第 &P 页，共 &N 页';
  const h = sheet.print.header ? `<oddHeader>${escapeXml(HEAD)}${escapeHeaderFooter(fitHeaderText(sheet.print.header, HEADER_FOOTER_MAX - HEAD.length))}</oddHeader>` : '';
  const foot = sheet.print.footer ? `&L${escapeHeaderFooter(fitHeaderText(sheet.print.footer, HEADER_FOOTER_MAX - PAGES.length - 2))}` : '';
  const f = `<oddFooter>${foot.startsWith('&L') ? `&amp;L${foot.slice(2)}` : ''}${escapeXml(PAGES)}</oddFooter>`;
  return `<headerFooter>${h}${f}</headerFooter>`;
}

function writeSheet(out: XmlOut, sheet: SheetSpec, first: boolean, styles: StyleTable, sst: SharedStrings): void {
  const lastCol = sheet.columns.length - 1;
  out.write(`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`);
  out.write(`<sheetPr><outlinePr summaryBelow="1"/>${sheet.print.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>`);
  let pane = '';
  const fz = sheet.freeze;
  if (fz && (fz.rows || fz.cols)) {
    const tl = `${columnLetters(fz.cols)}${fz.rows + 1}`;
    const active = fz.rows && fz.cols ? 'bottomRight' : fz.rows ? 'bottomLeft' : 'topRight';
    pane = `<pane${fz.cols ? ` xSplit="${fz.cols}"` : ''}${fz.rows ? ` ySplit="${fz.rows}"` : ''} topLeftCell="${tl}" activePane="${active}" state="frozen"/><selection pane="${active}" activeCell="${tl}" sqref="${tl}"/>`;
  }
  out.write(`<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>`);
  out.write(`<sheetFormatPr defaultRowHeight="15"${sheet.outlineLevels ? ` outlineLevelRow="${sheet.outlineLevels}"` : ''}/>`);
  out.write(`<cols>${sheet.columns.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`);
  out.write('<sheetData>');
  const merges: string[] = [];
  const breaks: number[] = [];
  let r = 0;
  for (const row of sheet.rows()) {
    r += 1;
    if (row.pageBreakBefore && r > 1) breaks.push(r - 1);
    if (row.mergeTo !== undefined && row.mergeTo > 0) merges.push(`A${r}:${columnLetters(row.mergeTo)}${r}`);
    let attrs = `r="${r}"`;
    if (row.height) attrs += ` ht="${row.height}" customHeight="1"`;
    if (row.outlineLevel) attrs += ` outlineLevel="${row.outlineLevel}"`;
    let xml = `<row ${attrs}>`;
    const cells = row.cells;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      const ref = `${columnLetters(c)}${r}`;
      const v = cell.v;
      if (typeof v === 'number') {
        xml += Number.isFinite(v) ? `<c r="${ref}" s="${styles.index(cell.s, false)}"><v>${v}</v></c>` : `<c r="${ref}" s="${styles.index(cell.s, false)}"/>`;
      } else if (typeof v === 'string' && v !== '') {
        xml += `<c r="${ref}" s="${styles.index(cell.s, looksLikeFormula(v))}" t="s"><v>${sst.id(v)}</v></c>`;
      } else {
        xml += `<c r="${ref}" s="${styles.index(cell.s, false)}"/>`;
      }
    }
    out.write(`${xml}</row>`);
  }
  out.write('</sheetData>');
  if (sheet.autoFilter) {
    const lastRow = Math.max(sheet.autoFilter.row, r - sheet.autoFilter.footerRows);
    out.write(`<autoFilter ref="A${sheet.autoFilter.row}:${columnLetters(lastCol)}${lastRow}"/>`);
  }
  if (merges.length) out.write(`<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  out.write('<printOptions horizontalCentered="1"/>');
  out.write('<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.6" header="0.3" footer="0.3"/>');
  // paperSize: 9 = A4, 8 = A3 (ECMA-376 Part 1, 18.3.1.63).
  out.write(`<pageSetup paperSize="${sheet.print.paper === 'A3' ? 8 : 9}" orientation="${sheet.print.orientation}"${sheet.print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`);
  out.write(headerFooter(sheet));
  if (breaks.length) out.write(`<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((b) => `<brk id="${b}" max="16383" man="1"/>`).join('')}</rowBreaks>`);
  out.write('</worksheet>');
  out.flush(true);
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function workbookXml(wb: WorkbookSpec, filterRanges: (string | null)[]): string {
  const sheets = wb.sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const names: string[] = [];
  wb.sheets.forEach((s, i) => {
    const f = filterRanges[i];
    if (f) names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`${quoteSheet(s.name)}!${f}`)}</definedName>`);
    const rr = s.print.repeatRows;
    if (rr) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoteSheet(s.name)}!$${rr[0]}:$${rr[1]}`)}</definedName>`);
  });
  return `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews>`
    + `<sheets>${sheets}</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`;
}

function contentTypes(n: number): string {
  const sheets = Array.from({ length: n }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    + `${sheets}</Types>`;
}

function rootRels(): string {
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>`
    + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    + '</Relationships>';
}

function workbookRels(n: number): string {
  const sheets = Array.from({ length: n }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets}`
    + `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`
    + `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
}

function coreXml(wb: WorkbookSpec): string {
  const when = wb.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
    + `<dc:title>${escapeXml(wb.title)}</dc:title><dc:creator>${escapeXml(wb.creator)}</dc:creator>`
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created></cp:coreProperties>`;
}

function filterRange(sheet: SheetSpec, rowsWritten: number): string | null {
  if (!sheet.autoFilter) return null;
  const lastRow = Math.max(sheet.autoFilter.row, rowsWritten - sheet.autoFilter.footerRows);
  return `$A$${sheet.autoFilter.row}:$${columnLetters(sheet.columns.length - 1)}$${lastRow}`;
}

/** Writes the workbook; returns the bytes (or an empty array when opts.onChunk took them). */
export function writeXlsxStream(wb: WorkbookSpec, opts: StreamOptions = {}): Uint8Array<ArrayBuffer> {
  const level = opts.level ?? 6;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) { failure = err; return; }
    if (opts.onChunk) opts.onChunk(data);
    else { chunks.push(data); total += data.length; }
  });
  const enc = new TextEncoder();
  const small = (name: string, text: string) => {
    const f = new ZipDeflate(name, { level });
    zip.add(f);
    f.push(enc.encode(text), true);
  };
  small('[Content_Types].xml', contentTypes(wb.sheets.length));
  small('_rels/.rels', rootRels());
  small('docProps/core.xml', coreXml(wb));
  small('xl/_rels/workbook.xml.rels', workbookRels(wb.sheets.length));
  const styles = new StyleTable();
  const sst = new SharedStrings();
  const filters: (string | null)[] = [];
  wb.sheets.forEach((sheet, i) => {
    const f = new ZipDeflate(`xl/worksheets/sheet${i + 1}.xml`, { level });
    zip.add(f);
    let rows = 0;
    const counted: SheetSpec = { ...sheet, rows: function* () { for (const r of sheet.rows()) { rows += 1; yield r; } } };
    writeSheet(new XmlOut(f), counted, i === 0, styles, sst);
    filters.push(filterRange(sheet, rows));
  });
  small('xl/workbook.xml', workbookXml(wb, filters));
  small('xl/styles.xml', styles.xml());
  const sf = new ZipDeflate('xl/sharedStrings.xml', { level });
  zip.add(sf);
  const out = new XmlOut(sf);
  out.write(`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${sst.count}" uniqueCount="${sst.list.length}">`);
  for (const s of sst.list) {
    const preserve = /^\s|\s$|[\t\r\n]/.test(s) ? ' xml:space="preserve"' : '';
    out.write(`<si><t${preserve}>${escapeCellText(s)}</t></si>`);
  }
  out.write('</sst>');
  out.flush(true);
  zip.end();
  if (failure) throw failure;
  if (opts.onChunk) return new Uint8Array(0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  return bytes;
}
