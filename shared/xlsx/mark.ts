/**
 * The marked copy: the clerk's workbook with a note (批注) on each finding's cell and a fill by
 * severity, so a clerk on WPS or an Excel without the add-in sees where to look. Marks only ever
 * go on this copy — never on the clerk's file, and never on the corrected copy. Cell values and
 * formulas are untouched; each marked cell gets a clone of its own style with the fill (its
 * font, border, number format and alignment kept), notes go into the sheet's comments part
 * (added, or extended when the sheet has notes already) with the legacy VML drawing Excel, WPS
 * and LibreOffice use to show them. One note per cell, listing every finding on it.
 */
import type { Severity } from '../findings/codes';
import type { Finding } from '../findings/finding';
import { fixLabel } from '../findings/collect';
import {
  PackageError, XlsxPackage, addRelationship, ensureContentType, ensureDefaultType, escapeCellText, relativeTarget,
} from './package';
import { SheetSet, type PatchResult } from './patch';
import { StyleSheet } from './styles';

/** The fills the Excel host marks with, so a marked copy looks like a marked workbook. */
export const MARK_RGB: Record<Severity, string> = { error: 'F8CBAD', warning: 'FFE699', info: 'DDEBF7' };

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const COMMENTS_TYPE = `${REL}/comments`;
const VML_TYPE = `${REL}/vmlDrawing`;
const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const VML_CT = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const AUTHOR = 'Duesbook';
const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_EN: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface MarkOptions {
  lang?: 'zh' | 'en';
  /** Said at the top of each note, e.g. the report date. */
  heading?: string;
}

interface CellNote {
  sheet: string;
  row: number;
  col: number;
  cell: string;
  severity: Severity;
  text: string;
}

function notesOf(findings: Finding[], opts: MarkOptions): CellNote[] {
  const lang = opts.lang ?? 'zh';
  const by = new Map<string, { f: Finding[] }>();
  for (const f of findings) {
    const k = `${f.sheet}\u0000${f.row}\u0000${f.col}`;
    const hit = by.get(k);
    if (hit) hit.f.push(f);
    else by.set(k, { f: [f] });
  }
  return [...by.values()].map(({ f }) => {
    const first = f[0]!;
    const severity = f.reduce<Severity>((s, x) => (RANK[x.severity] < RANK[s] ? x.severity : s), 'info');
    const lines = [opts.heading ?? (lang === 'zh' ? 'Duesbook 检查意见' : 'Duesbook findings')];
    for (const x of f) {
      lines.push(lang === 'zh' ? `【${SEVERITY_ZH[x.severity]}】${x.message}` : `[${SEVERITY_EN[x.severity]}] ${x.messageEn}`);
      const fix = fixLabel(x);
      if (x.fix !== null && fix) lines.push(lang === 'zh' ? `  建议改为：${fix}` : `  Suggested: ${fix}`);
      else if (x.fixVia) lines.push(lang === 'zh' ? `  请修正 ${x.fixVia.cell}` : `  Fix ${x.fixVia.cell}`);
    }
    return { sheet: first.sheet, row: first.row, col: first.col, cell: first.cell, severity, text: lines.join('\n') };
  });
}

/** Next free part name like xl/comments3.xml. */
function freePart(pkg: XlsxPackage, prefix: string, ext: string): string {
  for (let n = 1; ; n++) {
    const name = `${prefix}${n}.${ext}`;
    if (!pkg.has(name)) return name;
  }
}

function noteShape(id: number, row: number, col: number): string {
  return `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${Math.max(0, row - 1)}, 10, ${col + 4}, 15, ${row + 4}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;
}

const SHAPETYPE = '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function commentXml(ref: string, authorId: number, text: string): string {
  return `<comment ref="${ref}" authorId="${authorId}"><text><r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">${escapeCellText(text)}</t></r></text></comment>`;
}

/** The workbook `bytes` with every finding noted and filled on its cell. */
export function markWorkbook(bytes: ArrayBuffer | Uint8Array, findings: Finding[], opts: MarkOptions = {}): PatchResult {
  const pkg = XlsxPackage.open(bytes);
  const sheets = new SheetSet(pkg);
  const styles = new StyleSheet(pkg);
  const notes = notesOf(findings, opts);
  const bySheet = new Map<string, CellNote[]>();
  for (const n of notes) bySheet.set(n.sheet, [...(bySheet.get(n.sheet) ?? []), n]);
  const allSheets = pkg.sheets();
  for (const [sheet, list] of bySheet) {
    const info = allSheets.find((s) => s.name === sheet);
    if (!info) throw new PackageError(`the workbook has no worksheet named "${sheet}"`);
    const doc = sheets.get(sheet);
    const part = info.part;
    for (const n of list) doc.setStyle(n.row, n.col, styles.withFill(doc.styleAt(n.row, n.col), MARK_RGB[n.severity]));

    const rels = pkg.relationships(part);
    const commentsRel = rels.find((r) => r.type === COMMENTS_TYPE && pkg.has(r.target));
    const vmlRel = rels.find((r) => r.type === VML_TYPE && pkg.has(r.target) && r.id === doc.legacyDrawingId());

    // Comments: the sheet's own part extended, or a new one.
    let commentsPart: string;
    let xml: string;
    if (commentsRel) {
      commentsPart = commentsRel.target;
      xml = pkg.text(commentsPart);
    } else {
      commentsPart = freePart(pkg, 'xl/comments', 'xml');
      xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';
      ensureContentType(pkg, commentsPart, COMMENTS_CT);
      addRelationship(pkg, part, COMMENTS_TYPE, relativeTarget(part, commentsPart));
    }
    const authors = [...(/<authors>([\s\S]*?)<\/authors>|<authors\/>/.exec(xml)?.[1] ?? '').matchAll(/<author>([\s\S]*?)<\/author>/g)].map((m) => m[1]);
    let authorId = authors.indexOf(AUTHOR);
    if (authorId < 0) {
      authorId = authors.length;
      xml = /<authors\/>/.test(xml) ? xml.replace('<authors/>', `<authors><author>${AUTHOR}</author></authors>`) : xml.replace('</authors>', `<author>${AUTHOR}</author></authors>`);
    }
    const newShapes: CellNote[] = [];
    for (const n of list) {
      const existing = new RegExp(`<comment\\b[^>]*\\bref="${n.cell}"[^>]*>([\\s\\S]*?)</comment>`).exec(xml);
      if (existing) {
        // The clerk's own note stays first; ours follows in the same note (a cell has one).
        const inner = existing[1]!;
        const text = /<text>([\s\S]*?)<\/text>/.exec(inner)?.[1] ?? '';
        const runs = /<r>/.test(text) ? text : `<r>${text}</r>`;
        const ours = `<r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">${escapeCellText(`\n\n${n.text}`)}</t></r>`;
        const replaced = existing[0].replace(/<text>[\s\S]*?<\/text>/, `<text>${runs}${ours}</text>`);
        xml = xml.slice(0, existing.index) + replaced + xml.slice(existing.index + existing[0].length);
      } else {
        xml = xml.includes('<commentList/>')
          ? xml.replace('<commentList/>', `<commentList>${commentXml(n.cell, authorId, n.text)}</commentList>`)
          : xml.replace('</commentList>', `${commentXml(n.cell, authorId, n.text)}</commentList>`);
        newShapes.push(n);
      }
    }
    pkg.setText(commentsPart, xml);

    // The VML drawing that shows the notes: the sheet's own one extended, or a new one.
    if (vmlRel) {
      let vml = pkg.text(vmlRel.target);
      let next = Math.max(1024 * (info.index + 1), ...[...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]))) + 1;
      if (!vml.includes('_x0000_t202')) vml = vml.replace(/<\/xml>\s*$/, `${SHAPETYPE}</xml>`);
      const shapes = newShapes.map((n) => noteShape(next++, n.row, n.col)).join('');
      pkg.setText(vmlRel.target, vml.replace(/<\/xml>\s*$/, `${shapes}</xml>`));
    } else {
      if (doc.legacyDrawingId()) throw new PackageError(`the worksheet "${sheet}" has a drawing for notes that cannot be read`);
      const vmlPart = freePart(pkg, 'xl/drawings/vmlDrawing', 'vml');
      const idmap = info.index + 1;
      let next = 1024 * idmap + 1;
      const shapes = newShapes.map((n) => noteShape(next++, n.row, n.col)).join('');
      pkg.setText(vmlPart, '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
        `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${SHAPETYPE}${shapes}</xml>`);
      ensureDefaultType(pkg, 'vml', VML_CT);
      const rId = addRelationship(pkg, part, VML_TYPE, relativeTarget(part, vmlPart));
      doc.setLegacyDrawing(rId);
    }
  }
  sheets.flush();
  styles.flush();
  return { bytes: pkg.toBytes(), written: notes.map((n) => `${n.sheet}!${n.cell}`), changedParts: pkg.changedParts() };
}

/** For tests and reports: the text of a note as stored (runs joined). */
export function noteText(commentXmlText: string): string {
  return [...commentXmlText.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => m[1]!).join('')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
