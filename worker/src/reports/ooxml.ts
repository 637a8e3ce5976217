/** Small SpreadsheetML helpers shared by the streaming writer and the tests. */

// Column letters are shared/a1.ts's; formula-looking text is shared/cell-text.ts's looksLikeFormula.

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

