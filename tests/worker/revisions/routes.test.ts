// What a revision changed against the one before it: members in and out, amounts moved; read
// only by those who may read the branch; bad parameters get the one error shape.
import { beforeAll, describe, expect, it } from 'vitest';
import { JT_TREE, call, everyRole, member, members, seed, submission, type Seeded } from '../helpers';

const Q = '2026Q3';
const B = 'JT-ZZ1-01';
let s: Seeded;
const tok = (k: string) => s.tokens[k]!;

beforeAll(async () => {
  s = await seed(JT_TREE, everyRole(JT_TREE));
  const r1 = await call('POST', '/api/submissions', { token: tok(`clerk@${B}`), body: submission(Q, members(Q, 1, 5)) });
  expect(r1.status, JSON.stringify(r1.body)).toBe(201);
  // Revision 2: member 1 leaves, member 6 joins, member 3 now pays 1.00 a month.
  const list = [member(Q, { n: 2 }), member(Q, { n: 3, paid: 100 }), member(Q, { n: 4 }), member(Q, { n: 5 }), member(Q, { n: 6 })];
  const r2 = await call('POST', '/api/submissions', { token: tok(`clerk@${B}`), body: submission(Q, list), headers: { 'If-Match': r1.body.etag } });
  expect(r2.status, JSON.stringify(r2.body)).toBe(201);
});

describe('GET …/revisions/{n}/changes', () => {
  it('lists who came in, who left and whose amounts moved, with both totals', async () => {
    const r = await call('GET', `/api/submissions/${B}/${Q}/revisions/2/changes`, { token: tok('finance@JT') });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.previous).toBe(1);
    expect(r.body.added.map((p: { name: string }) => p.name)).toEqual(['党员6']);
    expect(r.body.removed.map((p: { name: string }) => p.name)).toEqual(['党员1']);
    expect(r.body.changed).toHaveLength(1);
    const c = r.body.changed[0];
    const three = member(Q, { n: 3 });
    const due = three.months.reduce((t, m) => t + m.dueFen, 0);
    expect(c).toMatchObject({ name: '党员3', dueFen: [due, due], paidFen: [due, 300] });
    expect(c.idMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(r.body.totals.before.members).toBe(5);
    expect(r.body.totals.after.members).toBe(5);
    expect(r.body.submittedBy.org).toBe('机关第一党支部');
    // No raw ID anywhere in the answer.
    expect(JSON.stringify(r.body)).not.toMatch(/\d{17}[\dX]/);
  });

  it('a first revision has no previous: everyone is added', async () => {
    const r = await call('GET', `/api/submissions/${B}/${Q}/revisions/1/changes`, { token: tok(`clerk@${B}`) });
    expect(r.status).toBe(200);
    expect(r.body.previous).toBeNull();
    expect(r.body.totals.before).toBeNull();
    expect(r.body.added).toHaveLength(5);
    expect(r.body.removed).toEqual([]);
  });

  it('is hidden outside the reader’s subtree and for missing revisions; bad numbers are 400', async () => {
    expect((await call('GET', `/api/submissions/${B}/${Q}/revisions/2/changes`, { token: tok('finance@JT-ZZ2') })).status).toBe(404);
    expect((await call('GET', `/api/submissions/${B}/${Q}/revisions/2/changes`, { token: tok('clerk@JT-ZZ1-02') })).status).toBe(404);
    const missing = await call('GET', `/api/submissions/${B}/${Q}/revisions/9/changes`, { token: tok('finance@JT') });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const bad = await call('GET', `/api/submissions/${B}/${Q}/revisions/abc/changes`, { token: tok('finance@JT') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTruthy();
    expect((await call('GET', `/api/submissions/${B}/${Q}/revisions/2/changes`)).status).toBe(401);
  });
});
