// Findings, member dues and submissions on generated workbooks, compared with what the checker
// gave before member dues moved into typed arrays (issue 14: fewer allocations per member, the
// same answers). The golden file was written by the checker as it stood before that change
// (commit 6863493) and is only ever rewritten on purpose (`vitest -u`): a difference here is a
// changed finding or submission, which the change must not make. Digests keep the golden small;
// to see a difference, write the observable() JSON of the case at both commits and diff them.
// __golden__/dues-nonmembers.txt was written the same way at commit a5c39f3, before the register
// rows judged at once shared one scratch record (issue 14, h14c).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import type { CellValue, Grid } from '../../../shared/grid';
import { checkWorkbook, memberMonths, type CheckResult } from '../../../shared/check';
import { buildSubmission } from '../../../shared/submission/build';
import { isoToExcelSerial } from '../../../shared/dates';
import { branchGrids } from '../../../bench/branch-workbook';
import { person, registerGrid, rosterGrid, makeId, type Person } from './grids';

const AS_OF = '2026-09-30';
const QUARTERS = ['2026Q1', '2026Q2', '2026Q3'];

/** Everything a host sees of a check, as plain data (typed arrays as plain arrays). */
function observable(grids: Grid[], asOf = AS_OF) {
  const r: CheckResult = checkWorkbook(grids, { asOf });
  return {
    summary: r.summary,
    findings: r.findings.map((f) => [f.code, f.severity, f.sheet, f.cell, f.message, f.messageEn, f.fix ?? null]),
    members: r.members.map((m) => ({
      row: m.row, name: m.name, idNumber: m.idNumber, category: m.category, unpaidStreak: m.unpaidStreak,
      duesRows: m.duesRows, months: memberMonths(m),
      dues: { months: [...m.dues.months], baseFen: [...m.dues.baseFen], dueFen: [...m.dues.dueFen], paidFen: [...m.dues.paidFen], largeFen: [...m.dues.largeFen] },
    })),
    // A check with errors is refused whole; its errors set aside, the same result still shows
    // every member's quarter as a submission would carry it (or the member it would refuse).
    submissions: QUARTERS.map((q) => {
      try {
        return buildSubmission({ ...r, findings: r.findings.filter((f) => f.severity !== 'error'), summary: { ...r.summary, errors: 0 } }, q);
      } catch (e) {
        return { refused: (e as Error).message };
      }
    }),
  };
}

const serial = (iso: string) => isoToExcelSerial(iso);

/** A paid cell: blank, the due, less, more, 大额 (≥ 1000 yuan over), text, negative, zero. */
const paidCell = (due: number): fc.Arbitrary<CellValue> => fc.oneof(
  { weight: 6, arbitrary: fc.constant(due) },
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(Math.round(due * 50) / 100) },
  { weight: 1, arbitrary: fc.constant(due * 2) },
  { weight: 1, arbitrary: fc.constant(due + 1200) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>('未交', '-5', -3, 0, String(due), '免交') },
);

const CATEGORY = fc.constantFrom<[CellValue, CellValue, CellValue, number]>(
  ['在职', 6000, 0.015, 90], ['在职', 2500, 0.005, 12.5], ['在职', 12000, 0.02, 240],
  ['离退休', 4000, 0.005, 20], ['学生', null, '定额', 0.2], ['农民', null, '定额', 0.2],
  ['在职', 6000, 0.015, 80], ['停止党籍', null, null, 0],
);

const member = (n: number): fc.Arbitrary<Person & { rows: number }> => fc.record({
  cat: CATEGORY,
  join: fc.constantFrom('2005-07-01', '2026-03-15', '2026-08-01', '2027-01-01', ''),
  cls: fc.oneof({ weight: 14, arbitrary: fc.constantFrom('正式党员', '预备党员') }, { weight: 1, arbitrary: fc.constant('积极分子') }),
  standing: fc.constantFrom('正常', '正常', '正常', '停止党籍'),
  badId: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  rows: fc.constantFrom(1, 1, 1, 2),
  noCategory: fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  dupName: fc.constantFrom(false, false, false, false, true),
}).chain((g) => fc.array(paidCell(g.cat[3]), { minLength: 12, maxLength: 12 }).map((paid) => ({ ...g, paid }))).map((g) => {
  const [category, base, rate, due] = g.cat;
  const id = makeId('19800610', String(100 + n * 2 + 1).padStart(3, '0'));
  return {
    ...person({
      category: g.noCategory ? '' : category, base, rate, due,
      paid: g.paid,
      join: g.join ? serial(g.join) : null,
      full: g.cls === '正式党员' && g.join ? serial('2006-07-01') : null,
      cls: g.cls,
      standing: g.standing,
      id: g.badId ? id.slice(0, 17) + (id[17] === '1' ? '2' : '1') : id,
    }, n),
    name: g.dupName ? '党员1' : `党员${n}`,
    rows: g.rows,
  };
});

/** A branch: roster, the 12-month register (some members on two rows), sometimes as month rows. */
const branch = fc.tuple(fc.integer({ min: 1, max: 14 }), fc.boolean()).chain(([n, monthRows]) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => member(i + 1))).map((people): Grid[] => {
    const roster = rosterGrid(people);
    const rows = people.flatMap((p) => (p.rows === 2
      ? [{ ...p, paid: p.paid.map((v, m) => (m < 6 ? v : null)) }, { ...p, paid: p.paid.map((v, m) => (m >= 6 ? v : null)) }]
      : [p]));
    const register = registerGrid(rows, { totals: true });
    if (!monthRows) return [roster, register];
    const out: CellValue[][] = [['姓名', '身份证号', '交费类别', '缴费基数', '比例', '年份', '月份', '应缴金额', '实缴金额']];
    for (const p of people) for (let m = 0; m < 12; m++) if (m % 5 !== 3) out.push([p.name, p.id, p.category, p.base, p.rate, 2026, m + 1, p.due, p.paid[m] ?? null]);
    return [roster, { name: '党费明细', values: out }];
  }));

const digest = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

describe('findings and submissions are unchanged by how member dues are stored', () => {
  it('on 60 generated branches (fast-check, fixed seed)', async () => {
    const cases = fc.sample(branch, { seed: 1414, numRuns: 60 }).map((grids) => observable(grids));
    // Some cases must reach every path the change touched: dues on members, refused and made submissions.
    expect(cases.some((c) => c.members.some((m) => m.dues.largeFen.some((x) => x > 0)))).toBe(true);
    expect(cases.some((c) => c.submissions.some((s) => 'refused' in s))).toBe(true);
    expect(cases.some((c) => c.submissions.some((s) => 'members' in s))).toBe(true);
    // One line per case: its counts (to see where a difference is) and a digest of all of it.
    const lines = cases.map((c, i) => `${i} ${c.summary.members} members ${c.findings.length} findings ${digest(c)}`);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__golden__/dues-generated.txt');
  });

  it('with 政治面貌 (activists are not members) and a register row of no roster member', async () => {
    // Paths the issue-14 row reuse touched and the cases above miss: register rows of roster
    // non-members skipped, a row matched to no one, both beside members judged row by row.
    const cases = fc.sample(branch, { seed: 1415, numRuns: 40 }).map((grids) => {
      const [roster, register] = grids as [Grid, Grid];
      const header = roster.values[0]!.map((h) => (h === '人员类别' ? '政治面貌' : h));
      const row = register.values[0]!.map((h): CellValue => (h === '姓名' ? '外来人员' : typeof h === 'string' && /^\d+月$/.test(h) ? 90 : null));
      return observable([
        { ...roster, values: [header, ...roster.values.slice(1)] },
        { ...register, values: [register.values[0]!, row, ...register.values.slice(1)] },
      ]);
    });
    expect(cases.some((c) => c.findings.some((f) => f[0] === 'NOT_A_MEMBER'))).toBe(true);
    expect(cases.filter((c) => c.findings.some((f) => f[0] === 'DUES_MEMBER_UNKNOWN')).length).toBeGreaterThan(10);
    const lines = cases.map((c, i) => `${i} ${c.summary.members} members ${c.findings.length} findings ${digest(c)}`);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__golden__/dues-nonmembers.txt');
  });

  it('on the bench branch of 300 and of 10,000 members', () => {
    // (Its one bad ID makes every submission refuse: the generated cases above make them.)
    const line = (n: number) => {
      const c = observable(branchGrids(n));
      return `${c.summary.members} members ${c.findings.length} findings ${digest(c)}`;
    };
    expect([line(300), line(10_000)]).toMatchInlineSnapshot(`
      [
        "300 members 43 findings 06c509df92ecb6d95f391791fc6dad40f186e03545750bd9282d1c3a16e7ed14",
        "10000 members 1999 findings 020f5a9aee309d4ed8c882f5f91c5965fb02d90b48eb61ab7b2ff0b894824d08",
      ]
    `);
  });
});
