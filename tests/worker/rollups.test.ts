// Roll-ups: every node's figures equal the exact sum of its children's, branch figures equal
// what the members add up to, years add quarters, and the cross-branch checks find the same
// person in two branches and members who vanished without a transfer note.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RollupFigures, RollupNode, SubmissionMember } from '../../shared/api/contract';
import { JT_TREE, call, member, members, seed, submission, type Seeded } from './helpers';

let s: Seeded;
const Q = '2026Q3';
const submitted = new Map<string, SubmissionMember[]>();

function expectedBranch(ms: SubmissionMember[]) {
  let due = 0, paid = 0, arrears = 0, inArrears = 0, six = 0, formal = 0, prob = 0;
  const byCategory: Record<string, number> = {};
  for (const m of ms) {
    const d = m.months.reduce((a, x) => a + x.dueFen, 0);
    const p = m.months.reduce((a, x) => a + x.paidFen, 0);
    due += d;
    paid += p;
    if (d > p) { arrears += d - p; inArrears += 1; }
    if (m.unpaidStreak >= 6) six += 1;
    if (m.memberClass === '正式党员') formal += 1; else prob += 1;
    byCategory[m.category] = (byCategory[m.category] ?? 0) + 1;
  }
  return { due, paid, arrears, inArrears, six, formal, prob, byCategory };
}

function walk(n: RollupNode, visit: (n: RollupNode) => void) {
  visit(n);
  n.children.forEach((c) => walk(c, visit));
}

beforeAll(async () => {
  s = await seed(JT_TREE, [
    ...['JT-ZZ1-01', 'JT-ZZ1-02', 'JT-ZZ2-01', 'JT-ZZ2-02', 'JT-ZZ2-03', 'JT-01'].map((b) => ({ orgCode: b, role: 'clerk' as const })),
    { orgCode: 'JT', role: 'finance' }, { orgCode: 'JT-ZZ2', role: 'leader' },
  ]);
  const plan: [string, SubmissionMember[]][] = [
    ['JT-ZZ1-01', [...members(Q, 1, 20), member(Q, { n: 21, paid: 0, unpaidStreak: 7 }), member(Q, { n: 22, memberClass: '预备党员', joinDate: '2026-01-15' })]],
    ['JT-ZZ1-02', [...members(Q, 100, 15, { paid: 1000 }), member(Q, { n: 120, category: '学生' })]],
    ['JT-ZZ2-01', [...members(Q, 200, 30), member(Q, { n: 240, category: '农民', paid: 0, unpaidStreak: 6 })]],
    ['JT-ZZ2-03', members(Q, 300, 25, { category: '离退休' })],
    ['JT-01', [...members(Q, 400, 10), member(Q, { n: 420, category: '停止党籍' })]],
  ];
  for (const [b, ms] of plan) {
    const r = await call('POST', '/api/submissions', { token: s.tokens[`clerk@${b}`], body: submission(Q, ms) });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
    submitted.set(b, ms);
  }
  // JT-ZZ2-02 does not submit: it must show as missing.
  expect((await call('POST', `/api/submissions/JT-ZZ1-01/${Q}/confirm`, { token: s.tokens['finance@JT'], body: { revision: 1 } })).status).toBe(200);
});

describe('quarter roll-up', () => {
  it('branch figures equal the sums of their members', async () => {
    const r = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: s.tokens['finance@JT'] });
    expect(r.status).toBe(200);
    walk(r.body, (n) => {
      if (n.org.kind !== '党支部') return;
      const ms = submitted.get(n.org.code);
      if (!ms) {
        expect(n.status).toBeNull();
        expect(n.figures.dueFen).toBe(0);
        expect(n.figures.branches).toEqual({ total: 1, submitted: 0, confirmed: 0, missing: 1 });
        return;
      }
      const e = expectedBranch(ms);
      expect(n.figures).toMatchObject({
        dueFen: e.due, paidFen: e.paid, arrearsFen: e.arrears, membersInArrears: e.inArrears, membersSixMonthArrears: e.six,
        members: { formal: e.formal, probationary: e.prob }, byCategory: e.byCategory,
      });
      expect(n.figures.collectionRateBp).toBe(e.due ? Math.round((e.paid * 10000) / e.due) : null);
      expect(n.revision).toBe(1);
      expect(n.status).toBe(n.org.code === 'JT-ZZ1-01' ? 'confirmed' : 'submitted');
    });
  });

  it('every level equals the exact sum of its children, to the 分', async () => {
    const r = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: s.tokens['finance@JT'] });
    let checked = 0;
    walk(r.body, (n) => {
      if (!n.children.length) return;
      const sum = (f: (x: RollupFigures) => number) => n.children.reduce((a, c) => a + f(c.figures), 0);
      const keys: ((x: RollupFigures) => number)[] = [
        (x) => x.dueFen, (x) => x.paidFen, (x) => x.arrearsFen, (x) => x.membersInArrears, (x) => x.membersSixMonthArrears,
        (x) => x.members.formal, (x) => x.members.probationary, (x) => x.branches.total, (x) => x.branches.submitted,
        (x) => x.branches.confirmed, (x) => x.branches.missing,
      ];
      for (const k of keys) expect(k(n.figures)).toBe(sum(k));
      const cats = new Set(n.children.flatMap((c) => Object.keys(c.figures.byCategory)));
      for (const cat of cats) expect(n.figures.byCategory[cat]).toBe(sum((x) => x.byCategory[cat] ?? 0));
      checked += 1;
    });
    expect(checked).toBe(3); // JT, JT-ZZ1, JT-ZZ2
    const all = [...submitted.values()].flat();
    const e = expectedBranch(all);
    expect(r.body.figures.dueFen).toBe(e.due);
    expect(r.body.figures.paidFen).toBe(e.paid);
    expect(r.body.figures.branches).toEqual({ total: 6, submitted: 5, confirmed: 1, missing: 1 });
  });

  it('a sub-node roll-up equals that node in the whole tree; a leader sees only their 总支', async () => {
    const whole = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: s.tokens['finance@JT'] });
    const part = await call<RollupNode>('GET', `/api/rollups/${Q}?org=JT-ZZ2`, { token: s.tokens['finance@JT'] });
    const mine = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: s.tokens['leader@JT-ZZ2'] });
    const inWhole = whole.body.children.find((c) => c.org.code === 'JT-ZZ2');
    expect(part.body).toEqual(inWhole);
    expect(mine.body).toEqual(inWhole);
  });

  it('a re-submission replaces the branch’s figures (latest revision only)', async () => {
    const before = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: s.tokens['finance@JT'] });
    const ms = members(Q, 500, 3);
    const cur = await call('GET', `/api/submissions/JT-01/${Q}`, { token: s.tokens['clerk@JT-01'] });
    const r = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], body: submission(Q, ms), headers: { 'If-Match': cur.body.current.etag } });
    expect(r.status).toBe(201);
    const after = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: s.tokens['finance@JT'] });
    const oldB = expectedBranch(submitted.get('JT-01')!);
    const newB = expectedBranch(ms);
    expect(after.body.figures.dueFen - before.body.figures.dueFen).toBe(newB.due - oldB.due);
    submitted.set('JT-01', ms);
  });

  it('a returned revision does not count: the latest submitted or confirmed revision does, else the branch is missing', async () => {
    const P = '2024Q4';
    const fin = s.tokens['finance@JT']!;
    const clerk = s.tokens['clerk@JT-ZZ2-02']!;
    const node = async () => {
      const r = await call<RollupNode>('GET', `/api/rollups/${P}?org=JT-ZZ2-02`, { token: fin });
      expect(r.status).toBe(200);
      return r.body;
    };
    const drill = async () => (await call('GET', `/api/rollups/${P}/members?org=JT-ZZ2-02`, { token: fin })).body.members as { dueFen: number }[];
    const rev1 = members(P, 900, 4);
    const rev2 = members(P, 950, 2);
    const e1 = expectedBranch(rev1);
    // Revision 1, returned: nothing stands, so the branch counts as missing (but shows as returned).
    expect((await call('POST', '/api/submissions', { token: clerk, body: submission(P, rev1) })).status).toBe(201);
    expect((await call('POST', `/api/submissions/JT-ZZ2-02/${P}/return`, { token: fin, body: { revision: 1, note: '金额有误' } })).status).toBe(200);
    let n = await node();
    expect(n).toMatchObject({ status: 'returned', revision: 1 });
    expect(n.figures).toMatchObject({ dueFen: 0, paidFen: 0, members: { formal: 0, probationary: 0 }, branches: { total: 1, submitted: 0, confirmed: 0, missing: 1 } });
    expect(await drill()).toEqual([]);
    // Confirmed after all: revision 1 counts again, confirmed.
    expect((await call('POST', `/api/submissions/JT-ZZ2-02/${P}/confirm`, { token: fin, body: { revision: 1 } })).status).toBe(200);
    n = await node();
    expect(n.figures).toMatchObject({ dueFen: e1.due, paidFen: e1.paid, branches: { submitted: 1, confirmed: 1, missing: 0 } });
    // Revision 2 replaces it; returned, the roll-up falls back to the confirmed revision 1.
    const sub2 = await call('POST', '/api/submissions', { token: clerk, body: submission(P, rev2), headers: { 'If-Match': '1' } });
    expect(sub2.status).toBe(201);
    expect((await node()).figures.dueFen).toBe(expectedBranch(rev2).due);
    expect((await call('POST', `/api/submissions/JT-ZZ2-02/${P}/return`, { token: fin, body: { revision: 2, note: '少报两人' } })).status).toBe(200);
    n = await node();
    expect(n).toMatchObject({ status: 'returned', revision: 2 });
    expect(n.figures).toMatchObject({
      dueFen: e1.due, paidFen: e1.paid, arrearsFen: e1.arrears, members: { formal: e1.formal, probationary: e1.prob }, byCategory: e1.byCategory,
      branches: { total: 1, submitted: 1, confirmed: 1, missing: 0 },
    });
    const lines = await drill();
    expect(lines).toHaveLength(rev1.length);
    expect(lines.reduce((a, m) => a + m.dueFen, 0)).toBe(e1.due);
    // The whole tree agrees with the node.
    const whole = await call<RollupNode>('GET', `/api/rollups/${P}`, { token: fin });
    expect(whole.body.figures.dueFen).toBe(e1.due);
  });

  it('drill-down lists the branch’s members with masked IDs and sums that match the branch node', async () => {
    const r = await call('GET', `/api/rollups/${Q}/members?org=JT-ZZ1-01`, { token: s.tokens['finance@JT'] });
    expect(r.status).toBe(200);
    const ms = submitted.get('JT-ZZ1-01')!;
    expect(r.body.members).toHaveLength(ms.length);
    const due = r.body.members.reduce((a: number, m: { dueFen: number }) => a + m.dueFen, 0);
    expect(due).toBe(expectedBranch(ms).due);
    expect(r.body.members[0].idMasked).toBe(`${ms[0]!.idNumber.slice(0, 6)}********${ms[0]!.idNumber.slice(-4)}`);
    expect(JSON.stringify(r.body)).not.toContain(ms[0]!.idNumber);
    const notBranch = await call('GET', `/api/rollups/${Q}/members?org=JT-ZZ1`, { token: s.tokens['finance@JT'] });
    expect(notBranch.status).toBe(422);
  });
});

describe('year roll-up', () => {
  it('adds the quarters; a branch counts as submitted only with all four', async () => {
    const token = s.tokens['clerk@JT-ZZ2-02']!;
    let due = 0;
    for (const q of ['2025Q1', '2025Q2', '2025Q3', '2025Q4']) {
      const ms = members(q, 600, 4 + Number(q.at(-1)));
      due += expectedBranch(ms).due;
      expect((await call('POST', '/api/submissions', { token, body: submission(q, ms) })).status).toBe(201);
    }
    expect((await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], body: submission('2025Q2', members('2025Q2', 700, 2)) })).status).toBe(201);
    const y = await call<RollupNode>('GET', '/api/rollups/2025?org=JT', { token: s.tokens['finance@JT'] });
    expect(y.status).toBe(200);
    const b = y.body.children.find((c) => c.org.code === 'JT-ZZ2')!.children.find((c) => c.org.code === 'JT-ZZ2-02')!;
    expect(b.figures.dueFen).toBe(due);
    expect(b.figures.members.formal).toBe(8); // head count of the latest quarter, not a sum
    expect(y.body.figures.branches).toMatchObject({ total: 6, submitted: 1 });
    const members2025 = await call('GET', '/api/rollups/2025/members?org=JT-ZZ2-02', { token: s.tokens['finance@JT'] });
    expect(members2025.body.members).toHaveLength(8);
    expect(members2025.body.members[0].months).toHaveLength(12);
  });
});

describe('year roll-up: members in arrears', () => {
  it('counts each person in arrears in any quarter once, as the drill-down lists them (never arrears with nobody in arrears)', async () => {
    const fin = s.tokens['finance@JT']!;
    const clerk = s.tokens['clerk@JT-ZZ2-01']!;
    const post = async (q: string, ms: SubmissionMember[]) => expect((await call('POST', '/api/submissions', { token: clerk, body: submission(q, ms) })).status).toBe(201);
    // n 3000 owes in Q1 and pays Q2 in full; n 3001 owes in Q1 and Q2; n 3002 owes only in Q2.
    await post('2023Q1', [member('2023Q1', { n: 3000, paid: 0, unpaidStreak: 3 }), member('2023Q1', { n: 3001, paid: 100 }), member('2023Q1', { n: 3002 })]);
    await post('2023Q2', [member('2023Q2', { n: 3000 }), member('2023Q2', { n: 3001, paid: 100 }), member('2023Q2', { n: 3002, paid: 0, unpaidStreak: 3 })]);
    const check = async () => {
      const y = await call<RollupNode>('GET', '/api/rollups/2023?org=JT-ZZ2-01', { token: fin });
      const drill = await call('GET', '/api/rollups/2023/members?org=JT-ZZ2-01', { token: fin });
      const owing = (drill.body.members as { arrearsFen: number }[]).filter((m) => m.arrearsFen > 0);
      expect(y.body.figures.arrearsFen).toBe(owing.reduce((a, m) => a + m.arrearsFen, 0));
      expect(y.body.figures.membersInArrears).toBe(owing.length);
      return y.body;
    };
    expect((await check()).figures.membersInArrears).toBe(3);
    // Q2 returned: only Q1 counts (n 3000 and 3001 owe); confirmed again, Q2 counts again.
    expect((await call('POST', '/api/submissions/JT-ZZ2-01/2023Q2/return', { token: fin, body: { revision: 1, note: '核对' } })).status).toBe(200);
    expect((await check()).figures.membersInArrears).toBe(2);
    expect((await call('POST', '/api/submissions/JT-ZZ2-01/2023Q2/confirm', { token: fin, body: { revision: 1 } })).status).toBe(200);
    expect((await check()).figures.membersInArrears).toBe(3);
    // The committee's year adds up the same way.
    const all = await call<RollupNode>('GET', '/api/rollups/2023', { token: fin });
    expect(all.body.figures.membersInArrears).toBe(3);
  });
});

describe('cross-branch checks', () => {
  it('finds one person listed by two branches in the same month, and members who vanished without a note', async () => {
    const Q2 = '2026Q2';
    const Q3b = '2021Q4';
    // Quarter A: ZZ2-01 lists 900..902; Quarter B: 900 gone without note, 901 gone with a note, 902 stays.
    const A = [member('2021Q3', { n: 900 }), member('2021Q3', { n: 901, transferNote: '转出至市局机关' }), member('2021Q3', { n: 902 })];
    expect((await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-ZZ2-01'], body: submission('2021Q3', A) })).status).toBe(201);
    const B = [member(Q3b, { n: 902 }), member(Q3b, { n: 903 })];
    expect((await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-ZZ2-01'], body: submission(Q3b, B) })).status).toBe(201);
    // 903 is also listed by ZZ1-02 in the same quarter: the same person in two branches.
    expect((await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-ZZ1-02'], body: submission(Q3b, [member(Q3b, { n: 903, name: '重名' })]) })).status).toBe(201);
    // The roll-up itself says so, at the lowest node holding both branches (the 党委 here), and in its year.
    for (const period of [Q3b, Q3b.slice(0, 4)]) {
      const tree = (await call<RollupNode>('GET', `/api/rollups/${period}`, { token: s.tokens['finance@JT'] })).body;
      expect(tree.listedInTwoBranches, period).toBe(1);
      const zz = Object.fromEntries(tree.children.map((n) => [n.org.code, n.listedInTwoBranches]));
      expect(zz).toMatchObject({ 'JT-ZZ1': 0, 'JT-ZZ2': 0 });
    }
    const narrowTree = (await call<RollupNode>('GET', `/api/rollups/${Q3b}?org=JT-ZZ2`, { token: s.tokens['finance@JT'] })).body;
    expect(narrowTree.listedInTwoBranches).toBe(0);
    const c = await call('GET', `/api/rollups/${Q3b}/checks`, { token: s.tokens['finance@JT'] });
    expect(c.status).toBe(200);
    expect(c.body.duplicates).toHaveLength(3); // three months
    expect(c.body.duplicates[0].branches).toEqual(['JT-ZZ1-02', 'JT-ZZ2-01']);
    expect(c.body.vanished).toEqual([{ idMasked: expect.stringMatching(/^110105\*{8}/), name: '党员900', branch: 'JT-ZZ2-01', lastQuarter: '2021Q3' }]);
    expect(JSON.stringify(c.body)).not.toMatch(/\d{17}[\dX]/);
    // A leader of the other 总支 does not see ZZ1-02's side.
    const narrow = await call('GET', `/api/rollups/${Q2}/checks?org=JT-ZZ1`, { token: s.tokens['finance@JT'] });
    expect(narrow.body.duplicates).toEqual([]);
  });
});

describe('连续六个月未交 rests on the server\'s own streaks, not the client\'s claim', () => {
  it('derives each streak from the quarter\'s months and the branch\'s previous quarter', async () => {
    const fin = s.tokens['finance@JT']!;
    const clerk = s.tokens['clerk@JT-ZZ2-03']!;
    const post = async (q: string, ms: SubmissionMember[]) => {
      const r = await call('POST', '/api/submissions', { token: clerk, body: submission(q, ms) });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
    };
    const streaks = async (q: string) => {
      const r = await call('GET', `/api/rollups/${q}/members?org=JT-ZZ2-03`, { token: fin });
      return Object.fromEntries((r.body.members as { name: string; unpaidStreak: number }[]).map((m) => [m.name, m.unpaidStreak]));
    };
    const six = async (q: string) => (await call<RollupNode>('GET', `/api/rollups/${q}?org=JT-ZZ2-03`, { token: fin })).body.figures.membersSixMonthArrears;
    await post('2022Q1', [
      member('2022Q1', { n: 5000, name: '全交', unpaidStreak: 600 }), // paid in full, claims 600 months unpaid
      member('2022Q1', { n: 5001, name: '全欠', paid: 0, unpaidStreak: 0 }), // three months unpaid, claims none
      member('2022Q1', { n: 5002, name: '新人', paid: 0, unpaidStreak: 9, joinDate: '2021-11-10' }), // joined two months before
      member('2022Q1', { n: 5003, name: '老欠', paid: 0, unpaidStreak: 5 }), // unpaid before the server's records: believed
    ]);
    expect(await streaks('2022Q1')).toEqual({ 全交: 0, 全欠: 3, 新人: 5, 老欠: 5 });
    expect(await six('2022Q1')).toBe(0);
    // The next quarter: the server holds the previous one, so a claim of 0 (or of 100) does not stand.
    await post('2022Q2', [
      member('2022Q2', { n: 5000, name: '全交', unpaidStreak: 100 }),
      member('2022Q2', { n: 5001, name: '全欠', paid: 0, unpaidStreak: 0 }),
      member('2022Q2', { n: 5002, name: '新人', paid: 0, unpaidStreak: 0 }),
      member('2022Q2', { n: 5003, name: '老欠', paid: 0, unpaidStreak: 0 }),
    ]);
    expect(await streaks('2022Q2')).toEqual({ 全交: 0, 全欠: 6, 新人: 8, 老欠: 8 });
    expect(await six('2022Q2')).toBe(3);
  });
});
