// 上缴 routes: shares are effective-dated rows a 党委 adds and never edits; 应上缴 per level equals
// the share arithmetic over the roll-up's own quarter figures; remittances are recorded with date,
// amount and voucher and the outstanding follows; roles, subtree, hostile input, nothing half-written.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { shareOfFen } from '../../../shared/accounts/rounding';
import { call } from '../helpers';
import { Y, moneyCounts, rollupPaid, seedMoneyYear } from '../money-fixture';

let s: Awaited<ReturnType<typeof seedMoneyYear>>;
const tok = (k: string) => s.tokens[k]!;
const fin = () => tok('finance@JT');

beforeAll(async () => {
  s = await seedMoneyYear();
});

describe('who may', () => {
  it('finance and admin of the 党委 only; a 总支 or 支部, a leader or a clerk get 403; no token 401', async () => {
    for (const k of ['finance@JT', 'admin@JT']) expect((await call('GET', '/api/remittances/shares', { token: tok(k) })).status).toBe(200);
    for (const k of ['leader@JT', 'finance@JT-ZZ1', 'admin@JT-ZZ1', 'finance@JT-01', 'clerk@JT-01', 'leader@JT-ZZ2']) {
      for (const [m, p, body] of [
        ['GET', '/api/remittances/shares', undefined], ['POST', '/api/remittances/shares', { level: '县委', rateBp: 500, from: `${Y}Q1` }],
        ['GET', `/api/remittances/${Y}`, undefined], ['POST', `/api/remittances/${Y}`, { level: '县委', paidOn: `${Y}-06-01`, amountFen: 1, voucher: 'X' }],
      ] as const) {
        const r = await call(m, p, { token: tok(k), ...(body ? { body } : {}) });
        expect(r.status, `${k} ${m} ${p}`).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
      }
    }
    expect((await call('GET', '/api/remittances/shares')).status).toBe(401);
  });
});

describe('shares', () => {
  it('adds dated rows, lists them oldest first, and refuses a row at or before a level’s latest', async () => {
    const before = await moneyCounts();
    const a = await call('POST', '/api/remittances/shares', { token: fin(), body: { level: '市委', rateBp: 1000, from: `${Y}Q1`, basis: '某组通〔2020〕1号' } });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ level: '市委', rateBp: 1000, from: `${Y}Q1`, dueMonthDay: '04-30', basis: '某组通〔2020〕1号' });
    const b = await call('POST', '/api/remittances/shares', { token: tok('admin@JT'), body: { level: '市委', rateBp: 1500, from: `${Y}Q3`, dueMonthDay: '03-31' } });
    expect(b.status).toBe(201);
    const c = await call('POST', '/api/remittances/shares', { token: fin(), body: { level: '中央', rateBp: 500, from: `${Number(Y) - 1}Q1` } });
    expect(c.status).toBe(201);
    // Each added row is one audit event, in the same batch.
    const after = await moneyCounts();
    expect(after.remittance_shares - before.remittance_shares).toBe(3);
    expect(after.audit_events - before.audit_events).toBe(3);
    const ev = await env.DB.prepare("SELECT content FROM audit_events WHERE action = 'remittance.share' ORDER BY seq DESC LIMIT 1").first<{ content: string }>();
    expect(JSON.parse(ev!.content).details).toMatchObject({ level: '中央', rateBp: 500 });

    for (const from of [`${Y}Q3`, `${Y}Q2`]) {
      const r = await call('POST', '/api/remittances/shares', { token: fin(), body: { level: '市委', rateBp: 900, from } });
      expect(r.status).toBe(409);
      expect(r.body.error.message).toMatch(/never edited/);
    }
    expect(await moneyCounts()).toEqual(after);
    const list = await call('GET', '/api/remittances/shares', { token: fin() });
    expect(list.body.shares.map((x: { level: string; from: string }) => `${x.level}@${x.from}`)).toEqual([`中央@${Number(Y) - 1}Q1`, `市委@${Y}Q1`, `市委@${Y}Q3`]);
  });

  it('the database itself refuses to edit or delete a share row', async () => {
    await expect(env.DB.prepare('UPDATE remittance_shares SET rate_bp = 1').run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM remittance_shares').run()).rejects.toThrow(/append-only/);
  });

  it('hostile bodies are refused with the field named, and nothing is written', async () => {
    const before = await moneyCounts();
    for (const body of [
      { level: '市委', rateBp: 10001, from: `${Number(Y) + 5}Q1` },
      { level: '市委', rateBp: -1, from: `${Number(Y) + 5}Q1` },
      { level: '市委', rateBp: 12.5, from: `${Number(Y) + 5}Q1` },
      { level: '', rateBp: 100, from: `${Number(Y) + 5}Q1` },
      { level: '市\u0000委', rateBp: 100, from: `${Number(Y) + 5}Q1` },
      { level: '市委', rateBp: 100, from: `${Y}-01-01` },
      { level: '市委', rateBp: 100, from: `${Number(Y) + 5}Q1`, dueMonthDay: '02-30' },
      { level: 'x'.repeat(51), rateBp: 100, from: `${Number(Y) + 5}Q1` },
    ]) {
      const r = await call('POST', '/api/remittances/shares', { token: fin(), body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await call('POST', '/api/remittances/shares', { token: fin(), raw: 'rateBp=1', headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
    expect((await call('POST', '/api/remittances/shares', { token: fin(), raw: '{"level":', headers: { 'Content-Type': 'application/json' } })).status).toBe(400);
    expect(await moneyCounts()).toEqual(before);
  });
});

describe('the year: 应上缴, remittances, outstanding', () => {
  it('应上缴 per level is the share of the roll-up’s own 实交, split where the share changed, exact to the 分', async () => {
    const q = await Promise.all([1, 2, 3, 4].map((n) => rollupPaid(fin(), n)));
    const r = await call('GET', `/api/remittances/${Y}`, { token: fin() });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const city = r.body.shares.levels.find((l: { level: string }) => l.level === '市委');
    expect(city.dueFen).toBe(shareOfFen(q[0]! + q[1]!, 1000) + shareOfFen(q[2]! + q[3]!, 1500));
    expect(city.dueBy).toBe(`${Number(Y) + 1}-03-31`);
    const centre = r.body.shares.levels.find((l: { level: string }) => l.level === '中央');
    expect(centre.dueFen).toBe(shareOfFen(q[0]! + q[1]! + q[2]! + q[3]!, 500));
    expect(r.body.shares.collectedFen).toBe(q.reduce((t, x) => t + x, 0));
    expect(r.body.shares.keptFen).toBe(r.body.shares.collectedFen - city.dueFen - centre.dueFen);
    // 大额党费: 1,500 + 1,000 + 2,000 yuan in JT (XX's 3,000 is not ours), its own line to 中央.
    expect(r.body.largeFen).toBe(450000);
    // The year roll-up at the 党委 says the same.
    const roll = await call('GET', `/api/rollups/${Y}`, { token: fin() });
    expect(roll.body.remittance).toEqual({ ...r.body.shares, largeFen: 450000 });
    expect(roll.body.figures.largeFen).toBe(450000);
    expect(roll.body.figures.paidFen).toBe(r.body.shares.collectedFen);
  });

  it('records remittances and shows what is outstanding and by when', async () => {
    const before = await moneyCounts();
    const a = await call('POST', `/api/remittances/${Y}`, { token: fin(), body: { level: '市委', paidOn: `${Y}-07-15`, amountFen: 1000, voucher: '记-2001', note: '上半年' } });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ year: Y, level: '市委', kind: 'share', paidOn: `${Y}-07-15`, amountFen: 1000, voucher: '记-2001', note: '上半年' });
    const b = await call('POST', `/api/remittances/${Y}`, { token: tok('admin@JT'), body: { level: '中央', kind: 'large', paidOn: `${Y}-12-20`, amountFen: 450000, voucher: '记-2002' } });
    expect(b.status).toBe(201);
    expect(await moneyCounts()).toMatchObject({ remittances: before.remittances + 2, audit_events: before.audit_events + 2 });
    const st = await call('GET', `/api/remittances/${Y}`, { token: fin() });
    const city = st.body.lines.find((l: { level: string; kind: string }) => l.level === '市委' && l.kind === 'share');
    const due = st.body.shares.levels.find((l: { level: string }) => l.level === '市委').dueFen as number;
    expect(city).toEqual({ level: '市委', kind: 'share', dueFen: due, remittedFen: 1000, outstandingFen: due - 1000, overpaidFen: 0, dueBy: `${Number(Y) + 1}-03-31`, overdue: st.body.today > `${Number(Y) + 1}-03-31` });
    expect(st.body.lines.find((l: { kind: string }) => l.kind === 'large')).toMatchObject({ level: '中央', dueFen: 450000, remittedFen: 450000, outstandingFen: 0 });
    expect(st.body.remittances.map((x: { voucher: string }) => x.voucher)).toEqual(['记-2001', '记-2002']);
  });

  it('refuses a voucher twice, a level with no share, 大额党费 to anyone but 中央, dates outside the year or ahead — writing nothing', async () => {
    const before = await moneyCounts();
    const bad: [unknown, number, RegExp][] = [
      [{ level: '市委', paidOn: `${Y}-08-01`, amountFen: 5, voucher: '记-2001' }, 409, /already recorded/],
      [{ level: '县委', paidOn: `${Y}-08-01`, amountFen: 5, voucher: 'N1' }, 422, /no 上缴 share names 县委/],
      [{ level: '市委', kind: 'large', paidOn: `${Y}-08-01`, amountFen: 5, voucher: 'N2' }, 422, /中央/],
      [{ level: '市委', paidOn: `${Number(Y) - 1}-12-31`, amountFen: 5, voucher: 'N3' }, 422, /paid in/],
      [{ level: '市委', paidOn: `${Number(Y) + 2}-01-01`, amountFen: 5, voucher: 'N4' }, 422, /after today/],
      [{ level: '市委', paidOn: `${Y}-08-01`, amountFen: 0, voucher: 'N5' }, 400, /schema/],
      [{ level: '市委', paidOn: `${Y}-08-01`, amountFen: 5.5, voucher: 'N6' }, 400, /schema/],
      [{ level: '市委', paidOn: `${Y}-08-01`, amountFen: 5, voucher: '记\n2003' }, 400, /schema/],
      [{ level: '市委', paidOn: `${Y}-02-30`, amountFen: 5, voucher: 'N7' }, 400, /schema/],
      [{ level: '市委', paidOn: `${Y}-08-01`, amountFen: 5, voucher: 'N8', kind: 'gift' }, 400, /schema/],
    ];
    for (const [body, status, msg] of bad) {
      const r = await call('POST', `/api/remittances/${Y}`, { token: fin(), body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.message, JSON.stringify(body)).toMatch(msg);
    }
    for (const year of ['2007', String(new Date().getUTCFullYear() + 1)]) {
      expect((await call('GET', `/api/remittances/${year}`, { token: fin() })).status).toBe(422);
    }
    expect((await call('GET', '/api/remittances/26', { token: fin() })).status).toBe(400);
    expect(await moneyCounts()).toEqual(before);
    await expect(env.DB.prepare('UPDATE remittances SET amount_fen = 1').run()).rejects.toThrow(/append-only/);
  });

  it('another committee sees only its own: no shares, its own 大额党费, none of JT’s remittances', async () => {
    const xf = s.xx.tokens['finance@XX']!;
    expect((await call('GET', '/api/remittances/shares', { token: xf })).body).toEqual({ committee: 'XX', shares: [] });
    const st = await call('GET', `/api/remittances/${Y}`, { token: xf });
    expect(st.body).toMatchObject({ committee: 'XX', largeFen: 1200000, remittances: [] });
    expect(st.body.shares.levels).toEqual([]);
    // The same voucher number is XX's own to use.
    const r = await call('POST', `/api/remittances/${Y}`, { token: xf, body: { level: '中央', kind: 'large', paidOn: `${Y}-12-01`, amountFen: 1, voucher: '记-2001' } });
    expect(r.status).toBe(201);
  });
});
