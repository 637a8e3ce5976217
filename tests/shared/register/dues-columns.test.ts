// Members on one row of a wide register keep their months in the table's columns: each member's
// view must read back exactly what was kept, apart from its neighbours', as the plain arrays did.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DuesColumns, zerosFen } from '../../../shared/register/dues-columns';
import { checkWorkbook, memberMonths } from '../../../shared/check';
import { person, registerGrid, rosterGrid } from '../checker/grids';

const labels = ['2026-01', '2026-02', '2026-03'];

describe('DuesColumns', () => {
  it('gives each member its own months: unknown dues kept as 0, the 大额党费 part out of paid, no base as null', () => {
    const cols = new DuesColumns(labels, 2);
    const a = cols.keep([1500, NaN, 1500], [1500, 0, 201_500], 300_000, [0, 0, 198_500]);
    const b = cols.keep([20, 20, 20], [20, 0, 40], null, null);
    expect(cols.full).toBe(true);
    expect([...a.dueFen]).toEqual([1500, 0, 1500]);
    expect([...a.paidFen]).toEqual([1500, 0, 3000]);
    expect(a.largeFen).toEqual([0, 0, 198_500]);
    expect(a.baseFen).toEqual([300_000, 300_000, 300_000]);
    expect([...b.dueFen]).toEqual([20, 20, 20]);
    expect([...b.paidFen]).toEqual([20, 0, 40]);
    expect(b.largeFen).toBe(zerosFen(3));
    expect(b.baseFen).toEqual([null, null, null]);
    expect(a.months).toBe(labels);
  });

  it('reads back what was kept, member by member (property)', () => {
    const fen = fc.integer({ min: 0, max: 10_000_000 });
    const member = fc.record({
      due: fc.array(fc.oneof(fen, fc.constant(NaN)), { minLength: 3, maxLength: 3 }),
      paid: fc.array(fen, { minLength: 3, maxLength: 3 }),
      base: fc.option(fen, { nil: null }),
      large: fc.option(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }), { nil: null }),
    });
    fc.assert(fc.property(fc.array(member, { minLength: 1, maxLength: 20 }), (ms) => {
      const cols = new DuesColumns(labels, ms.length);
      const views = ms.map((m) => cols.keep(m.due, m.paid, m.base, m.large));
      views.forEach((v, k) => {
        const m = ms[k]!;
        expect([...v.dueFen]).toEqual(m.due.map((d) => (Number.isNaN(d) ? 0 : d)));
        expect([...v.paidFen]).toEqual(m.paid.map((p, i) => p - (m.large?.[i] ?? 0)));
        expect(v.baseFen).toEqual(labels.map(() => m.base));
        expect([...v.largeFen]).toEqual(m.large ?? [0, 0, 0]);
      });
    }));
  });

  it('stands as the plain record in JSON', () => {
    const v = new DuesColumns(labels, 1).keep([1500, 1500, 1500], [1500, 0, 0], 300_000, null);
    expect(JSON.parse(JSON.stringify({ dues: v }))).toEqual({
      dues: { months: labels, baseFen: [300_000, 300_000, 300_000], dueFen: [1500, 1500, 1500], paidFen: [1500, 0, 0], largeFen: [0, 0, 0] },
    });
  });
});

describe('a checked register keeps its members in columns', () => {
  it('each member reads back its own row, whatever the rows around it paid', () => {
    const people = [
      person({ paid: [90, 90, 90, 90, 90, 90, 90, 90, 90, null, null, null] }, 1),
      person({ base: null, category: '学生', rate: '定额', due: 0.2, paid: [0.2, 0.2, null, null, null, null, null, null, null, null, null, null] }, 2),
      person({ paid: [90, 90, 90, 1090, 90, 90, 90, 90, 90, null, null, null] }, 3),
    ];
    const res = checkWorkbook([rosterGrid(people), registerGrid(people)], { asOf: '2026-09-30' });
    expect(res.members.map((m) => m.dues.constructor.name)).toEqual(['ColumnDues', 'ColumnDues', 'ColumnDues']);
    const months = res.members.map((m) => memberMonths(m).slice(0, 4).map((x) => `${x.baseFen}/${x.dueFen}/${x.paidFen}/${x.largeFen}`));
    expect(months).toEqual([
      ['600000/9000/9000/0', '600000/9000/9000/0', '600000/9000/9000/0', '600000/9000/9000/0'],
      ['null/20/20/0', 'null/20/20/0', 'null/20/0/0', 'null/20/0/0'],
      // 1090 in April: 90 due, 1000 above it (大额党费, 2008规定 第十一条).
      ['600000/9000/9000/0', '600000/9000/9000/0', '600000/9000/9000/0', '600000/9000/9000/100000'],
    ]);
    expect(res.findings.some((f) => f.code === 'LARGE_VOLUNTARY')).toBe(true);
  });
});
