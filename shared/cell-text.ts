/**
 * How a clerk's typed text is read before any domain rule looks at it: full-width forms
 * (typed with a Chinese IME) become their ASCII twins, and every kind of space can be dropped.
 */
import type { CellValue } from './grid';

const WIDE = /[\uff01-\uff5e\u3000]/;

const CHAR_CODE_AT = String.prototype.charCodeAt;
/**
 * `s.charCodeAt(i)` without the property lookup. Cell text comes in many V8 string forms (flat
 * one- and two-byte, internalised, concatenated, sliced from the sheet XML); a scan whose
 * `s.charCodeAt` or `s.length` has met more than four of them goes megamorphic, and every
 * character then costs a lookup in V8's megamorphic cache (`--log-ic`: compactText, digitKey).
 * Through String.prototype's own function the call stays direct: 3–4× faster on mixed strings,
 * the same on uniform ones (issue 14). Scans read `s.length` once, before the loop, for that reason.
 */
export function codeAt(s: string, i: number): number {
  return CHAR_CODE_AT.call(s, i);
}

/** Full-width ASCII forms (U+FF01..U+FF5E) to ASCII; the ideographic space to a plain space. */
export function toHalfWidth(s: string): string {
  if (!WIDE.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Spaces of every kind, including no-break, ideographic and zero-width ones. */
const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;

const ANY_SPACE = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/;

export function dropSpaces(s: string): string {
  return ANY_SPACE.test(s) ? s.replace(SPACES, '') : s;
}

/**
 * Could `c` change under compactText: a full-width form or any character ANY_SPACE matches
 * (\s is TAB–CR, space, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000, U+FEFF).
 */
function touchesCompact(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff || (c >= 0xff01 && c <= 0xff5e);
}

/** Half-width, no spaces: the form most rules compare against. */
export function compactText(s: string): string {
  // Most cells are already compact: one scan of the characters instead of two regex tests.
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = codeAt(s, i);
    // Printable ASCII and CJK ideographs first: nearly every character of a cell.
    if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) continue;
    if (touchesCompact(c)) return dropSpaces(toHalfWidth(s));
  }
  return s;
}

/**
 * An empty cell: null, or text of nothing but spaces trim() removes. A first character that is
 * printable ASCII or a CJK ideograph is no space, so the usual cell skips trim() (issue 14:
 * isBlank 2 % of checkRoster in a roster-only profile).
 */
export function isBlankCell(v: CellValue): boolean {
  if (v === null) return true;
  if (typeof v !== 'string') return false;
  if (v.length === 0) return true;
  const c = codeAt(v, 0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  // trim() covers ordinary, ideographic and no-break spaces without building a new string.
  return v.trim().length === 0;
}

/**
 * Text a spreadsheet would take for a formula (or a DDE command) if typed in: it starts with
 * = + - @, a tab or a carriage return. Such text from a clerk or a submission is only ever
 * written as text (the pane formats the cell as text, the report writer adds Excel's quote
 * prefix, a corrected copy writes a rich-text string): a name like =HYPERLINK(…) never runs.
 */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

const FORMULA_START = /^[=+\-@\t\r]/;
