/** ReportInput → .xlsx bytes: the layout, written by the streaming writer (or exceljs, to compare). */
import type { ReportInput } from './input';
import { reportLayout } from './layout';
import { writeXlsxStream } from './xlsx-stream';

export function buildReport(input: ReportInput): Uint8Array<ArrayBuffer> {
  return writeXlsxStream(reportLayout(input));
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
