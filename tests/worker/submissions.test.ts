// Submitting a quarter: receipts, revisions, Idempotency-Key, If-Match, the server re-check,
// locks, and atomicity (a batch that fails mid-way leaves nothing behind).
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import type { Submission } from '../../shared/api/contract';
import { JT_TREE, call, member, members, seed, submission, tableCounts, type Seeded } from './helpers';

let s: Seeded;
const Q = '2026Q3';
const post = (token: string, body: unknown, headers: Record<string, string> = {}) => call('POST', '/api/submissions', { token, body, headers });

beforeAll(async () => {
  s = await seed(JT_TREE, [
    { orgCode: 'JT-01', role: 'clerk' },
    { orgCode: 'JT-ZZ1-01', role: 'clerk' },
    { orgCode: 'JT-ZZ1-02', role: 'clerk' },
    { orgCode: 'JT-ZZ2-01', role: 'clerk' },
    { orgCode: 'JT-ZZ2-02', role: 'clerk' },
    { orgCode: 'JT-ZZ2-03', role: 'clerk' },
    { orgCode: 'JT', role: 'finance' },
  ]);
});

describe('a first submission', () => {
  it('is accepted with a receipt and an ETag, and stores no raw ID', async () => {
    const body = submission(Q, members(Q, 1, 5));
    // Free text quoting ID numbers (a warning's message, the note, a transfer note) is masked too.
    const raw = body.members[1]!.idNumber;
    body.findings = [{ code: 'ID_NORMALISABLE', severity: 'warning', sheet: '花名册', cell: 'D3', message: `身份证号 ${raw.toLowerCase()} 含小写 x` }];
    body.note = `补录 ${raw}；旧号 ${raw.slice(0, 6)}${raw.slice(8, 17)}`;
    body.members[2]!.transferNote = `转入，原号${raw}`;
    const r = await post(s.tokens['clerk@JT-01']!, body, { 'Idempotency-Key': 'k-1' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ branchCode: 'JT-01', quarter: Q, revision: 1, status: 'submitted', totals: body.totals });
    expect(r.headers.get('ETag')).toBe(r.body.etag);
    const rows = await env.DB.prepare("SELECT m.id_hmac, m.id_masked FROM submission_members m JOIN submissions s ON s.id = m.submission_id JOIN orgs o ON o.id = s.org_id WHERE o.code = 'JT-01'").all<{ id_hmac: string; id_masked: string }>();
    expect(rows.results).toHaveLength(5);
    for (const row of rows.results) {
      expect(row.id_hmac).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id_masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    const dump = JSON.stringify(await env.DB.batch(['submissions', 'submission_members', 'idempotency', 'audit_events'].map((t) => env.DB.prepare(`SELECT * FROM ${t}`))));
    for (const m of body.members) expect(dump).not.toContain(m.idNumber);
    expect(dump).not.toContain(`${raw.slice(0, 6)}${raw.slice(8, 17)}`);
    expect(dump).toContain(`${raw.slice(0, 6)}********${raw.slice(-4)}`);
  });

  it('masks ID numbers quoted in a warning\'s sheet and cell fields too', async () => {
    const body = submission('2025Q4', members('2025Q4', 60, 2));
    const raw = body.members[0]!.idNumber;
    const old15 = `${raw.slice(0, 6)}${raw.slice(8, 17)}`;
    body.findings = [
      { code: 'ID_NORMALISABLE', severity: 'warning', sheet: `花名册${raw}`, cell: old15, message: '身份证号含小写 x' },
      { code: 'ID_NORMALISABLE', severity: 'warning', sheet: raw.toLowerCase(), cell: 'D4', message: 'm' },
    ];
    const r = await post(s.tokens['clerk@JT-ZZ1-01']!, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const dump = JSON.stringify(await env.DB.batch(['submissions', 'idempotency', 'audit_events'].map((t) => env.DB.prepare(`SELECT * FROM ${t}`))));
    expect(dump).not.toContain(raw);
    expect(dump).not.toContain(old15);
    const rev = await call('GET', '/api/submissions/JT-ZZ1-01/2025Q4/revisions/1', { token: s.tokens['clerk@JT-ZZ1-01']! });
    expect(rev.status).toBe(200);
    const masked18 = `${raw.slice(0, 6)}********${raw.slice(-4)}`;
    const masked15 = `${old15.slice(0, 6)}*****${old15.slice(-4)}`;
    expect(rev.body.findings.map((f: { sheet: string; cell: string }) => [f.sheet, f.cell])).toEqual([
      [`花名册${masked18}`, masked15],
      [masked18, 'D4'],
    ]);
  });
});

describe('revisions are immutable', () => {
  it('the database refuses to change or delete a stored revision, its member lines or its reviews', async () => {
    const r = await post(s.tokens['clerk@JT-ZZ2-01']!, submission('2025Q1', members('2025Q1', 2000, 2)));
    expect(r.status).toBe(201);
    const id = (await env.DB.prepare('SELECT id FROM submissions WHERE etag = ?').bind(r.body.etag).first<{ id: string }>())!.id;
    expect((await call('POST', '/api/submissions/JT-ZZ2-01/2025Q1/confirm', { token: s.tokens['finance@JT'], body: { revision: 1 } })).status).toBe(200);
    for (const sql of [
      'UPDATE submissions SET paid_fen = paid_fen + 100 WHERE id = ?', 'DELETE FROM submissions WHERE id = ?',
      'UPDATE submission_members SET paid_fen = 0 WHERE submission_id = ?', 'DELETE FROM submission_members WHERE submission_id = ?',
      "UPDATE reviews SET action = 'returned' WHERE submission_id = ?", 'DELETE FROM reviews WHERE submission_id = ?',
    ]) {
      await expect(env.DB.prepare(sql).bind(id).run(), sql).rejects.toThrow(/immutable|append-only/);
    }
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, without a second revision', async () => {
    const token = s.tokens['clerk@JT-ZZ1-01']!;
    const body = submission(Q, members(Q, 100, 3));
    const a = await post(token, body, { 'Idempotency-Key': 'retry-1' });
    expect(a.status).toBe(201);
    const before = await tableCounts();
    const b = await post(token, body, { 'Idempotency-Key': 'retry-1' });
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    const token = s.tokens['clerk@JT-ZZ1-01']!;
    const before = await tableCounts();
    const other = submission(Q, members(Q, 200, 2));
    const r = await post(token, other, { 'Idempotency-Key': 'retry-1', 'If-Match': '1' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await tableCounts()).toEqual(before);
  });

  it('keys are per branch: another branch may use the same key', async () => {
    const r = await post(s.tokens['clerk@JT-ZZ1-02']!, submission(Q, members(Q, 300, 2)), { 'Idempotency-Key': 'retry-1' });
    expect(r.status).toBe(201);
  });
});

describe('If-Match', () => {
  it('a re-submission without If-Match gets 428, with a stale one 412, with the current one 201', async () => {
    const token = s.tokens['clerk@JT-ZZ2-01']!;
    const r1 = await post(token, submission(Q, members(Q, 400, 3)));
    expect(r1.status).toBe(201);
    const before = await tableCounts();
    const missing = await post(token, submission(Q, members(Q, 400, 4)));
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('PRECONDITION_REQUIRED');
    expect(missing.body.error.details.currentRevision).toBe(1);
    expect(await tableCounts()).toEqual(before);

    const r2 = await post(token, submission(Q, members(Q, 400, 4)), { 'If-Match': r1.body.etag });
    expect(r2.status).toBe(201);
    expect(r2.body.revision).toBe(2);

    const stale = await post(token, submission(Q, members(Q, 400, 5)), { 'If-Match': r1.body.etag });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('STALE_REVISION');
    const staleNum = await post(token, submission(Q, members(Q, 400, 5)), { 'If-Match': '1' });
    expect(staleNum.status).toBe(412);

    const r3 = await post(token, submission(Q, members(Q, 400, 5)), { 'If-Match': '2' });
    expect(r3.status).toBe(201);
    expect(r3.body.revision).toBe(3);
    // Every revision is kept: nothing is updated in place.
    const hist = await call('GET', `/api/submissions/JT-ZZ2-01/${Q}`, { token });
    expect(hist.status).toBe(200);
    expect(hist.body.revisions.map((x: { revision: number; totals: { members: number } }) => [x.revision, x.totals.members])).toEqual([[1, 3], [2, 4], [3, 5]]);
    expect(hist.body.current.revision).toBe(3);
  });

  it('If-Match on a quarter with no revision yet is stale (412)', async () => {
    const r = await post(s.tokens['clerk@JT-ZZ2-02']!, submission('2026Q1', members('2026Q1', 500, 2)), { 'If-Match': '"r1-0000000000000000"' });
    expect(r.status).toBe(412);
  });

  it('compares strongly (RFC 9110 §13.1.1): a weak tag never matches, even the current one', async () => {
    const token = s.tokens['clerk@JT-ZZ2-02']!;
    const r1 = await post(token, submission('2025Q2', members('2025Q2', 520, 2)));
    expect(r1.status).toBe(201);
    const before = await tableCounts();
    for (const weak of [`W/${r1.body.etag}`, `W/"1"`, `"r0-x", W/${r1.body.etag}`]) {
      const r = await post(token, submission('2025Q2', members('2025Q2', 520, 3)), { 'If-Match': weak });
      expect(r.status, weak).toBe(412);
      expect(r.body.error.code).toBe('STALE_REVISION');
    }
    expect(await tableCounts()).toEqual(before);
    // A list holding the current strong tag among others still matches.
    const ok = await post(token, submission('2025Q2', members('2025Q2', 520, 3)), { 'If-Match': `"r9-0000000000000000", ${r1.body.etag}` });
    expect(ok.status).toBe(201);
  });

  it('"*" means "a current revision exists": it replaces whatever is there, and is 412 on an empty quarter', async () => {
    const token = s.tokens['clerk@JT-ZZ2-02']!;
    const before = await tableCounts();
    const none = await post(token, submission('2025Q3', members('2025Q3', 540, 2)), { 'If-Match': '*' });
    expect(none.status).toBe(412);
    expect(none.body.error.code).toBe('STALE_REVISION');
    expect(await tableCounts()).toEqual(before);
    expect((await post(token, submission('2025Q3', members('2025Q3', 540, 2)))).status).toBe(201);
    const any = await post(token, submission('2025Q3', members('2025Q3', 540, 3)), { 'If-Match': '*' });
    expect(any.status).toBe(201);
    expect(any.body.revision).toBe(2);
  });
});

describe('the server re-check (422 SUBMISSION_REJECTED, nothing stored)', () => {
  const token = () => s.tokens['clerk@JT-ZZ2-03']!;
  const cases: [string, (b: Submission) => void, string][] = [
    ['a wrong due', (b) => { b.members[0]!.months[0]!.dueFen += 1; b.totals.dueFen += 1; }, 'DUE_WRONG'],
    ['a bad ID check character', (b) => { const id = b.members[0]!.idNumber; b.members[0]!.idNumber = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0'); }, 'ID_INVALID'],
    ['totals that do not add up', (b) => { b.totals.paidFen += 1; }, 'TOTAL_WRONG'],
    ['a member count that does not match', (b) => { b.totals.members += 1; }, 'TOTAL_WRONG'],
    ['a month outside the quarter', (b) => { b.members[0]!.months[0]!.month = '2026-01'; }, 'MONTH_OUTSIDE_QUARTER'],
    ['the same person twice', (b) => { b.members[1]!.idNumber = b.members[0]!.idNumber; }, 'DUPLICATE_MEMBER'],
    ['dues before joining', (b) => { b.members[0]!.joinDate = '2026-09-01'; }, 'DUES_BEFORE_JOIN'],
    ['a salaried member without a base', (b) => { for (const m of b.members[0]!.months) m.baseFen = null; }, 'BASE_MISSING'],
    ['a month of the quarter left out (totals adjusted to match)', (b) => { const mo = b.members[0]!.months.pop()!; b.totals.dueFen -= mo.dueFen; b.totals.paidFen -= mo.paidFen; }, 'MONTH_MISSING'],
  ];
  for (const [what, spoil, code] of cases) {
    it(`refuses ${what}`, async () => {
      const body = submission(Q, members(Q, 600, 3));
      spoil(body);
      const before = await tableCounts();
      const r = await post(token(), body, { 'Idempotency-Key': `bad-${code}-${what.length}` });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.error.code).toBe('SUBMISSION_REJECTED');
      expect(r.body.error.details.errors.map((e: { code: string }) => e.code)).toContain(code);
      expect(await tableCounts()).toEqual(before);
    });
  }

  it('checks dues with the committee’s settings (farmer amount)', async () => {
    const farmer = member(Q, { n: 700, category: '农民' });
    expect(farmer.months[0]!.dueFen).toBe(20);
    const ok = await post(token(), submission(Q, [farmer]));
    expect(ok.status).toBe(201);
    // The committee raises the farmer amount to 0.50 yuan: the same figures are now wrong.
    await env.DB.prepare("INSERT INTO settings (root_id, json, updated_at) VALUES (?, ?, 'now') ON CONFLICT(root_id) DO UPDATE SET json = excluded.json")
      .bind(s.orgIds.get('JT'), JSON.stringify({ farmerFen: 50 })).run();
    const refused = await post(token(), submission(Q, [farmer]), { 'If-Match': ok.body.etag });
    expect(refused.status).toBe(422);
    const right = member(Q, { n: 700, category: '农民' }, { ...(await import('../../shared/settings')).DEFAULT_SETTINGS, farmerFen: 50 });
    const accepted = await post(token(), submission(Q, [right]), { 'If-Match': ok.body.etag });
    expect(accepted.status).toBe(201);
    await env.DB.prepare('DELETE FROM settings').run();
  });
});

describe('hostile and malformed bodies get clear 4xx and change nothing', () => {
  const token = () => s.tokens['clerk@JT-01']!;
  const valid = () => submission('2026Q2', members('2026Q2', 800, 2));
  const cases: [string, () => { raw?: string; body?: unknown; headers?: Record<string, string> }, number, string][] = [
    ['not JSON', () => ({ raw: '{"quarter": "2026Q2", ', headers: { 'Content-Type': 'application/json' } }), 400, 'MALFORMED_JSON'],
    ['a form body', () => ({ raw: JSON.stringify(valid()), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['JSON without a content type', () => ({ raw: JSON.stringify(valid()) }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no body at all', () => ({}), 400, 'VALIDATION_FAILED'],
    ['a JSON array', () => ({ body: [1, 2, 3] }), 400, 'VALIDATION_FAILED'],
    ['wrong types', () => ({ body: { ...valid(), members: 'everyone' } }), 400, 'VALIDATION_FAILED'],
    ['a string amount', () => { const b = valid() as unknown as { members: { months: { dueFen: unknown }[] }[] }; b.members[0]!.months[0]!.dueFen = '15.00'; return { body: b }; }, 400, 'VALIDATION_FAILED'],
    ['a negative amount', () => { const b = valid(); b.members[0]!.months[0]!.paidFen = -100; return { body: b }; }, 400, 'VALIDATION_FAILED'],
    ['a fractional 分', () => { const b = valid(); b.members[0]!.months[0]!.paidFen = 100.5; return { body: b }; }, 400, 'VALIDATION_FAILED'],
    ['a 100k-character name', () => { const b = valid(); b.members[0]!.name = '名'.repeat(100_000); return { body: b }; }, 400, 'VALIDATION_FAILED'],
    ['a bad quarter', () => ({ body: { ...valid(), quarter: "2026Q3'; DROP TABLE submissions; --" } }), 400, 'VALIDATION_FAILED'],
    ['a huge number', () => { const b = valid(); b.totals.dueFen = 1e300; return { body: b }; }, 400, 'VALIDATION_FAILED'],
    ['an unknown finding code', () => ({ body: { ...valid(), findings: [{ code: 'ID_CHECKSUM_X', severity: 'warning', sheet: 's', cell: 'A1', message: 'm' }] } }), 400, 'VALIDATION_FAILED'],
    ['an error-severity finding', () => ({ body: { ...valid(), findings: [{ code: 'ID_CHECKSUM', severity: 'error', sheet: 's', cell: 'A1', message: 'm' }] } }), 400, 'VALIDATION_FAILED'],
    ['a bad Idempotency-Key', () => ({ body: valid(), headers: { 'Idempotency-Key': 'x'.repeat(300) } }), 400, 'VALIDATION_FAILED'],
  ];
  for (const [what, make, status, code] of cases) {
    it(`${what} → ${status} ${code}`, async () => {
      const before = await tableCounts();
      const r = await call('POST', '/api/submissions', { token: token(), ...make() });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(typeof r.body.error.message).toBe('string');
      expect(await tableCounts()).toEqual(before);
    });
  }

  it('stores SQL in strings as plain text', async () => {
    const b = valid();
    b.members[0]!.name = "Robert'); DROP TABLE orgs;--";
    b.note = "'; DELETE FROM submissions; --";
    const r = await call('POST', '/api/submissions', { token: token(), body: b });
    expect(r.status).toBe(201);
    const row = await env.DB.prepare('SELECT name FROM submission_members WHERE name LIKE ?').bind('Robert%').first<{ name: string }>();
    expect(row?.name).toBe("Robert'); DROP TABLE orgs;--");
    expect((await tableCounts()).orgs).toBe(9);
  });

  it('refuses a body over 5 MB by its size (413), declared or not', async () => {
    const before = await tableCounts();
    const big = JSON.stringify({ ...valid(), note: 'x'.repeat(6 * 1024 * 1024) });
    const r = await call('POST', '/api/submissions', { token: token(), raw: big, headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // A stream with no Content-Length: counted as it arrives.
    const enc = new TextEncoder().encode(big);
    const stream = new ReadableStream({ start(c) { for (let i = 0; i < enc.length; i += 65536) c.enqueue(enc.slice(i, i + 65536)); c.close(); } });
    const r2 = await call('POST', '/api/submissions', { token: token(), raw: stream, headers: { 'Content-Type': 'application/json' } });
    expect(r2.status).toBe(413);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('locks', () => {
  it('a locked quarter refuses submissions (423) until unlocked', async () => {
    const fin = s.tokens['finance@JT']!;
    const clerk = s.tokens['clerk@JT-ZZ1-02']!;
    expect((await call('PUT', '/api/locks/JT-ZZ1/2023Q1', { token: fin, body: { note: '截止' } })).status).toBe(200);
    const before = await tableCounts();
    const r = await post(clerk, submission('2023Q1', members('2023Q1', 900, 2)));
    expect(r.status).toBe(423);
    expect(r.body.error.code).toBe('QUARTER_LOCKED');
    expect(await tableCounts()).toEqual(before);
    expect((await call('DELETE', '/api/locks/JT-ZZ1/2023Q1', { token: fin })).status).toBe(200);
    expect((await post(clerk, submission('2023Q1', members('2023Q1', 900, 2)))).status).toBe(201);
  });
});

describe('atomicity', () => {
  it('a batch that fails at its last statement leaves no trace', async () => {
    // Force a failure inside the batch: the audit event, written after the revision, its member
    // rows, the roll-up row and the idempotency record, aborts.
    await env.DB.prepare("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'forced failure'); END").run();
    const token = s.tokens['clerk@JT-ZZ2-02']!;
    const before = await tableCounts();
    const r = await post(token, submission('2026Q2', members('2026Q2', 1000, 50)), { 'Idempotency-Key': 'atomic-1' });
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('INTERNAL');
    expect(await tableCounts()).toEqual(before);
    await env.DB.prepare('DROP TRIGGER fail_audit').run();
    // The same key then works, as if the failed attempt never happened.
    const ok = await post(token, submission('2026Q2', members('2026Q2', 1000, 50)), { 'Idempotency-Key': 'atomic-1' });
    expect(ok.status).toBe(201);
    expect(ok.body.revision).toBe(1);
  });

  it('a constraint failure in the member rows rolls back the revision too', async () => {
    await env.DB.prepare("CREATE TRIGGER fail_members BEFORE INSERT ON submission_members WHEN NEW.idx = 7 BEGIN SELECT RAISE(ABORT, 'forced failure'); END").run();
    const before = await tableCounts();
    const r = await post(s.tokens['clerk@JT-ZZ2-02']!, submission('2026Q1', members('2026Q1', 1100, 20)));
    expect(r.status).toBe(500);
    expect(await tableCounts()).toEqual(before);
    await env.DB.prepare('DROP TRIGGER fail_members').run();
  });

  it('concurrent re-submissions from the same revision: one wins, the other gets 412', async () => {
    const token = s.tokens['clerk@JT-ZZ1-01']!;
    const cur = await call('GET', `/api/submissions/JT-ZZ1-01/${Q}`, { token });
    const etag = cur.body.current.etag as string;
    const [a, b] = await Promise.all([
      post(token, submission(Q, members(Q, 1200, 2)), { 'If-Match': etag }),
      post(token, submission(Q, members(Q, 1300, 3)), { 'If-Match': etag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 412]);
    const hist = await call('GET', `/api/submissions/JT-ZZ1-01/${Q}`, { token });
    expect(hist.body.revisions).toHaveLength(cur.body.revisions.length + 1);
  });
});

describe('a submission is bound to its branch', () => {
  it('refuses a body prepared for another branch (a queued entry sent under the wrong token), and writes nothing', async () => {
    const before = await tableCounts();
    const body = { ...submission('2024Q1', members('2024Q1', 3000, 2)), branchCode: 'JT-ZZ2-01' };
    const r = await post(s.tokens['clerk@JT-01']!, body);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('INVALID_REQUEST');
    expect(r.body.error.message).toMatch(/JT-ZZ2-01/);
    expect(await tableCounts()).toEqual(before);
    const ok = await post(s.tokens['clerk@JT-01']!, { ...body, branchCode: 'JT-01' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});

describe('ID numbers written with separators or full-width digits', () => {
  const spaced = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
  const fullWidth = (id: string) => id.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  const hyphened = (id: string) => `${id.slice(0, 6)}-${id.slice(6, 10)}-${id.slice(10, 14)}-${id.slice(14)}`;

  it('are masked wherever free text is stored (warnings, notes, transfer notes, review notes)', async () => {
    const body = submission('2024Q2', members('2024Q2', 3100, 3));
    const raw = body.members[1]!.idNumber;
    const digits15 = `${raw.slice(0, 6)}${raw.slice(8, 17)}`;
    body.findings = [{ code: 'ID_NORMALISABLE', severity: 'warning', sheet: '花名册', cell: 'D3', message: `身份证号 ${spaced(raw)} 有空格` }];
    body.note = `补录 ${fullWidth(raw)}；旧号 ${digits15.slice(0, 6)} ${digits15.slice(6)}`;
    body.members[2]!.transferNote = `转入，原号 ${hyphened(raw)}`;
    const r = await post(s.tokens['clerk@JT-ZZ2-03']!, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const rev = await call('POST', '/api/submissions/JT-ZZ2-03/2024Q2/return', { token: s.tokens['finance@JT']!, body: { revision: 1, note: `请核对 ${spaced(raw)} 的缴费` } });
    expect(rev.status).toBe(200);
    const dump = JSON.stringify(await env.DB.batch(['submissions', 'submission_members', 'idempotency', 'audit_events', 'reviews'].map((t) => env.DB.prepare(`SELECT * FROM ${t}`))));
    // Whatever the spelling, the birth date and sequence (digits 7–14) are gone.
    const middle = raw.slice(6, 14);
    for (const form of [raw, spaced(raw), fullWidth(raw), hyphened(raw), middle, fullWidth(middle), digits15.slice(6)]) expect(dump).not.toContain(form);
    const masked = `${raw.slice(0, 6)}********${raw.slice(-4)}`;
    const revision = await call('GET', '/api/submissions/JT-ZZ2-03/2024Q2/revisions/1', { token: s.tokens['finance@JT']! });
    expect(revision.body.findings[0].message).toBe(`身份证号 ${masked} 有空格`);
    expect(revision.body.note).toBe(`补录 ${masked}；旧号 ${digits15.slice(0, 6)}*****${digits15.slice(-4)}`);
    expect(revision.body.reviews[0].note).toBe(`请核对 ${masked} 的缴费`);
  });

  it('a name that is or holds an ID number is refused (it would be printed on the 公示 sheet)', async () => {
    for (const bad of ['李四 320106 19940118 3514', fullWidth('320106199401183514'), '王五110105194912310021', '赵六 320106-1994']) {
      const body = submission('2024Q3', [member('2024Q3', { n: 3200, name: bad })]);
      const r = await post(s.tokens['clerk@JT-ZZ2-03']!, body);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.body.error.details)).toMatch(/members\.0\.name/);
    }
    // Ordinary names with a digit or two stay fine.
    expect((await post(s.tokens['clerk@JT-ZZ2-03']!, submission('2024Q3', [member('2024Q3', { n: 3200, name: '张三2' })]))).status).toBe(201);
  });
});

describe('dates are dates, and fit the quarter', () => {
  const codes = (r: { body: { error: { details?: unknown } } }) => JSON.stringify(r.body.error.details);

  it('refuses dates not on the calendar (400)', async () => {
    const clerk = s.tokens['clerk@JT-ZZ2-03']!;
    const bad = [
      { ...submission('2024Q4', members('2024Q4', 3300, 1)), reportDate: '2025-13-45' },
      submission('2024Q4', [{ ...member('2024Q4', { n: 3300 }), joinDate: '1990-02-31' }]),
      { ...submission('2024Q4', members('2024Q4', 3300, 1)), reportDate: '2025-02-29' },
    ];
    for (const body of bad) {
      const r = await post(clerk, body);
      expect(r.status).toBe(400);
      expect(codes(r)).toMatch(/not a date on the calendar/);
    }
  });

  it('refuses a quarter not begun, a report date in the future or years late, and a member joining after the quarter (422)', async () => {
    const clerk = s.tokens['clerk@JT-ZZ2-03']!;
    const before = await tableCounts();
    const cases: [unknown, string][] = [
      [submission('2099Q1', members('2099Q1', 3300, 1)), 'QUARTER_IN_FUTURE'],
      [{ ...submission('2024Q4', members('2024Q4', 3300, 1)), reportDate: '2098-01-05' }, 'REPORT_DATE_FUTURE'],
      [{ ...submission('2020Q4', members('2020Q4', 3300, 1)), reportDate: '2024-01-05' }, 'REPORT_DATE_LATE'],
      [submission('2024Q4', [member('2024Q4', { n: 3300, joinDate: '2025-03-01' })]), 'JOIN_AFTER_QUARTER'],
      [submission('2024Q4', [member('2024Q4', { n: 3300, joinDate: '1899-01-01' })]), 'JOIN_DATE_INVALID'],
    ];
    for (const [body, code] of cases) {
      const r = await post(clerk, body);
      expect(r.status, code).toBe(422);
      expect(r.body.error.details.errors.map((e: { code: string }) => e.code)).toContain(code);
    }
    expect(await tableCounts()).toEqual(before);
    // A report dated within a year after its quarter is fine (a late submission).
    expect((await post(clerk, { ...submission('2024Q4', members('2024Q4', 3300, 1)), reportDate: '2025-06-30' })).status).toBe(201);
  });
});

describe('the member limit and the body limit agree', () => {
  it('10,000 members fit in 5 MB and are accepted; 10,001 are refused with the limit named', async () => {
    const Q4 = '2023Q4';
    // Names of four to six characters, every tenth member with a transfer note.
    const long = (n: number) => member(Q4, { n, name: `欧阳${'某'.repeat(n % 3)}${String.fromCharCode(0x4e00 + (n % 500))}${String.fromCharCode(0x4e00 + (n % 97))}`, ...(n % 10 ? {} : { transferNote: '转入：原单位某某市某某局机关第一党支部，2023年10月转入' }) });
    const big = submission(Q4, Array.from({ length: 10_000 }, (_, i) => long(20_000 + i)));
    const bytes = new TextEncoder().encode(JSON.stringify(big)).length;
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    const r = await post(s.tokens['clerk@JT-ZZ2-02']!, big);
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
    const over = submission(Q4, Array.from({ length: 10_001 }, (_, i) => member(Q4, { n: 40_000 + i })));
    const refused = await post(s.tokens['clerk@JT-ZZ2-02']!, over);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.details)).toMatch(/at most 10,000 members/);
  });

  it('a body over 5 MB says both limits', async () => {
    const r = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-ZZ2-02']!, raw: 'x'.repeat(5 * 1024 * 1024 + 1), headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(413);
    expect(r.body.error.message).toMatch(/5 MB.*10,000 members/);
  });
});
