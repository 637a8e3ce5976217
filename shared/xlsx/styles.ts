/**
 * The cell formats of xl/styles.xml, for writers that must change one cell's look without
 * touching a format other cells share. A cell's `s` is an index into <cellXfs>; many cells (a
 * whole bordered, 宋体, centred register) commonly share one xf, so a change is made on a clone
 * appended at the end — the original xf, and every cell using it, stay exactly as they were.
 * Nothing is ever removed or reordered, so every existing index keeps its meaning.
 */
import { type XlsxPackage, addRelationship, attr, ensureContentType, escapeXml, setAttr } from './package';

const STYLES_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles';
const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/** Built-in number format 49 is "@" (text) in every locale (ECMA-376 Part 1, §18.8.30). */
export const TEXT_NUMFMT_ID = 49;

const MINIMAL_STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

interface Section {
  /** Offsets of the section's content (between its start and end tags) in the XML. */
  start: number;
  end: number;
  items: string[];
}

export class StyleSheet {
  private readonly part: string;
  private xml: string;
  private prefix: string;
  private clones = new Map<string, number>();
  private fillIds = new Map<string, number>();
  private dirty = false;
  private created = false;

  constructor(private readonly pkg: XlsxPackage) {
    const rel = pkg.relationships('xl/workbook.xml').find((r) => r.type === STYLES_TYPE);
    if (rel && pkg.has(rel.target)) {
      this.part = rel.target;
      this.xml = pkg.text(rel.target);
    } else {
      // A workbook without styles (some minimal writers): every cell uses the default look; the
      // part is added only if a cell must change (flush).
      this.part = 'xl/styles.xml';
      this.xml = MINIMAL_STYLES;
      this.created = true;
    }
    this.prefix = /<(\w+:)?styleSheet\b/.exec(this.xml)?.[1] ?? '';
  }

  private section(tag: string): Section | null {
    const p = this.prefix;
    const open = new RegExp(`<${p}${tag}\\b[^>]*?(/?)>`).exec(this.xml);
    if (!open) return null;
    const start = open.index + open[0].length;
    if (open[1] === '/') return { start, end: start, items: [] };
    const end = this.xml.indexOf(`</${p}${tag}>`, start);
    if (end < 0) return null;
    return { start, end, items: elements(this.xml.slice(start, end), childTag(tag), p) };
  }

  /** The raw <xf> of a cell style index (cellXfs), or null when out of range. */
  xf(index: number): string | null {
    return this.section('cellXfs')?.items[index] ?? null;
  }

  /** The number format id of a cell style index (0, General, when unknown). */
  numFmtId(index: number): number {
    const xf = this.xf(index);
    return xf ? Number(attr(openTag(xf), 'numFmtId') ?? 0) : 0;
  }

  /** The format code of a cell style ("General", "@", "yyyy-mm-dd", …). */
  numFmtCode(index: number): string {
    const id = this.numFmtId(index);
    const custom = this.section('numFmts')?.items.find((n) => Number(attr(n, 'numFmtId')) === id);
    if (custom) return attr(custom, 'formatCode') ?? 'General';
    return BUILTIN_FORMATS[id] ?? 'General';
  }

  /** A new cell style that is `index` with the text format "@"; one clone per original style. */
  withTextFormat(index: number): number {
    if (this.numFmtId(index) === TEXT_NUMFMT_ID) return index;
    return this.clone(index, `fmt:${TEXT_NUMFMT_ID}`, (tag) =>
      setAttr(setAttr(tag, 'numFmtId', String(TEXT_NUMFMT_ID)), 'applyNumberFormat', '1'));
  }

  /** A new cell style that is `index` with a solid fill of `rgb` ("F8CBAD"); one clone per style and colour. */
  withFill(index: number, rgb: string): number {
    const fillId = this.fillId(rgb);
    return this.clone(index, `fill:${rgb}`, (tag) => setAttr(setAttr(tag, 'fillId', String(fillId)), 'applyFill', '1'));
  }

  private clone(index: number, change: string, edit: (openTagText: string) => string): number {
    const k = `${index}|${change}`;
    const hit = this.clones.get(k);
    if (hit !== undefined) return hit;
    const sec = this.section('cellXfs');
    if (!sec) throw new Error('styles.xml has no <cellXfs>');
    const base = sec.items[index] ?? sec.items[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const tagEnd = base.indexOf('>');
    const selfClosing = base[tagEnd - 1] === '/';
    const openText = base.slice(0, selfClosing ? tagEnd - 1 : tagEnd);
    const xf = `${edit(openText)}${base.slice(selfClosing ? tagEnd - 1 : tagEnd)}`;
    const added = this.append('cellXfs', xf);
    this.clones.set(k, added);
    return added;
  }

  private fillId(rgb: string): number {
    const hit = this.fillIds.get(rgb);
    if (hit !== undefined) return hit;
    const p = this.prefix;
    const id = this.append('fills', `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${escapeXml(rgb)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
    this.fillIds.set(rgb, id);
    return id;
  }

  /** Appends an element to a counted section; returns its index. */
  private append(tag: string, element: string): number {
    const sec = this.section(tag);
    if (!sec) throw new Error(`styles.xml has no <${tag}>`);
    const index = sec.items.length;
    const p = this.prefix;
    const openRe = new RegExp(`<${p}${tag}\\b([^>]*?)(/?)>`);
    const m = openRe.exec(this.xml)!;
    const attrs = setAttr(m[1]!, 'count', String(index + 1));
    if (m[2] === '/') {
      this.xml = `${this.xml.slice(0, m.index)}<${p}${tag}${attrs}>${element}</${p}${tag}>${this.xml.slice(m.index + m[0].length)}`;
    } else {
      const head = `<${p}${tag}${attrs}>`;
      const before = this.xml.slice(0, m.index);
      const body = this.xml.slice(sec.start, sec.end);
      this.xml = `${before}${head}${body}${element}${this.xml.slice(sec.end)}`;
    }
    this.dirty = true;
    return index;
  }

  /** Writes the style sheet back into the package if anything was added. */
  flush(): void {
    if (!this.dirty) return;
    this.pkg.setText(this.part, this.xml);
    if (this.created) {
      addRelationship(this.pkg, 'xl/workbook.xml', STYLES_TYPE, 'styles.xml');
      ensureContentType(this.pkg, this.part, STYLES_CT);
      this.created = false;
    }
  }
}

function childTag(tag: string): string {
  return ({ cellXfs: 'xf', cellStyleXfs: 'xf', fills: 'fill', fonts: 'font', borders: 'border', numFmts: 'numFmt' } as Record<string, string>)[tag] ?? tag;
}

/** Direct child elements named `tag` (self-closing or with content; none nest in styles.xml). */
function elements(body: string, tag: string, prefix: string): string[] {
  const re = new RegExp(`<${prefix}${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${prefix}${tag}>)`, 'g');
  return body.match(re) ?? [];
}

function openTag(el: string): string {
  return el.slice(0, el.indexOf('>'));
}

/** Built-in number formats an xf may use by id alone (ECMA-376 Part 1, §18.8.30). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00',
  12: '# ?/?', 13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};
