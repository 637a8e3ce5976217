// The corrected copy changes only the cells it fixes: on workbooks written by exceljs, by real
// Excel (the committed sample) and saved by LibreOffice, every other part stays byte-identical
// and every other cell keeps its value, formula and resolved style.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { checkWorkbook } from '../../../shared/check';
import { FormulaCellError, PackageError, patchWorkbook, type CellWrite } from '../../../shared/xlsx/patch';
import { readWorkbook } from '../../../shared/xlsx/read';
import { convertWithLibreOffice } from './soffice';
import { cellDiff, cellsOf, partsOf, text } from './workbook-diff';

const fixtures = path.resolve(__dirname, '../../fixtures');
const GOV = new Uint8Array(readFileSync(path.join(fixtures, 'government-register.xlsx')));
const GOV_LO = new Uint8Array(readFileSync(path.join(fixtures, 'government-register-lo.xlsx')));
const SAMPLE = new Uint8Array(readFileSync(path.resolve(__dirname, '../../../../shared/fixtures/branch-sample-2026.xlsx')));
const REG = '2026年党费收缴登记表';
const ROSTER = '党员花名册';

/** Parts that may change: the edited sheets, styles and shared strings (appended to), workbook.xml's calcPr. */
function expectOnlyPartsChanged(before: Uint8Array, after: Uint8Array, allowed: string[]): void {
  const a = partsOf(before);
  const b = partsOf(after);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [name, bytes] of a) {
    if (allowed.includes(name)) continue;
    if (name === 'xl/workbook.xml') {
      // Only fullCalcOnLoad may be added (formulas over a fixed cell recalculate on open).
      const strip = (s: string) => s.replace(/<calcPr fullCalcOnLoad="1"\/>/, '').replace(/ fullCalcOnLoad="1"/, '');
      expect(strip(text(b.get(name)))).toBe(strip(text(bytes)));
      continue;
    }
    expect(Buffer.from(b.get(name)!).equals(Buffer.from(bytes)), `${name} is byte-identical`).toBe(true);
  }
}

/** Styles and shared strings may only grow: every existing entry is unchanged at its index. */
function expectOnlyAppended(before: Uint8Array, after: Uint8Array, part: string, element: string): void {
  const re = new RegExp(`<${element}\\b[^>]*?(?:/>|>[\\s\\S]*?</${element}>)`, 'g');
  const a = text(partsOf(before).get(part)).match(re) ?? [];
  const b = text(partsOf(after).get(part)).match(re) ?? [];
  expect(b.slice(0, a.length)).toEqual(a);
}

function sheetPart(bytes: Uint8Array, name: string): string {
  const parts = partsOf(bytes);
  const wb = text(parts.get('xl/workbook.xml'));
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(text(parts.get('xl/_rels/workbook.xml.rels')));
  const t = (target?.[1] ?? target?.[2])!;
  return t.startsWith('/') ? t.slice(1) : `xl/${t}`;
}

describe.each([
  ['exceljs', GOV],
  ['LibreOffice', GOV_LO],
])('patchWorkbook on the government-style register written by %s', (_writer, original) => {
  const fixes: CellWrite[] = [
    { sheet: ROSTER, row: 4, col: 3, value: '汉族' }, // 汉 → 汉族: the text fix
    { sheet: REG, row: 4, col: 5, value: 0.015 }, // 1% → 1.5%
    { sheet: REG, row: 5, col: 6, value: 40 }, // a constant due 30 → 40
  ];

  it('changes only the fixed cells: value only, every style (宋体, borders, centring, 0.00) kept', async () => {
    const out = patchWorkbook(original, fixes).bytes;
    const diff = await cellDiff(original, out);
    expect(Object.fromEntries(diff)).toEqual({ [`${ROSTER}!D5`]: ['value'], [`${REG}!F5`]: ['value'], [`${REG}!G6`]: ['value'] });
    const cells = await cellsOf(out);
    expect(cells.get(ROSTER)!.get('D5')!.value).toBe('汉族');
    expect(cells.get(REG)!.get('F5')!.value).toBe(0.015);
    expect(cells.get(REG)!.get('G6')!.value).toBe(40);
    // The formulas are untouched.
    expect(cells.get(REG)!.get('G5')!.formula).toBe('ROUND(E5*F5,2)');
    expect(cells.get(REG)!.get('T5')!.formula).toBe('SUM(H5:S5)');
  });

  it('keeps every other part byte-identical; styles and shared strings only grow', () => {
    const out = patchWorkbook(original, fixes).bytes;
    const changed = [sheetPart(original, ROSTER), sheetPart(original, REG), 'xl/sharedStrings.xml', 'xl/styles.xml'];
    expectOnlyPartsChanged(original, out, changed);
    expectOnlyAppended(original, out, 'xl/sharedStrings.xml', 'si');
    expectOnlyAppended(original, out, 'xl/styles.xml', 'xf');
    // Text that needs no "@" adds no style at all.
    expect(text(partsOf(out).get('xl/styles.xml'))).toBe(text(partsOf(original).get('xl/styles.xml')));
    // The workbook has formulas: it asks to be recalculated on open.
    expect(text(partsOf(out).get('xl/workbook.xml'))).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('in the changed sheets, every row it did not touch keeps its exact XML', () => {
    const out = patchWorkbook(original, fixes).bytes;
    const rows = (b: Uint8Array) => text(partsOf(b).get(sheetPart(original, REG))).match(/<row\b[\s\S]*?<\/row>/g)!;
    const a = rows(original);
    const b = rows(out);
    expect(b.length).toBe(a.length);
    const differing = a.map((r, i) => (r === b[i] ? null : i)).filter((i) => i !== null);
    expect(differing).toEqual([4, 5]); // rows 5 and 6 (F5, G6)
  });

  it('refuses to overwrite a formula cell (G5 = ROUND(E5*F5,2)), writing nothing', () => {
    let err: unknown;
    try {
      patchWorkbook(original, [fixes[0]!, { sheet: REG, row: 4, col: 6, value: 90 }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormulaCellError);
    expect((err as FormulaCellError).cell).toBe('G5');
    expect((err as Error).message).toContain('=ROUND(E5*F5,2)');
  });

  it('writes text that Excel would re-read (=, +, digits) as a string cell with a clone of its own style set to "@"', async () => {
    // A1 is the merged title's style; C4 (交纳类别 "在职") shares its xf with every 交纳类别 cell.
    const out = patchWorkbook(original, [
      { sheet: REG, row: 3, col: 20, value: '=HYPERLINK("http://x")' },
      { sheet: REG, row: 4, col: 20, value: '0.20' },
      { sheet: REG, row: 5, col: 20, value: '+86 138' },
    ]).bytes;
    const diff = await cellDiff(original, out);
    expect(Object.fromEntries(diff)).toEqual({ [`${REG}!U4`]: ['value', 'numFmt'], [`${REG}!U5`]: ['value', 'numFmt'], [`${REG}!U6`]: ['value', 'numFmt'] });
    const cells = (await cellsOf(out)).get(REG)!;
    expect(cells.get('U4')).toMatchObject({ value: '=HYPERLINK("http://x")', formula: null, numFmt: '@' });
    expect(cells.get('U5')).toMatchObject({ value: '0.20', numFmt: '@' });
    // One clone for the one style the three cells shared, not one per cell.
    const xfs = (b: Uint8Array) => (text(partsOf(b).get('xl/styles.xml')).match(/<cellXfs[\s\S]*?<\/cellXfs>/)![0].match(/<xf\b/g) ?? []).length;
    expect(xfs(out) - xfs(original)).toBe(1);
    // Read back as the checker reads it: text, never a formula.
    const grids = await readWorkbook(out);
    const g = grids.find((x) => x.name === REG)!;
    expect(g.values[3]![20]).toBe('=HYPERLINK("http://x")');
    expect(g.formulas?.[3]?.[20]).toBeUndefined();
  });

  it('creates cells and rows the sheet does not have yet, in column and row order', async () => {
    const out = patchWorkbook(original, [
      { sheet: REG, row: 9, col: 25, value: '新格' }, // beyond the row's last cell
      { sheet: REG, row: 40, col: 1, value: 7 }, // a row below the sheet
      { sheet: REG, row: 8, col: 0, value: 'x' }, // a row between existing ones (or a new first cell)
    ]).bytes;
    const xml = text(partsOf(out).get(sheetPart(original, REG)));
    const rowNums = [...xml.matchAll(/<row [^>]*?r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rowNums).toEqual([...rowNums].sort((a, b) => a - b));
    expect(new Set(rowNums).size).toBe(rowNums.length);
    for (const row of xml.match(/<row\b[\s\S]*?<\/row>/g)!) {
      const cols = [...row.matchAll(/<c r="([A-Z]+)\d+"/g)].map((m) => m[1]!.length * 100 + m[1]!.charCodeAt(m[1]!.length - 1));
      expect(cols).toEqual([...cols].sort((a, b) => a - b));
    }
    const g = (await readWorkbook(out)).find((x) => x.name === REG)!;
    expect(g.values[9]![25]).toBe('新格');
    expect(g.values[40]![1]).toBe(7);
    expect(g.values[8]![0]).toBe('x');
    const diff = await cellDiff(original, out);
    expect([...diff.keys()].sort()).toEqual([`${REG}!A9`, `${REG}!B41`, `${REG}!Z10`]);
    expect(xml).toMatch(/<dimension ref="A1:Z41"\/>/);
  });
});

describe('patchWorkbook on a workbook saved by Microsoft Excel (the branch sample)', () => {
  it('applies every one-click fix the checker offers and changes nothing else', async () => {
    const grids = await readWorkbook(SAMPLE);
    const result = checkWorkbook(grids, { asOf: '2026-09-30' });
    const isFormula = (s: string, r: number, c: number) => !!grids.find((g) => g.name === s)?.formulas?.[r]?.[c];
    const writes = result.findings.filter((f) => f.fix !== null && !isFormula(f.sheet, f.row, f.col))
      .map((f) => ({ sheet: f.sheet, row: f.row, col: f.col, value: f.fix as string | number }));
    expect(writes.length).toBeGreaterThan(3);
    const out = patchWorkbook(SAMPLE, writes);
    const diff = await cellDiff(SAMPLE, out.bytes);
    const expected = new Set(writes.map((w) => `${w.sheet}!${String.fromCharCode(65 + w.col)}${w.row + 1}`));
    expect(new Set(diff.keys())).toEqual(expected);
    for (const [cell, keys] of diff) expect(keys.filter((k) => k !== 'value' && k !== 'numFmt'), cell).toEqual([]);
    // A numFmt change only ever to "@", only where text would be re-read.
    const after = await cellsOf(out.bytes);
    for (const [cell, keys] of diff) {
      if (!keys.includes('numFmt')) continue;
      const [s, a] = cell.split('!');
      expect(after.get(s!)!.get(a!)!.numFmt).toBe('@');
    }
    const sheetParts = [...new Set(writes.map((w) => w.sheet))].map((s) => sheetPart(SAMPLE, s));
    expectOnlyPartsChanged(SAMPLE, out.bytes, [...sheetParts, 'xl/sharedStrings.xml', 'xl/styles.xml']);
    expectOnlyAppended(SAMPLE, out.bytes, 'xl/styles.xml', 'xf');
    expectOnlyAppended(SAMPLE, out.bytes, 'xl/sharedStrings.xml', 'si');
    // Re-checked, none of those findings is left.
    const again = checkWorkbook(await readWorkbook(out.bytes), { asOf: '2026-09-30' });
    for (const w of writes) {
      expect(again.findings.some((f) => f.sheet === w.sheet && f.row === w.row && f.col === w.col && f.fix !== null && f.fix === w.value)).toBe(false);
    }
  });
});

/** A package written by hand the way some writers do: x:-prefixed elements, no styles, no shared strings, an array formula. */
function handWritten(): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="${ns}" xmlns:r="${rel}"><x:sheets><x:sheet name="A&amp;B" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="${rel}/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>`),
    'xl/worksheets/data.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c><x:c r="C1"><x:f t="array" ref="C1:C2">A1:A2*2</x:f><x:v>2</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>3</x:v></x:c><x:c r="C2"><x:v>6</x:v></x:c></x:row></x:sheetData></x:worksheet>`),
  });
}

describe('patchWorkbook on unusual packages', () => {
  it('adds a shared-string table and a style sheet when the package has none, with the x: prefix kept', async () => {
    const out = patchWorkbook(handWritten(), [
      { sheet: 'A&B', row: 0, col: 1, value: ' 张三 & <李四> _xABCD_ ' },
      { sheet: 'A&B', row: 1, col: 1, value: '110105199001011234' },
    ]);
    expect(out.changedParts.sort()).toEqual(['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/data.xml']);
    const xml = text(partsOf(out.bytes).get('xl/worksheets/data.xml'));
    expect(xml).toContain('<x:c r="B1" t="s"><x:v>0</x:v></x:c>');
    expect(xml).toMatch(/<x:row r="2"><x:c r="A2"><x:v>3<\/x:v><\/x:c><x:c r="B2" s="1" t="s"><x:v>1<\/x:v><\/x:c><x:c r="C2">/);
    // exceljs cannot read x:-prefixed packages; the parts themselves say it.
    const sst = text(partsOf(out.bytes).get('xl/sharedStrings.xml'));
    expect(sst).toContain('<si><t xml:space="preserve"> 张三 &amp; &lt;李四&gt; _x005F_xABCD_ </t></si><si><t xml:space="preserve">110105199001011234</t></si>');
    expect(text(partsOf(out.bytes).get('xl/styles.xml'))).toMatch(/<cellXfs count="2">.*<xf numFmtId="49"[^>]*applyNumberFormat="1"/);
    const lo = await convertWithLibreOffice(out.bytes, 'csv');
    if (lo) expect(lo['A&B'] ?? Object.values(lo)[0]).toContain(' 张三 & <李四> _xABCD_ ');
  });

  it('refuses a cell inside an array formula and a sheet that does not exist, by name', () => {
    expect(() => patchWorkbook(handWritten(), [{ sheet: 'A&B', row: 1, col: 2, value: 1 }])).toThrow(FormulaCellError);
    expect(() => patchWorkbook(handWritten(), [{ sheet: 'Nope', row: 0, col: 0, value: 1 }])).toThrow(/no worksheet named "Nope"/);
    expect(() => patchWorkbook(strToU8('not a zip'), [])).toThrow(PackageError);
    expect(() => patchWorkbook(handWritten(), [{ sheet: 'A&B', row: 0, col: 0, value: Number.NaN }])).toThrow(/not a number/);
  });

  it('writes nothing new into workbook.xml when no sheet has a formula', () => {
    const plain = zipSync(Object.fromEntries([...partsOf(handWritten())].map(([k, v]) => [k, k.endsWith('data.xml') ? strToU8(text(v).replace(/<x:f[^>]*>[^<]*<\/x:f>/, '')) : v])));
    const out = patchWorkbook(plain, [{ sheet: 'A&B', row: 0, col: 0, value: 5 }]);
    expect(out.changedParts).toEqual(['xl/worksheets/data.xml']);
  });
});
