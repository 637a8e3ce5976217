/**
 * .xlsx bytes → plain grids, with exceljs (runs in Node, the browser and workerd alike).
 * Values follow Excel's own model so a grid read from a file equals one read from the
 * Excel host: dates become serial numbers with their number format, formulas their cached
 * result, rich text its plain text.
 */
import ExcelJS from 'exceljs';
import type { CellValue, Grid } from '../grid';

/** Raised when the bytes are not a readable .xlsx workbook (zip/XML broken, or another format). */
export class WorkbookReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbookReadError';
  }
}

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (the 1900 system's day 0, after Lotus's leap-year bug) to 1970-01-01. */
const EPOCH_1900 = 25_569;
/** Days from 1904-01-01 to 1970-01-01. */
const EPOCH_1904 = 24_107;

/** exceljs builds dates as UTC midnights from the serial; undo that exactly. */
function dateToSerial(d: Date, date1904: boolean): number {
  const days = d.getTime() / MS_PER_DAY + (date1904 ? EPOCH_1904 : EPOCH_1900);
  // Whole days stay whole; a time of day keeps its fraction (rounded to the millisecond).
  return Math.round(days * MS_PER_DAY) / MS_PER_DAY;
}

type Raw = ExcelJS.CellValue | undefined;

/** One exceljs cell value as a plain grid value. */
export function plainValue(v: Raw, date1904 = false): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if ('richText' in o && Array.isArray(o.richText)) {
      return (o.richText as { text?: unknown }[]).map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
    }
    if ('formula' in o || 'sharedFormula' in o) {
      // A formula cell is read as its cached result; never as the formula text.
      return 'result' in o ? plainValue(o.result as Raw, date1904) : null;
    }
    if ('error' in o && typeof o.error === 'string') return o.error;
    if ('text' in o) {
      const t = o.text;
      if (typeof t === 'string') return t;
      if (t && typeof t === 'object') return plainValue(t as Raw, date1904);
    }
  }
  return null;
}

/** The formula text of a cell (shared formulas resolved by exceljs to this cell's own), or undefined. */
function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value as unknown;
  if (!v || typeof v !== 'object') return undefined;
  const o = v as { formula?: unknown; sharedFormula?: unknown };
  if (typeof o.formula === 'string' || typeof o.sharedFormula === 'string') {
    const f = (cell as unknown as { formula?: string }).formula;
    return typeof f === 'string' && f ? f.replace(/^=/, '') : typeof o.formula === 'string' ? o.formula.replace(/^=/, '') : undefined;
  }
  return undefined;
}

interface MergeModel { top: number; left: number; bottom: number; right: number }

function mergesOf(ws: ExcelJS.Worksheet): Grid['merges'] {
  // exceljs keeps merges in a private map keyed by the master cell; the public `model`
  // getter would serialise the whole sheet just to read them.
  const map = (ws as unknown as { _merges?: Record<string, { model?: MergeModel }> })._merges ?? {};
  const out: NonNullable<Grid['merges']> = [];
  for (const key of Object.keys(map)) {
    const m = map[key]?.model;
    if (m) out.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  return out;
}

function sheetToGrid(ws: ExcelJS.Worksheet, date1904: boolean): Grid {
  const values: CellValue[][] = [];
  const formats: string[][] = [];
  const formulas: (string | undefined)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const vals: CellValue[] = [];
    let fmts: string[] | undefined;
    let fx: (string | undefined)[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      const v = plainValue(cell.value, date1904);
      // Merged slave cells repeat nothing: Excel shows only the master's value.
      if (cell.isMerged && cell.master !== cell) return;
      while (vals.length < c) vals.push(null);
      vals[c] = v;
      const formula = formulaOf(cell);
      if (formula) {
        fx ??= [];
        fx[c] = formula;
      }
      const f = cell.numFmt;
      if (f && f !== 'General') {
        fmts ??= [];
        fmts[c] = f;
      }
    });
    values[r] = vals;
    if (fmts) formats[r] = fmts;
    if (fx) formulas[r] = fx;
  });
  for (let r = 0; r < values.length; r++) values[r] ??= [];
  for (let r = 0; r < formats.length; r++) formats[r] ??= [];
  for (let r = 0; r < formulas.length; r++) formulas[r] ??= [];
  return { name: ws.name, values, formats, formulas, origin: { row: 0, col: 0 }, merges: mergesOf(ws) };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Reads an .xlsx workbook into one grid per worksheet, in workbook order.
 * Throws WorkbookReadError when the bytes are not an .xlsx file.
 */
export async function readWorkbook(bytes: ArrayBuffer | Uint8Array): Promise<Grid[]> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (view.length < 4 || ZIP_MAGIC.some((b, i) => view[i] !== b)) {
    throw new WorkbookReadError('the file is not a zip package');
  }
  const buf = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength
    ? view.buffer
    : view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as ArrayBuffer);
  } catch (e) {
    throw new WorkbookReadError(`cannot read the workbook: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  const grids: Grid[] = [];
  wb.eachSheet((ws) => {
    grids.push(sheetToGrid(ws, date1904));
  });
  if (!grids.length) throw new WorkbookReadError('the workbook has no worksheets');
  return grids;
}
