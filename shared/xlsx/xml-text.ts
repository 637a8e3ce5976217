/**
 * The little XML the reader needs: entity decoding, attributes of one tag, and the text
 * escapes SpreadsheetML adds on top (_xHHHH_). Each follows what exceljs (the reader these
 * grids must equal) does, noted where it is odd.
 */

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character and entity references → text; an unknown entity is left as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.charCodeAt(0) === 35) {
      const cp = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[e] ?? m;
  });
}

/** XML text content as a parser hands it over: references decoded, line ends normalised (XML 1.0 §2.11). */
export function xmlText(raw: string): string {
  const s = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
  return decodeEntities(s);
}

/** exceljs's utils.xmlDecode, applied by it a second time to t="str" values: named entities only. */
export function xmlDecodeAgain(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;': return '<';
      case '&gt;': return '>';
      case '&amp;': return '&';
      case '&apos;': return "'";
      case '&quot;': return '"';
      default: return c;
    }
  });
}

/** SpreadsheetML's escape for characters XML cannot hold (ECMA-376 §22.9.2.19 ST_Xstring): _x000D_ → CR. */
export function unescapeX(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * The attributes of one tag `s.slice(from, to)` (from just after the name) as name → decoded
 * value; attribute values are normalised as XML 1.0 §3.3.3 says (tab/CR/LF → space).
 */
export function attrs(s: string, from: number, to: number): Record<string, string> {
  const out: Record<string, string> = {};
  let i = from;
  while (i < to) {
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= to) break;
    const name = s.slice(i, eq).trim();
    let q = eq + 1;
    while (q < to && s.charCodeAt(q) !== 34 && s.charCodeAt(q) !== 39) q++;
    if (q >= to) break;
    const end = s.indexOf(s[q]!, q + 1);
    if (end < 0 || end > to) break;
    const raw = s.slice(q + 1, end);
    out[name] = decodeEntities(/[\t\r\n]/.test(raw) ? raw.replace(/\r\n|[\t\r\n]/g, ' ') : raw);
    i = end + 1;
  }
  return out;
}

/** Every `<name …>` / `<name …/>` open tag in `s` (exact name), with its attributes and where it ends. */
export function* tags(s: string, name: string, from = 0, to = s.length): Generator<{ at: number; end: number; selfClosing: boolean; a: Record<string, string> }> {
  const open = `<${name}`;
  let i = from;
  for (;;) {
    i = s.indexOf(open, i);
    if (i < 0 || i >= to) return;
    const c = s.charCodeAt(i + open.length);
    // the exact name: followed by whitespace, "/" or ">"
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) {
      const gt = s.indexOf('>', i);
      if (gt < 0) return;
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      yield { at: i, end: gt + 1, selfClosing, a: attrs(s, i + open.length, selfClosing ? gt - 1 : gt) };
      i = gt + 1;
    } else i += open.length;
  }
}

/** The section `<name …>…</name>` of `s`, or undefined. */
export function section(s: string, name: string): string | undefined {
  for (const t of tags(s, name)) {
    if (t.selfClosing) return '';
    const close = s.indexOf(`</${name}>`, t.end);
    return s.slice(t.end, close < 0 ? s.length : close);
  }
  return undefined;
}
