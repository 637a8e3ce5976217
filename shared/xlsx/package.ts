/**
 * An .xlsx file as its package parts (OPC: a zip of XML parts), for writers that change a few
 * parts and must leave every other one byte for byte as the clerk's program wrote it. Parts are
 * kept as bytes; only the parts a writer touches are decoded. Pure TypeScript on fflate, so it
 * runs in Node, the browser and workerd alike.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

import { PackageError } from './errors';

export { PackageError } from './errors';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export class XlsxPackage {
  /** Part name (no leading slash, as stored in the zip) → bytes, in the zip's own order. */
  readonly parts: Map<string, Uint8Array>;
  private texts = new Map<string, string>();
  private changed = new Set<string>();

  private constructor(parts: Map<string, Uint8Array>) {
    this.parts = parts;
  }

  static open(bytes: ArrayBuffer | Uint8Array): XlsxPackage {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (view.length < 4 || ZIP_MAGIC.some((b, i) => view[i] !== b)) {
      throw new PackageError('the file is not an .xlsx workbook (not a zip package); an .xls file must first be saved as .xlsx');
    }
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(view);
    } catch (e) {
      throw new PackageError(`cannot unzip the workbook: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parts = new Map(Object.entries(files).filter(([name]) => !name.endsWith('/')));
    if (!parts.has('xl/workbook.xml') && !findCaseless(parts, 'xl/workbook.xml')) {
      throw new PackageError('the package has no xl/workbook.xml: it is not an Excel workbook');
    }
    return new XlsxPackage(parts);
  }

  has(name: string): boolean {
    return this.parts.has(name);
  }

  /** A part as text (UTF-8), decoded once. */
  text(name: string): string {
    const hit = this.texts.get(name);
    if (hit !== undefined) return hit;
    const bytes = this.parts.get(name);
    if (!bytes) throw new PackageError(`the package has no part ${name}`);
    const s = strFromU8(bytes);
    this.texts.set(name, s);
    return s;
  }

  /** Replaces (or adds) a part; unchanged text leaves the original bytes in place. */
  setText(name: string, text: string): void {
    if (this.parts.has(name) && this.texts.get(name) === text) return;
    this.texts.set(name, text);
    this.parts.set(name, strToU8(text));
    this.changed.add(name);
  }

  /** Parts replaced or added since open (for tests and reports). */
  changedParts(): string[] {
    return [...this.changed];
  }

  /** The package as .xlsx bytes: untouched parts keep their exact bytes. */
  toBytes(): Uint8Array {
    const files: Record<string, Uint8Array> = {};
    for (const [k, v] of this.parts) files[k] = v;
    return zipSync(files, { level: 6 });
  }

  /** Worksheets in workbook order: name, 0-based index and the part holding the sheet XML. */
  sheets(): { name: string; index: number; part: string; rId: string }[] {
    const wb = this.text('xl/workbook.xml');
    const rels = this.relationships('xl/workbook.xml');
    const out: { name: string; index: number; part: string; rId: string }[] = [];
    const re = /<(?:\w+:)?sheet\b([^>]*?)\/?>/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(wb))) {
      const attrs = m[1]!;
      const name = attr(attrs, 'name');
      const rId = /\s\w+:id="([^"]*)"/.exec(attrs)?.[1];
      if (name === null || !rId) continue;
      const rel = rels.find((r) => r.id === rId);
      if (!rel || !/\/worksheet$/.test(rel.type)) continue; // chart sheets and dialog sheets hold no cells
      out.push({ name: unescapeXml(name), index: out.length, part: rel.target, rId });
    }
    return out;
  }

  /** The part of the named worksheet; a specific error when there is none. */
  sheetPart(name: string): string {
    const s = this.sheets().find((x) => x.name === name);
    if (!s) throw new PackageError(`the workbook has no worksheet named "${name}"`);
    if (!this.parts.has(s.part)) throw new PackageError(`the worksheet "${name}" points to a missing part ${s.part}`);
    return s.part;
  }

  /** Relationships of a part (from its _rels/NAME.rels), targets resolved to part names. */
  relationships(source: string): { id: string; type: string; target: string; external: boolean }[] {
    const relsName = relsPartOf(source);
    if (!this.parts.has(relsName)) return [];
    const xml = this.text(relsName);
    const out: { id: string; type: string; target: string; external: boolean }[] = [];
    const re = /<(?:\w+:)?Relationship\b([^>]*?)\/?>/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(xml))) {
      const a = m[1]!;
      const id = attr(a, 'Id') ?? '';
      const type = attr(a, 'Type') ?? '';
      const target = unescapeXml(attr(a, 'Target') ?? '');
      const external = attr(a, 'TargetMode') === 'External';
      out.push({ id, type, target: external ? target : resolvePart(source, target), external });
    }
    return out;
  }
}

function findCaseless(parts: Map<string, Uint8Array>, name: string): boolean {
  const lower = name.toLowerCase();
  for (const k of parts.keys()) if (k.toLowerCase() === lower) return true;
  return false;
}

/** xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship target relative to its source part (or absolute from the package root) → part name. */
export function resolvePart(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = source.slice(0, source.lastIndexOf('/') + 1);
  const segs = (base + target).split('/');
  const out: string[] = [];
  for (const s of segs) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

/** From `from` (a part) to `to` (a part), as a relative relationship target. */
export function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...Array(a.length - i).fill('..'), ...b.slice(i)].join('/');
}

/** The value of attribute `name` in an element's attribute text, undecoded; null when absent. */
export function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2] ?? '') : null;
}

/** Sets (or adds) attribute `name` in an element's attribute text. */
export function setAttr(attrs: string, name: string, value: string): string {
  const re = new RegExp(`(\\s)${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  if (re.test(attrs)) return attrs.replace(re, `$1${name}="${value}"`);
  return `${attrs} ${name}="${value}"`;
}

export function removeAttr(attrs: string, name: string): string {
  return attrs.replace(new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`), '');
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

/**
 * Text as SpreadsheetML stores it in <t>: XML-escaped, characters XML 1.0 cannot hold written as
 * Excel's _xHHHH_ escapes, and a literal "_x0041_" protected as "_x005F_x0041_" so no reader
 * decodes it (ECMA-376 Part 1, §22.9.2.19 ST_Xstring).
 */
export function escapeCellText(s: string): string {
  const protectedText = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  // eslint-disable-next-line no-control-regex
  const controls = protectedText.replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return escapeXml(controls);
}

/** The [Content_Types].xml entry for a part, added when missing. */
export function ensureContentType(pkg: XlsxPackage, part: string, contentType: string): void {
  const name = '[Content_Types].xml';
  let xml = pkg.text(name);
  if (new RegExp(`PartName="/${part.replace(/[.[\]]/g, '\\$&')}"`).test(xml)) return;
  xml = xml.replace(/<\/Types>\s*$/, `<Override PartName="/${escapeXml(part)}" ContentType="${contentType}"/></Types>`);
  pkg.setText(name, xml);
}

/** A Default content type for an extension, added when missing. */
export function ensureDefaultType(pkg: XlsxPackage, ext: string, contentType: string): void {
  const name = '[Content_Types].xml';
  let xml = pkg.text(name);
  if (new RegExp(`<Default\\b[^>]*Extension="${ext}"`, 'i').test(xml)) return;
  xml = xml.replace(/(<Types\b[^>]*>)/, `$1<Default Extension="${ext}" ContentType="${contentType}"/>`);
  pkg.setText(name, xml);
}

/** Adds a relationship to a part's .rels (created when missing); returns its new Id. */
export function addRelationship(pkg: XlsxPackage, source: string, type: string, target: string): string {
  const relsName = relsPartOf(source);
  let xml = pkg.has(relsName)
    ? pkg.text(relsName)
    : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const ids = new Set([...xml.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  xml = xml.replace(/<\/Relationships>\s*$/, `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/></Relationships>`);
  if (!xml.includes(id)) xml = xml.replace(/<Relationships\b([^>]*)\/>/, `<Relationships$1><Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/></Relationships>`);
  pkg.setText(relsName, xml);
  return id;
}
