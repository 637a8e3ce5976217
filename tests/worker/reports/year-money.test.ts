// The year workbook's money: 汇总's 应上缴 and 留存, the 大额党费 sheet and the 收支结存 sheet, read
// back from the downloaded file with an independent reader and compared with the API to the 分
// (GET /api/remittances/{year}, /api/accounts/{year}, /api/rollups/{period}/large). The sheets'
// own figures satisfy the identity as written. Leaders get no 收支结存; 大额党费 stays out of 实交.
import { beforeAll, describe, expect, it } from 'vitest';
import { exports } from 'cloudflare:workers';
import { BALANCE_ROWS, BALANCE_SHEET } from '../../../worker/src/reports/balance-sheet';
import { LARGE_SHEET } from '../../../worker/src/reports/large-sheet';
import { REMITTANCE_LABELS } from '../../../worker/src/reports/summary-remittance';
import { BASE, call } from '../helpers';
import { Y, seedMoneyYear } from '../money-fixture';
import { fen, readXlsx, type ReadSheet } from './xlsx-reader';

let s: Awaited<ReturnType<typeof seedMoneyYear>>;
const tok = (k: string) => s.tokens[k]!;
const fin = () => tok('finance@JT');
const PREV = String(Number(Y) - 1);

async function download(path: string, token: string) {
  const worker = (exports as unknown as { default: { fetch: (r: Request) => Promise<Response> } }).default;
  const res = await worker.fetch(new Request(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } }));
  expect(res.status).toBe(200);
  return readXlsx(new Uint8Array(await res.arrayBuffer()));
}

/** The amount on the row whose first cell starts with `label`, in column `col` (0-based). */
function amountOf(sheet: ReadSheet, label: string, col: number): number {
  const row = sheet.rows.find((r) => typeof r[0] === 'string' && r[0].startsWith(label));
  if (!row) throw new Error(`no row "${label}" on ${sheet.name}`);
  return fen(row[col]);
}

beforeAll(async () => {
  s = await seedMoneyYear();
  const post = async (path: string, body: unknown) => {
    const r = await call('POST', path, { token: fin(), body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  await post('/api/remittances/shares', { level: '县委', rateBp: 1250, from: `${PREV}Q1`, dueMonthDay: '03-31' });
  await post('/api/remittances/shares', { level: '县委', rateBp: 1000, from: `${Y}Q3`, dueMonthDay: '03-31' });
  await post('/api/remittances/shares', { level: '中央', rateBp: 500, from: `${PREV}Q1` });
  await post(`/api/accounts/${Y}/entries`, { kind: 'opening', on: `${Y}-01-01`, amountFen: 12_345_67, voucher: '期初' });
  await post(`/api/accounts/${Y}/entries`, { kind: 'allocation', on: `${Y}-02-01`, amountFen: 50_000_00, voucher: 'XB-01', source: '县委组织部' });
  await post(`/api/accounts/${Y}/entries`, { kind: 'interest', on: `${Y}-12-21`, amountFen: 3_21, voucher: 'LX-01' });
  await post(`/api/accounts/${Y}/entries`, { kind: 'use', on: `${Y}-09-01`, amountFen: 8_888_88, voucher: '=SUM(A1:A9)', purpose: 'materials', decidedOn: `${Y}-08-20` });
  await post(`/api/remittances/${Y}`, { level: '县委', paidOn: `${Y}-07-01`, amountFen: 1_000_00, voucher: 'SJ-01' });
  await post(`/api/remittances/${Y}`, { level: '中央', kind: 'large', paidOn: `${Y}-12-30`, amountFen: 2_000_00, voucher: 'SJ-02' });
});

describe('the year workbook of finance at the 党委', () => {
  let book: Awaited<ReturnType<typeof download>>;
  beforeAll(async () => {
    book = await download(`/api/reports/${Y}.xlsx`, fin());
  });

  it('has 大额党费 and 收支结存 after 公示', () => {
    expect(book.sheets.map((x) => x.name).slice(0, 5)).toEqual(['汇总', '欠缴名单', '公示', LARGE_SHEET, BALANCE_SHEET]);
  });

  it('汇总: 实交, 应上缴 per level and 留存 equal GET /api/remittances/{year} to the 分; 大额党费 is apart', async () => {
    const st = (await call('GET', `/api/remittances/${Y}`, { token: fin() })).body;
    const sheet = book.sheet('汇总');
    // Column 7 (G) is 实交党费.
    expect(amountOf(sheet, REMITTANCE_LABELS.collected, 6)).toBe(st.shares.collectedFen);
    for (const l of st.shares.levels) expect(amountOf(sheet, `${REMITTANCE_LABELS.due}：${l.level}`, 6)).toBe(l.dueFen);
    expect(amountOf(sheet, REMITTANCE_LABELS.kept, 6)).toBe(st.shares.keptFen);
    expect(amountOf(sheet, REMITTANCE_LABELS.large, 6)).toBe(st.largeFen);
    // The 合计 row's 实交 is the regular dues only, the same figure 应上缴 is a share of.
    expect(amountOf(sheet, '合计', 6)).toBe(st.shares.collectedFen);
    const county = sheet.rows.find((r) => r[0] === `${REMITTANCE_LABELS.due}：县委`)!;
    expect(county[1]).toBe(`${Y}Q1–${Y}Q2 12.5%；${Y}Q3–${Y}Q4 10%，${Number(Y) + 1}-03-31前`);
    // The autofilter stops above the 合计 and the lines below it.
    const total = sheet.rows.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('合计'));
    const ref = /<autoFilter ref="A3:N(\d+)"\/>/.exec(sheet.xml)![1];
    expect(Number(ref)).toBe(total); // 1-based: the row just above the 合计
  });

  it('收支结存: every figure equals GET /api/accounts/{year} to the 分, and the identity holds on the sheet', async () => {
    const a = (await call('GET', `/api/accounts/${Y}`, { token: fin() })).body;
    const sheet = book.sheet(BALANCE_SHEET);
    const got = {
      openingFen: amountOf(sheet, BALANCE_ROWS.opening, 1),
      collectedFen: amountOf(sheet, BALANCE_ROWS.collected, 1),
      allocatedFen: amountOf(sheet, BALANCE_ROWS.allocated, 1),
      interestFen: amountOf(sheet, BALANCE_ROWS.interest, 1),
      remittedFen: amountOf(sheet, BALANCE_ROWS.remitted, 1),
      usedFen: amountOf(sheet, BALANCE_ROWS.used, 1),
      closingFen: amountOf(sheet, BALANCE_ROWS.closing, 1),
    };
    expect(got).toEqual({
      openingFen: a.openingFen, collectedFen: a.collectedFen, allocatedFen: a.allocatedFen, interestFen: a.interestFen,
      remittedFen: a.remittedFen, usedFen: a.usedFen, closingFen: a.closingFen,
    });
    expect(got).toMatchObject({ openingFen: 12_345_67, allocatedFen: 50_000_00, interestFen: 3_21, remittedFen: 1_000_00, usedFen: 8_888_88 });
    expect(got.openingFen + got.collectedFen + got.allocatedFen + got.interestFen - got.remittedFen - got.usedFen).toBe(got.closingFen);
    expect(sheet.rows.find((r) => r[0] === BALANCE_ROWS.check)![1]).toBe('相符');
    expect(amountOf(sheet, '\u3000其中：订阅或购买用于开展党员教育的报刊', 1)).toBe(8_888_88);
    expect(amountOf(sheet, '本年收到大额党费', 1)).toBe(a.large.collectedFen);
    expect(amountOf(sheet, '本年上缴中央', 1)).toBe(2_000_00);
    expect(amountOf(sheet, '待上缴中央', 1)).toBe(a.large.collectedFen - 2_000_00);
    // The main items: each entry and remittance with its voucher; formula-like text is a text cell.
    const vouchers = sheet.rows.map((r) => r[3]);
    for (const v of ['XB-01', 'LX-01', '=SUM(A1:A9)', 'SJ-01', 'SJ-02']) expect(vouchers).toContain(v);
    for (const c of sheet.cells.values()) expect(c.formula).toBeNull();
  });

  it('大额党费: one row per member and month, equal to GET /api/rollups/{year}/large, none of it in 实交', async () => {
    const list = (await call('GET', `/api/rollups/${Y}/large`, { token: fin() })).body;
    expect(list.totalFen).toBe(450000);
    expect(list.lines.map((l: { name: string; month: string; largeFen: number }) => `${l.name} ${l.month} ${l.largeFen}`)).toEqual([
      `张大额 ${Y}-05 150000`, `党员3 ${Y}-11 100000`, `李大额 ${Y}-02 200000`,
    ]);
    const sheet = book.sheet(LARGE_SHEET);
    const data = sheet.rows.slice(3, 3 + list.lines.length);
    expect(data.map((r) => [r[2], r[3], r[5], fen(r[6])])).toEqual(list.lines.map((l: { branchName: string; name: string; month: string; largeFen: number }) => [l.branchName, l.name, l.month, l.largeFen]));
    expect(data.every((r) => typeof r[4] === 'string' && /\*{8}/.test(r[4]))).toBe(true);
    expect(fen(sheet.rows[3 + list.lines.length]![6])).toBe(450000);
    const roll = (await call('GET', `/api/rollups/${Y}`, { token: fin() })).body;
    expect(roll.figures.largeFen).toBe(450000);
    const zz1 = roll.children.find((c: { org: { code: string } }) => c.org.code === 'JT-ZZ1');
    expect(zz1.figures.largeFen).toBe(250000);
    // 实交 is what the clerks submitted as regular dues: the totals of the submissions, without 大额党费.
    const regular = (await Promise.all([1, 2, 3, 4].map((q) => call('GET', `/api/rollups/${Y}Q${q}`, { token: fin() })))).reduce((t, r) => t + (r.body.figures.paidFen as number), 0);
    expect(roll.figures.paidFen).toBe(regular);
  });
});

describe('others', () => {
  it('a leader’s year workbook has 应上缴 and 大额党费 but no 收支结存 (the accounts are finance’s)', async () => {
    const b = await download(`/api/reports/${Y}.xlsx`, tok('leader@JT'));
    expect(b.sheets.map((x) => x.name)).toContain(LARGE_SHEET);
    expect(b.sheets.map((x) => x.name)).not.toContain(BALANCE_SHEET);
  });

  it('a quarter workbook lists that quarter’s 大额党费 only, and a 总支’s its own subtree', async () => {
    const q = await download(`/api/reports/${Y}Q2.xlsx`, fin());
    expect(q.sheet(LARGE_SHEET).rows.slice(3, 4).map((r) => [r[3], r[5], fen(r[6])])).toEqual([['张大额', `${Y}-05`, 150000]]);
    expect(q.sheets.map((x) => x.name)).not.toContain(BALANCE_SHEET);
    const zz2 = (await call('GET', `/api/rollups/${Y}/large`, { token: tok('leader@JT-ZZ2') })).body;
    expect(zz2.lines.map((l: { name: string }) => l.name)).toEqual(['李大额']);
  });

  it('the 大额党费 list: finance and leaders, own subtree only', async () => {
    for (const k of ['clerk@JT-ZZ1-01', 'admin@JT']) expect((await call('GET', `/api/rollups/${Y}/large`, { token: tok(k) })).status, k).toBe(403);
    expect((await call('GET', `/api/rollups/${Y}/large?org=JT-ZZ1`, { token: tok('leader@JT-ZZ2') })).status).toBe(404);
    expect((await call('GET', `/api/rollups/${Y}/large?org=XX`, { token: fin() })).status).toBe(404);
    expect((await call('GET', `/api/rollups/${Y}/large`, { token: s.xx.tokens['finance@XX']! })).body.totalFen).toBe(1_200_000);
  });
});
