// A register's 合计/小计 rows are judged against sums taken as the member rows are read
// (TotalsSums: running sums with snapshots at each span's ends). Held here to the plain way:
// each span of member rows summed cell by cell, a broken cell leaving its column unjudged.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CellValue, Grid } from '../../../shared/grid';
import { TotalsSums } from '../../../shared/register/totals-sums';
import { fenOf } from '../../../shared/register/amount';
import { checkWorkbook } from '../../../shared/check';
import { person, registerGrid, rosterGrid } from '../checker/grids';

/** Cells a clerk's amount columns hold: amounts, blanks, spaces, words, amounts as text. */
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 500_000 }).map((f) => f / 100) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '十元', '12.50', '¥30', 'abc', '-5') },
);

/** The plain sum of column c over member rows [from, to), NaN when a cell is not an amount. */
function plainSum(values: CellValue[][], members: number[], from: number, to: number, c: number): number {
  let s = 0;
  for (let k = from; k < to; k++) {
    const v = values[members[k]!]![c] ?? null;
    if (v === null || v === '') continue;
    s += fenOf(v);
  }
  return s;
}

describe('TotalsSums', () => {
  it('gives every span between two bounds the plain sum of its cells (property)', () => {
    const table = fc.record({
      rows: fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 0, maxLength: 30 }),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    });
    fc.assert(fc.property(table, ({ rows, cuts }) => {
      const values: CellValue[][] = [['header'], ...rows];
      const members = rows.map((_, i) => i + 1);
      const ends = [...new Set([0, rows.length, ...cuts.map((c) => c % (rows.length + 1))])].sort((a, b) => a - b);
      const cols = Int32Array.from([3, 0, 2]); // not in column order, one column never summed
      const sums = new TotalsSums(values, members, cols, Int32Array.from(ends));
      for (let k = 0; k < members.length; k++) sums.add(k);
      sums.finish();
      for (let a = 0; a < ends.length; a++) {
        for (let b = a; b < ends.length; b++) {
          cols.forEach((c, j) => {
            expect(sums.between(a, b, j)).toBe(plainSum(values, members, ends[a]!, ends[b]!, c));
          });
        }
      }
    }));
  });

  it('a broken cell in one span leaves the spans around it judged', () => {
    const values: CellValue[][] = [['h'], [1], ['十元'], [2], [3]];
    const sums = new TotalsSums(values, [1, 2, 3, 4], Int32Array.from([0]), Int32Array.from([0, 2, 4]));
    for (let k = 0; k < 4; k++) sums.add(k);
    sums.finish();
    expect(sums.between(0, 1, 0)).toBeNaN();
    expect(sums.between(1, 2, 0)).toBe(500);
    expect(sums.between(0, 2, 0)).toBeNaN();
  });
});

describe('合计 and 小计 rows in a checked register', () => {
  it('each is judged against the member rows it closes, as the plain sums say (property)', () => {
    // Member rows with random month cells, and totals rows (小计, 合计 or 总计) between them
    // stating the right sum, a wrong one, a word or nothing in each month.
    const member = fc.array(cell, { minLength: 12, maxLength: 12 });
    const totals = fc.record({
      label: fc.constantFrom('小计', '合计', '总计'),
      months: fc.array(fc.constantFrom('right', 'wrong', 'blank', 'word'), { minLength: 12, maxLength: 12 }),
    });
    const layout = fc.array(fc.oneof({ weight: 4, arbitrary: member.map((m) => ({ member: m })) }, { weight: 1, arbitrary: totals }), { minLength: 1, maxLength: 25 });
    fc.assert(fc.property(layout, (items) => {
      const people = items.filter((x) => 'member' in x).map((x, i) => person({ paid: (x as { member: CellValue[] }).member, total: null }, i + 1));
      const grid: Grid = registerGrid([]);
      const memberRows: number[] = [];
      const expected: string[] = [];
      let p = 0;
      let prevTotal = -1;
      for (const item of items) {
        const r = grid.values.length;
        if ('member' in item) {
          const q = people[p++]!;
          grid.values.push([p, q.name, q.id, q.category, q.base, q.rate, q.due, ...q.paid, null]);
          memberRows.push(r);
          continue;
        }
        const from = item.label === '小计' ? prevTotal : -1;
        prevTotal = r;
        const lo = memberRows.findIndex((m) => m > from);
        const span = lo < 0 ? [] : memberRows.slice(lo);
        const row: CellValue[] = [item.label, null, null, null, null, null, null];
        item.months.forEach((how, m) => {
          const c = 7 + m;
          const sum = plainSum(grid.values, span, 0, span.length, c);
          const right = sum === sum ? sum / 100 : 1;
          row.push(how === 'right' ? right : how === 'wrong' ? right + 1 : how === 'blank' ? null : '见附表');
          if (how === 'wrong' && sum === sum) expected.push(`${r}:${c}:${sum}`);
        });
        grid.values.push(row);
      }
      const res = checkWorkbook([rosterGrid(people), grid], { asOf: '2026-09-30' });
      const register = res.tables.find((t) => t.kind === 'register')!;
      const totalsRows = new Set(grid.values.map((_, r) => r).filter((r) => !memberRows.includes(r) && r > 0));
      expect(register.totalsRows).toEqual([...totalsRows]);
      const got = res.findings
        .filter((f) => f.code === 'SUBTOTAL_WRONG' && totalsRows.has(f.row))
        .map((f) => `${f.row}:${f.col}:${Math.round((f.fix as number) * 100)}`);
      expect(got.sort()).toEqual(expected.sort());
    }), { numRuns: 150 });
  });
});
