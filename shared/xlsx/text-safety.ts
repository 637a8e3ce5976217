/**
 * Excel turns typed text into formulas (= + - @) or numbers (an 18-digit ID loses its last
 * digits as a double). A fix is written into a cell formatted as text ("@") whenever Excel
 * would otherwise reinterpret it — the number format, not a ' prefix, because the format also
 * protects the next edit of the same cell (design.md: no formula from user text). One rule for
 * every writer: the Excel host and the .xlsx patcher.
 */
import { looksLikeFormula } from '../cell-text';

export function mustWriteAsText(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (looksLikeFormula(value)) return true;
  // Excel parses typed text containing a digit as a number, percentage, fraction, time or date
  // ("007", "1/2", "12:30", "1e5", "(5)", "2015年7月1日"), "TRUE"/"FALSE" as booleans and "#N/A"
  // as an error value; such text can only survive in a text-formatted cell.
  return /\d/.test(value) || /^\s*(true|false)\s*$/i.test(value) || /^\s*#/.test(value);
}
