// 年初核定: fixing the year's baseline (roles, subtree, hostile input that leaves nothing
// written, re-fixing), recording a change, and what a submission then carries for finance.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatYuan } from '../../../shared/money';
import type { SubmissionMember } from '../../../shared/api/contract';
import type { OrgSpec } from '../../../worker/seed/committee';
import { call, everyRole, member, seed, submission, validId, type Seeded } from '../helpers';

const TREE: OrgSpec = {
  code: 'BL', name: '中共某区核定测试委员会', kind: '党委', children: [
    { code: 'BL-Z', name: '机关党总支', kind: '党总支', children: [{ code: 'BL-Z-1', name: '机关第一党支部', kind: '党支部' }] },
    { code: 'BL-2', name: '第二党支部', kind: '党支部' },
  ],
};
const OTHER: OrgSpec = { code: 'BO', name: '另一核定委员会', kind: '党委', children: [{ code: 'BO-1', name: '另一党支部', kind: '党支部' }] };
let s: Seeded;
const tok = (k: string) => s.tokens[k]!;

/** A member as the workbook's January gives them (helpers.member's figures for that base). */
function line(n: number, o: { baseFen?: number | null; category?: SubmissionMember['category'] } = {}) {
  const m = member('2026Q1', { n, ...o });
  return { idNumber: m.idNumber, name: m.name, category: m.category, baseFen: m.months[0]!.baseFen, dueFen: m.months[0]!.dueFen };
}
/** The due on a base of 7000.00 元 (the change recorded for member 2). */
const DUE_700000 = member('2026Q3', { n: 2, baseFen: 700000 }).months[0]!.dueFen;
const fix = (members: unknown[], year = '2026') => ({ year, members });

async function counts() {
  const rs = await env.DB.batch(['year_baselines', 'baseline_changes', 'audit_events'].map((t) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`)));
  return rs.map((r) => (r.results[0] as { n: number }).n);
}

beforeAll(async () => {
  s = await seed(TREE, everyRole(TREE));
  Object.assign(s.tokens, (await seed(OTHER, everyRole(OTHER))).tokens);
});

describe('fixing the year', () => {
  it('only the branch clerk fixes it; every other role 403, no token 401, nothing written', async () => {
    const before = await counts();
    for (const k of ['finance@BL-Z-1', 'leader@BL-Z-1', 'admin@BL-Z-1', 'finance@BL', 'admin@BL-Z']) {
      const r = await call('POST', '/api/baselines', { token: tok(k), body: fix([line(1)]) });
      expect(r.status, k).toBe(403);
    }
    expect((await call('POST', '/api/baselines', { body: fix([line(1)]) })).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('hostile input gets its specific error and leaves nothing written', async () => {
    const before = await counts();
    const wrongCheck = { ...line(1), idNumber: `${validId(1).slice(0, 17)}${validId(1)[17] === '0' ? '1' : '0'}` };
    const cases: [unknown, number, string][] = [
      [fix([{ ...line(1), baseFen: '500000' }]), 400, 'VALIDATION_FAILED'],
      [fix([{ ...line(1), dueFen: -1 }]), 400, 'VALIDATION_FAILED'],
      [fix([{ ...line(1), dueFen: 1.5 }]), 400, 'VALIDATION_FAILED'],
      [fix([{ ...line(1), category: '干部' }]), 400, 'VALIDATION_FAILED'],
      [fix([line(1)], '26'), 400, 'VALIDATION_FAILED'],
      [fix([]), 400, 'VALIDATION_FAILED'],
      [{ members: [line(1)] }, 400, 'VALIDATION_FAILED'],
      [fix([line(1), line(2), line(1)]), 422, 'INVALID_REQUEST'],
      [fix([wrongCheck]), 422, 'INVALID_REQUEST'],
    ];
    for (const [b, status, code] of cases) {
      const r = await call('POST', '/api/baselines', { token: tok('clerk@BL-Z-1'), body: b });
      expect(r.status, JSON.stringify(b)).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    const dup = await call('POST', '/api/baselines', { token: tok('clerk@BL-Z-1'), body: fix([line(1), line(2), line(1)]) });
    expect(dup.body.error.message).toContain('listed twice');
    expect(JSON.stringify(dup.body)).not.toContain(validId(1));
    const huge = JSON.stringify(fix([{ ...line(1), name: 'x'.repeat(6 * 1024 * 1024) }]));
    expect((await call('POST', '/api/baselines', { token: tok('clerk@BL-Z-1'), raw: huge, headers: { 'Content-Type': 'application/json' } })).status).toBe(413);
    expect((await call('POST', '/api/baselines', { token: tok('clerk@BL-Z-1'), raw: '{"year":"2026","members":[', headers: { 'Content-Type': 'application/json' } })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('fixes the members with their totals and an audit event; the raw ID never comes back', async () => {
    const lines = [line(1), line(2), line(3, { category: '农民' })];
    const r = await call('POST', '/api/baselines', { token: tok('clerk@BL-Z-1'), body: fix(lines) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ branch: 'BL-Z-1', year: '2026', fixed: true, basesWithheld: false, added: 3 });
    expect(r.body.totals).toEqual({ members: 3, baseFen: lines[0]!.baseFen! + lines[1]!.baseFen!, dueFen: lines.reduce((t, l) => t + l.dueFen, 0) });
    expect(r.body.members[2]).toMatchObject({ member: { name: '党员3' }, category: '农民', baseFen: null, changes: [] });
    expect(JSON.stringify(r.body)).not.toMatch(new RegExp(lines.map((l) => l.idNumber).join('|')));
    const stored = await env.DB.prepare('SELECT * FROM year_baselines').all();
    expect(JSON.stringify(stored.results)).not.toMatch(new RegExp(lines.map((l) => l.idNumber).join('|')));
    const audit = await env.DB.prepare(`SELECT content FROM audit_events WHERE action = 'baseline.fix'`).all<{ content: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.content).not.toContain(String(lines[0]!.baseFen));
  });

  it('re-fixing: the same figures change nothing (200), new members are added, other figures are refused with both', async () => {
    const before = await counts();
    const same = await call('POST', '/api/baselines', { token: tok('clerk@BL-Z-1'), body: fix([line(1), line(2)]) });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ added: 0, totals: { members: 3 } });
    expect(await counts()).toEqual(before);

    const changed = { ...line(2), baseFen: 612300, dueFen: 6123 };
    const refused = await call('POST', '/api/baselines', { token: tok('clerk@BL-Z-1'), body: fix([line(4), changed]) });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('BASELINE_ALREADY_FIXED');
    expect(refused.body.error.details.members).toEqual([{ member: expect.stringMatching(/^110105\*{8}/), name: '党员2', fixed: { baseFen: line(2).baseFen, dueFen: line(2).dueFen }, sent: { baseFen: 612300, dueFen: 6123 } }]);
    expect(await counts()).toEqual(before); // not even the new member 4

    const added = await call('POST', '/api/baselines', { token: tok('clerk@BL-Z-1'), body: fix([line(1), line(4)]) });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ added: 1, totals: { members: 4 } });
    expect((await counts())[0]).toBe(before[0]! + 1);
    expect((await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE action = 'baseline.extend'`).first<{ n: number }>())!.n).toBe(1);
  });
});

describe('reading the year', () => {
  it('the clerk their branch, finance the subtree with bases, an administrator without, a leader not at all', async () => {
    const clerk = await call('GET', '/api/baselines/2026', { token: tok('clerk@BL-Z-1') });
    expect(clerk.status).toBe(200);
    expect(clerk.body.members).toHaveLength(4);
    for (const k of ['finance@BL', 'finance@BL-Z']) {
      const r = await call('GET', '/api/baselines/2026?org=BL-Z-1', { token: tok(k) });
      expect(r.status, k).toBe(200);
      expect(r.body.members[0].baseFen).toBe(line(1).baseFen);
    }
    const admin = await call('GET', '/api/baselines/2026?org=BL-Z-1', { token: tok('admin@BL') });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ basesWithheld: true, totals: { baseFen: null, members: 4 } });
    expect(admin.body.members.every((m: { baseFen: unknown }) => m.baseFen === null)).toBe(true);
    expect((await call('GET', '/api/baselines/2026?org=BL-Z-1', { token: tok('leader@BL') })).status).toBe(403);
    expect((await call('GET', '/api/baselines/2026?org=BL-Z-1', { token: tok('clerk@BL-2') })).status).toBe(404);
    expect((await call('GET', '/api/baselines/2026?org=BL-Z-1', { token: tok('finance@BO') })).status).toBe(404);
    expect((await call('GET', '/api/baselines/2026?org=BL-Z', { token: tok('finance@BL') })).status).toBe(422);
    const none = await call('GET', '/api/baselines/2025', { token: tok('clerk@BL-Z-1') });
    expect(none.body).toMatchObject({ fixed: false, members: [], totals: { members: 0 } });
  });
});

describe('recording a change', () => {
  const change = (o: Record<string, unknown> = {}) => ({ idNumber: validId(2), fromMonth: '2026-07', baseFen: 700000, dueFen: DUE_700000, reason: '7月起调整工资', ...o });

  it('hostile or meaningless changes are refused and nothing is written', async () => {
    const before = await counts();
    const cases: [string, unknown, number, string][] = [
      ['2026', change({ fromMonth: '2027-01' }), 422, 'INVALID_REQUEST'],
      ['2026', change({ fromMonth: '2026-13' }), 400, 'VALIDATION_FAILED'],
      ['2026', change({ reason: '' }), 400, 'VALIDATION_FAILED'],
      ['2026', change({ reason: '调资\u0007' }), 400, 'VALIDATION_FAILED'],
      ['2026', change({ dueFen: -5 }), 400, 'VALIDATION_FAILED'],
      ['2026', change({ idNumber: validId(9) }), 404, 'NOT_FOUND'],
      ['2026', change({ baseFen: line(2).baseFen, dueFen: line(2).dueFen }), 422, 'INVALID_REQUEST'],
      ['2025', change({ fromMonth: '2025-07' }), 422, 'INVALID_REQUEST'],
    ];
    for (const [year, b, status, code] of cases) {
      const r = await call('POST', `/api/baselines/${year}/changes`, { token: tok('clerk@BL-Z-1'), body: b });
      expect(r.status, JSON.stringify(b)).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    expect((await call('POST', '/api/baselines/2026/changes', { token: tok('finance@BL-Z-1'), body: change() })).status).toBe(403);
    expect((await call('POST', '/api/baselines/2026/changes', { token: tok('clerk@BL-2'), body: change() })).status).toBe(422); // BL-2 has no baseline
    expect(await counts()).toEqual(before);
  });

  it('a recorded change is kept with its reason and said as information', async () => {
    const r = await call('POST', '/api/baselines/2026/changes', { token: tok('clerk@BL-Z-1'), body: change() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const m2 = r.body.members.find((m: { member: { name: string } }) => m.member.name === '党员2');
    expect(m2.changes).toEqual([{ fromMonth: '2026-07', baseFen: 700000, dueFen: DUE_700000, reason: '7月起调整工资', at: expect.any(String) }]);
    expect(r.body.findings).toEqual([expect.objectContaining({ code: 'BASELINE_CHANGE_RECORDED', severity: 'info', months: ['2026-07'] })]);
    expect(r.body.findings[0].message).toContain('7,000.00');
    expect((await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE action = 'baseline.change'`).first<{ n: number }>())!.n).toBe(1);
  });
});

describe('submissions and the baseline', () => {
  it('a quarter is checked against the baseline: a change without a reason warns with both figures, a recorded one is information', async () => {
    const q = '2026Q3';
    // Member 1's base moved without a record; member 2's as recorded (700000 from July); 3 and 4 as fixed.
    // Member 4 is suspended this quarter: nothing due, nothing to hold to the baseline.
    const body = submission(q, [member(q, { n: 1, baseFen: 555500 }), member(q, { n: 2, baseFen: 700000 }), member(q, { n: 3, category: '农民' }), member(q, { n: 4, category: '停止党籍' })]);
    const r = await call('POST', '/api/submissions', { token: tok('clerk@BL-Z-1'), body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.baseline).toEqual({ year: '2026', fixedNow: false, members: 4, differs: 1, recorded: 1 });
    const rev = await call('GET', '/api/submissions/BL-Z-1/2026Q3/revisions/1', { token: tok('finance@BL') });
    expect(rev.status).toBe(200);
    const found = rev.body.findings.filter((f: { sheet: string }) => f.sheet === '年初核定');
    expect(found.map((f: { code: string }) => f.code)).toEqual(['BASELINE_DIFFERS', 'BASELINE_CHANGE_RECORDED']);
    expect(found[0]).toMatchObject({ severity: 'warning', cell: expect.stringMatching(/^110105\*{8}/) });
    expect(found[0].message).toContain('党员1');
    expect(found[0].message).toContain('5,555.00');
    expect(found[0].message).toContain(formatYuan(line(1).baseFen!));
  });

  it('the year’s first submission of a branch without a baseline fixes it from its members’ months, and says so', async () => {
    const q2 = '2026Q2';
    const r = await call('POST', '/api/submissions', { token: tok('clerk@BL-2'), body: submission(q2, [member(q2, { n: 21 }), member(q2, { n: 22, joinDate: '2026-04-10', memberClass: '预备党员' })]) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.baseline).toEqual({ year: '2026', fixedNow: true, members: 2, differs: 0, recorded: 0 });
    const b = await call('GET', '/api/baselines/2026', { token: tok('clerk@BL-2') });
    expect(b.body.members.map((m: { member: { name: string }; baseFen: number }) => [m.member.name, m.baseFen])).toEqual([['党员21', 500000 + 21 * 1001], ['党员22', 500000 + 22 * 1001]]);
    const ev = await env.DB.prepare(`SELECT content FROM audit_events WHERE action = 'submission.create' AND quarter = '2026Q2' AND org_id = ?`).bind(s.orgIds.get('BL-2')).first<{ content: string }>();
    expect(ev!.content).toContain('"baselineFixed":{"year":"2026","members":2}');
    // The next quarter is judged against it.
    const q3 = '2026Q3';
    const next = await call('POST', '/api/submissions', { token: tok('clerk@BL-2'), body: submission(q3, [member(q3, { n: 21, baseFen: 800000 }), member(q3, { n: 22, joinDate: '2026-04-10', memberClass: '预备党员' })]) });
    expect(next.status).toBe(201);
    expect(next.body.baseline).toMatchObject({ fixedNow: false, differs: 1 });
    expect((await call('GET', '/api/baselines/2026', { token: tok('clerk@BL-2') })).body.totals.members).toBe(2);
  });
});
