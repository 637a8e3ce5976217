// recogniseSheet remembers header meanings and cell kinds between calls (issue 14): a sheet
// recognised after others, or twice, must come out as it does alone.
import { describe, expect, it } from 'vitest';
import { recogniseSheet, recogniseWorkbook } from '../../../shared/recognise/table';
import { person, workbook } from '../checker/grids';

const strip = (t: unknown) => JSON.parse(JSON.stringify(t, (k, v) => (k === 'grid' ? undefined : v)));

describe('recognition memo', () => {
  it('gives the same tables cold, warm and after other sheets', () => {
    const people = Array.from({ length: 30 }, (_, i) => person({}, i + 1));
    const grids = workbook(people, { totals: true });
    const cold = grids.map((g) => { recogniseWorkbook([], { year: 2026 }); return strip(recogniseSheet(g, { year: 2026 })); });
    const warm = grids.map((g) => strip(recogniseSheet(g, { year: 2026 })));
    const again = grids.slice().reverse().map((g) => strip(recogniseSheet(g, { year: 2026 }))).reverse();
    expect(warm).toEqual(cold);
    expect(again).toEqual(cold);
    const wb = strip(recogniseWorkbook(grids, { year: 2026 }));
    expect(wb).toEqual(strip(recogniseWorkbook(grids, { year: 2026 })));
  });
});
