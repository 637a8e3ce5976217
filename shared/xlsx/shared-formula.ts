/**
 * A shared formula (ECMA-376 §18.3.1.40, <f t="shared">) is written once on its master cell;
 * each other cell of the range holds the master's formula moved by its own offset. This is the
 * translation exceljs applies for `cell.formula` (exceljs lib/utils/shared-formula.js), so a
 * follower reads exactly the formula text the exceljs reader gave it.
 */

/** "A" → 1, "XFD" → 16384. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & ~32) - 64;
  return n;
}

/** 1 → "A", 16384 → "XFD". */
export function columnLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = (n - 1 - m) / 26;
  }
  return s;
}

const CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL_REF = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

/** The master's formula as it reads in a cell `dRow` rows and `dCol` columns away ($ parts stay). */
export function slideFormula(formula: string, dRow: number, dCol: number): string {
  return formula.replace(CANDIDATE, (match: string, sheet: string | undefined, _s: string | undefined, addr: string, paren: string | undefined) => {
    if (paren) return match; // a function name such as LOG10(
    const m = CELL_REF.exec(addr);
    if (!m) return match;
    const colStr = m[2]!.toUpperCase();
    // Past XFD it is a name, not a column.
    if (colStr.length > 3 || (colStr.length === 3 && colStr > 'XFD')) return match;
    let col = columnNumber(colStr);
    let row = parseInt(m[4]!, 10);
    if (!m[1]) col += dCol;
    if (!m[3]) row += dRow;
    // A reference slid off the sheet is #REF! in Excel.
    if (col < 1 || col > 16384 || row < 1) return '#REF!';
    return `${sheet ?? ''}${m[1] ?? ''}${columnLetters(col)}${m[3] ?? ''}${row}`;
  });
}
