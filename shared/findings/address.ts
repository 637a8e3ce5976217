/** A1 addresses from 0-based sheet coordinates (row 0, col 0 → "A1"). */

const LETTERS: string[] = [];

/** 0-based column → letters: 0 → A, 25 → Z, 26 → AA. */
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

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "F7" → { row: 6, col: 5 }; null when not an A1 address. */
export function parseA1(addr: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(addr.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
