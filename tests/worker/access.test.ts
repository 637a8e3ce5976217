// Every role against every route: who may (2xx), who may not (403), and what lies outside a
// token's subtree (404, exactly as for a code that does not exist — nothing leaks).
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '../../worker/seed/committee';
import { JT_TREE, call, everyRole, members, seed, submission, tableCounts, type Seeded } from './helpers';

const Q = '2026Q3';
let s: Seeded;

/** code → codes of its subtree (itself included). */
const subtree = new Map<string, Set<string>>();
const kinds = new Map<string, string>();
(function walk(o: OrgSpec): string[] {
  kinds.set(o.code, o.kind);
  const all = [o.code, ...(o.children ?? []).flatMap(walk)];
  subtree.set(o.code, new Set(all));
  return all;
})(JT_TREE);
const branches = [...kinds].filter(([, k]) => k === '党支部').map(([c]) => c);
const allOrgs = [...kinds.keys()];
const principals = everyRole(JT_TREE).map((t) => ({ role: t.role, org: t.orgCode, key: `${t.role}@${t.orgCode}` }));
const sees = (from: string, target: string) => subtree.get(from)!.has(target);

beforeAll(async () => {
  s = await seed(JT_TREE, everyRole(JT_TREE));
  let n = 1;
  for (const b of branches) {
    const r = await call('POST', '/api/submissions', { token: s.tokens[`clerk@${b}`], body: submission(Q, members(Q, n, 3)) });
    expect(r.status).toBe(201);
    n += 10;
  }
});

describe('authentication', () => {
  it('no token, a forged token, a malformed header → 401 UNAUTHENTICATED', async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer dbk_forged' }, { Authorization: 'Basic abc' }, { Authorization: `Bearer ${s.tokens['admin@JT']}x` }]) {
      const r = await call('GET', '/api/me', { headers });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('every route but health and the document answers 401 without a token, and 401 with a revoked one', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/me'], ['GET', '/api/orgs'], ['GET', '/api/orgs/JT'], ['POST', '/api/orgs', { code: 'Z', name: 'z', kind: '党支部', parentCode: 'JT' }],
      ['PATCH', '/api/orgs/JT-01', { name: 'z' }], ['GET', '/api/tokens'], ['POST', '/api/tokens', { orgCode: 'JT', role: 'admin' }], ['DELETE', '/api/tokens/1'],
      ['GET', '/api/settings'], ['PUT', '/api/settings', {}], ['POST', '/api/submissions', submission(Q, members(Q, 9000, 1))],
      ['GET', `/api/submissions?quarter=${Q}`], ['GET', `/api/submissions/JT-01/${Q}`], ['GET', `/api/submissions/JT-01/${Q}/revisions/1`],
      ['POST', `/api/submissions/JT-01/${Q}/confirm`, { revision: 1 }], ['POST', `/api/submissions/JT-01/${Q}/return`, { revision: 1, note: 'x' }],
      ['GET', `/api/locks?quarter=${Q}`], ['PUT', `/api/locks/JT/${Q}`], ['DELETE', `/api/locks/JT/${Q}`],
      ['GET', `/api/rollups/${Q}`], ['GET', `/api/rollups/${Q}/members?org=JT-01`], ['GET', `/api/rollups/${Q}/checks`],
      ['GET', '/api/audit'], ['GET', '/api/audit/verify'],
    ];
    const issued = await call('POST', '/api/tokens', { token: s.tokens['admin@JT'], body: { orgCode: 'JT', role: 'admin', label: 'short-lived' } });
    await call('DELETE', `/api/tokens/${issued.body.id}`, { token: s.tokens['admin@JT'] });
    for (const [method, path, body] of routes) {
      for (const token of [undefined, issued.body.token as string]) {
        const r = await call(method, path, { token, body });
        expect(r.status, `${method} ${path} ${token ? 'revoked' : 'no token'}`).toBe(401);
        expect(r.body.error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('health and the OpenAPI document need no token; the document lists the routes', async () => {
    expect((await call('GET', '/api/health')).status).toBe(200);
    const doc = await call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    for (const p of ['/api/submissions', '/api/rollups/{period}', '/api/locks/{org}/{quarter}', '/api/audit/verify', '/api/tokens/{id}']) {
      expect(Object.keys(doc.body.paths)).toContain(p);
    }
  });

  it('role and organisation come from the token: /api/me', async () => {
    for (const p of principals) {
      const r = await call('GET', '/api/me', { token: s.tokens[p.key] });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ role: p.role, org: { code: p.org }, committee: { code: 'JT' } });
    }
  });

  it('a revoked token stops working at once', async () => {
    const issued = await call('POST', '/api/tokens', { token: s.tokens['admin@JT'], body: { orgCode: 'JT-01', role: 'clerk', label: 'temp' } });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^dbk_[A-Za-z0-9_-]{43}$/);
    expect((await call('GET', '/api/me', { token: issued.body.token })).status).toBe(200);
    expect((await call('DELETE', `/api/tokens/${issued.body.id}`, { token: s.tokens['admin@JT'] })).status).toBe(200);
    const after = await call('GET', '/api/me', { token: issued.body.token });
    expect(after.status).toBe(401);
    // The listing never shows a secret.
    const list = await call('GET', '/api/tokens', { token: s.tokens['admin@JT'] });
    expect(JSON.stringify(list.body)).not.toContain(issued.body.token);
  });
});

describe('reads by subtree', () => {
  it('GET /api/orgs/:code — 200 inside the subtree, 404 outside (as for a code that does not exist)', async () => {
    for (const p of principals) {
      for (const target of [...allOrgs, 'NO-SUCH']) {
        const r = await call('GET', `/api/orgs/${target}`, { token: s.tokens[p.key] });
        const want = target !== 'NO-SUCH' && sees(p.org, target) ? 200 : 404;
        expect(r.status, `${p.key} → ${target}`).toBe(want);
        if (want === 404) expect(r.body).toEqual({ error: { code: 'NOT_FOUND', message: 'organisation not found' } });
      }
    }
  });

  it('GET /api/submissions/:branch/:quarter and roll-up member lists: own subtree only', async () => {
    for (const p of principals) {
      for (const b of branches) {
        const want = sees(p.org, b) ? 200 : 404;
        const h = await call('GET', `/api/submissions/${b}/${Q}`, { token: s.tokens[p.key] });
        expect(h.status, `${p.key} history ${b}`).toBe(want);
        const m = await call('GET', `/api/rollups/${Q}/members?org=${b}`, { token: s.tokens[p.key] });
        expect(m.status, `${p.key} members ${b}`).toBe(want);
        if (want === 200) {
          expect(m.body.members).toHaveLength(3);
          // Income is for clerks and finance only.
          const sawBase = m.body.members.some((x: { baseFen: number | null }) => x.baseFen !== null);
          expect(sawBase).toBe(p.role === 'clerk' || p.role === 'finance');
        }
      }
    }
  });

  it('lists and roll-ups contain only the token’s subtree', async () => {
    for (const p of principals) {
      const list = await call('GET', `/api/submissions?quarter=${Q}`, { token: s.tokens[p.key] });
      expect(list.status).toBe(200);
      const codes = list.body.map((x: { branchCode: string }) => x.branchCode).sort();
      expect(codes).toEqual(branches.filter((b) => sees(p.org, b)).sort());

      const roll = await call('GET', `/api/rollups/${Q}`, { token: s.tokens[p.key] });
      expect(roll.status).toBe(200);
      const seen: string[] = [];
      (function walk(n: { org: { code: string }; children: unknown[] }) {
        seen.push(n.org.code);
        (n.children as typeof n[]).forEach(walk);
      })(roll.body);
      expect(seen.sort()).toEqual([...subtree.get(p.org)!].sort());

      const tree = await call('GET', '/api/orgs', { token: s.tokens[p.key] });
      expect(JSON.stringify(tree.body).match(/"code":"[^"]+"/g)!.length).toBe(subtree.get(p.org)!.size);
      for (const other of allOrgs.filter((o) => !sees(p.org, o))) {
        const r = await call('GET', `/api/rollups/${Q}?org=${other}`, { token: s.tokens[p.key] });
        expect(r.status).toBe(404);
      }
    }
  });
});

describe('writes by role', () => {
  it('POST /api/submissions: clerks only (403 for every other role)', async () => {
    for (const p of principals.filter((x) => x.role !== 'clerk')) {
      const r = await call('POST', '/api/submissions', { token: s.tokens[p.key], body: submission('2025Q4', members('2025Q4', 5000, 1)) });
      expect(r.status, p.key).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('a clerk writes only their own branch: the branch comes from the token, whatever the body says', async () => {
    // A body naming another branch is refused outright (a queued entry must not land elsewhere).
    const body = { ...submission('2025Q4', members('2025Q4', 6000, 1)), branchCode: 'JT-ZZ2-01', orgCode: 'JT-ZZ2-01' };
    const refused = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-ZZ1-01'], body });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('INVALID_REQUEST');
    // Without branchCode, anything else the body says about the org is ignored: the token decides.
    const { branchCode: _b, ...unnamed } = body;
    const r = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-ZZ1-01'], body: unnamed });
    expect(r.status).toBe(201);
    expect(r.body.branchCode).toBe('JT-ZZ1-01');
    expect((await call('GET', '/api/submissions/JT-ZZ2-01/2025Q4', { token: s.tokens['clerk@JT-ZZ2-01'] })).status).toBe(404);
  });

  it('confirm / return: finance of the branch or an ancestor; 403 other roles; 404 outside', async () => {
    for (const p of principals) {
      for (const b of branches) {
        const r = await call('POST', `/api/submissions/${b}/${Q}/return`, { token: s.tokens[p.key], body: { revision: 1, note: '请核对' } });
        const want = p.role !== 'finance' ? 403 : sees(p.org, b) ? 200 : 404;
        expect(r.status, `${p.key} return ${b}`).toBe(want === 200 ? r.status : want);
        if (want === 200) {
          // Only the first finance in scope succeeds; a second return of the same revision is 409.
          expect([200, 409]).toContain(r.status);
        }
      }
    }
    const confirm = await call('POST', `/api/submissions/JT-01/${Q}/confirm`, { token: s.tokens['finance@JT'], body: { revision: 1 } });
    expect(confirm.status).toBe(200);
    expect(confirm.body.status).toBe('confirmed');
    const stale = await call('POST', `/api/submissions/JT-01/${Q}/confirm`, { token: s.tokens['finance@JT'], body: { revision: 2 } });
    expect(stale.status).toBe(412);
  });

  it('a review decided above stands: finance below the reviewer’s org may not return or re-confirm it (403), the same org or one above may', async () => {
    const Q3 = '2020Q3';
    const clerk = s.tokens['clerk@JT-ZZ1-02'];
    const review = (key: string, action: 'confirm' | 'return', revision: number) =>
      call('POST', `/api/submissions/JT-ZZ1-02/${Q3}/${action}`, { token: s.tokens[key], body: { revision, note: '请核对' } });
    const state = async () => (await call('GET', `/api/submissions/JT-ZZ1-02/${Q3}`, { token: s.tokens['finance@JT'] })).body;
    const reviewsAndEvents = async () => {
      const h = await state();
      const ev = await call('GET', '/api/audit?limit=1000', { token: s.tokens['admin@JT'] });
      return { reviews: h.revisions.flatMap((r: { reviews: unknown[] }) => r.reviews).length, events: ev.body.length };
    };
    expect((await call('POST', '/api/submissions', { token: clerk, body: submission(Q3, members(Q3, 900, 2)) })).status).toBe(201);
    expect((await review('finance@JT', 'confirm', 1)).status).toBe(200);
    const before = await reviewsAndEvents();
    for (const [key, action] of [['finance@JT-ZZ1', 'return'], ['finance@JT-ZZ1-02', 'return']] as const) {
      const r = await review(key, action, 1);
      expect(r.status, key).toBe(403);
      expect(r.body.error.code).toBe('REVIEW_BY_HIGHER_ORG');
      expect(r.body.error.message).toContain('JT');
    }
    expect((await state()).current.status).toBe('confirmed');
    expect(await reviewsAndEvents()).toEqual(before);
    // The 党委 may change its own decision; the 总支 may not undo it by confirming again.
    expect((await review('finance@JT', 'return', 1)).status).toBe(200);
    const reconfirm = await review('finance@JT-ZZ1', 'confirm', 1);
    expect(reconfirm.status).toBe(403);
    expect(reconfirm.body.error.code).toBe('REVIEW_BY_HIGHER_ORG');
    expect((await state()).current.status).toBe('returned');

    // A new revision starts unreviewed: the branch's own finance decides, and those above override it.
    const cur = await state();
    expect((await call('POST', '/api/submissions', { token: clerk, body: submission(Q3, members(Q3, 900, 3)), headers: { 'If-Match': cur.current.etag } })).status).toBe(201);
    expect((await review('finance@JT-ZZ1-02', 'confirm', 2)).status).toBe(200);
    expect((await review('finance@JT-ZZ1', 'return', 2)).status).toBe(200);
    expect((await review('finance@JT-ZZ1-02', 'confirm', 2)).body.error.code).toBe('REVIEW_BY_HIGHER_ORG');
    expect((await review('finance@JT', 'confirm', 2)).status).toBe(200);
    expect((await state()).current.status).toBe('confirmed');
  });

  it('locks: finance and admin in their subtree; 403 clerk/leader; 404 outside', async () => {
    for (const p of principals) {
      for (const target of allOrgs) {
        const r = await call('PUT', `/api/locks/${target}/2027Q1`, { token: s.tokens[p.key] });
        const allowed = p.role === 'finance' || p.role === 'admin';
        const want = !allowed ? 403 : sees(p.org, target) ? 200 : 404;
        expect(r.status, `${p.key} lock ${target}`).toBe(want);
        if (want === 200) expect((await call('DELETE', `/api/locks/${target}/2027Q1`, { token: s.tokens[p.key] })).status).toBe(200);
      }
    }
  });

  it('a lock set from above is lifted from above: the 总支 cannot lift the 党委’s lock on it (403), the 党委 can lift the 总支’s', async () => {
    const Q2 = '2020Q2';
    expect((await call('PUT', `/api/locks/JT-ZZ1/${Q2}`, { token: s.tokens['finance@JT'] })).status).toBe(200);
    for (const key of ['finance@JT-ZZ1', 'admin@JT-ZZ1']) {
      const r = await call('DELETE', `/api/locks/JT-ZZ1/${Q2}`, { token: s.tokens[key] });
      expect(r.status, key).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    const still = await call('GET', `/api/locks?quarter=${Q2}`, { token: s.tokens['finance@JT-ZZ1'] });
    expect(still.body.map((l: { orgCode: string }) => l.orgCode)).toEqual(['JT-ZZ1']);
    expect((await call('DELETE', `/api/locks/JT-ZZ1/${Q2}`, { token: s.tokens['finance@JT'] })).status).toBe(200);
    // The other way round is fine: the 党委 lifts what the 总支 set.
    expect((await call('PUT', `/api/locks/JT-ZZ1-01/${Q2}`, { token: s.tokens['finance@JT-ZZ1'] })).status).toBe(200);
    expect((await call('DELETE', `/api/locks/JT-ZZ1-01/${Q2}`, { token: s.tokens['admin@JT'] })).status).toBe(200);
  });

  it('orgs, tokens and settings: admin only; admins act within their subtree', async () => {
    for (const p of principals) {
      const t = s.tokens[p.key];
      const admin = p.role === 'admin';
      const create = await call('POST', '/api/orgs', { token: t, body: { code: `NEW-${p.role}-${p.org}`, name: '新支部', kind: '党支部', parentCode: 'JT-ZZ2' } });
      expect(create.status, `${p.key} create`).toBe(!admin ? 403 : sees(p.org, 'JT-ZZ2') ? 201 : 404);
      const tokens = await call('GET', '/api/tokens', { token: t });
      expect(tokens.status).toBe(admin ? 200 : 403);
      const issue = await call('POST', '/api/tokens', { token: t, body: { orgCode: 'JT-ZZ1-01', role: 'leader' } });
      expect(issue.status, `${p.key} issue`).toBe(!admin ? 403 : sees(p.org, 'JT-ZZ1-01') ? 201 : 404);
      const settings = await call('GET', '/api/settings', { token: t });
      expect(settings.status).toBe(200);
      expect(settings.body.settings.rounding).toBe('fen');
      const put = await call('PUT', '/api/settings', { token: t, body: { farmerFen: 20 } });
      expect(put.status, `${p.key} settings`).toBe(admin && p.org === 'JT' ? 200 : 403);
      const audit = await call('GET', '/api/audit', { token: t });
      expect(audit.status).toBe(admin || p.role === 'finance' ? 200 : 403);
      const checks = await call('GET', `/api/rollups/${Q}/checks`, { token: t });
      expect(checks.status).toBe(p.role === 'clerk' ? 403 : 200);
    }
  });

  it('an admin cannot revoke a token outside their subtree (404), nor issue a clerk token for a 总支 (422)', async () => {
    const list = await call('GET', '/api/tokens', { token: s.tokens['admin@JT'] });
    const outside = list.body.find((x: { orgCode: string }) => x.orgCode === 'JT-ZZ2-01');
    const r = await call('DELETE', `/api/tokens/${outside.id}`, { token: s.tokens['admin@JT-ZZ1'] });
    expect(r.status).toBe(404);
    const bad = await call('POST', '/api/tokens', { token: s.tokens['admin@JT'], body: { orgCode: 'JT-ZZ1', role: 'clerk' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
  });

  it('unknown routes answer in the same error shape', async () => {
    const r = await call('GET', '/api/nothing-here', { token: s.tokens['admin@JT'] });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });
});

describe('the committee\'s last admin token', () => {
  it('cannot revoke itself (or be revoked) while it is the last; with another issued first it can', async () => {
    const c = await seed({ code: 'LA', name: '中共某单位委员会', kind: '党委', children: [{ code: 'LA-01', name: '第一党支部', kind: '党支部' }] }, [{ orgCode: 'LA', role: 'admin' }, { orgCode: 'LA-01', role: 'admin' }]);
    const admin = c.tokens['admin@LA']!;
    const list = await call('GET', '/api/tokens', { token: admin });
    const self = (list.body as { id: number; orgCode: string; role: string }[]).find((t) => t.orgCode === 'LA' && t.role === 'admin')!;
    const before = await tableCounts();
    const r = await call('DELETE', `/api/tokens/${self.id}`, { token: admin });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/last admin token/);
    expect(await tableCounts()).toEqual(before); // no event for a revocation that did not happen
    expect((await call('GET', '/api/me', { token: admin })).status).toBe(200);
    // A branch's admin token is not the committee's: it can go.
    const branchAdmin = (list.body as { id: number; orgCode: string }[]).find((t) => t.orgCode === 'LA-01')!;
    expect((await call('DELETE', `/api/tokens/${branchAdmin.id}`, { token: admin })).status).toBe(200);
    const next = await call('POST', '/api/tokens', { token: admin, body: { orgCode: 'LA', role: 'admin' } });
    expect(next.status).toBe(201);
    expect((await call('DELETE', `/api/tokens/${self.id}`, { token: next.body.token })).status).toBe(200);
    expect((await call('DELETE', `/api/tokens/${next.body.id}`, { token: next.body.token })).status).toBe(409);
  });
});
