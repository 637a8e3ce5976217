// .xlsx bytes → grids: the value model the checker expects, and clear failures for non-xlsx input.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { readWorkbook, WorkbookReadError } from '../../../shared/xlsx/read';
import { plainValue } from '../../fixtures/exceljs-read';

async function bytesOf(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('readWorkbook', () => {
  it('accepts an ArrayBuffer as well as a Uint8Array, and keeps sheet order and names', async () => {
    const bytes = await bytesOf((wb) => {
      wb.addWorksheet('花名册').getCell('B2').value = '张三';
      wb.addWorksheet('党费登记').getCell('A1').value = 1.5;
    });
    const fromView = await readWorkbook(bytes);
    const fromBuffer = await readWorkbook(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(fromBuffer).toEqual(fromView);
    expect(fromView.map((g) => g.name)).toEqual(['花名册', '党费登记']);
    expect(fromView[0]!.values).toEqual([[], [null, '张三']]);
    expect(fromView[0]!.origin).toEqual({ row: 0, col: 0 });
  });

  it('reads an ID typed as text as text and one typed as a number as a number (digits already lost)', async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = '11010519491231002X';
      ws.getCell('A1').numFmt = '@';
      ws.getCell('A2').value = 110105194912310020;
    });
    const [g] = await readWorkbook(bytes);
    expect(g!.values[0]![0]).toBe('11010519491231002X');
    expect(g!.formats?.[0]?.[0]).toBe('@');
    expect(typeof g!.values[1]![0]).toBe('number');
  });

  it('converts dates of a 1904-system workbook to the serials Excel shows', async () => {
    const bytes = await bytesOf((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = new Date(Date.UTC(2015, 6, 1));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    });
    const [g] = await readWorkbook(bytes);
    expect(g!.values[0]![0]).toBe(42186 - 1462);
  });

  it('refuses bytes that are not a zip package', async () => {
    await expect(readWorkbook(strToU8('姓名,身份证号\n'))).rejects.toBeInstanceOf(WorkbookReadError);
    await expect(readWorkbook(new Uint8Array(0))).rejects.toBeInstanceOf(WorkbookReadError);
  });

  it('refuses a zip that is not a workbook', async () => {
    const zip = zipSync({ 'hello.txt': strToU8('hi') });
    await expect(readWorkbook(zip)).rejects.toBeInstanceOf(WorkbookReadError);
  });
});

describe('plainValue', () => {
  it.each([
    [null, null], [undefined, null], [3, 3], ['x', 'x'], [true, true],
    [{ formula: 'A1', result: 'ok' }, 'ok'], [{ sharedFormula: 'A1', result: 4 }, 4], [{ formula: 'A1' }, null],
    [{ richText: [{ text: 'a' }, { text: 'b' }] }, 'ab'], [{ error: '#N/A' }, '#N/A'], [{ text: 'link', hyperlink: 'http://x' }, 'link'],
  ])('%j → %j', (v, expected) => {
    expect(plainValue(v as ExcelJS.CellValue)).toEqual(expected);
  });
});
