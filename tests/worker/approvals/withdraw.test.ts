// Withdrawing and revoking (issue 15): a branch withdraws its own pending approval; a confirmed one
// is revoked only by the org that confirmed it (or the 党委's admin) with a reason; a transfer
// entered by mistake is withdrawn by its branch with a reason. Roles, the subtree, hostile input,
// a second withdraw, nothing half-written, the audit trail, and the roll-up following at once.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RollupNode } from '../../../shared/api/contract';
import type { OrgSpec } from '../../../worker/seed/committee';
import { call, everyRole, member, seed, submission, validId, type Seeded } from '../helpers';

const TREE: OrgSpec = {
  code: 'WD', name: '中共某区撤回测试委员会', kind: '党委', children: [
    { code: 'WD-Z', name: '机关党总支', kind: '党总支', children: [
      { code: 'WD-Z-1', name: '机关第一党支部', kind: '党支部' },
      { code: 'WD-Z-2', name: '机关第二党支部', kind: '党支部' },
      { code: 'WD-Z-3', name: '机关第三党支部', kind: '党支部' },
    ] },
    { code: 'WD-3', name: '离退休党支部', kind: '党支部' },
  ],
};
const OTHER: OrgSpec = { code: 'WO', name: '另一委员会', kind: '党委', children: [{ code: 'WO-1', name: '另一党支部', kind: '党支部' }] };
const Q = '2026Q3';
let s: Seeded;
const tok = (k: string) => s.tokens[k]!;
const due1 = () => member(Q, { n: 1 }).months[0]!.dueFen;

/** Every table a withdraw may write: a refused one leaves all of them as they were. */
async function snapshot() {
  const [a, t, e] = await env.DB.batch([
    env.DB.prepare('SELECT id, status, withdrawn_at, withdraw_reason, withdraw_kind FROM approvals ORDER BY id'),
    env.DB.prepare('SELECT id, withdrawn_at, withdraw_reason FROM transfers ORDER BY id'),
    env.DB.prepare('SELECT COUNT(*) AS n FROM audit_events'),
  ]);
  return JSON.stringify([a!.results, t!.results, e!.results]);
}

const approval = (o: Record<string, unknown> = {}) => ({
  idNumber: validId(1), name: '党员1', category: '在职', kind: '免交', fromMonth: '2026-08', toMonth: '2026-09', amountFen: 0,
  documentNo: '区委党〔2026〕21号', approvingOrgs: ['机关第一党支部委员会', '中共某区撤回测试委员会'], approvedOn: '2026-07-20', ...o,
});
const transfer = (o: Record<string, unknown> = {}) => ({
  idNumber: validId(1), name: '党员1', direction: '转入', date: '2026-07-03', paidThrough: '2026-08', counterpart: '某县第三党支部', ...o,
});

async function add(token: string, o: Record<string, unknown> = {}) {
  const r = await call('POST', '/api/approvals', { token: tok(token), body: approval(o) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number; status: string };
}
const branchFigures = async (code: string) => (await call<RollupNode>('GET', `/api/rollups/${Q}?org=${code}`, { token: tok('finance@WD') })).body.figures;

beforeAll(async () => {
  s = await seed(TREE, everyRole(TREE));
  Object.assign(s.tokens, (await seed(OTHER, everyRole(OTHER))).tokens);
  // Member 1 of WD-Z-1 and member 3 of WD-3 pay nothing in the quarter.
  expect((await call('POST', '/api/submissions', { token: tok('clerk@WD-Z-1'), body: submission(Q, [member(Q, { n: 1, paid: 0 }), member(Q, { n: 2 })]) })).status).toBe(201);
  expect((await call('POST', '/api/submissions', { token: tok('clerk@WD-3'), body: submission(Q, [member(Q, { n: 3, category: '离退休', paid: 0 })]) })).status).toBe(201);
});

describe('withdrawing a pending approval', () => {
  it('only the clerk of the branch that entered it; other roles over it 403, another branch or committee 404; nothing written', async () => {
    const a = await add('clerk@WD-Z-1');
    expect(a.status).toBe('pending');
    const before = await snapshot();
    for (const k of ['finance@WD-Z-1', 'admin@WD-Z-1', 'finance@WD', 'admin@WD', 'leader@WD']) {
      const r = await call('POST', `/api/approvals/${a.id}/withdraw`, { token: tok(k), body: {} });
      expect(r.status, k).toBe(403);
      expect(r.body.error.code, k).toBe('FORBIDDEN');
    }
    for (const k of ['clerk@WO-1', 'admin@WO', 'clerk@WD-3', 'clerk@WD-Z-2']) expect((await call('POST', `/api/approvals/${a.id}/withdraw`, { token: tok(k), body: {} })).status, k).toBe(404);
    expect((await call('POST', `/api/approvals/${a.id}/withdraw`, { body: {} })).status).toBe(401);
    expect((await call('POST', '/api/approvals/999999/withdraw', { token: tok('clerk@WD-Z-1'), body: {} })).status).toBe(404);
    expect((await call('POST', '/api/approvals/0/withdraw', { token: tok('clerk@WD-Z-1'), body: {} })).status).toBe(400);
    // A pending approval cannot be revoked: the branch withdraws it.
    const rv = await call('POST', `/api/approvals/${a.id}/revoke`, { token: tok('admin@WD'), body: { reason: '错误' } });
    expect(rv.status).toBe(409);
    expect(rv.body.error.message).toContain('withdraws it instead');
    expect(await snapshot()).toBe(before);
  });

  it('hostile reasons are refused before anything is written', async () => {
    const id = (await call('GET', '/api/approvals?org=WD-Z-1', { token: tok('clerk@WD-Z-1') })).body[0].id as number;
    const before = await snapshot();
    for (const reason of ['x'.repeat(501), 'a\u202eb', '\u0007', 42]) {
      const r = await call('POST', `/api/approvals/${id}/withdraw`, { token: tok('clerk@WD-Z-1'), body: { reason } });
      expect(r.status, JSON.stringify(reason)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    const raw = await call('POST', `/api/approvals/${id}/withdraw`, { token: tok('clerk@WD-Z-1'), raw: '{"reason": ', headers: { 'Content-Type': 'application/json' } });
    expect(raw.status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it('the branch withdraws it: kept as withdrawn with who and why, audited; it can no longer be decided or withdrawn again', async () => {
    const id = (await call('GET', '/api/approvals?org=WD-Z-1', { token: tok('clerk@WD-Z-1') })).body[0].id as number;
    const r = await call('POST', `/api/approvals/${id}/withdraw`, { token: tok('clerk@WD-Z-1'), body: { reason: '文号填错' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id, status: 'withdrawn', withdrawnBy: 'WD-Z-1', withdrawReason: '文号填错', findings: [] });
    expect(r.body.withdrawnAt).toMatch(/^2\d{3}-/);
    const before = await snapshot();
    const again = await call('POST', `/api/approvals/${id}/withdraw`, { token: tok('clerk@WD-Z-1'), body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const confirm = await call('POST', `/api/approvals/${id}/confirm`, { token: tok('finance@WD'), body: {} });
    expect(confirm.status).toBe(409);
    expect(confirm.body.error.message).toContain('withdrawn');
    expect(await snapshot()).toBe(before);
    // Still listed, never deleted.
    const list = await call('GET', '/api/approvals?org=WD-Z-1', { token: tok('finance@WD') });
    expect(list.body.find((a: { id: number }) => a.id === id)).toMatchObject({ status: 'withdrawn' });
    const audit = await env.DB.prepare(`SELECT action, content FROM audit_events WHERE action = 'approval.withdraw'`).all<{ action: string; content: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.content).toContain('文号填错');
    expect(audit.results[0]!.content).not.toContain(validId(1));
    expect((await call('GET', '/api/audit/verify', { token: tok('admin@WD') })).body.ok).toBe(true);
  });

  it('a withdrawn approval does not block entering the corrected one', async () => {
    const b = await add('clerk@WD-Z-1', { documentNo: '区委党〔2026〕22号' });
    expect(b.status).toBe('pending');
  });
});

describe('revoking a confirmed approval', () => {
  it('the 党委 confirmed it: a 总支, the branch, another branch may not revoke it (403); no reason is 400; nothing written', async () => {
    const id = (await call('GET', '/api/approvals?org=WD-Z-1', { token: tok('finance@WD') })).body.find((a: { status: string }) => a.status === 'pending').id as number;
    expect((await call('POST', `/api/approvals/${id}/confirm`, { token: tok('finance@WD'), body: {} })).status).toBe(200);
    expect(await branchFigures('WD-Z-1')).toMatchObject({ arrearsFen: due1(), approvedFen: 2 * due1() });
    const before = await snapshot();
    for (const k of ['clerk@WD-Z-1', 'finance@WD-Z', 'admin@WD-Z', 'finance@WD-Z-1', 'leader@WD']) {
      const r = await call('POST', `/api/approvals/${id}/revoke`, { token: tok(k), body: { reason: '复核不符' } });
      expect(r.status, k).toBe(403);
      expect(r.body.error.message, k).toContain('WD');
    }
    expect((await call('POST', `/api/approvals/${id}/revoke`, { token: tok('admin@WO'), body: { reason: '复核不符' } })).status).toBe(404);
    for (const b of [{}, { reason: '' }, { reason: '   ' }]) {
      expect((await call('POST', `/api/approvals/${id}/revoke`, { token: tok('finance@WD'), body: b })).status, JSON.stringify(b)).toBe(400);
    }
    // A confirmed approval is not withdrawn by the branch: it is revoked.
    const w = await call('POST', `/api/approvals/${id}/withdraw`, { token: tok('clerk@WD-Z-1'), body: {} });
    expect(w.status).toBe(409);
    expect(w.body.error.message).toContain('revoked');
    expect(await snapshot()).toBe(before);
  });

  it('the 党委’s finance revokes it with a reason: the roll-up and the effects follow at once; a second revoke is 409', async () => {
    const id = (await call('GET', '/api/approvals?org=WD-Z-1', { token: tok('finance@WD') })).body.find((a: { status: string }) => a.status === 'confirmed').id as number;
    const r = await call('POST', `/api/approvals/${id}/revoke`, { token: tok('finance@WD'), body: { reason: '复核不符合免交条件' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'revoked', decidedBy: 'WD', withdrawnBy: 'WD', withdrawReason: '复核不符合免交条件' });
    expect(await branchFigures('WD-Z-1')).toMatchObject({ arrearsFen: 3 * due1(), approvedFen: 0, membersInArrears: 1 });
    const eff = await call('GET', `/api/approvals/effects/${Q}?org=WD-Z-1`, { token: tok('clerk@WD-Z-1') });
    expect(eff.body).toMatchObject({ approvedFen: 0, members: [] });
    expect(eff.body.findings.map((f: { code: string }) => f.code)).toEqual([]);
    const before = await snapshot();
    for (const k of ['finance@WD', 'admin@WD']) expect((await call('POST', `/api/approvals/${id}/revoke`, { token: tok(k), body: { reason: '再次' } })).status, k).toBe(409);
    expect(await snapshot()).toBe(before);
  });

  it('a branch-level approval: the branch clerk who confirmed it at entry, or the 党委’s admin, may revoke it', async () => {
    const a = await add('clerk@WD-3', { idNumber: validId(3), name: '党员3', category: '离退休', fromMonth: '2026-07', toMonth: '2026-09', approvingOrgs: ['离退休党支部委员会'] });
    expect(a.status).toBe('confirmed');
    expect((await branchFigures('WD-3')).arrearsFen).toBe(0);
    expect((await call('POST', `/api/approvals/${a.id}/revoke`, { token: tok('finance@WD'), body: { reason: 'x' } })).status).toBe(403);
    const r = await call('POST', `/api/approvals/${a.id}/revoke`, { token: tok('clerk@WD-3'), body: { reason: '录入错误' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('revoked');
    expect((await branchFigures('WD-3')).approvedFen).toBe(0);
    const b = await add('clerk@WD-3', { idNumber: validId(3), name: '党员3', category: '离退休', fromMonth: '2026-07', toMonth: '2026-09', approvingOrgs: ['离退休党支部委员会'], documentNo: '支〔2026〕2号' });
    const byAdmin = await call('POST', `/api/approvals/${b.id}/revoke`, { token: tok('admin@WD'), body: { reason: '党委复核' } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ status: 'revoked', withdrawnBy: 'WD' });
    const audit = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE action = 'approval.revoke'`).first<{ n: number }>();
    expect(audit!.n).toBe(3);
  });
});

describe('withdrawing a transfer', () => {
  it('a 转入 entered by mistake: withdrawn by its branch with a reason, the months count again, a corrected one can be entered', async () => {
    const t = await call('POST', '/api/transfers', { token: tok('clerk@WD-Z-1'), body: transfer() });
    expect(t.status).toBe(201);
    expect(await branchFigures('WD-Z-1')).toMatchObject({ arrearsFen: due1(), approvedFen: 2 * due1() });
    const before = await snapshot();
    for (const k of ['finance@WD', 'admin@WD', 'finance@WD-Z-1']) expect((await call('POST', `/api/transfers/${t.body.id}/withdraw`, { token: tok(k), body: { reason: '误录' } })).status, k).toBe(403);
    for (const k of ['clerk@WO-1', 'clerk@WD-3', 'clerk@WD-Z-2']) expect((await call('POST', `/api/transfers/${t.body.id}/withdraw`, { token: tok(k), body: { reason: '误录' } })).status, k).toBe(404);
    expect((await call('POST', '/api/transfers/999999/withdraw', { token: tok('clerk@WD-Z-1'), body: { reason: '误录' } })).status).toBe(404);
    for (const b of [{}, { reason: '' }, { reason: 'a\u0000' }]) expect((await call('POST', `/api/transfers/${t.body.id}/withdraw`, { token: tok('clerk@WD-Z-1'), body: b })).status).toBe(400);
    expect(await snapshot()).toBe(before);

    const w = await call('POST', `/api/transfers/${t.body.id}/withdraw`, { token: tok('clerk@WD-Z-1'), body: { reason: '党费交至年月填错' } });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body).toMatchObject({ id: t.body.id, withdrawReason: '党费交至年月填错' });
    expect(w.body.withdrawnAt).toBeTruthy();
    expect(await branchFigures('WD-Z-1')).toMatchObject({ arrearsFen: 3 * due1(), approvedFen: 0 });
    const mid = await snapshot();
    expect((await call('POST', `/api/transfers/${t.body.id}/withdraw`, { token: tok('clerk@WD-Z-1'), body: { reason: '再次' } })).status).toBe(409);
    expect(await snapshot()).toBe(mid);

    // The same member, direction and day again, now correct: allowed beside the withdrawn one.
    const again = await call('POST', '/api/transfers', { token: tok('clerk@WD-Z-1'), body: transfer({ paidThrough: '2026-07' }) });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(await branchFigures('WD-Z-1')).toMatchObject({ arrearsFen: 2 * due1(), approvedFen: due1() });
    expect((await call('POST', '/api/transfers', { token: tok('clerk@WD-Z-1'), body: transfer({ paidThrough: '2026-07' }) })).status).toBe(409);
    const list = await call('GET', '/api/transfers?org=WD-Z-1', { token: tok('clerk@WD-Z-1') });
    expect(list.body).toHaveLength(2);
    const audit = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE action = 'transfer.withdraw'`).first<{ n: number }>();
    expect(audit!.n).toBe(1);
    expect((await call('GET', '/api/audit/verify', { token: tok('admin@WD') })).body.ok).toBe(true);
  });

  it('a withdrawn 转出 no longer answers the "gone without a transfer" check', async () => {
    const q2 = '2026Q2';
    expect((await call('POST', '/api/submissions', { token: tok('clerk@WD-Z-2'), body: submission(q2, [member(q2, { n: 7 }), member(q2, { n: 8 })]) })).status).toBe(201);
    expect((await call('POST', '/api/submissions', { token: tok('clerk@WD-Z-2'), body: submission(Q, [member(Q, { n: 8 })]) })).status).toBe(201);
    const out = await call('POST', '/api/transfers', { token: tok('clerk@WD-Z-2'), body: transfer({ idNumber: validId(7), name: '党员7', direction: '转出', date: '2026-07-02', paidThrough: '2026-06' }) });
    expect(out.status).toBe(201);
    const vanished = async () => (await call('GET', `/api/rollups/${Q}/checks`, { token: tok('finance@WD') })).body.vanished.map((v: { name: string }) => v.name);
    expect(await vanished()).not.toContain('党员7');
    expect((await call('POST', `/api/transfers/${out.body.id}/withdraw`, { token: tok('clerk@WD-Z-2'), body: { reason: '未转走' } })).status).toBe(200);
    expect(await vanished()).toContain('党员7');
  });
});

describe('six consecutive months after the records (党章 第九条)', () => {
  const six = async () => (await call<RollupNode>('GET', `/api/rollups/${Q}?org=WD-Z-3`, { token: tok('finance@WD') })).body.figures;
  const streakOf = async (name: string) => (await call('GET', `/api/rollups/${Q}/members?org=WD-Z-3`, { token: tok('finance@WD') }))
    .body.members.find((m: { name: string }) => m.name === name).unpaidStreak as number;

  it('a confirmed 免交 inside the run breaks it: the roll-up’s count and the member’s streak follow; revoking it restores both', async () => {
    // Member 20 has paid nothing for nine months up to September (the streak the checker counted).
    const r = await call('POST', '/api/submissions', {
      token: tok('clerk@WD-Z-3'),
      body: submission(Q, [member(Q, { n: 20, paid: 0, unpaidStreak: 9 }), member(Q, { n: 21, paid: 0, unpaidStreak: 9 })], { reportDate: '2026-09-30' }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await six()).toMatchObject({ membersSixMonthArrears: 2, approvedFen: 0 });
    // Exempt in May, before the quarter: the run is June–September now, four months.
    const a = await add('clerk@WD-Z-3', { idNumber: validId(20), name: '党员20', fromMonth: '2026-05', toMonth: '2026-05', approvingOrgs: ['机关第三党支部委员会'] });
    expect((await six()).membersSixMonthArrears).toBe(2);
    expect((await call('POST', `/api/approvals/${a.id}/confirm`, { token: tok('finance@WD'), body: {} })).status).toBe(200);
    expect(await six()).toMatchObject({ membersSixMonthArrears: 1, approvedFen: 0 });
    expect(await streakOf('党员20')).toBe(4);
    expect(await streakOf('党员21')).toBe(9);
    const year = await call<RollupNode>('GET', '/api/rollups/2026?org=WD-Z-3', { token: tok('finance@WD') });
    expect(year.body.figures.membersSixMonthArrears).toBe(1);
    // A 少交 with nothing paid is still unpaid: member 21's run stands.
    const b = await add('clerk@WD-Z-3', { idNumber: validId(21), name: '党员21', kind: '少交', amountFen: 100, fromMonth: '2026-08', toMonth: '2026-08', approvingOrgs: ['机关第三党支部委员会'] });
    expect((await call('POST', `/api/approvals/${b.id}/confirm`, { token: tok('finance@WD'), body: {} })).status).toBe(200);
    expect((await six()).membersSixMonthArrears).toBe(1);
    expect(await streakOf('党员21')).toBe(9);

    expect((await call('POST', `/api/approvals/${a.id}/revoke`, { token: tok('finance@WD'), body: { reason: '复核' } })).status).toBe(200);
    expect((await six()).membersSixMonthArrears).toBe(2);
    expect(await streakOf('党员20')).toBe(9);
  });
});
