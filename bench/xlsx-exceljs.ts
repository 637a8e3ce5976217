/**
 * The same WorkbookSpec written with exceljs, kept only to measure against the streaming writer
 * (bench/report.bench.ts): exceljs builds the whole workbook as objects before writing, which
 * for 1,000 branches × 50 members over a year does not fit a Worker's 128 MB. Bench only.
 */
import ExcelJS from 'exceljs';
import { columnLetters } from '../shared/a1';
import type { CellStyle, WorkbookSpec } from '../worker/src/reports/spec';
import { INT_FORMAT, MONEY_FORMAT, PERCENT_FORMAT } from '../worker/src/reports/spec';

const FILLS = { header: 'FFDDEBF7', group: 'FFF2F2F2', total: 'FFFFF2CC' } as const;

function toExcelStyle(s: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  const size = s.font === 'title' ? 14 : s.font === 'meta' ? 10 : 11;
  out.font = { name: '等线', size, bold: s.font === 'bold' || s.font === 'title', ...(s.font === 'meta' ? { color: { argb: 'FF595959' } } : {}) };
  if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[s.fill] } };
  if (s.border) {
    const side: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
    out.border = { top: side, left: side, bottom: side, right: side };
  }
  if (s.numFmt) out.numFmt = s.numFmt === 'money' ? MONEY_FORMAT : s.numFmt === 'pct' ? PERCENT_FORMAT : s.numFmt === 'int' ? INT_FORMAT : '@';
  out.alignment = { vertical: 'middle', ...(s.align ? { horizontal: s.align } : {}), ...(s.indent ? { indent: s.indent } : {}), ...(s.wrap ? { wrapText: true } : {}) };
  return out;
}

export async function writeXlsxExcelJs(wb: WorkbookSpec): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = wb.creator;
  book.title = wb.title;
  book.created = wb.created;
  const styles = new Map<CellStyle, Partial<ExcelJS.Style>>();
  const styleOf = (s: CellStyle) => {
    let x = styles.get(s);
    if (!x) { x = toExcelStyle(s); styles.set(s, x); }
    return x;
  };
  for (const spec of wb.sheets) {
    const fz = spec.freeze;
    const ws = book.addWorksheet(spec.name, {
      views: fz ? [{ state: 'frozen', xSplit: fz.cols, ySplit: fz.rows }] : [],
      pageSetup: {
        // exceljs's PaperSize enum lacks A3 (8), which the file format allows.
        paperSize: (spec.print.paper === 'A3' ? 8 : 9) as ExcelJS.PaperSize,
        orientation: spec.print.orientation,
        fitToPage: spec.print.fitToWidth,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        ...(spec.print.repeatRows ? { printTitlesRow: `${spec.print.repeatRows[0]}:${spec.print.repeatRows[1]}` } : {}),
      },
      headerFooter: {
        oddHeader: spec.print.header ? `&C&"-,Bold"${spec.print.header.replace(/&/g, '&&')}` : '',
        oddFooter: `${spec.print.footer ? `&L${spec.print.footer.replace(/&/g, '&&')}` : ''}&R第 &P 页，共 &N 页`,
      },
    });
    ws.columns = spec.columns.map((width) => ({ width }));
    let r = 0;
    for (const row of spec.rows()) {
      r += 1;
      const xr = ws.getRow(r);
      row.cells.forEach((cell, c) => {
        if (!cell) return;
        const xc = xr.getCell(c + 1);
        // A plain string value is always a string cell in exceljs; formulas need { formula }.
        if (cell.v !== null) xc.value = cell.v;
        xc.style = styleOf(cell.s);
      });
      if (row.height) xr.height = row.height;
      if (row.outlineLevel) xr.outlineLevel = row.outlineLevel;
      if (row.mergeTo) ws.mergeCells(r, 1, r, row.mergeTo + 1);
      if (row.pageBreakBefore && r > 1) ws.getRow(r - 1).addPageBreak();
    }
    if (spec.autoFilter) {
      const last = Math.max(spec.autoFilter.row, r - spec.autoFilter.footerRows);
      ws.autoFilter = `A${spec.autoFilter.row}:${columnLetters(spec.columns.length - 1)}${last}`;
    }
  }
  const buf = await book.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
