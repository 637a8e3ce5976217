// A year's consolidated workbook for a committee with approvals (confirmed, pending, rejected)
// and transfers (in and out) across three quarters: downloaded, read back with the independent
// reader, and every figure of 汇总, each branch sheet and 欠缴名单 equal to the roll-up API to the 分 —
// approved reductions in their own column, apart from arrears.
import { beforeAll, describe, expect, it } from 'vitest';
import { exports } from 'cloudflare:workers';
import type { RollupMember, RollupNode } from '../../../shared/api/contract';
import type { OrgSpec } from '../../../worker/seed/committee';
import { BASE, call, everyRole, member, seed, submission, validId, type Seeded } from '../helpers';
import { fen, readXlsx, type ReadBook, type ReadSheet } from './xlsx-reader';

const TREE: OrgSpec = {
  code: 'YR', name: '中共某县年度测试委员会', kind: '党委', children: [
    { code: 'YR-Z', name: '机关党总支', kind: '党总支', children: [
      { code: 'YR-Z-1', name: '机关第一党支部', kind: '党支部' },
      { code: 'YR-Z-2', name: '机关第二党支部', kind: '党支部' },
    ] },
    { code: 'YR-3', name: '离退休干部党支部', kind: '党支部' },
  ],
};
let s: Seeded;
const tok = (k: string) => s.tokens[k]!;
let book: ReadBook;
let tree: RollupNode;

async function submit(branch: string, q: string, ms: ReturnType<typeof member>[]) {
  const r = await call('POST', '/api/submissions', { token: tok(`clerk@${branch}`), body: submission(q, ms) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}
async function approve(branch: string, o: Record<string, unknown>, decide?: 'confirm' | 'reject') {
  const r = await call('POST', '/api/approvals', { token: tok(`clerk@${branch}`), body: {
    category: '在职', amountFen: 0, approvingOrgs: ['支部委员会', '中共某县年度测试委员会'], approvedOn: '2026-09-20', ...o,
  } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  if (decide) expect((await call('POST', `/api/approvals/${r.body.id}/${decide}`, { token: tok('finance@YR'), body: { note: '审核' } })).status).toBe(200);
}

function nodes(n: RollupNode, out: RollupNode[] = []): RollupNode[] {
  out.push(n);
  n.children.forEach((c) => nodes(c, out));
  return out;
}
function headerRow(sheet: ReadSheet, first: string): number {
  const i = sheet.rows.findIndex((r) => r[0] === first);
  expect(i).toBeGreaterThanOrEqual(0);
  return i;
}
function byHeader(sheet: ReadSheet, h: number) {
  const headers = sheet.rows[h]!.map((x) => String(x ?? '').replace(/\n/g, ''));
  return (row: (string | number | null)[], name: string) => {
    const i = headers.indexOf(name);
    if (i < 0) throw new Error(`no column ${name}: ${headers.join('|')}`);
    return row[i] ?? null;
  };
}

beforeAll(async () => {
  s = await seed(TREE, everyRole(TREE));
  for (const q of ['2026Q1', '2026Q2', '2026Q3']) {
    // Branch 1: member 1 pays nothing all year (免交 Q2–Q3 confirmed by the 党委), member 2 pays 1 元 a month
    // (少交 of 1 元 for Q1, confirmed), member 3 nothing in Q3 (缓交, the branch's own decision), member 4 in full.
    await submit('YR-Z-1', q, [member(q, { n: 1, paid: 0 }), member(q, { n: 2, paid: 100 }), member(q, { n: 3, paid: q === '2026Q3' ? 0 : 'full' }), member(q, { n: 4 })]);
    // Branch 2: member 5 pays nothing (a 少交 pending, another rejected: nothing changes); member 6 arrives in Q2.
    await submit('YR-Z-2', q, [member(q, { n: 5, paid: 0 }), ...(q === '2026Q1' ? [member(q, { n: 7 })] : [member(q, { n: 6, paid: 0 })])]);
    // Retirees: member 8 nothing in Q1, 补交 later for January–March (the branch's decision).
    await submit('YR-3', q, [member(q, { n: 8, category: '离退休', paid: q === '2026Q1' ? 0 : 'full' }), member(q, { n: 9, category: '离退休' })]);
  }
  await approve('YR-Z-1', { idNumber: validId(1), name: '党员1', kind: '免交', fromMonth: '2026-04', toMonth: '2026-09', documentNo: '县委党〔2026〕21号' }, 'confirm');
  await approve('YR-Z-1', { idNumber: validId(2), name: '党员2', kind: '少交', amountFen: 100, fromMonth: '2026-01', toMonth: '2026-03', documentNo: '县委党〔2026〕22号' }, 'confirm');
  await approve('YR-Z-1', { idNumber: validId(3), name: '党员3', kind: '缓交', fromMonth: '2026-08', toMonth: '2026-09', documentNo: '支委会〔2026〕3号' });
  await approve('YR-Z-2', { idNumber: validId(5), name: '党员5', kind: '少交', amountFen: 100, fromMonth: '2026-01', toMonth: '2026-06', documentNo: '县委党〔2026〕23号' });
  await approve('YR-Z-2', { idNumber: validId(5), name: '党员5', kind: '免交', fromMonth: '2026-07', toMonth: '2026-09', documentNo: '县委党〔2026〕24号' }, 'reject');
  await approve('YR-3', { idNumber: validId(8), name: '党员8', category: '离退休', kind: '补交', amountFen: 9000, fromMonth: '2026-01', toMonth: '2026-03', documentNo: '支委会〔2026〕5号', approvedOn: '2026-04-10' });
  // Member 7 leaves branch 2 after Q1 (转出), member 6 arrives with dues paid through May (转入).
  for (const [branch, o] of [
    ['YR-Z-2', { idNumber: validId(7), name: '党员7', direction: '转出', date: '2026-03-28', paidThrough: '2026-03', counterpart: '外县某党支部' }],
    ['YR-Z-2', { idNumber: validId(6), name: '党员6', direction: '转入', date: '2026-04-02', paidThrough: '2026-05', counterpart: '外县另一党支部' }],
  ] as const) {
    expect((await call('POST', '/api/transfers', { token: tok(`clerk@${branch}`), body: o })).status).toBe(201);
  }
  tree = (await call<RollupNode>('GET', '/api/rollups/2026', { token: tok('finance@YR') })).body;
  const worker = (exports as unknown as { default: { fetch: (r: Request) => Promise<Response> } }).default;
  const res = await worker.fetch(new Request(`${BASE}/api/reports/2026.xlsx`, { headers: { Authorization: `Bearer ${tok('finance@YR')}` } }));
  expect(res.status).toBe(200);
  book = readXlsx(new Uint8Array(await res.arrayBuffer()));
});

describe('a year with approvals and transfers', () => {
  it('the roll-up takes confirmed approvals and the transfer-in off the arrears, and nothing else', async () => {
    const due = (n: number, cat: '在职' | '离退休' = '在职') => member('2026Q1', { n, category: cat }).months[0]!.dueFen;
    const z1 = tree.children[0]!.children[0]!;
    // 免交 6 months of member 1; 少交 to 1 元 for member 2's first quarter; 缓交 of member 3's Aug–Sep.
    expect(z1.figures.approvedFen).toBe(6 * due(1) + 3 * (due(2) - 100) + 2 * due(3));
    const z2 = tree.children[0]!.children[1]!;
    // Only the transfer-in's April–May: the pending 少交 and the rejected 免交 change nothing.
    expect(z2.figures.approvedFen).toBe(2 * due(6));
    const r3 = tree.children[1]!;
    expect(r3.figures).toMatchObject({ approvedFen: 3 * due(8, '离退休'), arrearsFen: 0, membersInArrears: 0 });
    expect(tree.figures.approvedFen).toBe(z1.figures.approvedFen! + z2.figures.approvedFen! + r3.figures.approvedFen!);
    // Member 7 left with a 转出: not "gone without a transfer".
    const checks = await call('GET', '/api/rollups/2026Q2/checks', { token: tok('finance@YR') });
    expect(checks.body.vanished).toEqual([]);
  });

  it('汇总: every node’s row equals the roll-up to the 分, approved reductions in their own column', () => {
    const sum = book.sheet('汇总');
    const h = headerRow(sum, '组织');
    const col = byHeader(sum, h);
    const figureRows = sum.rows.slice(h + 1).filter((r) => typeof col(r, '应交党费') === 'number');
    const all = nodes(tree);
    expect(figureRows).toHaveLength(all.length);
    for (const n of all) {
      const level = n === tree ? '合计' : n.org.kind === '党支部' ? '党支部' : '小计';
      const row = figureRows.find((r) => col(r, '组织代码') === n.org.code && col(r, '层级') === level)!;
      const f = n.figures;
      expect(col(row, '正式党员')).toBe(f.members.formal);
      expect(col(row, '预备党员')).toBe(f.members.probationary);
      expect(fen(col(row, '应交党费'))).toBe(f.dueFen);
      expect(fen(col(row, '实交党费'))).toBe(f.paidFen);
      expect(fen(col(row, '欠交党费'))).toBe(f.arrearsFen);
      expect(fen(col(row, '经批准不计欠交'))).toBe(f.approvedFen);
      expect(col(row, '欠交人数')).toBe(f.membersInArrears);
      expect(col(row, '连续六个月未交人数')).toBe(f.membersSixMonthArrears);
      const rate = col(row, '收缴率');
      if (f.collectionRateBp === null) expect(rate).toBeNull();
      else expect(Math.round((rate as number) * 10000)).toBe(f.collectionRateBp);
    }
    expect(tree.figures.approvedFen).toBeGreaterThan(0);
  });

  it('each branch sheet: member lines equal the drill-down, totals the roll-up', async () => {
    for (const b of nodes(tree).filter((n) => n.org.kind === '党支部')) {
      const api = (await call('GET', `/api/rollups/2026/members?org=${b.org.code}`, { token: tok('finance@YR') })).body.members as RollupMember[];
      const sheet = book.sheet(b.org.name);
      const h = headerRow(sheet, '序号');
      const col = byHeader(sheet, h);
      api.forEach((m, i) => {
        const row = sheet.rows[h + 1 + i]!;
        expect(col(row, '姓名')).toBe(m.name);
        for (const mo of m.months) expect(fen(col(row, `${Number(mo.month.slice(5))}月实交`))).toBe(mo.paidFen);
        expect(fen(col(row, '应交合计'))).toBe(m.dueFen);
        expect(fen(col(row, '实交合计'))).toBe(m.paidFen);
        expect(fen(col(row, '欠交'))).toBe(m.arrearsFen);
        expect(fen(col(row, '经批准不计欠交'))).toBe(m.approvedFen ?? 0);
      });
      const total = sheet.rows[h + 1 + api.length]!;
      expect(total[0]).toBe('合计');
      expect(fen(col(total, '应交合计'))).toBe(b.figures.dueFen);
      expect(fen(col(total, '实交合计'))).toBe(b.figures.paidFen);
      expect(fen(col(total, '欠交'))).toBe(b.figures.arrearsFen);
      expect(fen(col(total, '经批准不计欠交'))).toBe(b.figures.approvedFen);
    }
  });

  it('欠缴名单: the people in arrears after approvals, adding up to the roll-up', () => {
    const sheet = book.sheet('欠缴名单');
    const h = headerRow(sheet, '序号');
    const col = byHeader(sheet, h);
    const lines = sheet.rows.slice(h + 1).filter((r) => typeof r[0] === 'number');
    expect(lines).toHaveLength(tree.figures.membersInArrears);
    expect(lines.reduce((t, r) => t + fen(col(r, '欠交金额')), 0)).toBe(tree.figures.arrearsFen);
    expect(lines.map((r) => col(r, '姓名'))).not.toContain('党员8');
  });
});
