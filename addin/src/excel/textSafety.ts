/**
 * Excel turns typed text into formulas (= + - @) or numbers (an 18-digit ID loses its last
 * digits as a double). A fix is written into a cell formatted as text ("@") whenever Excel
 * would otherwise reinterpret it — we set the number format, not a ' prefix, because the
 * format also protects the next edit of the same cell (design.md: no formula from user text).
 */
import { columnIndex } from '../../../shared/a1';
import { looksLikeFormula } from '../../../shared/cell-text';

export function mustWriteAsText(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (looksLikeFormula(value)) return true;
  // Excel parses typed text containing a digit as a number, percentage, fraction, time or date
  // ("007", "1/2", "12:30", "1e5", "(5)", "2015年7月1日"), "TRUE"/"FALSE" as booleans and "#N/A"
  // as an error value; such text can only survive in a text-formatted cell.
  return /\d/.test(value) || /^\s*(true|false)\s*$/i.test(value) || /^\s*#/.test(value);
}

/** Row span of an A1 address such as "B3", "B3:D9", "Sheet1!A1:C2" or "3:5" (0-based, inclusive). */
export function rowSpan(address: string): { firstRow: number; lastRow: number } | null {
  const a = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const parts = a.split(':');
  const rowOf = (p: string) => {
    const m = /(\d+)$/.exec(p.replace(/\$/g, ''));
    return m ? Number(m[1]) - 1 : null;
  };
  const first = rowOf(parts[0] ?? '');
  const last = rowOf(parts[1] ?? parts[0] ?? '');
  if (first === null || last === null) return null;
  return { firstRow: Math.min(first, last), lastRow: Math.max(first, last) };
}

/** Column span of an A1 address such as "C:D", "B3:D9" or "Sheet1!C:C" (0-based, inclusive). */
export function colSpan(address: string): { first: number; last: number } | null {
  const a = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const parts = a.split(':');
  const colOf = (p: string) => {
    const m = /^\$?([A-Za-z]{1,3})/.exec(p);
    return m ? columnIndex(m[1]!) : null;
  };
  const first = colOf(parts[0] ?? '');
  const last = colOf(parts[1] ?? parts[0] ?? '');
  if (first === null || last === null) return null;
  return { first: Math.min(first, last), last: Math.max(first, last) };
}
