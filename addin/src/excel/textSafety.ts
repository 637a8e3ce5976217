/**
 * Excel turns typed text into formulas (= + - @) or numbers (an 18-digit ID loses its last
 * digits as a double). A fix is written into a cell formatted as text ("@") whenever Excel
 * would otherwise reinterpret it — we set the number format, not a ' prefix, because the
 * format also protects the next edit of the same cell (design.md: no formula from user text).
 */
export function mustWriteAsText(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (/^[=+\-@\t\r]/.test(value)) return true;
  // Numeric- or date-looking text (IDs, leading zeros, "2015-07-01") would be coerced.
  return /^\s*[0-9.,%]+\s*$/.test(value) || /^\d{15,}[Xx]?$/.test(value) || /^\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?$/.test(value);
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
