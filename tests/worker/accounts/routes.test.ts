// The year's accounts: 上年结存 recorded or carried, 收缴 from the roll-up, 下拨, 利息, 上缴 paid in
// the year, each 使用 with its 第十九条 purpose and decision; the identity holds on the answer;
// roles, subtree, hostile input, nothing half-written, append-only.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { call } from '../helpers';
import { Y, moneyCounts, rollupPaid, seedMoneyYear } from '../money-fixture';

let s: Awaited<ReturnType<typeof seedMoneyYear>>;
const tok = (k: string) => s.tokens[k]!;
const fin = () => tok('finance@JT');
const PREV = String(Number(Y) - 1);
const entry = (year: string, body: Record<string, unknown>, token = fin()) => call('POST', `/api/accounts/${year}/entries`, { token, body });

beforeAll(async () => {
  s = await seedMoneyYear();
  const share = await call('POST', '/api/remittances/shares', { token: fin(), body: { level: '市委', rateBp: 1000, from: `${PREV}Q1` } });
  expect(share.status).toBe(201);
});

describe('who may', () => {
  it('finance and admin of the 党委; everyone else 403', async () => {
    for (const k of ['finance@JT', 'admin@JT']) expect((await call('GET', `/api/accounts/${Y}`, { token: tok(k) })).status).toBe(200);
    for (const k of ['leader@JT', 'finance@JT-ZZ1', 'admin@JT-ZZ2', 'clerk@JT-ZZ1-01', 'finance@JT-ZZ1-01']) {
      expect((await call('GET', `/api/accounts/${Y}`, { token: tok(k) })).status, k).toBe(403);
      expect((await entry(Y, { kind: 'interest', on: `${Y}-03-21`, amountFen: 1, voucher: 'no' }, tok(k))).status, k).toBe(403);
    }
    expect((await call('GET', `/api/accounts/${Y}`)).status).toBe(401);
  });
});

describe('the year’s 收支结存', () => {
  it('a year with only an opening balance and collections', async () => {
    const r = await entry(PREV, { kind: 'opening', on: `${PREV}-01-01`, amountFen: 1_000_000, voucher: 'KC-0' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const a = await call('GET', `/api/accounts/${PREV}`, { token: fin() });
    expect(a.body).toMatchObject({ openingSource: 'recorded', openingFen: 1_000_000, collectedFen: 0, closingFen: 1_000_000, identityHolds: true });
    expect((await entry(PREV, { kind: 'opening', on: `${PREV}-01-02`, amountFen: 5, voucher: 'KC-1' })).status).toBe(409);
  });

  it('records 下拨, 利息 and uses, carries last year’s 结存, and the identity holds to the 分', async () => {
    const before = await moneyCounts();
    const bodies = [
      { kind: 'allocation', on: `${Y}-03-10`, amountFen: 200_000, voucher: 'XB-1', source: '市委组织部', note: '慰问困难党员' },
      { kind: 'interest', on: `${Y}-06-21`, amountFen: 1_234, voucher: 'LX-1' },
      { kind: 'interest', on: `${Y}-12-21`, amountFen: 1_301, voucher: 'LX-2' },
      { kind: 'use', on: `${Y}-05-20`, amountFen: 300_000, voucher: 'SY-1', purpose: 'training', decidedOn: `${Y}-05-08`, note: '党员培训班' },
      { kind: 'use', on: `${Y}-06-28`, amountFen: 150_000, voucher: 'SY-2', purpose: 'hardship', decidedOn: `${Y}-06-15` },
      { kind: 'use', on: `${Y}-07-01`, amountFen: 99_999, voucher: 'SY-3', purpose: 'commendation', decidedOn: `${Y}-06-15` },
    ];
    for (const b of bodies) {
      const r = await entry(Y, b);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({ year: Y, kind: b.kind, on: b.on, amountFen: b.amountFen, voucher: b.voucher });
    }
    const rem = await call('POST', `/api/remittances/${PREV}`, { token: fin(), body: { level: '市委', paidOn: `${Y}-04-20`, amountFen: 77_777, voucher: 'SJ-1' } });
    expect(rem.status).toBe(201);
    const large = await call('POST', `/api/remittances/${Y}`, { token: fin(), body: { level: '中央', kind: 'large', paidOn: `${Y}-12-25`, amountFen: 400_000, voucher: 'SJ-2' } });
    expect(large.status).toBe(201);
    expect(await moneyCounts()).toMatchObject({ account_entries: before.account_entries + 6, remittances: before.remittances + 2, audit_events: before.audit_events + 8 });

    const collected = (await Promise.all([1, 2, 3, 4].map((n) => rollupPaid(fin(), n)))).reduce((t, x) => t + x, 0);
    const a = (await call('GET', `/api/accounts/${Y}`, { token: fin() })).body;
    expect(a).toMatchObject({
      committee: 'JT', year: Y, openingSource: 'carried', openingFen: 1_000_000, collectedFen: collected,
      allocatedFen: 200_000, interestFen: 2_535, remittedFen: 77_777, usedFen: 549_999, identityHolds: true, negative: false,
      large: { collectedFen: 450_000, remittedFen: 400_000 },
    });
    expect(a.closingFen).toBe(1_000_000 + collected + 200_000 + 2_535 - 77_777 - 549_999);
    expect(a.usesByPurpose).toEqual([
      { purpose: 'training', amountFen: 300_000, count: 1 }, { purpose: 'commendation', amountFen: 99_999, count: 1 }, { purpose: 'hardship', amountFen: 150_000, count: 1 },
    ]);
    // The remittance settles last year's dues but left the account this year: it is this year's 上缴.
    expect(a.remittances.map((r: { voucher: string }) => r.voucher)).toEqual(['SJ-1', 'SJ-2']);
    expect((await call('GET', `/api/accounts/${PREV}`, { token: fin() })).body.remittedFen).toBe(0);
  });

  it('refuses hostile or meaningless entries with the reason, writing nothing', async () => {
    const before = await moneyCounts();
    const bad: [Record<string, unknown>, number, RegExp][] = [
      [{ kind: 'use', on: `${Y}-05-20`, amountFen: 1, voucher: 'B1', decidedOn: `${Y}-05-01` }, 400, /schema/],
      [{ kind: 'use', on: `${Y}-05-20`, amountFen: 1, voucher: 'B2', purpose: 'banquet', decidedOn: `${Y}-05-01` }, 400, /schema/],
      [{ kind: 'use', on: `${Y}-05-20`, amountFen: 1, voucher: 'B3', purpose: 'training' }, 400, /schema/],
      [{ kind: 'use', on: `${Y}-05-20`, amountFen: 1, voucher: 'B4', purpose: 'training', decidedOn: `${Y}-05-21` }, 400, /schema/],
      [{ kind: 'interest', on: `${Y}-05-20`, amountFen: -5, voucher: 'B5' }, 400, /schema/],
      [{ kind: 'interest', on: `${Y}-05-20`, amountFen: 1e12, voucher: 'B6' }, 400, /schema/],
      [{ kind: 'refund', on: `${Y}-05-20`, amountFen: 5, voucher: 'B7' }, 400, /schema/],
      [{ kind: 'interest', on: `${PREV}-12-31`, amountFen: 5, voucher: 'B8' }, 422, /dated in/],
      [{ kind: 'interest', on: `${Y}-06-21`, amountFen: 5, voucher: 'LX-1' }, 409, /already recorded/],
      [{ kind: 'interest', on: `${Y}-06-21`, amountFen: 5, voucher: '\u202e反向' }, 400, /schema/],
    ];
    for (const [body, status, msg] of bad) {
      const r = await entry(Y, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.message, JSON.stringify(body)).toMatch(msg);
      if (status === 400) expect(r.body.error.details.length).toBeGreaterThan(0);
    }
    const next = String(new Date().getUTCFullYear() + 1);
    expect((await entry(next, { kind: 'interest', on: `${next}-01-02`, amountFen: 5, voucher: 'B9' })).status).toBe(422);
    expect(await moneyCounts()).toEqual(before);
    await expect(env.DB.prepare('DELETE FROM account_entries').run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("UPDATE account_entries SET amount_fen = 0 WHERE kind = 'use'").run()).rejects.toThrow(/append-only/);
  });

  it('another committee’s accounts are its own', async () => {
    const a = (await call('GET', `/api/accounts/${Y}`, { token: s.xx.tokens['finance@XX']! })).body;
    expect(a).toMatchObject({ committee: 'XX', openingSource: 'none', openingFen: 0, allocatedFen: 0, usedFen: 0, entries: [], remittances: [] });
    expect(a.large.collectedFen).toBe(1_200_000);
  });
});
