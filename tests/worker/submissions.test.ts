// Submitting a quarter: receipts, revisions, Idempotency-Key, If-Match, the server re-check,
// and atomicity (a batch that fails mid-way leaves nothing behind).
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { JT_TREE, call, member, members, seed, submission, tableCounts, type Seeded } from './helpers';

let s: Seeded;
const Q = '2026Q3';

beforeAll(async () => {
  s = await seed(JT_TREE, [
    { orgCode: 'JT-01', role: 'clerk' },
    { orgCode: 'JT-ZZ1-01', role: 'clerk' },
    { orgCode: 'JT-ZZ1-02', role: 'clerk' },
    { orgCode: 'JT-ZZ2-01', role: 'clerk' },
    { orgCode: 'JT', role: 'finance' },
  ]);
});

describe('submit', () => {
  it('accepts a valid quarter and answers with a receipt and an ETag', async () => {
    const body = submission(Q, members(Q, 1, 5));
    const r = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], body, headers: { 'Idempotency-Key': 'k-1' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ branchCode: 'JT-01', quarter: Q, revision: 1, status: 'submitted', totals: body.totals });
    expect(r.headers.get('ETag')).toBe(r.body.etag);
    const rows = await env.DB.prepare('SELECT id_hmac, id_masked FROM submission_members').all<{ id_hmac: string; id_masked: string }>();
    expect(rows.results).toHaveLength(5);
    // Never the raw ID: a 64-hex HMAC and a masked form.
    for (const row of rows.results) {
      expect(row.id_hmac).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id_masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    const dump = JSON.stringify(await env.DB.prepare('SELECT * FROM submission_members').all());
    for (const m of body.members) expect(dump).not.toContain(m.idNumber);
  });
});
