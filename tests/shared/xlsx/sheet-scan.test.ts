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
