import { columnIndex } from '../../../shared/a1';

/** The one rule for text that Excel would re-read (shared with the .xlsx patcher). */
export { mustWriteAsText } from '../../../shared/xlsx/text-safety';

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
