// After finance returns the latest revision, the branch counts by its newest earlier revision
// still standing — and every figure of that branch (the roll-up, its members list, the receipts,
// the consolidated workbook) comes from that one revision, labelled as such.
import { beforeAll, describe, expect, it } from 'vitest';
import { exports } from 'cloudflare:workers';
import type { RollupMember, RollupNode } from '../../../shared/api/contract';
import { BASE, JT_TREE, call, everyRole, member, members, seed, submission, type Seeded } from '../helpers';
import { fen, readXlsx } from '../reports/xlsx-reader';

const Q = '2026Q3';
const BRANCH = 'JT-ZZ2-01';
const NEIGHBOUR = 'JT-ZZ2-02';
let s: Seeded;
const tok = (k: string) => s.tokens[k]!;

// Revision 1: 24 members, two in arrears. Revision 2: 41 members, other amounts.
const rev1 = [...members(Q, 1, 22), member(Q, { n: 23, paid: 0 }), member(Q, { n: 24, paid: 500 })];
const rev2 = [...members(Q, 1, 30, { paid: 100 }), ...members(Q, 31, 11)];
const neighbour = [...members(Q, 200, 3), member(Q, { n: 203, paid: 0, name: '邻支部欠交者' })];

function sums(list: typeof rev1) {
  let due = 0;
  let paid = 0;
  for (const m of list) for (const mo of m.months) { due += mo.dueFen; paid += mo.paidFen; }
  return { due, paid, arrears: due - paid };
}

async function submit(branch: string, list: typeof rev1, ifMatch?: string) {
  const r = await call('POST', '/api/submissions', { token: tok(`clerk@${branch}`), body: submission(Q, list), headers: ifMatch ? { 'If-Match': ifMatch } : {} });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { revision: number; etag: string };
}

beforeAll(async () => {
  s = await seed(JT_TREE, everyRole(JT_TREE));
  const first = await submit(BRANCH, rev1);
  await submit(BRANCH, rev2, first.etag);
  await submit(NEIGHBOUR, neighbour);
  const r = await call('POST', `/api/submissions/${BRANCH}/${Q}/return`, { token: tok('finance@JT'), body: { revision: 2, note: '人数不对，请核实' } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
});

describe('a returned revision falls back to the one before it', () => {
  it('the roll-up node counts revision 1 in full and says so', async () => {
    const r = await call('GET', `/api/rollups/${Q}?org=${BRANCH}`, { token: tok('finance@JT') });
    expect(r.status).toBe(200);
    const node = r.body as RollupNode;
    const want = sums(rev1);
    expect(node.figures.members.formal + node.figures.members.probationary).toBe(24);
    expect(node.figures.dueFen).toBe(want.due);
    expect(node.figures.paidFen).toBe(want.paid);
    expect(node.figures.arrearsFen).toBe(want.arrears);
    expect(node.figures.membersInArrears).toBe(2);
    expect(node.status).toBe('returned');
    expect(node.revision).toBe(2);
    expect(node.countedRevision).toBe(1);
  });

  it('the members list is revision 1’s, and no other branch’s', async () => {
    const r = await call('GET', `/api/rollups/${Q}/members?org=${BRANCH}`, { token: tok('finance@JT') });
    expect(r.status).toBe(200);
    const list = r.body.members as RollupMember[];
    expect(list.map((m) => m.name)).toEqual(rev1.map((m) => m.name));
  });

  it('receipts give each revision its own totals, and name the counted one', async () => {
    const h = await call('GET', `/api/submissions/${BRANCH}/${Q}`, { token: tok('finance@JT') });
    expect(h.status).toBe(200);
    const two = sums(rev2);
    // The latest receipt is revision 2's own: its members and its amounts, never mixed with revision 1's.
    expect(h.body.current.revision).toBe(2);
    expect(h.body.current.totals).toEqual({ members: 41, dueFen: two.due, paidFen: two.paid });
    expect(h.body.current.counted).toEqual({ revision: 1, status: 'submitted', totals: { members: 24, dueFen: sums(rev1).due, paidFen: sums(rev1).paid } });
    const list = await call('GET', `/api/submissions?quarter=${Q}`, { token: tok('finance@JT') });
    const mine = (list.body as { branchCode: string; totals: unknown; counted: unknown }[]).find((x) => x.branchCode === BRANCH)!;
    expect(mine.totals).toEqual({ members: 41, dueFen: two.due, paidFen: two.paid });
    expect(mine.counted).toEqual(h.body.current.counted);
  });

  it('the consolidated workbook counts revision 1 everywhere and labels the fall-back', async () => {
    const worker = (exports as unknown as { default: { fetch: (r: Request) => Promise<Response> } }).default;
    const res = await worker.fetch(new Request(`${BASE}/api/reports/${Q}.xlsx`, { headers: { Authorization: `Bearer ${tok('leader@JT')}` } }));
    expect(res.status).toBe(200);
    const book = readXlsx(new Uint8Array(await res.arrayBuffer()));
    const name = '路政支队党支部';
    const sheet = book.sheet(name);
    const h = sheet.rows.findIndex((r) => r[0] === '序号');
    const lines = sheet.rows.slice(h + 1).filter((r) => typeof r[0] === 'number');
    expect(lines.map((r) => r[1])).toEqual(rev1.map((m) => m.name));
    const summaryRow = book.sheet('汇总').rows.find((r) => typeof r[0] === 'string' && r[0].trim() === name)!;
    expect(summaryRow.some((v) => v === '按第1版计（第2版已退回）')).toBe(true);
    expect(summaryRow.some((v) => typeof v === 'number' && Math.abs(v * 100 - sums(rev1).due) < 1e-6)).toBe(true);
    expect(summaryRow.some((v) => typeof v === 'number' && Math.abs(v * 100 - sums(rev2).due) < 1e-6)).toBe(false);
    const total = sheet.rows.find((r) => r[0] === '合计')!;
    expect(total.filter((v) => typeof v === 'number').map(fen)).toContain(sums(rev1).paid);
    // 欠缴名单: this branch's two members in arrears, and the neighbour's under the neighbour only.
    const arrears = book.sheet('欠缴名单').rows.filter((r) => typeof r[0] === 'number');
    const here = arrears.filter((r) => r[2] === name).map((r) => r[3]);
    expect(here.sort()).toEqual([rev1[22]!.name, rev1[23]!.name].sort());
    expect(arrears.filter((r) => r[3] === '邻支部欠交者').map((r) => r[2])).toEqual(['养护中心党支部']);
  });
});
