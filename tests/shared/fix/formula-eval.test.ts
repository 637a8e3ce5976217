// The formulas a register uses: which cells they read, and their value after a fix.
import { describe, expect, it } from 'vitest';
import { evaluateFormula, excelRound, formulaRefs } from '../../../shared/fix/formula-eval';

const cells: Record<string, number | string | null> = { E5: 6000, F5: 0.015, H5: 90, I5: 90, J5: null, K5: '备注', A1: 2 };
const lookup = (sheet: string | null, r: number, c: number) => (sheet && sheet !== 'S' ? 7 : cells[`${String.fromCharCode(65 + c)}${r + 1}`] ?? null);

describe('formulaRefs', () => {
  it('lists cells and ranges, with their sheet when named', () => {
    expect(formulaRefs('ROUND(E17*F17,2)')).toEqual([
      { sheet: null, top: 16, left: 4, bottom: 16, right: 4 }, { sheet: null, top: 16, left: 5, bottom: 16, right: 5 },
    ]);
    expect(formulaRefs("SUM($H$45:S45)+'第 二'!A1+Sheet2!B2")).toEqual([
      { sheet: null, top: 44, left: 7, bottom: 44, right: 18 },
      { sheet: '第 二', top: 0, left: 0, bottom: 0, right: 0 },
      { sheet: 'Sheet2', top: 1, left: 1, bottom: 1, right: 1 },
    ]);
    expect(formulaRefs('LOG10(A1)')).toEqual([{ sheet: null, top: 0, left: 0, bottom: 0, right: 0 }]);
  });
});

describe('evaluateFormula', () => {
  it('computes what registers use', () => {
    expect(evaluateFormula('ROUND(E5*F5,2)', lookup)).toBe(90);
    expect(evaluateFormula('SUM(H5:K5)', lookup)).toBe(180); // text and empty cells skipped
    expect(evaluateFormula('E5*1.5%', lookup)).toBe(90);
    expect(evaluateFormula('-A1^2+(A1+1)*3', lookup)).toBe(5);
    expect(evaluateFormula('MAX(H5:I5,100)-MIN(H5,A1)', lookup)).toBe(98);
    expect(evaluateFormula('S!A1+Other!A1', lookup)).toBe(9);
  });

  it('gives null for what it does not do, never a guess', () => {
    expect(evaluateFormula('VLOOKUP(A1,B:C,2,0)', lookup)).toBeNull();
    expect(evaluateFormula('IF(A1>1,1,2)', lookup)).toBeNull();
    expect(evaluateFormula('K5*2', lookup)).toBeNull(); // text in arithmetic (#VALUE!)
    expect(evaluateFormula('A1/0', lookup)).toBeNull();
    expect(evaluateFormula('"a"&"b"', lookup)).toBeNull();
  });

  it('rounds half away from zero on the shown decimal, as Excel does', () => {
    expect(excelRound(2.675, 2)).toBe(2.68); // 2.675 is 2.67499… as a double
    expect(excelRound(-2.5, 0)).toBe(-3);
    expect(excelRound(1.005, 2)).toBe(1.01);
    expect(excelRound(59.999, 2, 'down')).toBe(59.99);
  });
});
