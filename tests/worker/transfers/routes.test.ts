// Transfers (组织关系转接): entered by the branch, the first due month and the letter's line, the
// receiving branch's months through 党费交至年月 not arrears, and the "gone without a transfer" check.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RollupNode } from '../../../shared/api/contract';
import type { OrgSpec } from '../../../worker/seed/committee';
import { call, everyRole, member, seed, submission, validId, type Seeded } from '../helpers';

const TREE: OrgSpec = {
  code: 'TR', name: '中共某区转接测试委员会', kind: '党委', children: [
    { code: 'TR-1', name: '第一党支部', kind: '党支部' },
    { code: 'TR-2', name: '第二党支部', kind: '党支部' },
  ],
};
let s: Seeded;
const tok = (k: string) => s.tokens[k]!;
const body = (o: Record<string, unknown> = {}) => ({
  idNumber: validId(11), name: '党员11', direction: '转出', date: '2026-07-05', paidThrough: '2026-07', counterpart: '第二党支部', ...o,
});
async function counts() {
  const rs = await env.DB.batch(['transfers', 'audit_events'].map((t) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`)));
  return rs.map((r) => (r.results[0] as { n: number }).n);
}

beforeAll(async () => {
  s = await seed(TREE, everyRole(TREE));
  // Q2: members 11 and 12 in TR-1. Q3: member 11 and 12 gone from TR-1; 11 arrives in TR-2 (paid through July, nothing paid since).
  expect((await call('POST', '/api/submissions', { token: tok('clerk@TR-1'), body: submission('2026Q2', [member('2026Q2', { n: 11 }), member('2026Q2', { n: 12 }), member('2026Q2', { n: 13 })]) })).status).toBe(201);
  expect((await call('POST', '/api/submissions', { token: tok('clerk@TR-1'), body: submission('2026Q3', [member('2026Q3', { n: 13 })]) })).status).toBe(201);
});

describe('recording transfers', () => {
  it('roles and hostile input: nothing is written', async () => {
    const before = await counts();
    for (const k of ['finance@TR-1', 'leader@TR', 'admin@TR']) expect((await call('POST', '/api/transfers', { token: tok(k), body: body() })).status, k).toBe(403);
    const bad: [Record<string, unknown>, number][] = [
      [{ direction: '调出' }, 400], [{ paidThrough: '2026-7' }, 400], [{ date: '2026-02-29' }, 400], [{ counterpart: '' }, 400],
      [{ counterpart: '第二党支部\u202e' }, 400], [{ name: '=1+1' + '0'.repeat(6) }, 400],
      [{ paidThrough: '2027-08' }, 422], [{ paidThrough: '2010-01' }, 422],
    ];
    for (const [o, status] of bad) {
      const r = await call('POST', '/api/transfers', { token: tok('clerk@TR-1'), body: body(o) });
      expect(r.status, JSON.stringify(o)).toBe(status);
    }
    expect(await counts()).toEqual(before);
  });

  it('a 转出 answers with the first due month at the receiving branch and the letter’s line; a double entry is 409', async () => {
    const r = await call('POST', '/api/transfers', { token: tok('clerk@TR-1'), body: body({ paidThrough: '2026-09', note: '随迁' }) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ branch: 'TR-1', direction: '转出', paidThrough: '2026-09', firstDueMonth: '2026-10', letterLine: '该同志党费已交至贰零贰陆年玖月。', note: '随迁' });
    expect(JSON.stringify(r.body)).not.toContain(validId(11));
    const before = await counts();
    expect((await call('POST', '/api/transfers', { token: tok('clerk@TR-1'), body: body({ paidThrough: '2026-09' }) })).status).toBe(409);
    expect(await counts()).toEqual(before);
    const audit = await env.DB.prepare(`SELECT action FROM audit_events WHERE action = 'transfer.create'`).all();
    expect(audit.results.length).toBe(1);
  });

  it('the roll-up’s "gone without a transfer" check names only the member with no 转出 record', async () => {
    const c = await call('GET', '/api/rollups/2026Q3/checks', { token: tok('finance@TR') });
    expect(c.status).toBe(200);
    expect(c.body.vanished.map((v: { name: string }) => v.name)).toEqual(['党员12']);
  });

  it('a 转入: the receiving branch does not count months through 党费交至年月 as arrears', async () => {
    // TR-2 lists member 11 for the whole of Q3 with nothing paid; the letter says paid through 2026-08.
    const q3 = member('2026Q3', { n: 11, paid: 0 });
    expect((await call('POST', '/api/submissions', { token: tok('clerk@TR-2'), body: submission('2026Q3', [q3]) })).status).toBe(201);
    const due = q3.months[0]!.dueFen;
    const before = await call<RollupNode>('GET', '/api/rollups/2026Q3?org=TR-2', { token: tok('finance@TR') });
    expect(before.body.figures).toMatchObject({ arrearsFen: 3 * due, approvedFen: 0 });
    const r = await call('POST', '/api/transfers', { token: tok('clerk@TR-2'), body: body({ direction: '转入', date: '2026-07-06', paidThrough: '2026-08', counterpart: '第一党支部' }) });
    expect(r.status).toBe(201);
    expect(r.body.firstDueMonth).toBe('2026-09');
    const after = await call<RollupNode>('GET', '/api/rollups/2026Q3?org=TR-2', { token: tok('finance@TR') });
    expect(after.body.figures).toMatchObject({ arrearsFen: due, approvedFen: 2 * due, membersInArrears: 1 });
    const eff = await call('GET', '/api/approvals/effects/2026Q3?org=TR-2', { token: tok('clerk@TR-2') });
    expect(eff.body.findings).toEqual([expect.objectContaining({ code: 'TRANSFER_PAID_BEFORE', months: ['2026-07', '2026-08'] })]);
  });

  it('reading: clerks their branch, finance the subtree, by year', async () => {
    expect((await call('GET', '/api/transfers', { token: tok('clerk@TR-2') })).body.map((t: { direction: string }) => t.direction)).toEqual(['转入']);
    expect((await call('GET', '/api/transfers?org=TR-1', { token: tok('clerk@TR-2') })).status).toBe(404);
    expect((await call('GET', '/api/transfers?year=2026', { token: tok('finance@TR') })).body).toHaveLength(2);
    expect((await call('GET', '/api/transfers?year=2025', { token: tok('finance@TR') })).body).toHaveLength(0);
  });
});
