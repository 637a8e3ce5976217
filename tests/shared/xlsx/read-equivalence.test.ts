// The fflate reader gives the grids the exceljs reader gave (values, formats, formulas, merges,
// origin), on every fixture and on generated edge cases; packages exceljs cannot write are built
// as raw SpreadsheetML with fflate. Where the new reader differs on purpose, the test says so.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { readWorkbook, WorkbookReadError } from '../../../shared/xlsx/read';
import { SheetScanner } from '../../../shared/xlsx/sheet-scan';
import { readWorkbookExcelJs } from '../../fixtures/exceljs-read';

const repo = path.resolve(__dirname, '../../..');

function xlsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return xlsxFiles(p);
    return d.name.endsWith('.xlsx') ? [p] : [];
  });
}

const fixtures = [...xlsxFiles(path.join(repo, 'tests/fixtures')), ...xlsxFiles(path.resolve(repo, '../shared/fixtures'))];

async function same(bytes: Uint8Array): Promise<void> {
  const ours = await readWorkbook(bytes);
  const theirs = await readWorkbookExcelJs(bytes);
  expect(ours).toStrictEqual(theirs);
}

async function viaExcelJs(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface RawSheet { name: string; data: string; after?: string }

/** A minimal package as Excel lays it out (ECMA-376 Part 1 §12.2), from raw sheet XML. */
function rawPackage(sheets: RawSheet[], opts: { sst?: string[]; numFmts?: string; xfs?: string[]; date1904?: boolean; order?: 'sheets-first' } = {}): Uint8Array {
  const xfs = opts.xfs ?? ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, s: string) => { files[name] = strToU8(s); };
  const sheetFiles = () => sheets.forEach((s, i) => put(`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${s.data}</sheetData>${s.after ?? ''}</worksheet>`));
  if (opts.order === 'sheets-first') sheetFiles();
  put('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>');
  put('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  put('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${opts.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`);
  put('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  put('xl/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}>${opts.numFmts ? `<numFmts>${opts.numFmts}</numFmts>` : ''}<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`);
  put('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${(opts.sst ?? []).join('')}</sst>`);
  if (opts.order !== 'sheets-first') sheetFiles();
  return zipSync(files);
}

describe('the fflate reader equals the exceljs reader', () => {
  it('has fixtures to compare', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(9);
  });

  it.each(fixtures.map((f) => [path.relative(repo, f), f]))('%s', async (_name, file) => {
    await same(readFileSync(file));
  });

  it('shared strings, rich text, CJK, sheet order, empty rows and columns, a cell in column XFD', async () => {
    await same(await viaExcelJs((wb) => {
      const a = wb.addWorksheet('花名册');
      a.getCell('A1').value = '姓名';
      a.getCell('C1').value = '公民身份号码';
      a.getCell('A3').value = { richText: [{ text: '张', font: { bold: true } }, { text: '三丰' }] };
      a.getCell('XFD5').value = '最后一列';
      a.getCell('E9').value = -0.5;
      a.getCell('B12').value = true;
      a.getCell('D12').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      wb.addWorksheet('空表');
      wb.addWorksheet('党费登记').getCell('B2').value = 'x & <y> "z"';
    }));
  });

  it('dates under custom and built-in formats, times of day, text formats', async () => {
    await same(await viaExcelJs((wb) => {
      const ws = wb.addWorksheet('S');
      const cells: [string, unknown, string][] = [
        ['A1', new Date(Date.UTC(2026, 8, 30)), 'yyyy"年"m"月"d"日"'],
        ['A2', new Date(Date.UTC(2026, 8, 30, 13, 45, 7, 123)), 'yyyy-mm-dd hh:mm:ss'],
        ['A3', 46000.333333333336, 'mm-dd-yy'],
        ['A4', 46000.5, '[$-804]yyyy/m/d;@'],
        ['A5', 12.5, '0.00'],
        ['A6', 0.015, '0.0%'],
        ['A7', '110105194912310020', '@'],
        ['A8', 3, 'General'],
        ['A9', 2.5, '"元"0.00'],
      ];
      for (const [ref, v, f] of cells) {
        ws.getCell(ref).value = v as ExcelJS.CellValue;
        ws.getCell(ref).numFmt = f;
      }
    }));
  });

  it('the 1904 date system', async () => {
    await same(await viaExcelJs((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = new Date(Date.UTC(2015, 6, 1));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
      ws.getCell('A2').value = new Date(Date.UTC(2015, 6, 1, 6));
      ws.getCell('A2').numFmt = 'yyyy-mm-dd hh:mm';
    }));
    // and one written as raw XML, with a built-in date format (numFmtId 14)
    await same(rawPackage([{ name: 'S', data: '<row r="1"><c r="A1" s="1"><v>40908</v></c><c r="B1"><v>40908</v></c></row>' }], {
      date1904: true, xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="14" applyNumberFormat="1"/>'],
    }));
  });

  it('formulas with cached values (numbers, text, dates, zero, none) and shared formulas', async () => {
    await same(await viaExcelJs((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = 2;
      ws.getCell('A2').value = 3;
      ws.getCell('B1').value = { formula: 'A1*2', result: 4 };
      ws.getCell('B2').value = { formula: '=A2*2', result: 6 };
      ws.getCell('C1').value = { formula: 'A1-A1', result: 0 };
      ws.getCell('C2').value = { formula: 'TEXT(A1,"0")', result: '2' };
      ws.getCell('D1').value = { formula: 'DATE(2026,9,30)', result: new Date(Date.UTC(2026, 8, 30)) };
      ws.getCell('D1').numFmt = 'yyyy-mm-dd';
      ws.getCell('D2').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue;
      ws.getCell('E1').value = { formula: 'ROUND(A1*$A$2,2)', result: 6, shareType: 'shared', ref: 'E1:E3' } as ExcelJS.CellSharedFormulaValue & { shareType: string; ref: string };
      ws.getCell('E2').value = { sharedFormula: 'E1', result: 9 };
      ws.getCell('E3').value = { sharedFormula: 'E1', result: 0 };
    }));
  });

  it('raw SpreadsheetML: inline strings (plain and rich), t="str", booleans, errors, escapes, cells without r, shared formulas', async () => {
    await same(rawPackage([{
      name: '登记',
      data: [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>内联文本</t></is></c><c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本 </t></r></is></c>',
        '<c r="C1" t="s"><v>0</v></c><c r="D1" t="s"><v>1</v></c><c r="E1" t="s"><v>2</v></c><c r="F1" t="s"><v>3</v></c></row>',
        '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2" t="str"><f>A1&amp;"x"</f><v>a&amp;amp;b</v></c>',
        '<c r="E2" t="str"><v>plain &lt;str&gt;</v></c><c r="F2" s="1"/><c r="G2"/><c r="H2"><v>1.5E-3</v></c></row>',
        '<row r="4"><c r="A4" t="s"><v>0</v></c><c><v>7</v></c><c r="E4"><v>8</v></c><c><v>9</v></c></row>',
        '<row r="5"><c r="A5"><v>1</v></c><c r="B5"><f t="shared" ref="B5:C7" si="0">A5+$A$5+A$5+SUM(A5:A6)+LOG10(A5)</f><v>2</v></c><c r="C5"><f t="shared" si="0"/><v>3</v></c></row>',
        '<row r="6"><c r="A6"><v>1</v></c><c r="B6"><f t="shared" si="0"/><v>4</v></c><c r="C6"><f t="shared" si="0"/><v>0</v></c></row>',
        '<row r="7"><c r="B7"><f t="shared" si="0"/></c><c r="C7"><f t="shared" si="9"/><v>5</v></c><c r="D7" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E7" t="b"><f>TRUE()</f><v>1</v></c></row>',
        '<row r="9"><c r="A9" t="inlineStr"><is><t>line&#10;two&#x4E09;_x000D_</t></is></c><c r="B9" t="s"><v>4</v></c></row>',
      ].join(''),
    }], {
      sst: ['<si><t>共享</t></si>', '<si><r><t>党</t></r><r><rPr><i/></rPr><t>费</t></r></si>', '<si><t>a_x000D_b</t><phoneticPr fontId="1"/></si>', '<si><t/></si>', '<si><t>张</t><rPh sb="0" eb="1"><t>zhang</t></rPh></si>'],
      xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="4" applyNumberFormat="1"/>'],
    }));
  });

  it('merged cells: masters keep their value, the rest read as empty, rows the merge covers count', async () => {
    await same(await viaExcelJs((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = '党费收缴登记表';
      ws.mergeCells('A1:F1');
      ws.getCell('A2').value = '序号';
      ws.getCell('B2').value = '月份';
      ws.mergeCells('B2:D2');
      ws.getCell('E2').value = '合计';
      ws.getCell('A3').value = 1;
      ws.mergeCells('G3:H9');
      ws.getCell('A5').value = 2;
      ws.getCell('A5').numFmt = '0.00';
      ws.mergeCells('A5:B5');
    }));
    await same(rawPackage([{
      name: 'S',
      data: '<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>2</v></c><c r="C1"><f>A1</f><v>1</v></c><c r="D1"><v>4</v></c></row><row r="2"><c r="A2"><v>5</v></c></row>',
      after: '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A2:B3"/></mergeCells>',
    }], { xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="2"/>'] }));
  });

  it('parts in any order in the zip (sheets before the shared strings and styles)', async () => {
    await same(rawPackage([{ name: 'S', data: '<row r="1"><c r="A1" t="s" s="1"><v>0</v></c></row>' }], { sst: ['<si><t>先</t></si>'], xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="49"/>'], order: 'sheets-first' }));
  });

  it('CJK text split across inflate and decode chunk boundaries (a sheet of several MB)', async () => {
    // Inline CJK strings on every cell, so the 1 MB steps of the reader fall inside 3-byte
    // characters, inside tags and inside values somewhere along the sheet.
    const rows: string[] = [];
    for (let r = 1; r <= 12_000; r++) {
      rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>党员${r}号同志（第${r % 7}党小组）</t></is></c><c r="B${r}" t="inlineStr"><is><t>北京市朝阳区${'中'.repeat(r % 13)}</t></is></c><c r="C${r}"><v>${r * 1.25}</v></c></row>`);
    }
    const bytes = rawPackage([{ name: '花名册', data: rows.join('') }]);
    const [g] = await readWorkbook(bytes);
    expect(g!.values[11_999]).toEqual(['党员12000号同志（第2党小组）', `北京市朝阳区${'中'.repeat(12000 % 13)}`, 15000]);
    await same(bytes);
  });

  it('the scanner gives the same grid however the text is cut into chunks', () => {
    const xml = `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>党费&amp;收缴</t></is></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1&amp;"登记"</f><v>x</v></c><c r="C1" t="s"><v>0</v></c></row><row r="2"><c r="B2"><f t="shared" si="0"/><v>7</v></c><c r="D2"><![CDATA[ignored]]><v>2.5</v></c></row></sheetData><mergeCells><mergeCell ref="C1:D1"/></mergeCells></worksheet>`;
    const ctx = { sst: ['共享'], styles: undefined, date1904: false };
    const whole = new SheetScanner('s.xml', ctx);
    whole.feed(xml);
    const expected = whole.finish('S');
    for (const size of [1, 2, 3, 7, 64]) {
      const scan = new SheetScanner('s.xml', ctx);
      for (let i = 0; i < xml.length; i += size) scan.feed(xml.slice(i, i + size));
      expect(scan.finish('S')).toStrictEqual(expected);
    }
    expect(expected.values).toStrictEqual([['党费&收缴', null, '共享'], [null, 7, null, 2.5]]);
    expect(expected.formulas).toStrictEqual([[undefined, 'A1&"登记"'], [undefined, 'A2&"登记"']].map((r) => { const a: (string | undefined)[] = []; r.forEach((v, i) => { if (v) a[i] = v; }); return a; }));
  });
});

describe('where the fflate reader differs from exceljs on purpose', () => {
  it('gives the built-in East Asian date formats (numFmtId 27–36, 50–58) their zh-CN codes; exceljs gave none', async () => {
    const bytes = rawPackage([{ name: 'S', data: '<row r="1"><c r="A1" s="1"><v>46295</v></c><c r="B1" s="2"><v>46295</v></c></row>' }], {
      xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="31" applyNumberFormat="1"/>', '<xf numFmtId="57" applyNumberFormat="1"/>'],
    });
    const [ours] = await readWorkbook(bytes);
    const [theirs] = await readWorkbookExcelJs(bytes);
    expect(ours!.formats).toStrictEqual([['yyyy"年"m"月"d"日"', 'yyyy"年"m"月"']]);
    expect(theirs!.formats).toStrictEqual([]);
    expect(ours!.values).toStrictEqual(theirs!.values);
  });
});

describe('where the fflate reader differs from exceljs on purpose (2)', () => {
  it('reads CDATA sections as text, as XML says (exceljs dropped them)', async () => {
    const bytes = rawPackage([{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>甲<![CDATA[<乙&>]]></t></is></c></row>' }], { sst: ['<si><t>张<![CDATA[<三>]]></t></si>'] });
    const [ours] = await readWorkbook(bytes);
    const [theirs] = await readWorkbookExcelJs(bytes);
    expect(ours!.values).toStrictEqual([['张<三>', '甲<乙&>']]);
    expect(theirs!.values).toStrictEqual([['张', '甲']]);
  });
});

describe('a malformed package gets a clear, specific error', () => {
  const good = rawPackage([{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }]);

  async function reason(bytes: Uint8Array): Promise<string> {
    const e = await readWorkbook(bytes).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookReadError);
    return (e as Error).message;
  }

  it('a zip cut short', async () => {
    expect(await reason(good.subarray(0, good.length - 40))).toMatch(/truncated or damaged/);
  });

  it('a damaged sheet', async () => {
    const sheet = rawPackage([{ name: 'S', data: `<row r="1">${'<c r="A1"><v>1</v></c>'.repeat(200)}</row>` }]);
    const broken = sheet.slice();
    const at = Buffer.from(broken).indexOf('xl/worksheets/sheet1.xml');
    // scramble the compressed bytes that follow the sheet's local header
    for (let i = at + 60; i < at + 90; i++) broken[i] = 0xff;
    expect(await reason(broken)).toMatch(/xl\/worksheets\/sheet1\.xml/);
  });

  it('a sheet whose XML stops half-way', async () => {
    const files = { '_rels/.rels': strToU8(`<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': strToU8(`<workbook ${NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8(`<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1`) };
    expect(await reason(zipSync(files))).toMatch(/sheet "S".*cut short/);
  });

  it('a zip that holds no workbook, a Word document, a legacy .xls, not a zip at all', async () => {
    expect(await reason(zipSync({ 'hello.txt': strToU8('hi') }))).toMatch(/no workbook part/);
    expect(await reason(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).toMatch(/Word or PowerPoint/);
    expect(await reason(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(/legacy \.xls/);
    expect(await reason(strToU8('姓名,身份证号\n'))).toMatch(/not a zip package/);
  });

  it('a workbook whose sheet part is missing', async () => {
    const files = { 'xl/workbook.xml': strToU8(`<workbook ${NS}><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8(`<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) };
    expect(await reason(zipSync(files))).toMatch(/sheet "花名册" is missing/);
  });
});

describe('progress', () => {
  it('reports from 0 to the whole, in order', async () => {
    const seen: [number, number][] = [];
    await readWorkbook(rawPackage([{ name: 'A', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }, { name: 'B', data: '<row r="1"><c r="A1"><v>2</v></c></row>' }]), { onProgress: (d, t) => seen.push([d, t]) });
    const total = seen[0]![1];
    expect(seen[0]).toEqual([0, total]);
    expect(seen.at(-1)).toEqual([total, total]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
  });
});
