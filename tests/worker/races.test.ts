// Writes that lose a race between their read and their batch. A review racing a re-submission
// (or another reviewer) must not land, nor be reported as made, on a revision that is no longer
// the latest; a submission racing a lock must not land in the locked quarter. Either way nothing
// of the loser (rows, review, audit event) may be left behind.
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/src/index';
import { BASE, JT_TREE, call, members, seed, submission, tableCounts, type Seeded } from './helpers';

const Q = '2026Q3';
let s: Seeded;

/**
 * Calls the worker with a D1 whose `nth` batch first runs `meanwhile` — the other request that
 * gets in between the review's read and its write.
 */
async function callWithInterleave(method: string, path: string, token: string, body: unknown, nth: number, meanwhile: () => Promise<unknown>) {
  let batches = 0;
  const db = new Proxy(env.DB, {
    get(target, key) {
      if (key === 'batch') {
        return async (stmts: D1PreparedStatement[]) => {
          batches += 1;
          if (batches === nth) await meanwhile();
          return target.batch(stmts);
        };
      }
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const wrapped = new Proxy(env, { get: (t, k) => (k === 'DB' ? db : Reflect.get(t, k)) });
  const ctx = createExecutionContext();
  const req = new Request(`${BASE}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const res = await worker.fetch(req as Parameters<typeof worker.fetch>[0], wrapped, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } & Record<string, unknown> };
}

beforeAll(async () => {
  s = await seed(JT_TREE, [{ orgCode: 'JT-01', role: 'clerk' }, { orgCode: 'JT-ZZ1-01', role: 'clerk' }, { orgCode: 'JT-ZZ2-01', role: 'clerk' }, { orgCode: 'JT', role: 'finance' }]);
});

describe('a review that loses a race', () => {
  it('a re-submission between read and write: 412, no review row, no audit event, the new revision stays submitted', async () => {
    const first = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], body: submission(Q, members(Q, 1, 3)) });
    expect(first.status).toBe(201);
    let before: Record<string, number> = {};
    const r = await callWithInterleave('POST', `/api/submissions/JT-01/${Q}/confirm`, s.tokens['finance@JT']!, { revision: 1 }, 2, async () => {
      const again = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], body: submission(Q, members(Q, 1, 4)), headers: { 'If-Match': first.body.etag } });
      expect(again.status).toBe(201);
      before = await tableCounts();
    });
    expect(r.status, JSON.stringify(r.body)).toBe(412);
    expect(r.body.error?.code).toBe('STALE_REVISION');
    expect(await tableCounts()).toEqual(before);
    const history = await call('GET', `/api/submissions/JT-01/${Q}`, { token: s.tokens['finance@JT'] });
    expect(history.body.current).toMatchObject({ revision: 2, status: 'submitted' });
    expect(history.body.revisions.flatMap((x: { reviews: unknown[] }) => x.reviews)).toEqual([]);
  });

  it('two reviewers confirming the same revision: one 200, the other 409, one review row', async () => {
    const first = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-ZZ1-01'], body: submission(Q, members(Q, 100, 3)) });
    expect(first.status).toBe(201);
    const r = await callWithInterleave('POST', `/api/submissions/JT-ZZ1-01/${Q}/confirm`, s.tokens['finance@JT']!, { revision: 1 }, 2, async () => {
      const other = await call('POST', `/api/submissions/JT-ZZ1-01/${Q}/confirm`, { token: s.tokens['finance@JT'], body: { revision: 1 } });
      expect(other.status).toBe(200);
    });
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.error?.code).toBe('CONFLICT');
    const history = await call('GET', `/api/submissions/JT-ZZ1-01/${Q}`, { token: s.tokens['finance@JT'] });
    expect(history.body.revisions[0].reviews).toHaveLength(1);
  });
});

describe('a submission that loses a race with a lock', () => {
  it('a lock between read and write: 423 QUARTER_LOCKED and nothing of the submission stored', async () => {
    let before: Record<string, number> = {};
    const r = await callWithInterleave('POST', '/api/submissions', s.tokens['clerk@JT-ZZ2-01']!, submission('2025Q4', members('2025Q4', 200, 3)), 2, async () => {
      const lock = await call('PUT', '/api/locks/JT-ZZ2/2025Q4', { token: s.tokens['finance@JT'] });
      expect(lock.status).toBe(200);
      before = await tableCounts();
    });
    expect(r.status, JSON.stringify(r.body)).toBe(423);
    expect(r.body.error?.code).toBe('QUARTER_LOCKED');
    expect(await tableCounts()).toEqual(before);
    expect((await call('GET', '/api/submissions/JT-ZZ2-01/2025Q4', { token: s.tokens['finance@JT'] })).status).toBe(404);
  });
});
