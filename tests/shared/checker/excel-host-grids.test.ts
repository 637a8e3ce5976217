// Grids as the Excel host hands them over: rectangular used ranges, "" for empty cells, and a
// used range that need not start at A1 (origin). Findings must be the same, on the same cells
// of the sheet.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../../shared/check';
import { a1 } from '../../../shared/a1';
import type { Grid } from '../../../shared/grid';
import { readWorkbook } from '../../../shared/xlsx/read';

const sample = path.resolve(__dirname, '../../../../shared/fixtures/branch-sample-2026.xlsx');
let grids: Grid[];

beforeAll(async () => {
  grids = await readWorkbook(readFileSync(sample));
});

/** What Excel's Range.values gives: every row as wide as the used range, "" where empty. */
function asExcel(g: Grid): Grid {
  const width = Math.max(...g.values.map((r) => r.length));
  const values = g.values.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
  const formats = g.values.map((_, r) => Array.from({ length: width }, (_, c) => g.formats?.[r]?.[c] ?? 'General'));
  return { name: g.name, values, formats };
}

const key = (f: { code: string; sheet: string; cell: string }) => `${f.sheet}!${f.cell} ${f.code}`;

describe('grids from the Excel host', () => {
  it('"" for empty cells and General formats change nothing', () => {
    const fromFile = checkWorkbook(grids, { asOf: '2026-09-30' });
    const fromExcel = checkWorkbook(grids.map(asExcel), { asOf: '2026-09-30' });
    expect(fromExcel.findings.map(key)).toEqual(fromFile.findings.map(key));
    expect(fromExcel.summary).toEqual(fromFile.summary);
  });

  it('a used range starting at C4 moves every finding to the real cell', () => {
    const shifted = grids.map((g) => ({ ...asExcel(g), origin: { row: 3, col: 2 } }));
    const base = checkWorkbook(grids, { asOf: '2026-09-30' });
    const moved = checkWorkbook(shifted, { asOf: '2026-09-30' });
    expect(moved.findings.map((f) => `${f.code} ${f.cell} ${f.row} ${f.col}`)).toEqual(
      base.findings.map((f) => `${f.code} ${a1(f.row + 3, f.col + 2)} ${f.row + 3} ${f.col + 2}`),
    );
    const register = moved.tables.find((t) => t.kind === 'register')!;
    expect(register.headerRow).toBe(3);
    expect(register.columns.name).toBe(3);
  });
});
