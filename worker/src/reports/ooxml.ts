/** Small SpreadsheetML helpers shared by the streaming writer and the tests. */

const COLS: string[] = [];
/** 0-based column index → "A", "B", … "AA". */
export function colName(i: number): string {
  let s = COLS[i];
  if (s !== undefined) return s;
  s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  COLS[i] = s;
  return s;
}

// XML 1.0 forbids most C0 controls; they cannot come from a real register, so they are dropped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/**
 * Text for an ST_Xstring (cell text): XML-escaped, an existing "_xHHHH_" kept literal by escaping
 * its underscore, and CR written as _x000D_ so XML parsing does not fold it into LF.
 */
export function escapeCellText(text: string): string {
  return escapeXml(text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/\r/g, '_x000D_'));
}

/** Header/footer text: "&" starts a formatting code there, so a literal one is doubled. */
export function escapeHeaderFooter(text: string): string {
  return escapeXml(text.replace(/&/g, '&&'));
}

/** Text a spreadsheet would take for a formula (or DDE) if typed in: = + - @ tab CR. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}
