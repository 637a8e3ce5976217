// The shared API client (shared/api/client.ts) against the real worker: every route's answer
// parses with the contract's schema, and refusals arrive as ApiErrors carrying the worker's codes.
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client';
import { JT_TREE, api, members, seed, submission, type Seeded } from './helpers';

let s: Seeded;
const Q = '2026Q3';
const BRANCH = 'JT-ZZ1-01';

beforeAll(async () => {
  s = await seed(JT_TREE, [
    { orgCode: 'JT', role: 'admin' }, { orgCode: 'JT', role: 'finance' }, { orgCode: 'JT', role: 'leader' }, { orgCode: BRANCH, role: 'clerk' },
  ]);
});

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('the shared client against the worker', () => {
  it('reads who the token is, the settings and the tree', async () => {
    const admin = api(s.tokens['admin@JT']);
    expect(await admin.me()).toEqual({ role: 'admin', org: { code: 'JT', name: JT_TREE.name, kind: '党委' }, committee: { code: 'JT', name: JT_TREE.name, kind: '党委' } });
    expect((await admin.settings()).committee).toBe('JT');
    const tree = await admin.orgs();
    expect(tree.children.map((c) => c.code)).toEqual(['JT-ZZ1', 'JT-ZZ2', 'JT-01']);
    expect(tree.children[0]!.children.map((c) => c.code)).toEqual(['JT-ZZ1-01', 'JT-ZZ1-02']);
    expect((await admin.org('JT-ZZ2')).children).toHaveLength(3);
  });

  it('submits, reads the history and one revision, reviews, locks and unlocks', async () => {
    const clerk = api(s.tokens[`clerk@${BRANCH}`]);
    const body = submission(Q, members(Q, 1, 3));
    // Other content each time: the same content again is the existing receipt, not a new revision (issue 12).
    const changed = (n: number) => ({ ...body, note: `第 ${n} 次` });
    const first = await clerk.submit(body, { idempotencyKey: 'client-1' });
    expect([first.revision, first.status, first.totals.members]).toEqual([1, 'submitted', 3]);
    // The same key and body: the first answer again.
    expect(await clerk.submit(body, { idempotencyKey: 'client-1' })).toEqual(first);
    const without = await refusal(clerk.submit(changed(2), { idempotencyKey: 'client-2' }));
    expect([without.code, without.status, (without.details as { currentRevision: number }).currentRevision]).toEqual(['PRECONDITION_REQUIRED', 428, 1]);
    const second = await clerk.submit(changed(3), { idempotencyKey: 'client-3', ifMatch: first.etag });
    expect(second.revision).toBe(2);
    expect((await refusal(clerk.submit(changed(4), { idempotencyKey: 'client-4', ifMatch: first.etag }))).code).toBe('STALE_REVISION');

    const history = await clerk.history(BRANCH, Q);
    expect([history.current.revision, history.revisions.map((r) => r.revision)]).toEqual([2, [1, 2]]);
    expect((await clerk.revision(BRANCH, Q, 1)).reportDate).toBe(body.reportDate);
    expect(await clerk.latestReceipt('JT-ZZ1-02', Q)).toBeNull();

    const finance = api(s.tokens['finance@JT']);
    expect((await finance.submissions(Q)).map((r) => r.branchCode)).toEqual([BRANCH]);
    expect((await refusal(finance.review(BRANCH, Q, 'confirm', { revision: 1 }))).code).toBe('STALE_REVISION');
    expect((await finance.review(BRANCH, Q, 'confirm', { revision: 2 })).status).toBe('confirmed');
    const lock = await finance.lock('JT', Q, { note: '季度已结' });
    expect([lock.orgCode, lock.quarter, lock.note]).toEqual(['JT', Q, '季度已结']);
    expect((await finance.locks(Q)).map((l) => l.orgCode)).toEqual(['JT']);
    expect((await refusal(clerk.submit(changed(5), { idempotencyKey: 'client-5', ifMatch: second.etag }))).code).toBe('QUARTER_LOCKED');
    expect(await finance.unlock('JT', Q)).toEqual({ orgCode: 'JT', quarter: Q, unlocked: true });
  });

  it('reads roll-ups, members, cross-branch checks and a report link', async () => {
    const finance = api(s.tokens['finance@JT']);
    const root = await finance.rollup(Q);
    expect([root.org.code, root.figures.branches.submitted]).toEqual(['JT', 1]);
    const zz1 = root.children.find((c) => c.org.code === 'JT-ZZ1')!;
    expect(zz1.children.find((c) => c.org.code === BRANCH)!.status).toBe('confirmed');
    const m = await finance.rollupMembers(Q, BRANCH);
    expect([m.branch, m.members.length]).toEqual([BRANCH, 3]);
    expect(await finance.crossChecks(Q)).toEqual({ quarter: Q, duplicates: [], vanished: [] });
    const link = await api(s.tokens['leader@JT']).reportLink(Q, { minutes: 5 });
    expect([link.url.startsWith(`/api/reports/${Q}.xlsx?link=`), link.minutes]).toEqual([true, 5]);
  });

  it('administers orgs and tokens, and reads the audit log', async () => {
    const admin = api(s.tokens['admin@JT']);
    expect(await admin.createOrg({ code: 'JT-ZZ1-09', name: '机关第九党支部', kind: '党支部', parentCode: 'JT-ZZ1' }))
      .toEqual({ code: 'JT-ZZ1-09', name: '机关第九党支部', kind: '党支部', parentCode: 'JT-ZZ1' });
    expect((await admin.patchOrg('JT-ZZ1-09', { name: '机关第九支部' })).name).toBe('机关第九支部');
    expect((await refusal(admin.createOrg({ code: 'JT-ZZ1-09', name: 'x', kind: '党支部', parentCode: 'JT-ZZ1' }))).code).toBe('CONFLICT');
    const issued = await admin.issueToken({ orgCode: 'JT-ZZ1-09', role: 'clerk', label: 'client test' });
    expect((await api(issued.token).me()).org.code).toBe('JT-ZZ1-09');
    expect((await admin.revokeToken(issued.id)).revokedAt).not.toBeNull();
    expect((await refusal(api(issued.token).me())).code).toBe('UNAUTHENTICATED');
    expect((await admin.tokens()).find((t) => t.id === issued.id)!.label).toBe('client test');
    const events = await admin.audit(0, 1000);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['submission.create', 'quarter.lock', 'token.revoke']));
    expect((await admin.auditVerify()).ok).toBe(true);
  });

  it('answers a clerk outside its role with FORBIDDEN', async () => {
    const clerk = api(s.tokens[`clerk@${BRANCH}`]);
    const e = await refusal(clerk.tokens());
    expect([e.code, e.status]).toEqual(['FORBIDDEN', 403]);
  });
});
