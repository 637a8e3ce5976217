// Mark bookkeeping without Excel: one mark per cell, column runs, what a clear writes back,
// records following inserted and deleted rows/columns, and the stored form in document settings.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CellMark } from '../../../addin/src/host/workbookHost';
import {
  MARK_FILL, cellKey, decodeSaved, encodeSaved, isMarkFill, markFill, restorable, runsOf, shiftOf, shiftRecords, strongestPerCell,
  type SavedFill,
} from '../../../addin/src/excel/marks';

const mark = (sheet: string, row: number, col: number, severity: CellMark['severity']): CellMark => ({ sheet, row, col, severity, message: `${severity} ${row},${col}` } as CellMark);
const rec = (sheet: string, row: number, col: number, color = '#FFFFFF', pattern = 'None'): SavedFill => ({ sheet, row, col, fill: { color, pattern: pattern as Excel.FillPattern } });
const records = (...xs: SavedFill[]) => new Map(xs.map((x) => [cellKey(x.sheet, x.row, x.col), x]));

describe('strongestPerCell', () => {
  it('keeps the most severe mark of each cell', () => {
    const got = strongestPerCell([mark('S', 1, 1, 'info'), mark('S', 1, 1, 'error'), mark('S', 1, 1, 'warning'), mark('S', 2, 1, 'warning'), mark('T', 1, 1, 'info')]);
    expect([...got.values()].map((m) => [m.sheet, m.row, m.severity])).toEqual([['S', 1, 'error'], ['S', 2, 'warning'], ['T', 1, 'info']]);
  });
});

describe('runsOf', () => {
  it('groups consecutive rows of one column of one sheet, whatever the input order', () => {
    const runs = runsOf([rec('S', 5, 2), rec('S', 3, 2), rec('S', 4, 2), rec('S', 7, 2), rec('S', 4, 3), rec('A', 4, 2)]);
    expect(runs.map((r) => [r.sheet, r.col, r.row, r.cells.map((c) => c.row)])).toEqual([
      ['A', 2, 4, [4]], ['S', 2, 3, [3, 4, 5]], ['S', 2, 7, [7]], ['S', 3, 4, [4]],
    ]);
  });
  it('covers every cell once (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom('A', 'B'), fc.nat(30), fc.nat(4)), { selector: (t) => t.join() }), (cells) => {
      const runs = runsOf(cells.map(([s, r, c]) => rec(s, r, c)));
      const seen = runs.flatMap((run) => run.cells.map((x, i) => {
        expect(x.row).toBe(run.row + i);
        return `${run.sheet},${x.row},${run.col}`;
      }));
      expect(seen.sort()).toEqual(cells.map((t) => t.join()).sort());
    }));
  });
});

describe('fills', () => {
  it('a mark is a solid fill in its severity colour, recognised in any letter case', () => {
    expect(markFill('error')).toEqual({ color: MARK_FILL.error, pattern: 'Solid', tintAndShade: 0 });
    expect(isMarkFill({ color: MARK_FILL.warning.toLowerCase(), pattern: 'Solid' })).toBe(true);
    expect(isMarkFill({ color: MARK_FILL.warning, pattern: 'Gray50' })).toBe(false);
    expect(isMarkFill({ color: '#FFFF00', pattern: 'Solid' })).toBe(false);
    expect(isMarkFill(undefined)).toBe(false);
  });
  it('restores a cell\'s own fill with what was recorded, and nothing for no fill', () => {
    expect(restorable({ color: '#FFFFFF', pattern: 'None' })).toEqual({});
    expect(restorable({})).toEqual({});
    expect(restorable({ color: '#00B050', pattern: 'Gray25', patternColor: '#000000', tintAndShade: 0.4, patternTintAndShade: null as unknown as number }))
      .toEqual({ color: '#00B050', pattern: 'Gray25', patternColor: '#000000', tintAndShade: 0.4 });
  });
});

describe('shiftOf and shiftRecords', () => {
  it('reads the shift from row and column events; edits move nothing', () => {
    expect(shiftOf({ changeType: 'RowInserted', address: '3:4' })).toEqual({ axis: 'row', inserted: true, first: 2, last: 3 });
    expect(shiftOf({ changeType: 'ColumnDeleted', address: 'B:C' })).toEqual({ axis: 'col', inserted: false, first: 1, last: 2 });
    expect(shiftOf({ changeType: 'RangeEdited', address: 'A1' })).toBeNull();
    expect(shiftOf({ changeType: 'RowDeleted', address: 'A:C' })).toBeNull();
  });
  it('moves records below inserted rows, drops deleted cells, leaves other sheets', () => {
    const saved = records(rec('S', 1, 0), rec('S', 2, 0), rec('S', 5, 1), rec('T', 5, 1));
    const ins = shiftRecords(saved, { axis: 'row', inserted: true, first: 2, last: 3 }, 'S');
    expect([...ins.values()].map((r) => `${r.sheet}${r.row},${r.col}`).sort()).toEqual(['S1,0', 'S4,0', 'S7,1', 'T5,1']);
    const del = shiftRecords(saved, { axis: 'row', inserted: false, first: 2, last: 3 }, 'S');
    expect([...del.values()].map((r) => `${r.sheet}${r.row},${r.col}`).sort()).toEqual(['S1,0', 'S3,1', 'T5,1']);
    const cols = shiftRecords(saved, { axis: 'col', inserted: false, first: 0, last: 0 }, 'S');
    expect([...cols.values()].map((r) => `${r.sheet}${r.row},${r.col}`).sort()).toEqual(['S5,0', 'T5,1']);
    // Keys follow the moved cells.
    for (const [k, r] of ins) expect(k).toBe(cellKey(r.sheet, r.row, r.col));
  });
  it('an insert then the same delete gives the records back (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(fc.nat(40), fc.nat(6)), { selector: (t) => t.join() }), fc.nat(40), fc.integer({ min: 1, max: 5 }), fc.boolean(), (cells, first, n, rows) => {
      const saved = records(...cells.map(([r, c]) => rec('S', r, c)));
      const shift = { axis: rows ? 'row' : 'col', first, last: first + n - 1 } as const;
      const back = shiftRecords(shiftRecords(saved, { ...shift, inserted: true }, 'S'), { ...shift, inserted: false }, 'S');
      expect([...back.keys()].sort()).toEqual([...saved.keys()].sort());
    }));
  });
});

describe('stored form', () => {
  it('round-trips, writing each sheet and fill once', () => {
    const xs = [rec('S', 1, 1, '#FF0000', 'Solid'), rec('S', 2, 1, '#FF0000', 'Solid'), rec('T', 1, 1), rec('S', 9, 3)];
    const stored = encodeSaved(xs);
    expect(stored.sheets).toEqual(['S', 'T']);
    expect(stored.fills).toHaveLength(2);
    expect(decodeSaved(JSON.parse(JSON.stringify(stored)))).toEqual(xs);
  });
  it('reads version 1 (one object per cell) and ignores anything else', () => {
    expect(decodeSaved([{ sheet: 'S', row: 1, col: 2, color: '#FFE699', pattern: 'Solid' }])).toEqual([{ sheet: 'S', row: 1, col: 2, fill: { color: '#FFE699', pattern: 'Solid' } }]);
    expect(decodeSaved(null)).toEqual([]);
    expect(decodeSaved({ v: 3 })).toEqual([]);
  });
});
