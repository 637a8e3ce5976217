/**
 * A1 cell addresses, the one place columns become letters and back: the checker's findings
 * ("F7"), the pane's Excel ranges, the worker's SpreadsheetML writer. 0-based coordinates in,
 * 1-based A1 text out (row 0, col 0 → "A1").
 */

const LETTERS: string[] = [];

/** 0-based column → letters: 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
export function columnLetters(col: number): string {
  const hit = LETTERS[col];
  if (hit !== undefined) return hit;
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  if (col < 1024) LETTERS[col] = s;
  return s;
}

/** Letters → 0-based column ("A" → 0, "aa" → 26); -1 when `letters` holds anything but A–Z. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]+$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "F7" from 0-based row 6, column 5. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "F7" (or "$F$7") → 0-based { row: 6, col: 5 }; null when it is not one cell's address. */
export function parseA1(addr: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(addr.trim());
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}
