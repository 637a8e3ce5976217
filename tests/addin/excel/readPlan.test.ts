// Read planning without Excel: how used ranges become read requests under the cell budget, and
// how one answered row becomes grid values and sparse formulas.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extentOf, planReads, pushFormulas, rowsPerSync, toCellValue } from '../../../addin/src/excel/readPlan';

const used = (rowIndex: number, columnIndex: number, rowCount: number, columnCount: number) => ({ rowIndex, columnIndex, rowCount, columnCount });

describe('planReads', () => {
  it('fills each request up to the budget, sheet after sheet, and skips empty sheets', () => {
    const plan = planReads([
      { name: 'A', used: used(2, 1, 25, 4) }, // 100 cells
      { name: 'empty', used: null },
      { name: 'B', used: used(0, 0, 10, 10) }, // 100 cells
    ], 80);
    // 200 cells at 80 per request: 3 requests, A's rows spilling into the second.
    expect(plan).toHaveLength(3);
    expect(plan[0]).toEqual([{ sheet: 'A', index: 0, row: 2, col: 1, rows: 20, cols: 4 }]);
    expect(plan[1]).toEqual([
      { sheet: 'A', index: 0, row: 22, col: 1, rows: 5, cols: 4 },
      { sheet: 'B', index: 2, row: 0, col: 0, rows: 6, cols: 10 },
    ]);
    expect(plan[2]).toEqual([{ sheet: 'B', index: 2, row: 6, col: 0, rows: 4, cols: 10 }]);
  });

  it('sends a row wider than the budget alone', () => {
    const plan = planReads([{ name: 'wide', used: used(0, 0, 3, 500) }], 100);
    expect(plan.map((b) => b.map((c) => [c.row, c.rows]))).toEqual([[[0, 1]], [[1, 1]], [[2, 1]]]);
  });

  it('no sheets or only empty ones: no requests', () => {
    expect(planReads([], 100)).toEqual([]);
    expect(planReads([{ name: 'x', used: null }], 100)).toEqual([]);
  });

  it('reads every row exactly once, in order, each request within the budget', () => {
    fc.assert(fc.property(
      fc.array(fc.option(fc.record({ rowCount: fc.integer({ min: 1, max: 60 }), columnCount: fc.integer({ min: 1, max: 12 }) }), { nil: null }), { maxLength: 5 }),
      fc.integer({ min: 12, max: 300 }),
      (sheets, budget) => {
        const input = sheets.map((s, i) => ({ name: `S${i}`, used: s ? used(i, 0, s.rowCount, s.columnCount) : null }));
        const plan = planReads(input, budget);
        const cells = input.reduce((n, s) => n + (s.used ? s.used.rowCount * s.used.columnCount : 0), 0);
        for (const batch of plan) expect(batch.reduce((n, c) => n + c.rows * c.cols, 0)).toBeLessThanOrEqual(budget);
        input.forEach((s, index) => {
          const chunks = plan.flat().filter((c) => c.index === index);
          if (!s.used) return expect(chunks).toEqual([]);
          let next = s.used.rowIndex;
          for (const c of chunks) {
            expect(c.row).toBe(next);
            next += c.rows;
          }
          expect(next).toBe(s.used.rowIndex + s.used.rowCount);
        });
        // Requests are cut at row boundaries, so there are at least ceil(cells / budget) of them.
        expect(plan.length).toBeGreaterThanOrEqual(Math.ceil(cells / budget));
      },
    ));
  });
});

describe('extentOf and rowsPerSync', () => {
  it('gives the last row and the used columns', () => {
    expect(extentOf(used(3, 2, 10, 5))).toEqual({ bottom: 12, left: 2, right: 6 });
  });
  it('keeps re-reads under the same budget, at least one row', () => {
    expect(rowsPerSync(100_000, 20)).toBe(5000);
    expect(rowsPerSync(100, 300)).toBe(1);
    expect(rowsPerSync(100, 0)).toBe(100);
  });
});

describe('pushFormulas and toCellValue', () => {
  it('keeps only cells whose formula differs from their value, without the "="', () => {
    const g: { formulas?: (string | undefined)[][] } = {};
    pushFormulas(g, ['=ROUND(E5*F5,2)', 'text', '=literal', '='], [12.5, 'text', '=literal', '=']);
    pushFormulas(g, ['a', 'b'], ['a', 'b']);
    pushFormulas(g, undefined, undefined);
    expect(g.formulas).toEqual([['ROUND(E5*F5,2)'], [], []]);
  });
  it('empty cells are null, scalars pass, anything else is text', () => {
    expect(['', undefined, null, 0, 'x', false, new Date(0)].map(toCellValue)).toEqual([null, null, null, 0, 'x', false, String(new Date(0))]);
  });
});
