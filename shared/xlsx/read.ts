/**
 * .xlsx bytes → plain grids, on fflate and a scan of each sheet's XML bytes (no DOM, no
 * Node or browser APIs, so the same code runs in Node, the check Web Worker and workerd).
 * Values follow Excel's own model so a grid read from a file equals one read from the Excel
 * host: dates are serial numbers with their number format, formulas their cached result (the
 * formula text in `formulas`), rich text its plain text.
 *
 * The grids equal what the exceljs reader gave before it (kept for comparison only, in
 * tests/fixtures/exceljs-read.ts; tests/shared/xlsx/read-equivalence.test.ts); where this
 * reader does better on purpose it says so (zh-CN built-in date formats, sheets found through
 * the package's relationships rather than fixed part names).
 */
import { strFromU8 } from 'fflate';
import type { Grid } from '../grid';
import { parseRels, parseSharedStrings, parseStyles, parseWorkbook, type Rel } from './parts';
import { SheetScanner } from './sheet-scan';
import { inflateEntry, inflateSheet, WorkbookReadError, zipEntries, type ZipEntry } from './zip';

export { WorkbookReadError };

export interface ReadOptions {
  /**
   * Called as the sheets are read: `done` of `total` compressed sheet bytes (so 0 of N before
   * the first sheet, N of N at the end).
   */
  onProgress?: (done: number, total: number) => void;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_STYLES = /\/styles$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;

function startsWith(b: Uint8Array, magic: number[]): boolean {
  return b.length >= magic.length && magic.every((x, i) => b[i] === x);
}

function text(b: Uint8Array, en: ZipEntry): string {
  const bytes = inflateEntry(b, en);
  // A UTF-8 byte-order mark is allowed before the XML declaration.
  const s = strFromU8(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function dirOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i);
}

function relsOf(b: Uint8Array, entries: Map<string, ZipEntry>, part: string): Rel[] {
  const dir = dirOf(part);
  const name = part.slice(dir ? dir.length + 1 : 0);
  const en = entries.get(`${dir}${dir ? '/' : ''}_rels/${name}.rels`);
  return en ? parseRels(text(b, en), dir) : [];
}

/**
 * Reads an .xlsx workbook into one grid per worksheet, in workbook order (chart sheets and
 * dialog sheets have no cells and are left out).
 * Throws WorkbookReadError, saying what is wrong, when the bytes are not a readable .xlsx file.
 */
export async function readWorkbook(bytes: ArrayBuffer | Uint8Array, options: ReadOptions = {}): Promise<Grid[]> {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (startsWith(b, OLE_MAGIC)) {
    throw new WorkbookReadError('the file is a legacy .xls workbook or a password-protected one, not an .xlsx: save it as an Excel Workbook (.xlsx) without a password');
  }
  if (!startsWith(b, ZIP_MAGIC)) throw new WorkbookReadError('the file is not a zip package, so not an .xlsx workbook');
  const entries = zipEntries(b);

  const root = entries.get('_rels/.rels');
  const rootRels = root ? parseRels(text(b, root), '') : [];
  const workbookPart = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  const wbEntry = entries.get(workbookPart);
  if (!wbEntry) {
    throw new WorkbookReadError(entries.has('word/document.xml') || entries.has('ppt/presentation.xml')
      ? 'the file is a Word or PowerPoint document, not an .xlsx workbook'
      : `the package has no workbook part (${workbookPart}), so it is not an .xlsx workbook`);
  }
  const workbook = parseWorkbook(text(b, wbEntry));
  const wbRels = relsOf(b, entries, workbookPart);
  const wbDir = dirOf(workbookPart);
  const partByType = (re: RegExp, fallback: string) => entries.get(wbRels.find((r) => re.test(r.type))?.target ?? `${wbDir}/${fallback}`);
  const stylesEntry = partByType(REL_STYLES, 'styles.xml');
  const sstEntry = partByType(REL_SHARED_STRINGS, 'sharedStrings.xml');
  const styles = parseStyles(stylesEntry ? text(b, stylesEntry) : undefined);
  const sst = parseSharedStrings(sstEntry ? text(b, sstEntry) : undefined);

  const relById = new Map(wbRels.map((r) => [r.id, r]));
  const sheets: { name: string; entry: ZipEntry }[] = [];
  for (const s of workbook.sheets) {
    const rel = relById.get(s.rId);
    if (!rel || !REL_WORKSHEET.test(rel.type)) continue; // chartsheet, dialogsheet, or a dangling id
    const entry = entries.get(rel.target);
    if (!entry) throw new WorkbookReadError(`sheet "${s.name}" is missing from the package (${rel.target})`);
    sheets.push({ name: s.name, entry });
  }
  if (!sheets.length) throw new WorkbookReadError('the workbook has no worksheets');

  const total = sheets.reduce((n, s) => n + s.entry.compressedSize, 0);
  let before = 0;
  options.onProgress?.(0, total);
  const grids: Grid[] = [];
  const ctx = { sst, styles, date1904: workbook.date1904 };
  for (const { name, entry } of sheets) {
    const scan = new SheetScanner(entry.name, ctx);
    // The sheet's bytes are scanned as bytes; only what is kept as text is ever decoded.
    scan.feedBytes(inflateSheet(b, entry), (f) => options.onProgress?.(before + Math.round(f * entry.compressedSize), total));
    before += entry.compressedSize;
    grids.push(scan.finish(name));
    // Let the caller's event loop breathe between sheets (progress messages, cancellation).
    await Promise.resolve();
  }
  return grids;
}
