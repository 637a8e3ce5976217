// Approvals (少交/免交/缓交/补交): who enters and who confirms, the subtree, hostile input that
// leaves nothing written, and what a confirmed approval does to the roll-up and the drill-down.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RollupNode } from '../../../shared/api/contract';
import type { OrgSpec } from '../../../worker/seed/committee';
import { call, everyRole, member, seed, submission, validId, type Seeded } from '../helpers';

const TREE: OrgSpec = {
  code: 'AP', name: '中共某区审批测试委员会', kind: '党委', children: [
    { code: 'AP-Z', name: '机关党总支', kind: '党总支', children: [
      { code: 'AP-Z-1', name: '机关第一党支部', kind: '党支部' },
      { code: 'AP-Z-2', name: '机关第二党支部', kind: '党支部' },
    ] },
    { code: 'AP-3', name: '离退休党支部', kind: '党支部' },
  ],
};
const OTHER: OrgSpec = { code: 'OT', name: '另一委员会', kind: '党委', children: [{ code: 'OT-1', name: '另一党支部', kind: '党支部' }] };
const Q = '2026Q3';
let s: Seeded;
const tok = (k: string) => s.tokens[k]!;

async function counts() {
  const rs = await env.DB.batch(['approvals', 'audit_events'].map((t) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`)));
  return rs.map((r) => (r.results[0] as { n: number }).n);
}

const body = (o: Record<string, unknown> = {}) => ({
  idNumber: validId(1), name: '党员1', category: '在职', kind: '免交', fromMonth: '2026-08', toMonth: '2026-09', amountFen: 0,
  documentNo: '区委党〔2026〕12号', approvingOrgs: ['机关第一党支部委员会', '中共某区审批测试委员会'], approvedOn: '2026-07-20', ...o,
});

const branchNode = (root: RollupNode, code: string): RollupNode => {
  const walk = (n: RollupNode): RollupNode | undefined => (n.org.code === code ? n : n.children.map(walk).find(Boolean));
  return walk(root)!;
};

beforeAll(async () => {
  s = await seed(TREE, everyRole(TREE));
  const o = await seed(OTHER, everyRole(OTHER));
  Object.assign(s.tokens, o.tokens);
  // Branch 1: member 1 pays nothing (9 months' worth of arrears in the quarter), member 2 in full.
  const r1 = await call('POST', '/api/submissions', { token: tok('clerk@AP-Z-1'), body: submission(Q, [member(Q, { n: 1, paid: 0 }), member(Q, { n: 2 })]) });
  expect(r1.status, JSON.stringify(r1.body)).toBe(201);
  const r3 = await call('POST', '/api/submissions', { token: tok('clerk@AP-3'), body: submission(Q, [member(Q, { n: 3, category: '离退休', paid: 0 })]) });
  expect(r3.status, JSON.stringify(r3.body)).toBe(201);
});

describe('entering an approval', () => {
  it('only a branch clerk enters one; other roles 403, a clerk token of no branch cannot exist', async () => {
    const before = await counts();
    for (const k of ['finance@AP-Z-1', 'leader@AP-Z-1', 'admin@AP-Z-1', 'finance@AP', 'admin@AP']) {
      const r = await call('POST', '/api/approvals', { token: tok(k), body: body() });
      expect(r.status, k).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect((await call('POST', '/api/approvals', { body: body() })).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('hostile or meaningless input is refused with a specific answer and nothing is written', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ idNumber: '11010519491231002x' }, 400, 'VALIDATION_FAILED'],
      [{ name: '张三110105194912310' }, 400, 'VALIDATION_FAILED'],
      [{ kind: '全免' }, 400, 'VALIDATION_FAILED'],
      [{ amountFen: -1 }, 400, 'VALIDATION_FAILED'],
      [{ amountFen: 1.5 }, 400, 'VALIDATION_FAILED'],
      [{ fromMonth: '2026-13' }, 400, 'VALIDATION_FAILED'],
      [{ approvedOn: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
      [{ approvingOrgs: [] }, 400, 'VALIDATION_FAILED'],
      [{ documentNo: '=HYPERLINK("x")\u0007' }, 400, 'VALIDATION_FAILED'],
      [{ documentNo: '区委〔2026〕11010519491231002X号' }, 400, 'VALIDATION_FAILED'],
      [{ fromMonth: '2026-09', toMonth: '2026-07' }, 422, 'INVALID_REQUEST'],
      [{ amountFen: 500 }, 422, 'INVALID_REQUEST'],
      [{ kind: '少交', amountFen: 0 }, 422, 'INVALID_REQUEST'],
      [{ kind: '补交', amountFen: 100, toMonth: '2026-09', approvedOn: '2026-08-01' }, 422, 'INVALID_REQUEST'],
    ];
    for (const [o, status, code] of cases) {
      const r = await call('POST', '/api/approvals', { token: tok('clerk@AP-Z-1'), body: body(o) });
      expect(r.status, JSON.stringify(o)).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    const raw = await call('POST', '/api/approvals', { token: tok('clerk@AP-Z-1'), raw: '{"idNumber": "\\ud800"', headers: { 'Content-Type': 'application/json' } });
    expect(raw.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('a salaried member’s 免交 is pending until the 党委 confirms it; the roll-up does not move before', async () => {
    const r = await call('POST', '/api/approvals', { token: tok('clerk@AP-Z-1'), body: body() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ branch: 'AP-Z-1', status: 'pending', level: 'committee', kind: '免交', member: { name: '党员1' }, decidedBy: null });
    expect(r.body.member.idMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(r.body.findings.map((f: { code: string }) => f.code)).toEqual(['APPROVAL_PENDING']);
    expect(JSON.stringify(r.body)).not.toContain(validId(1));
    const stored = await env.DB.prepare('SELECT * FROM approvals WHERE id = ?').bind(r.body.id).first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(validId(1));
    const roll = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: tok('finance@AP') });
    expect(branchNode(roll.body, 'AP-Z-1').figures).toMatchObject({ arrearsFen: 3 * member(Q, { n: 1 }).months[0]!.dueFen, approvedFen: 0, membersInArrears: 1 });
  });

  it('the same kind over overlapping months of one member is refused (409), nothing written', async () => {
    const before = await counts();
    const r = await call('POST', '/api/approvals', { token: tok('clerk@AP-Z-1'), body: body({ fromMonth: '2026-09', toMonth: '2026-10', documentNo: '另一文号' }) });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });
});

describe('confirming', () => {
  it('a 总支 or the branch itself may not give the 党委’s confirmation (403); another committee does not see it (404)', async () => {
    const id = (await call('GET', '/api/approvals?org=AP-Z-1', { token: tok('finance@AP') })).body[0].id as number;
    const before = await counts();
    for (const k of ['finance@AP-Z', 'admin@AP-Z', 'finance@AP-Z-1']) {
      const r = await call('POST', `/api/approvals/${id}/confirm`, { token: tok(k), body: {} });
      expect(r.status, k).toBe(403);
    }
    for (const k of ['clerk@AP-Z-1', 'leader@AP']) expect((await call('POST', `/api/approvals/${id}/confirm`, { token: tok(k), body: {} })).status, k).toBe(403);
    for (const k of ['finance@OT', 'finance@AP-3']) expect((await call('POST', `/api/approvals/${id}/confirm`, { token: tok(k), body: {} })).status, k).toBe(404);
    expect((await call('POST', '/api/approvals/999999/confirm', { token: tok('finance@AP'), body: {} })).status).toBe(404);
    expect((await call('POST', '/api/approvals/abc/confirm', { token: tok('finance@AP'), body: {} })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('the 党委’s finance confirms; the months are no longer arrears, shown apart; a second decision is 409', async () => {
    const id = (await call('GET', '/api/approvals?org=AP-Z-1', { token: tok('finance@AP') })).body[0].id as number;
    const r = await call('POST', `/api/approvals/${id}/confirm`, { token: tok('finance@AP'), body: { note: '同意' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'confirmed', decidedBy: 'AP', decisionNote: '同意', findings: [] });
    const due = member(Q, { n: 1 }).months[0]!.dueFen;
    const roll = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: tok('finance@AP') });
    expect(branchNode(roll.body, 'AP-Z-1').figures).toMatchObject({ arrearsFen: due, approvedFen: 2 * due, membersInArrears: 1 });
    expect(branchNode(roll.body, 'AP-Z').figures).toMatchObject({ arrearsFen: due, approvedFen: 2 * due });
    const ms = await call('GET', `/api/rollups/${Q}/members?org=AP-Z-1`, { token: tok('clerk@AP-Z-1') });
    expect(ms.body.members.find((m: { name: string }) => m.name === '党员1')).toMatchObject({ arrearsFen: due, approvedFen: 2 * due });
    const eff = await call('GET', `/api/approvals/effects/${Q}?org=AP-Z-1`, { token: tok('clerk@AP-Z-1') });
    expect(eff.status).toBe(200);
    expect(eff.body).toMatchObject({ rawArrearsFen: 3 * due, arrearsFen: due, approvedFen: 2 * due });
    expect(eff.body.findings[0]).toMatchObject({ code: 'APPROVAL_APPLIED', severity: 'info', months: ['2026-08', '2026-09'], approvalId: id });
    expect(eff.body.findings[0].message).toContain('区委党〔2026〕12号');
    const again = await call('POST', `/api/approvals/${id}/confirm`, { token: tok('admin@AP'), body: {} });
    expect(again.status).toBe(409);
    expect((await call('POST', `/api/approvals/${id}/reject`, { token: tok('finance@AP'), body: { note: '不同意' } })).status).toBe(409);
    const audit = await env.DB.prepare(`SELECT action FROM audit_events WHERE action LIKE 'approval.%' ORDER BY seq`).all<{ action: string }>();
    expect(audit.results.map((a) => a.action)).toEqual(['approval.create', 'approval.confirm']);
    expect((await call('GET', '/api/audit/verify', { token: tok('admin@AP') })).body.ok).toBe(true);
  });

  it('a retiree’s reduction is the branch’s own decision: confirmed at entry, the year roll-up drops the member from arrears', async () => {
    const r = await call('POST', '/api/approvals', { token: tok('clerk@AP-3'), body: body({ idNumber: validId(3), name: '党员3', category: '离退休', fromMonth: '2026-07', toMonth: '2026-09', approvingOrgs: ['离退休党支部委员会'] }) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'confirmed', level: 'branch', decidedBy: 'AP-3' });
    const year = await call<RollupNode>('GET', '/api/rollups/2026', { token: tok('finance@AP') });
    expect(branchNode(year.body, 'AP-3').figures).toMatchObject({ arrearsFen: 0, membersInArrears: 0 });
    expect(branchNode(year.body, 'AP-3').figures.approvedFen).toBe(member(Q, { n: 3, category: '离退休' }).months.reduce((a, m) => a + m.dueFen, 0));
  });

  it('a rejection needs a note; a rejected approval changes nothing', async () => {
    const r = await call('POST', '/api/approvals', { token: tok('clerk@AP-Z-1'), body: body({ kind: '少交', amountFen: 100, fromMonth: '2026-07', toMonth: '2026-07', documentNo: '区委党〔2026〕13号' }) });
    expect(r.status).toBe(201);
    const before = await counts();
    const no = await call('POST', `/api/approvals/${r.body.id}/reject`, { token: tok('finance@AP'), body: {} });
    expect(no.status).toBe(422);
    expect(await counts()).toEqual(before);
    const yes = await call('POST', `/api/approvals/${r.body.id}/reject`, { token: tok('finance@AP'), body: { note: '材料不全' } });
    expect(yes.status).toBe(200);
    expect(yes.body.status).toBe('rejected');
    const due = member(Q, { n: 1 }).months[0]!.dueFen;
    const roll = await call<RollupNode>('GET', `/api/rollups/${Q}?org=AP-Z-1`, { token: tok('finance@AP') });
    expect(roll.body.figures).toMatchObject({ arrearsFen: due, approvedFen: 2 * due });
  });
});

describe('reading approvals', () => {
  it('clerks see their own branch, finance its subtree; outside the subtree is 404', async () => {
    const mine = await call('GET', '/api/approvals', { token: tok('clerk@AP-Z-1') });
    expect(mine.status).toBe(200);
    expect(new Set(mine.body.map((a: { branch: string }) => a.branch))).toEqual(new Set(['AP-Z-1']));
    expect((await call('GET', '/api/approvals?org=AP-3', { token: tok('clerk@AP-Z-1') })).status).toBe(404);
    expect((await call('GET', '/api/approvals?org=AP-3', { token: tok('finance@OT') })).status).toBe(404);
    const all = await call('GET', '/api/approvals?year=2026', { token: tok('leader@AP') });
    expect(all.body.map((a: { branch: string }) => a.branch).sort()).toEqual(['AP-3', 'AP-Z-1', 'AP-Z-1']);
    expect((await call('GET', '/api/approvals?year=2025', { token: tok('leader@AP') })).body).toEqual([]);
    expect((await call('GET', '/api/approvals?year=26', { token: tok('leader@AP') })).status).toBe(400);
    expect((await call('GET', `/api/approvals/effects/${Q}?org=AP-Z`, { token: tok('finance@AP') })).status).toBe(422);
  });

  it('a 补交 reaching back more than six months warns on the record', async () => {
    const r = await call('POST', '/api/approvals', { token: tok('clerk@AP-Z-1'), body: body({ idNumber: validId(2), name: '党员2', kind: '补交', amountFen: 12000, fromMonth: '2025-11', toMonth: '2026-01', approvedOn: '2026-07-10', approvingOrgs: ['机关第一党支部委员会'] }) });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('confirmed');
    expect(r.body.findings).toEqual([expect.objectContaining({ code: 'BACKPAY_OVER_SIX_MONTHS', severity: 'warning' })]);
    expect(r.body.findings[0].message).toContain('补交追溯 8 个月');
  });
});
