// Administering the tree and the settings: create, rename and move organisations (roll-ups follow
// the move), the kind rules, settings validation, and a revision's stored warnings.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import type { RollupNode } from '../../shared/api/contract';
import { JT_TREE, call, members, seed, submission, tableCounts, type Seeded } from './helpers';

let s: Seeded;
const Q = '2026Q3';

beforeAll(async () => {
  s = await seed(JT_TREE, [
    { orgCode: 'JT', role: 'admin' }, { orgCode: 'JT', role: 'finance' }, { orgCode: 'JT-ZZ1', role: 'admin' },
    { orgCode: 'JT-ZZ2-01', role: 'clerk' }, { orgCode: 'JT-ZZ1', role: 'finance' },
  ]);
  const r = await call('POST', '/api/submissions', {
    token: s.tokens['clerk@JT-ZZ2-01'],
    body: submission(Q, members(Q, 1, 4), { findings: [{ code: 'UNPAID', severity: 'warning', sheet: '登记表', cell: 'F7', message: '7月未交' }], note: '补交说明' }),
  });
  expect(r.status).toBe(201);
});

describe('organisations', () => {
  it('renames an org', async () => {
    const r = await call('PATCH', '/api/orgs/JT-ZZ2-01', { token: s.tokens['admin@JT'], body: { name: '路政支队第一党支部' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ code: 'JT-ZZ2-01', name: '路政支队第一党支部', kind: '党支部', parentCode: 'JT-ZZ2' });
    const tree = await call('GET', '/api/orgs/JT-ZZ2', { token: s.tokens['admin@JT'] });
    expect(tree.body.children.map((c: { name: string }) => c.name)).toContain('路政支队第一党支部');
  });

  it('moves a branch to another 总支: its figures move with it, and the new 总支’s finance sees it', async () => {
    const before = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: s.tokens['finance@JT'] });
    const due = before.body.children.find((c) => c.org.code === 'JT-ZZ2')!.figures.dueFen;
    expect(due).toBeGreaterThan(0);
    expect((await call('GET', `/api/submissions/JT-ZZ2-01/${Q}`, { token: s.tokens['finance@JT-ZZ1'] })).status).toBe(404);
    const mv = await call('PATCH', '/api/orgs/JT-ZZ2-01', { token: s.tokens['admin@JT'], body: { parentCode: 'JT-ZZ1' } });
    expect(mv.status).toBe(200);
    expect(mv.body.parentCode).toBe('JT-ZZ1');
    const after = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: s.tokens['finance@JT'] });
    expect(after.body.children.find((c) => c.org.code === 'JT-ZZ2')!.figures.dueFen).toBe(0);
    expect(after.body.children.find((c) => c.org.code === 'JT-ZZ1')!.figures.dueFen).toBe(due);
    expect(after.body.figures.dueFen).toBe(before.body.figures.dueFen);
    expect((await call('GET', `/api/submissions/JT-ZZ2-01/${Q}`, { token: s.tokens['finance@JT-ZZ1'] })).status).toBe(200);
  });

  it('keeps the kind rules and refuses cycles, unchanged when refused', async () => {
    const admin = s.tokens['admin@JT'];
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/orgs', { code: 'X1', name: 'x', kind: '党总支', parentCode: 'JT-ZZ1' }, 422, 'INVALID_REQUEST'],
      ['POST', '/api/orgs', { code: 'X2', name: 'x', kind: '党支部', parentCode: 'JT-01' }, 422, 'INVALID_REQUEST'],
      ['POST', '/api/orgs', { code: 'X3', name: 'x', kind: '党委', parentCode: 'JT' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/orgs', { code: 'JT-01', name: 'x', kind: '党支部', parentCode: 'JT' }, 409, 'CONFLICT'],
      ['POST', '/api/orgs', { code: "x'; DROP TABLE orgs;--", name: 'x', kind: '党支部', parentCode: 'JT' }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/orgs', { code: 'X4', name: '名'.repeat(100_000), kind: '党支部', parentCode: 'JT' }, 400, 'VALIDATION_FAILED'],
      ['PATCH', '/api/orgs/JT-ZZ1', { parentCode: 'JT-ZZ1-01' }, 422, 'INVALID_REQUEST'],
      ['PATCH', '/api/orgs/JT', { parentCode: 'JT-ZZ1' }, 422, 'INVALID_REQUEST'],
      ['PATCH', '/api/orgs/JT-ZZ1-01', {}, 400, 'VALIDATION_FAILED'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const before = await tableCounts();
      const r = await call(method, path, { token: admin, body });
      expect(r.status, `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(await tableCounts()).toEqual(before);
    }
    // An admin of 总支1 cannot move its branch out of its subtree; naming the current parent is a no-op.
    expect((await call('PATCH', '/api/orgs/JT-ZZ1-01', { token: s.tokens['admin@JT-ZZ1'], body: { parentCode: 'JT-ZZ2' } })).status).toBe(404);
    expect((await call('PATCH', '/api/orgs/JT-ZZ1', { token: s.tokens['admin@JT-ZZ1'], body: { parentCode: 'JT' } })).status).toBe(200);
  });
});

describe('sibling order', () => {
  it('lists children in creation order when ids change digit count (id 1000 after 999), in the tree and the roll-up', async () => {
    // Seeded from id 995 so the next org gets 1000: as text, '/995/996/1000/' sorts before '/995/996/997/'.
    const so = await seed({
      code: 'SO', name: '排序测试党委', kind: '党委',
      children: [{ code: 'SO-Z', name: '排序总支', kind: '党总支', children: [
        { code: 'SO-Z-A', name: '甲支部', kind: '党支部' },
        { code: 'SO-Z-B', name: '乙支部', kind: '党支部' },
        { code: 'SO-Z-C', name: '丙支部', kind: '党支部' },
      ] }],
    }, [{ orgCode: 'SO', role: 'admin' }], 995);
    expect(so.orgIds.get('SO-Z-C')).toBe(999);
    const admin = so.tokens['admin@SO'];
    const add = await call('POST', '/api/orgs', { token: admin, body: { code: 'SO-Z-D', name: '丁支部', kind: '党支部', parentCode: 'SO-Z' } });
    expect(add.status).toBe(201);
    const order = ['SO-Z-A', 'SO-Z-B', 'SO-Z-C', 'SO-Z-D'];
    const tree = await call('GET', '/api/orgs/SO-Z', { token: admin });
    expect(tree.body.children.map((c: { code: string }) => c.code)).toEqual(order);
    const whole = await call('GET', '/api/orgs', { token: admin });
    expect(whole.body.children[0].children.map((c: { code: string }) => c.code)).toEqual(order);
    const rollup = await call<RollupNode>('GET', `/api/rollups/${Q}`, { token: admin });
    expect(rollup.body.children[0]!.children.map((c) => c.org.code)).toEqual(order);
  });
});

describe('list order', () => {
  it('lists submissions and locks in tree order when ids change digit count (10000 after 9999)', async () => {
    const codes = ['SP-Z-A', 'SP-Z-B', 'SP-Z-C', 'SP-Z-D', 'SP-Z-E'];
    const sp = await seed({
      code: 'SP', name: '列表排序党委', kind: '党委',
      children: [{ code: 'SP-Z', name: '列表总支', kind: '党总支', children: codes.map((code) => ({ code, name: `${code}支部`, kind: '党支部' as const })) }],
    }, [{ orgCode: 'SP', role: 'admin' }, { orgCode: 'SP', role: 'finance' }, ...codes.map((orgCode) => ({ orgCode, role: 'clerk' as const }))], 9995);
    // As text, '/9995/9996/10000/' and '/9995/9996/10001/' sort before '/9995/9996/9997/'.
    expect(sp.orgIds.get('SP-Z-D')).toBe(10000);
    for (const [i, code] of codes.entries()) {
      const r = await call('POST', '/api/submissions', { token: sp.tokens[`clerk@${code}`], headers: { 'Idempotency-Key': `order-${code}` }, body: submission(Q, members(Q, 9000 + i * 10, 2)) });
      expect(r.status).toBe(201);
      expect((await call('PUT', `/api/locks/${code}/${Q}`, { token: sp.tokens['finance@SP'] })).status).toBeLessThan(300);
    }
    const subs = await call('GET', `/api/submissions?quarter=${Q}`, { token: sp.tokens['finance@SP'] });
    expect(subs.body.map((x: { branchCode: string }) => x.branchCode)).toEqual(codes);
    const locks = await call('GET', `/api/locks?quarter=${Q}`, { token: sp.tokens['finance@SP'] });
    expect(locks.body.map((x: { orgCode: string }) => x.orgCode)).toEqual(codes);
    expect(locks.body[0]).not.toHaveProperty('path');
  });
});

describe('settings', () => {
  it('validates, stores and serves the committee settings', async () => {
    const admin = s.tokens['admin@JT'];
    const bad = await call('PUT', '/api/settings', { token: admin, body: { farmerFen: 500 } });
    expect(bad.status).toBe(400);
    const bad2 = await call('PUT', '/api/settings', { token: admin, body: { rounding: 'banker' } });
    expect(bad2.status).toBe(400);
    const ok = await call('PUT', '/api/settings', { token: admin, body: { farmerFen: 50, rounding: 'jiao' } });
    expect(ok.status).toBe(200);
    const got = await call('GET', '/api/settings', { token: s.tokens['clerk@JT-ZZ2-01'] });
    expect(got.body).toMatchObject({ committee: 'JT', settings: { farmerFen: 50, rounding: 'jiao', before2008: '1998' } });
  });
});

describe('revisions', () => {
  it('serve the warnings and note they were submitted with', async () => {
    const r = await call('GET', `/api/submissions/JT-ZZ2-01/${Q}/revisions/1`, { token: s.tokens['finance@JT'] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ revision: 1, note: '补交说明', findings: [{ code: 'UNPAID', cell: 'F7' }], totals: { members: 4 } });
    expect((await call('GET', `/api/submissions/JT-ZZ2-01/${Q}/revisions/2`, { token: s.tokens['finance@JT'] })).status).toBe(404);
  });
});

describe('organisation names are validated on input', () => {
  it('refuses control and format characters, lone surrogates, ID numbers and names over 100 characters', async () => {
    const admin = s.tokens['admin@JT']!;
    for (const name of ['Dup\u0002', '\u0001\u0002', '换\n行', '零宽\u200b字符', 'bad\ud800', '支部 320106 19940118 3514', '长'.repeat(101)]) {
      const r = await call('POST', '/api/orgs', { token: admin, body: { code: 'JT-NAME-X', name, kind: '党支部', parentCode: 'JT' } });
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      const p = await call('PATCH', '/api/orgs/JT-01', { token: admin, body: { name } });
      expect(p.status, JSON.stringify(name)).toBe(400);
    }
    expect((await call('POST', '/api/orgs', { token: admin, body: { code: 'JT-NAME-X', name: '第1党支部（O\'Brien）', kind: '党支部', parentCode: 'JT' } })).status).toBe(201);
  });
});

describe('org ids and codes', () => {
  it('concurrent creations all succeed: the database assigns the ids', async () => {
    const admin = s.tokens['admin@JT']!;
    const codes = Array.from({ length: 60 }, (_, i) => `JT-CC-${i}`);
    const rs = await Promise.all(codes.map((code) => call('POST', '/api/orgs', { token: admin, body: { code, name: `并发${code}`, kind: '党支部', parentCode: 'JT-ZZ1' } })));
    expect(rs.map((r) => r.status)).toEqual(codes.map(() => 201));
    const rows = (await env.DB.prepare("SELECT id, code, path FROM orgs WHERE code LIKE 'JT-CC-%'").all<{ id: number; code: string; path: string }>()).results;
    expect(rows).toHaveLength(60);
    const zz1 = await env.DB.prepare("SELECT path FROM orgs WHERE code = 'JT-ZZ1'").first<{ path: string }>();
    for (const r of rows) expect(r.path).toBe(`${zz1!.path}${r.id}/`);
    const tree = await call('GET', '/api/orgs/JT-ZZ1', { token: admin });
    expect(tree.body.children.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(codes));
  });

  it('codes are unique within a committee only: another committee\'s codes are not revealed by a 409', async () => {
    const other = await seed({ code: 'QT', name: '中共某区委员会', kind: '党委', children: [{ code: 'QT-01', name: '区第一党支部', kind: '党支部' }] }, [{ orgCode: 'QT', role: 'admin' }]);
    const qt = other.tokens['admin@QT']!;
    // JT-ZZ1-01 exists in JT; QT may use the same code, and sees only its own org by it.
    const r = await call('POST', '/api/orgs', { token: qt, body: { code: 'JT-ZZ1-01', name: '区机关党支部', kind: '党支部', parentCode: 'QT' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await call('GET', '/api/orgs/JT-ZZ1-01', { token: qt })).body.name).toBe('区机关党支部');
    expect((await call('GET', '/api/orgs/JT-ZZ1-01', { token: s.tokens['admin@JT']! })).body.name).not.toBe('区机关党支部');
    // Within the committee a code is still unique.
    const dup = await call('POST', '/api/orgs', { token: qt, body: { code: 'QT-01', name: '重复', kind: '党支部', parentCode: 'QT' } });
    expect(dup.status).toBe(409);
    // A clerk token for the new branch submits to it, not to JT's branch of the same code.
    const t = await call('POST', '/api/tokens', { token: qt, body: { orgCode: 'JT-ZZ1-01', role: 'clerk' } });
    expect(t.status).toBe(201);
    const me = await call('GET', '/api/me', { token: t.body.token });
    expect(me.body).toMatchObject({ org: { code: 'JT-ZZ1-01', name: '区机关党支部' }, committee: { code: 'QT' } });
  });
});

describe('moving an org cannot sidestep a lock or a standing review', () => {
  it('refuses a move out of (or into) a locked 总支, and one that would strand a 总支\'s decision', async () => {
    const admin = s.tokens['admin@JT']!;
    const mk = async (code: string, kind: '党总支' | '党支部', parentCode: string) => expect((await call('POST', '/api/orgs', { token: admin, body: { code, name: `移动${code}`, kind, parentCode } })).status).toBe(201);
    await mk('MV-A', '党总支', 'JT');
    await mk('MV-B', '党总支', 'JT');
    await mk('MV-A-1', '党支部', 'MV-A');
    const tok = async (orgCode: string, role: string) => (await call('POST', '/api/tokens', { token: admin, body: { orgCode, role } })).body.token as string;
    const clerk = await tok('MV-A-1', 'clerk');
    const finA = await tok('MV-A', 'finance');
    const Q = '2025Q1';
    // 总支 A locks 2025Q1: the branch may not be moved out to submit elsewhere.
    expect((await call('PUT', `/api/locks/MV-A/${Q}`, { token: finA })).status).toBe(200);
    const out = await call('PATCH', '/api/orgs/MV-A-1', { token: admin, body: { parentCode: 'MV-B' } });
    expect(out.status).toBe(423);
    expect(out.body.error.message).toMatch(/2025Q1 is locked for MV-A/);
    expect((await call('POST', '/api/submissions', { token: clerk, body: submission(Q, members(Q, 7000, 1)) })).status).toBe(423);
    expect((await call('DELETE', `/api/locks/MV-A/${Q}`, { token: finA })).status).toBe(200);
    // Into a locked 总支 is refused too (its locked figures would change).
    expect((await call('PUT', `/api/locks/MV-B/${Q}`, { token: admin })).status).toBe(200);
    expect((await call('PATCH', '/api/orgs/MV-A-1', { token: admin, body: { parentCode: 'MV-B' } })).status).toBe(423);
    expect((await call('DELETE', `/api/locks/MV-B/${Q}`, { token: admin })).status).toBe(200);
    // 总支 A confirms the branch's quarter: moving it under 总支 B would leave A's decision stranded.
    expect((await call('POST', '/api/submissions', { token: clerk, body: submission(Q, members(Q, 7000, 1)) })).status).toBe(201);
    expect((await call('POST', `/api/submissions/MV-A-1/${Q}/confirm`, { token: finA, body: { revision: 1 } })).status).toBe(200);
    const stranded = await call('PATCH', '/api/orgs/MV-A-1', { token: admin, body: { parentCode: 'MV-B' } });
    expect(stranded.status).toBe(409);
    expect(stranded.body.error.message).toMatch(/MV-A's decision on MV-A-1 2025Q1/);
    // A decision by the 党委 (above both) does not stop the move.
    expect((await call('POST', `/api/submissions/MV-A-1/${Q}/confirm`, { token: await tok('JT', 'finance'), body: { revision: 1 } })).status).toBe(409); // already confirmed
    expect((await call('POST', `/api/submissions/MV-A-1/${Q}/return`, { token: await tok('JT', 'finance'), body: { revision: 1, note: '党委复核' } })).status).toBe(200);
    expect((await call('PATCH', '/api/orgs/MV-A-1', { token: admin, body: { parentCode: 'MV-B' } })).status).toBe(200);
  });
});
