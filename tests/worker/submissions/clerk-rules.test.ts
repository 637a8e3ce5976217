// Issue 12's server rules for a branch's 报送: a running quarter opens only from a day of its last
// month (QUARTER_NOT_OPEN), the same content sent again is the existing receipt (no new revision),
// and a workbook naming another branch carries a BRANCH_MISMATCH warning finance sees.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { JT_TREE, call, members, seed, submission, tableCounts, type Seeded } from '../helpers';

let s: Seeded;
const post = (token: string, body: unknown, headers: Record<string, string> = {}) => call('POST', '/api/submissions', { token, body, headers });
const clerk = (code: string) => s.tokens[`clerk@${code}`]!;

beforeAll(async () => {
  s = await seed(JT_TREE, [
    { orgCode: 'JT-01', role: 'clerk' },
    { orgCode: 'JT-ZZ2-01', role: 'clerk' },
    { orgCode: 'JT-ZZ2-02', role: 'clerk' },
    { orgCode: 'JT', role: 'finance' },
    { orgCode: 'JT', role: 'admin' },
  ]);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a running quarter', () => {
  // Only Date is faked: the worker reads "today" (Beijing time) from it, D1 keeps its own timers.
  const at = (iso: string) => vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });

  it('is refused before the 20th of its last month with QUARTER_NOT_OPEN, and nothing is stored', async () => {
    at('2026-12-02T04:00:00Z');
    const before = await tableCounts();
    const body = { ...submission('2026Q4', members('2026Q4', 100, 2)), reportDate: '2026-12-02' };
    const r = await post(clerk('JT-01'), body);
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.code).toBe('QUARTER_NOT_OPEN');
    expect(r.body.error.details).toEqual({ opensOn: '2026-12-20' });
    expect(await tableCounts()).toEqual(before);
  });

  it('is accepted from the 20th (Beijing time), and the ended quarter before it any day', async () => {
    // 2026-12-19T16:30Z is already the 20th in Beijing.
    at('2026-12-19T16:30:00Z');
    const r = await post(clerk('JT-01'), { ...submission('2026Q4', members('2026Q4', 110, 2)), reportDate: '2026-12-20' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    at('2026-10-02T04:00:00Z');
    const ended = await post(clerk('JT-01'), { ...submission('2026Q3', members('2026Q3', 120, 2)), reportDate: '2026-09-30' });
    expect(ended.status, JSON.stringify(ended.body)).toBe(201);
  });

  it('follows the committee setting (runningQuarterFromDay)', async () => {
    at('2026-12-10T04:00:00Z');
    expect((await call('PUT', '/api/settings', { token: s.tokens['admin@JT']!, body: { runningQuarterFromDay: 5 } })).status).toBe(200);
    try {
      const r = await post(clerk('JT-ZZ2-02'), { ...submission('2026Q4', members('2026Q4', 130, 1)), reportDate: '2026-12-10' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const early = await post(clerk('JT-ZZ2-01'), { ...submission('2027Q1', members('2027Q1', 140, 1)), reportDate: '2026-12-10' });
      // Not begun at all: the re-check's own refusal, as before.
      expect(early.body.error.code).toBe('SUBMISSION_REJECTED');
    } finally {
      await call('PUT', '/api/settings', { token: s.tokens['admin@JT']!, body: {} });
    }
  });
});

describe('the same content again', () => {
  it('gives the existing receipt, not a new revision; a change makes one', async () => {
    const Q = '2025Q2';
    const body = submission(Q, members(Q, 200, 3));
    const first = await post(clerk('JT-ZZ2-02'), { ...body, branchCode: 'JT-ZZ2-02' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await tableCounts();
    // No If-Match needed: nothing is replaced. Another Idempotency-Key: not a replay either.
    const again = await post(clerk('JT-ZZ2-02'), { ...body, branchCode: 'JT-ZZ2-02' }, { 'Idempotency-Key': 'again-1' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ revision: 1, etag: first.body.etag, unchanged: true, totals: first.body.totals });
    expect(await tableCounts()).toEqual(before);
    // Without branchCode (the command line's older bodies) it is still the same content.
    expect((await post(clerk('JT-ZZ2-02'), body)).body).toMatchObject({ revision: 1, unchanged: true });
    const changed = submission(Q, members(Q, 200, 4));
    const next = await post(clerk('JT-ZZ2-02'), changed, { 'If-Match': first.body.etag });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.revision).toBe(2);
    expect(next.body.unchanged).toBeUndefined();
  });
});

describe('a workbook of another branch', () => {
  it('is stored with a BRANCH_MISMATCH warning on the revision, which finance reads', async () => {
    const Q = '2025Q3';
    const body = { ...submission(Q, members(Q, 300, 2)), workbookBranch: { name: '养护中心党支部', sheet: '花名册', cell: 'A1' } };
    const r = await post(clerk('JT-ZZ2-01'), body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const rev = await call('GET', `/api/submissions/JT-ZZ2-01/${Q}/revisions/1`, { token: s.tokens['finance@JT']! });
    expect(rev.status).toBe(200);
    const warning = rev.body.findings.find((f: { code: string }) => f.code === 'BRANCH_MISMATCH');
    expect(warning).toMatchObject({ severity: 'warning', sheet: '花名册', cell: 'A1' });
    expect(warning.message).toContain('养护中心党支部');
    expect(warning.message).toContain('路政支队党支部');
  });

  it('carries no warning when the workbook names the branch itself, with its parents in front', async () => {
    const Q = '2025Q3';
    const body = { ...submission(Q, members(Q, 400, 2)), workbookBranch: { name: '中共某市交通运输局养护中心党支部', sheet: '花名册', cell: 'A1' } };
    const r = await post(clerk('JT-ZZ2-02'), body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const rev = await call('GET', `/api/submissions/JT-ZZ2-02/${Q}/revisions/${r.body.revision}`, { token: s.tokens['finance@JT']! });
    expect(rev.body.findings.map((f: { code: string }) => f.code)).not.toContain('BRANCH_MISMATCH');
  });
});

describe('a returned revision', () => {
  it('lists who returned it, when, and the note', async () => {
    const Q = '2025Q1';
    const r = await post(clerk('JT-01'), submission(Q, members(Q, 500, 2)));
    expect(r.status).toBe(201);
    const back = await call('POST', `/api/submissions/JT-01/${Q}/return`, { token: s.tokens['finance@JT']!, body: { revision: 1, note: '第2人基数有误，请核对' } });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const h = await call('GET', `/api/submissions/JT-01/${Q}`, { token: clerk('JT-01') });
    expect(h.body.current.status).toBe('returned');
    const review = h.body.revisions[0].reviews[0];
    expect(review).toMatchObject({ action: 'returned', note: '第2人基数有误，请核对' });
    expect(review.by).toContain('中共某市交通运输局委员会');
    expect(review.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('sent again unchanged stays 已退回: the receipt says so with the note, who and when, and nothing is stored', async () => {
    const Q = '2024Q4';
    const body = submission(Q, members(Q, 600, 2));
    const r = await post(clerk('JT-ZZ2-01'), body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // Before a return, the unchanged receipt carries no return.
    const plain = await post(clerk('JT-ZZ2-01'), body);
    expect(plain.body.unchanged).toBe(true);
    expect(plain.body.stillReturned).toBeUndefined();
    const back = await call('POST', `/api/submissions/JT-ZZ2-01/${Q}/return`, { token: s.tokens['finance@JT']!, body: { revision: 1, note: '缺少9月份实交金额' } });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const before = await tableCounts();
    const again = await post(clerk('JT-ZZ2-01'), body, { 'Idempotency-Key': 'after-return-1' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ revision: 1, status: 'returned', unchanged: true, stillReturned: { note: '缺少9月份实交金额' } });
    expect(again.body.stillReturned.by).toContain('中共某市交通运输局委员会');
    expect(again.body.stillReturned.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await tableCounts()).toEqual(before);
    // Changed content answers the return: a new revision, submitted, no standing return.
    const fixed = await post(clerk('JT-ZZ2-01'), submission(Q, members(Q, 600, 3)), { 'If-Match': r.body.etag });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(201);
    expect(fixed.body).toMatchObject({ revision: 2, status: 'submitted' });
    expect(fixed.body.stillReturned).toBeUndefined();
  });
});
