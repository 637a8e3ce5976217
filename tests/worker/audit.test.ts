// The audit log: every change is an event, the log refuses updates and deletes, the hash chain
// verifies, and tampering (with the guard triggers removed) is found at the event tampered with.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { JT_TREE, call, members, seed, submission, type Seeded } from './helpers';

let s: Seeded;
/** A second committee in the same database (seeded by the concurrency test). */
let other: Seeded;
const Q = '2026Q3';

beforeAll(async () => {
  s = await seed(JT_TREE, [{ orgCode: 'JT', role: 'admin' }, { orgCode: 'JT', role: 'finance' }, { orgCode: 'JT-01', role: 'clerk' }, { orgCode: 'JT-ZZ1', role: 'finance' }]);
  const admin = s.tokens['admin@JT'];
  const fin = s.tokens['finance@JT'];
  const r = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], body: submission(Q, members(Q, 1, 3)) });
  expect(r.status).toBe(201);
  expect((await call('POST', `/api/submissions/JT-01/${Q}/return`, { token: fin, body: { revision: 1, note: '缺少两人' } })).status).toBe(200);
  expect((await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], body: submission(Q, members(Q, 1, 5)), headers: { 'If-Match': '1' } })).status).toBe(201);
  expect((await call('POST', `/api/submissions/JT-01/${Q}/confirm`, { token: fin, body: { revision: 2 } })).status).toBe(200);
  expect((await call('PUT', `/api/locks/JT/${Q}`, { token: fin })).status).toBe(200);
  expect((await call('DELETE', `/api/locks/JT/${Q}`, { token: fin })).status).toBe(200);
  const t = await call('POST', '/api/tokens', { token: admin, body: { orgCode: 'JT-ZZ1', role: 'leader' } });
  expect((await call('DELETE', `/api/tokens/${t.body.id}`, { token: admin })).status).toBe(200);
  expect((await call('POST', '/api/orgs', { token: admin, body: { code: 'JT-ZZ1-03', name: '机关第三党支部', kind: '党支部', parentCode: 'JT-ZZ1' } })).status).toBe(201);
  expect((await call('PUT', '/api/settings', { token: admin, body: { rounding: 'jiao' } })).status).toBe(200);
});

describe('audit log', () => {
  it('records every submission, review, lock, unlock, token, org and settings change, in order', async () => {
    const r = await call('GET', '/api/audit', { token: s.tokens['admin@JT'] });
    expect(r.status).toBe(200);
    expect(r.body.map((e: { action: string }) => e.action)).toEqual([
      'submission.create', 'submission.return', 'submission.create', 'submission.confirm', 'quarter.lock', 'quarter.unlock',
      'token.issue', 'token.revoke', 'org.create', 'settings.update',
    ]);
    expect(r.body[1]).toMatchObject({ role: 'finance', orgCode: 'JT-01', quarter: Q, details: { revision: 1, note: '缺少两人' } });
    // Chained: each event names the previous one's hash.
    for (let i = 1; i < r.body.length; i++) expect(r.body[i].prevHash).toBe(r.body[i - 1].hash);
    // A finance of 总支1 sees only events about its subtree (the org it gained, the tokens of it).
    const narrow = await call('GET', '/api/audit', { token: s.tokens['finance@JT-ZZ1'] });
    expect(narrow.body.map((e: { action: string }) => e.action)).toEqual(['token.issue', 'token.revoke', 'org.create']);
  });

  it('verifies, and refuses updates and deletes', async () => {
    const v = await call('GET', '/api/audit/verify', { token: s.tokens['finance@JT'] });
    expect(v.body).toMatchObject({ ok: true, events: 10 });
    await expect(env.DB.prepare("UPDATE audit_events SET content = 'x' WHERE seq = 3").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM audit_events WHERE seq = 10').run()).rejects.toThrow(/append-only/);
  });

  it('finds tampering at the event tampered with, even when someone removes the guards', async () => {
    await env.DB.prepare('DROP TRIGGER audit_events_no_update').run();
    const row = await env.DB.prepare('SELECT content FROM audit_events WHERE seq = 4').first<{ content: string }>();
    await env.DB.prepare('UPDATE audit_events SET content = ? WHERE seq = 4').bind(row!.content.replace('"revision":2', '"revision":1')).run();
    const v = await call('GET', '/api/audit/verify', { token: s.tokens['admin@JT'] });
    expect(v.body).toMatchObject({ ok: false, brokenAt: 4, events: 3 });
    // Re-hashing the tampered event does not help: the next one's link breaks instead.
    await env.DB.prepare('UPDATE audit_events SET content = ? WHERE seq = 4').bind(row!.content).run();
    expect((await call('GET', '/api/audit/verify', { token: s.tokens['admin@JT'] })).body.ok).toBe(true);
    // The listed columns are covered too: an event relabelled in place is found.
    await env.DB.prepare("UPDATE audit_events SET action = 'submission.confirm' WHERE seq = 2").run();
    expect((await call('GET', '/api/audit/verify', { token: s.tokens['admin@JT'] })).body).toMatchObject({ ok: false, brokenAt: 2 });
    await env.DB.prepare("UPDATE audit_events SET action = 'submission.return', org_id = ? WHERE seq = 2").bind(s.orgIds.get('JT-ZZ1')).run();
    expect((await call('GET', '/api/audit/verify', { token: s.tokens['admin@JT'] })).body).toMatchObject({ ok: false, brokenAt: 2 });
    await env.DB.prepare('UPDATE audit_events SET org_id = ? WHERE seq = 2').bind(s.orgIds.get('JT-01')).run();
    expect((await call('GET', '/api/audit/verify', { token: s.tokens['admin@JT'] })).body.ok).toBe(true);
    await env.DB.prepare('UPDATE audit_events SET hash = ? WHERE seq = 6').bind('1'.repeat(64)).run();
    const v2 = await call('GET', '/api/audit/verify', { token: s.tokens['admin@JT'] });
    expect(v2.body).toMatchObject({ ok: false, brokenAt: 6 });
  });

  it('concurrent writers never fork the chain, and never fail for it', async () => {
    // Start from an empty log (the previous test broke this one on purpose).
    await env.DB.prepare('DROP TRIGGER audit_events_no_delete').run();
    await env.DB.prepare('DELETE FROM audit_events').run();
    const fin = s.tokens['finance@JT'];
    const qs = ['2030Q1', '2030Q2', '2030Q3', '2030Q4', '2031Q1', '2031Q2', '2031Q3', '2031Q4'];
    const rs = await Promise.all(qs.map((q) => call('PUT', `/api/locks/JT/${q}`, { token: fin })));
    expect(rs.map((r) => r.status)).toEqual(qs.map(() => 200));
    const v = await call('GET', '/api/audit/verify', { token: fin });
    expect(v.body).toMatchObject({ ok: true, events: 8 });
    // Twenty branches submitting at once: every one accepted, one unbroken chain.
    const branches = Array.from({ length: 20 }, (_, i) => `C-${i}`);
    const c = await seed({ code: 'C', name: '并发党委', kind: '党委', children: branches.map((b) => ({ code: b, name: b, kind: '党支部' as const })) },
      [...branches.map((b) => ({ orgCode: b, role: 'clerk' as const })), { orgCode: 'C', role: 'finance' as const }]);
    other = c;
    const subs = await Promise.all(branches.map((b, i) => call('POST', '/api/submissions', { token: c.tokens[`clerk@${b}`], body: submission(Q, members(Q, 5000 + i * 20, 10)) })));
    expect(subs.map((r) => r.status)).toEqual(branches.map(() => 201));
    // One chain of 28 events: each committee's verification walks all of it, and counts its own.
    expect((await call('GET', '/api/audit/verify', { token: c.tokens['finance@C'] })).body).toMatchObject({ ok: true, events: 20 });
    expect((await call('GET', '/api/audit/verify', { token: fin })).body).toMatchObject({ ok: true, events: 8 });
  });
});

describe('verifying the chain is scoped to your subtree', () => {
  // The chain is global (one per database, which may hold several committees), so it is walked
  // whole; the answer speaks only of events about the caller's subtree, like GET /api/audit.
  it('counts only your events, and names your own head, not another committee\'s', async () => {
    const jt = await call('GET', '/api/audit/verify', { token: s.tokens['finance@JT'] });
    const c = await call('GET', '/api/audit/verify', { token: other.tokens['finance@C'] });
    const all = (await env.DB.prepare('SELECT seq, hash, org_id FROM audit_events ORDER BY seq').all<{ seq: number; hash: string; org_id: number }>()).results;
    const cIds = new Set([...other.orgIds.values()]);
    const lastOf = (mine: (r: { org_id: number }) => boolean) => all.filter(mine).at(-1)!.hash;
    expect(jt.body).toMatchObject({ ok: true, events: 8, head: lastOf((r) => !cIds.has(r.org_id)), scope: 'JT', pending: 0, legacy: 0 });
    expect(c.body).toMatchObject({ ok: true, events: 20, head: lastOf((r) => cIds.has(r.org_id)), scope: 'C' });
    expect(jt.body.head).not.toBe(all.at(-1)!.hash);
    // The anchor is the committee's own head, never another committee's.
    const lastJt = all.filter((r) => !cIds.has(r.org_id)).at(-1)!;
    expect(jt.body.anchor).toBe(`${lastJt.seq}:${lastJt.hash}`);
    // A 总支 with no events of its own learns nothing of its subtree's neighbours.
    expect((await call('GET', '/api/audit/verify', { token: s.tokens['finance@JT-ZZ1'] })).body).toMatchObject({ ok: true, events: 0, head: '0'.repeat(64), scope: 'JT-ZZ1' });
  });

  it('a break in another committee\'s chain does not touch yours (one chain per committee)', async () => {
    const cEvent = (await env.DB.prepare('SELECT seq, content FROM audit_events WHERE org_id = ? ORDER BY seq LIMIT 1').bind(other.orgIds.get('C-3')).first<{ seq: number; content: string }>())!;
    await env.DB.prepare('UPDATE audit_events SET content = ? WHERE seq = ?').bind(cEvent.content.replace('"members":10', '"members":11'), cEvent.seq).run();
    const c = await call('GET', '/api/audit/verify', { token: other.tokens['finance@C'] });
    expect(c.body).toMatchObject({ ok: false, brokenAt: cEvent.seq });
    const jt = await call('GET', '/api/audit/verify', { token: s.tokens['finance@JT'] });
    expect(jt.body).toMatchObject({ ok: true, events: 8 });
    await env.DB.prepare('UPDATE audit_events SET content = ? WHERE seq = ?').bind(cEvent.content, cEvent.seq).run();
  });
});

describe('the chain is keyed with a secret the database does not hold', () => {
  // The guard triggers were dropped above: these tests play someone who can write the database
  // (and knows the algorithm) but not AUDIT_HMAC_KEY.
  const fin = () => s.tokens['finance@JT']!;
  const verify = async (anchor?: string) => (await call('GET', `/api/audit/verify${anchor ? `?anchor=${anchor}` : ''}`, { token: fin() })).body;
  const sha = async (text: string) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const jtRoot = () => s.orgIds.get('JT')!;
  const lock = async (q: string) => expect((await call('PUT', `/api/locks/JT/${q}`, { token: fin() })).status).toBe(200);

  it('an event edited and the chain recomputed after it is found at the edited event', async () => {
    await lock('2032Q1');
    await lock('2032Q2');
    expect(await verify()).toMatchObject({ ok: true });
    const rows = (await env.DB.prepare('SELECT seq, content, prev_hash FROM audit_events WHERE root_id = ? ORDER BY seq').bind(jtRoot()).all<{ seq: number; content: string; prev_hash: string }>()).results;
    const target = rows.at(-2)!;
    const saved = await env.DB.prepare('SELECT content, hash FROM audit_events WHERE seq >= ? AND root_id = ? ORDER BY seq').bind(target.seq, jtRoot()).all<{ content: string; hash: string }>();
    // Rewrite the quarter in the content and re-chain everything after it as the old (unkeyed) scheme would.
    let prev = target.prev_hash;
    for (const r of rows.filter((x) => x.seq >= target.seq)) {
      const content = r.seq === target.seq ? r.content.replace('2032Q1', '2032Q3') : r.content;
      const hash = await sha(`${prev}\n${content}`);
      await env.DB.prepare('UPDATE audit_events SET content = ?, quarter = ?, hash = ?, prev_hash = ? WHERE seq = ?')
        .bind(content, JSON.parse(content).quarter, hash, prev, r.seq).run();
      prev = hash;
    }
    expect(await verify()).toMatchObject({ ok: false, brokenAt: target.seq });
    // Put it back exactly.
    const originals = rows.filter((x) => x.seq >= target.seq);
    let p = target.prev_hash;
    for (let i = 0; i < originals.length; i++) {
      const o = saved.results[i]!;
      await env.DB.prepare('UPDATE audit_events SET content = ?, quarter = ?, hash = ?, prev_hash = ? WHERE seq = ?').bind(o.content, JSON.parse(o.content).quarter, o.hash, p, originals[i]!.seq).run();
      p = o.hash;
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('deleting the newest events is found against the head a client kept', async () => {
    await lock('2033Q1');
    const kept = (await verify()).anchor as string;
    expect(kept).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(await verify(kept)).toMatchObject({ ok: true });
    await lock('2033Q2');
    const later = await verify(kept);
    expect(later).toMatchObject({ ok: true });
    // Remove the newest two events (the lock of 2033Q2 and of 2033Q1): the chain alone still verifies…
    const newest = (await env.DB.prepare('SELECT seq FROM audit_events WHERE root_id = ? ORDER BY seq DESC LIMIT 2').bind(jtRoot()).all<{ seq: number }>()).results;
    for (const r of newest) await env.DB.prepare('DELETE FROM audit_events WHERE seq = ?').bind(r.seq).run();
    expect(await verify()).toMatchObject({ ok: true });
    // …but not against a head kept before: it is gone.
    expect(await verify(kept)).toMatchObject({ ok: false, reason: expect.stringMatching(/no longer in the chain/) });
    expect(await verify(later.anchor)).toMatchObject({ ok: false });
    // A malformed anchor is a 400.
    expect((await call('GET', '/api/audit/verify?anchor=x', { token: fin() })).status).toBe(400);
  });

  it('an event inserted into the database is never sealed — not by verify, not by the next write — and is named', async () => {
    const before = await verify();
    expect(before.ok).toBe(true);
    const content = JSON.stringify({ at: new Date().toISOString(), tokenId: null, role: 'finance', actorOrg: jtRoot(), action: 'quarter.unlock', orgId: jtRoot(), quarter: '2026Q3', details: {} });
    const { meta } = await env.DB.prepare("INSERT INTO audit_events (at, role, actor_org, action, org_id, quarter, content, root_id, mac) VALUES (?, 'finance', ?, 'quarter.unlock', ?, '2026Q3', ?, ?, ?)")
      .bind(JSON.parse(content).at, jtRoot(), jtRoot(), content, jtRoot(), 'f'.repeat(64)).run();
    const seq = meta.last_row_id;
    const v = await verify();
    expect(v).toMatchObject({ ok: false, brokenAt: seq });
    expect(v.reason).toMatch(/MAC/);
    await lock('2034Q1');
    const row = await env.DB.prepare('SELECT hash FROM audit_events WHERE seq = ?').bind(seq).first<{ hash: string | null }>();
    expect(row!.hash).toBeNull();
    expect(await verify()).toMatchObject({ ok: false, brokenAt: seq });
    await env.DB.prepare('DELETE FROM audit_events WHERE seq = ?').bind(seq).run();
  });

  it('verify never seals: an event written but not yet sealed stays pending', async () => {
    // Stand in for a write whose sealing was deferred: the app's own INSERT, no sealer after it.
    const { auditStatement } = await import('../../worker/src/audit');
    // (The lock written behind the forged event above was left unsealed; it counts here too.)
    const p0 = (await verify()).pending as number;
    const open0 = (await env.DB.prepare('SELECT COUNT(*) AS n FROM audit_events WHERE hash IS NULL').first<{ n: number }>())!.n;
    const auth = { tokenId: 1, role: 'finance' as const, org: { id: jtRoot(), code: 'JT', name: 'JT', kind: '党委' as const, parent_id: null, root_id: jtRoot(), path: `/${jtRoot()}/` } };
    await (await auditStatement(env, auth, { action: 'quarter.lock', orgId: jtRoot(), quarter: '2035Q1' }, new Date().toISOString())).run();
    const v1 = await verify();
    expect(v1).toMatchObject({ pending: p0 + 1 });
    expect(v1.ok).toBe(true);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM audit_events WHERE hash IS NULL').first<{ n: number }>())!.n).toBe(open0 + 1);
    // The next write seals it, in order.
    await lock('2035Q2');
    expect(await verify()).toMatchObject({ ok: true, pending: 0 });
  });
});
