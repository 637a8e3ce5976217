// `duesbook accounts`: what it sends (amounts read exactly to the 分, rates to basis points), what
// it prints from the answers, usage errors (2) and refusals (1), against a server started here.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseRate, run } from '../../cli/commands/accounts';

let server: Server;
let base = '';
const seen: { method: string; url: string; body: unknown }[] = [];
const GOOD = 'dbk_fin';

const STATUS = {
  committee: 'JT', year: '2025', today: '2026-12-02',
  shares: { year: '2025', collectedFen: 1000016, levels: [{ level: '县委', dueFen: 100002, dueBy: '2026-03-31', segments: [{ quarters: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'], rateBp: 1000, baseFen: 1000016, dueFen: 100002 }] }], dueFen: 100002, keptFen: 900014 },
  largeFen: 150000,
  lines: [
    { level: '县委', kind: 'share', dueFen: 100002, remittedFen: 2, outstandingFen: 100000, overpaidFen: 0, dueBy: '2026-03-31', overdue: true },
    { level: '中央', kind: 'large', dueFen: 150000, remittedFen: 150000, outstandingFen: 0, overpaidFen: 0, dueBy: '2026-04-30', overdue: false },
  ],
  remittances: [],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body: text ? JSON.parse(text) : undefined });
      const send = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${GOOD}`) return send(403, { error: { code: 'FORBIDDEN', message: 'the 党费 account is kept by the 党委' } });
      if (req.method === 'GET' && req.url === '/api/remittances/2025') return send(200, STATUS);
      if (req.method === 'POST' && req.url === '/api/remittances/shares') {
        const b = JSON.parse(text);
        return send(201, { id: 1, level: b.level, rateBp: b.rateBp, from: b.from, dueMonthDay: b.dueMonthDay ?? '04-30', basis: null, createdAt: '2026-12-02T00:00:00Z' });
      }
      if (req.method === 'POST' && req.url === '/api/accounts/2025/entries') {
        return send(400, { error: { code: 'VALIDATION_FAILED', message: 'the request does not match the schema', details: [{ path: 'decidedOn', message: 'a use needs the date of its collective decision (第二十条)' }] } });
      }
      send(404, { error: { code: 'NOT_FOUND', message: 'no route' } });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

async function cli(args: string[], token = GOOD) {
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await run([...args, '--server', base, '--token', token]);
    return { code, out: out.mock.calls.map((c) => String(c[0])).join(''), err: err.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

describe('parseRate', () => {
  it('reads percentages exactly to basis points', () => {
    expect(parseRate('5%')).toBe(500);
    expect(parseRate('12.5%')).toBe(1250);
    expect(parseRate('0.01 %')).toBe(1);
    expect(parseRate('100%')).toBe(10000);
    for (const bad of ['101%', '5', '5.555%', '-5%', 'abc']) expect(parseRate(bad)).toBeNull();
  });
});

describe('duesbook accounts', () => {
  it('share: sends the level, basis points and the quarter', async () => {
    const r = await cli(['share', '县委', '12.5%', '--from', '2026Q1', '--due', '03-31']);
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/remittances/shares', body: { level: '县委', rateBp: 1250, from: '2026Q1', dueMonthDay: '03-31' } });
    expect(r.out).toContain('2026Q1 起向县委上缴 12.5%');
  });

  it('remittances: prints 应上缴, 留存 and what is outstanding and overdue', async () => {
    const r = await cli(['remittances', '2025']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('实交 ¥10,000.16，应上缴 ¥1,000.02，留存 ¥9,000.14，大额党费 ¥1,500.00');
    expect(r.out).toContain('县委: 应缴 ¥1,000.02，已缴 ¥0.02，未缴 ¥1,000.00（已逾期），2026-03-31前');
    expect(r.out).toContain('大额党费→中央: 应缴 ¥1,500.00，已缴 ¥1,500.00，已缴清');
  });

  it('a refusal is exit 1 with the reason and the fields the server named', async () => {
    const r = await cli(['record', '2025', '--kind', 'use', '--amount', '1,234.56', '--date', '2025-06-01', '--voucher', 'V1', '--purpose', 'training']);
    expect(r.code).toBe(1);
    expect(seen.at(-1)?.body).toMatchObject({ kind: 'use', amountFen: 123456, purpose: 'training' });
    expect(r.err).toContain('decidedOn: a use needs the date of its collective decision');
    const f = await cli(['remittances', '2025'], 'other');
    expect(f.code).toBe(1);
    expect(f.err).toContain('党委的财务或管理员令牌');
  });

  it('bad arguments are exit 2 and send nothing', async () => {
    const before = seen.length;
    for (const args of [
      [], ['nope'], ['share', '县委', '5'], ['share', '县委', '5%'], ['remit', '25'], ['remit', '2025', '--level', '县委', '--amount', '1.234', '--date', '2025-01-01', '--voucher', 'x'],
      ['record', '2025', '--kind', 'gift'], ['record', '2025', '--kind', 'use', '--amount', '1', '--date', '2025-01-01', '--voucher', 'v', '--purpose', 'banquet'], ['large', '26Q1'],
    ]) {
      expect((await cli(args)).code, args.join(' ')).toBe(2);
    }
    expect(seen.length).toBe(before);
  });
});
