// The sheet scanner's own number path (no string made for a plain decimal) reads every number
// exactly as parseFloat does, which is what exceljs did.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SheetScanner } from '../../../shared/xlsx/sheet-scan';

function cell(text: string) {
  const scan = new SheetScanner('sheet1.xml', { sst: [], styles: undefined, date1904: false });
  scan.feed(`<worksheet><sheetData><row r="1"><c r="A1"><v>${text}</v></c></row></sheetData></worksheet>`);
  return scan.finish('S').values[0]![0];
}

describe('SheetScanner numbers', () => {
  it('equal parseFloat for decimals of every length and for exponents', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 12 }), (d, k) => {
      const text = k > 9 ? String(d) : d.toFixed(k);
      expect(Object.is(cell(text), parseFloat(text))).toBe(true);
    }), { numRuns: 5000 });
  });

  it.each(['0', '-0', '12.50', '0.1', '123456789012345', '1234567890123456789', '1.5E-3', '-7', '.5'])('%s', (text) => {
    expect(Object.is(cell(text), parseFloat(text))).toBe(true);
  });
});

/** The same part through the byte scan (what the reader uses) and through the text scan. */
function both(xml: string, ctx = { sst: ['共享', null] as (string | null)[], styles: undefined, date1904: false }) {
  const text = new SheetScanner('s.xml', ctx);
  text.feed(xml);
  const bytes = new SheetScanner('s.xml', ctx);
  bytes.feedBytes(new TextEncoder().encode(xml));
  return { text: text.finish('S'), bytes: bytes.finish('S') };
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const sheet = (data: string, after = '') => `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${NS}><dimension ref="A1"/><sheetData>${data}</sheetData>${after}</worksheet>`;

describe('SheetScanner byte scan equals the text scan', () => {
  it('numbers parsed from bytes equal parseFloat, by the byte path too', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 12 }), (d, k) => {
      const text = k > 9 ? String(d) : d.toFixed(k);
      const scan = new SheetScanner('s.xml', { sst: [], styles: undefined, date1904: false });
      scan.feedBytes(new TextEncoder().encode(sheet(`<row r="1"><c r="A1"><v>${text}</v></c></row>`)));
      expect(Object.is(scan.finish('S').values[0]![0], parseFloat(text))).toBe(true);
    }), { numRuns: 2000 });
  });

  it.each([
    ['common cells: numbers, shared strings, booleans, errors, cells without r', '<row r="1"><c r="A1" t="s"><v>0</v></c><c><v>2.5</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="s"><v>1</v></c><c r="G1" t="s"><v>9</v></c></row>'],
    ['rows without r, with odd r, self-closing, with spans and whitespace', '<row><c r="A1"><v>1</v></c></row>\n  <row r="3" spans="1:2" ht="15"><c r="B3"><v>2</v></c></row ><row r="x5"><c r="A4"><v>3</v></c></row><row r=""/><row r=\'9\'/><row r="10"><c r="A10"><v>4</v></c></row>'],
    ['formulas, shared formulas and inline strings between common cells', '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>2</v></c><c r="C1" t="inlineStr"><is><t>党费&amp;收缴</t></is></c><c r="D1" t="str"><f>"a"</f><v>a&amp;amp;b</v></c></row><row r="2"><c r="B2"><f t="shared" si="0"/><v>4</v></c><c r="C2" t="inlineStr"><is><r><t>党</t></r><r><rPr><b/></rPr><t>费</t></r><rPh><t>dang</t></rPh></is></c></row>'],
    ['CDATA and comments that hold what looks like a row or a cell', '<row r="1"><!-- <row r="7"><c r="Z7"><v>9</v></c></row> --><c r="A1" t="inlineStr"><is><t>甲<![CDATA[<c r="B1"><v>5</v></c></row><row r="2">]]>乙</t></is></c><c r="B1"><v>6</v></c></row>'],
    ['values the byte path leaves to the text path: entities, CR, exponents, non-ASCII, long numbers', '<row r="1"><c r="A1"><v>1.5E-3</v></c><c r="B1"><v>&#49;2</v></c><c r="C1" t="e"><v>#值!</v></c><c r="D1" t="b"><v>0</v></c><c r="E1"><v>12345678901234567890</v></c><c r="F1" t="e"><v>a\rb</v></c><c r="G1" s="x"><v>3</v></c></row>'],
    ['empty and self-closing cells keep their place', '<row r="1"><c r="A1" s="1"/><c><v>1</v></c><c r="D1"></c><c><v>2</v></c><c r="F1" s="0"><v></v></c></row>'],
    ['merged cells and the parts after sheetData', '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>'],
  ])('%s', (_name, data) => {
    const { text, bytes } = both(sheet(data, '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><pageMargins left="0.7"/>'));
    expect(bytes).toStrictEqual(text);
  });

  it('a byte-order mark before the declaration is not text of the sheet', () => {
    const xml = sheet('<row r="1"><c r="A1"><v>1</v></c></row>');
    const b = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml)]);
    const scan = new SheetScanner('s.xml', { sst: [], styles: undefined, date1904: false });
    scan.feedBytes(b);
    expect(scan.finish('S').values).toStrictEqual([[1]]);
  });

  it('a part cut short still says so, wherever the cut falls', () => {
    const xml = new TextEncoder().encode(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>党费</t></is></c><c r="B1"><v>2</v></c></row>'));
    for (const cut of [10, 60, xml.length - 40, xml.length - 3]) {
      const scan = new SheetScanner('xl/worksheets/sheet1.xml', { sst: [], styles: undefined, date1904: false });
      scan.feedBytes(xml.subarray(0, cut));
      expect(() => scan.finish('S')).toThrow(/sheet1\.xml \(sheet "S"\) is cut short/);
    }
  });

  it('reports progress in steps up to the whole', () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}" t="s"><v>0</v></c></row>`).join('');
    const b = new TextEncoder().encode(sheet(rows));
    const steps: number[] = [];
    const scan = new SheetScanner('s.xml', { sst: ['共享'], styles: undefined, date1904: false });
    scan.feedBytes(b, (f) => steps.push(f));
    const g = scan.finish('S');
    expect(g.values).toHaveLength(40_000);
    expect(g.values[39_999]).toStrictEqual([39_999, '共享']);
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.slice().sort((x, y) => x - y)).toStrictEqual(steps);
    expect(steps.at(-1)).toBe(1);
  });
});
