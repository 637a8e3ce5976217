// `duesbook approvals` and `duesbook transfers` against a server started here on 127.0.0.1: the
// bodies they send (元 → 分, the orgs list), what they print (status, findings, the letter line),
// usage errors (exit 2, nothing sent) and refusals (exit 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonServer, quiet, type SeenRequest } from './harness';
import { run as approvals, yuanToFen } from '../../cli/commands/approvals';
import { run as transfers } from '../../cli/commands/transfers';
import type { Approval, Transfer } from '../../shared/api/approvals';

let server: Awaited<ReturnType<typeof jsonServer>>;
let base = '';
let seen: SeenRequest[] = [];

const approval = (o: Partial<Approval> = {}): Approval => ({
  id: 7, branch: 'JT-01', member: { name: '张三', idMasked: '110105********002X' }, category: '在职', kind: '少交', fromMonth: '2026-07', toMonth: '2026-09',
  amountFen: 1250, documentNo: '交委党〔2026〕12号', approvingOrgs: ['支部委员会', '党委'], approvedOn: '2026-07-20', note: null, level: 'committee',
  status: 'pending', enteredAt: '2026-07-21T00:00:00Z', decidedAt: null, decidedBy: null, decisionNote: null,
  findings: [{ code: 'APPROVAL_PENDING', severity: 'info', member: { name: '张三', idMasked: '110105********002X' }, months: ['2026-07'], message: '张三 的少交申请尚待党委确认', messageEn: 'x' }],
  ...o,
});
const transfer: Transfer = {
  id: 3, branch: 'JT-01', member: { name: '李四', idMasked: '110105********0011' }, direction: '转出', date: '2026-09-15', paidThrough: '2026-09',
  firstDueMonth: '2026-10', counterpart: '某区某党支部', note: null, letterLine: '该同志党费已交至贰零贰陆年玖月。', enteredAt: 'x',
};

beforeAll(async () => {
  server = await jsonServer((req, json) => {
    const raw = req.raw;
    if (req.url === '/api/approvals/8/confirm') return json(403, { error: { code: 'FORBIDDEN', message: 'needs the 党委' } });
    if (req.url?.startsWith('/api/approvals/effects/')) {
      return json(200, { branch: 'JT-01', period: '2026Q3', rawArrearsFen: 9000, arrearsFen: 3000, approvedFen: 6000,
        members: [{ member: { name: '张三', idMasked: '110105********002X' }, rawArrearsFen: 9000, arrearsFen: 3000, approvedFen: 6000 }],
        findings: [{ code: 'APPROVAL_APPLIED', severity: 'info', member: { name: '张三', idMasked: 'x' }, months: ['2026-08'], message: '张三 2026年8月 经批准免交（交委党〔2026〕12号），不计欠交', messageEn: 'x' }] });
    }
    const reason = (raw ? (JSON.parse(raw) as { reason?: string }).reason : undefined) ?? null;
    if (req.url === '/api/approvals/7/withdraw') return json(200, approval({ status: 'withdrawn', withdrawnAt: '2026-08-02T01:00:00Z', withdrawnBy: 'JT-01', withdrawReason: reason, findings: [] }));
    if (req.url === '/api/approvals/7/revoke') return json(200, approval({ status: 'revoked', decidedBy: 'JT', withdrawnAt: '2026-08-03T01:00:00Z', withdrawnBy: 'JT', withdrawReason: reason, findings: [] }));
    if (req.url === '/api/approvals/9/withdraw') return json(409, { error: { code: 'CONFLICT', message: 'approval 9 is confirmed: it can only be revoked' } });
    if (req.url === '/api/transfers/3/withdraw') return json(200, { ...transfer, withdrawnAt: '2026-09-16T00:00:00Z', withdrawReason: reason });
    if (req.url === '/api/approvals/7/confirm') return json(200, approval({ status: 'confirmed', decidedBy: 'JT', findings: [] }));
    if (req.url === '/api/approvals' && req.method === 'POST') return json(201, approval());
    if (req.url?.startsWith('/api/approvals')) return json(200, [approval()]);
    if (req.url === '/api/transfers' && req.method === 'POST') return json(201, transfer);
    return json(200, [transfer]);
  });
  base = server.base;
  seen = server.seen;
});
afterAll(() => server.close());

const conn = () => ['--server', base, '--token', 't'];

describe('duesbook approvals', () => {
  it('add sends the record with the amount in 分 and the approving orgs, and prints its findings', async () => {
    const r = await quiet(() => approvals(['add', '--id', '11010519491231002x', '--name', '张三', '--category', '在职', '--kind', '少交', '--from', '2026-07', '--to', '2026-09',
      '--amount', '12.50', '--doc', '交委党〔2026〕12号', '--orgs', '支部委员会，党委', '--approved-on', '2026-07-20', ...conn()]));
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/approvals', body: {
      idNumber: '11010519491231002X', amountFen: 1250, approvingOrgs: ['支部委员会', '党委'], kind: '少交', fromMonth: '2026-07', toMonth: '2026-09',
    } });
    expect(r.out).toContain('#7 JT-01 张三 (110105********002X) 少交 12.50 元 2026-07…2026-09 交委党〔2026〕12号 — 待确认');
    expect(r.out).toContain('提示 APPROVAL_PENDING');
  });

  it('bad arguments are usage errors (exit 2) and nothing is sent', async () => {
    const n = seen.length;
    for (const argv of [
      ['add', '--id', '123', '--name', '张三', '--category', '在职', '--kind', '免交', '--from', '2026-07', '--doc', 'x', '--orgs', 'a', '--approved-on', '2026-07-01'],
      ['add', '--amount', '12.345'],
      ['reject', '7'],
      ['confirm', 'seven'],
      ['effects', '2026-07'],
      ['list', '--year', '26'],
      ['frobnicate'],
      [],
    ]) {
      const r = await quiet(() => approvals([...argv, ...conn()]));
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/duesbook approvals: /);
    }
    expect(seen.length).toBe(n);
    expect(yuanToFen('50')).toBe(5000);
    expect(yuanToFen('0.5')).toBe(50);
    expect(yuanToFen('1.005')).toBeNull();
  });

  it('confirm prints the decided record; a refusal exits 1 with the code', async () => {
    const ok = await quiet(() => approvals(['confirm', '7', '--note', '同意', ...conn()]));
    expect(ok.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ url: '/api/approvals/7/confirm', body: { note: '同意' } });
    expect(ok.out).toContain('已确认 (JT)');
    const no = await quiet(() => approvals(['confirm', '8', ...conn()]));
    expect(no.code).toBe(1);
    expect(no.err).toContain('403 FORBIDDEN');
  });

  it('effects prints what approvals take off and the findings that name them', async () => {
    const r = await quiet(() => approvals(['effects', '2026Q3', '--org', 'JT-01', ...conn()]));
    expect(r.code).toBe(0);
    expect(seen.at(-1)!.url).toBe('/api/approvals/effects/2026Q3?org=JT-01');
    expect(r.out).toContain('原欠交 90.00 元，经批准不计欠交 60.00 元，现欠交 30.00 元');
    expect(r.out).toContain('经批准免交（交委党〔2026〕12号）');
  });
});

describe('duesbook approvals withdraw | revoke', () => {
  it('withdraw sends the optional reason and prints the record as withdrawn; revoke needs --reason', async () => {
    const w = await quiet(() => approvals(['withdraw', '7', '--reason', '文号填错', ...conn()]));
    expect(w.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/approvals/7/withdraw', body: { reason: '文号填错' } });
    expect(w.out).toContain('— 已撤回, JT-01 2026-08-02: 文号填错');
    const bare = await quiet(() => approvals(['withdraw', '7', ...conn()]));
    expect(bare.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ url: '/api/approvals/7/withdraw', body: {} });
    const r = await quiet(() => approvals(['revoke', '7', '--reason', '复核不符', ...conn()]));
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ url: '/api/approvals/7/revoke', body: { reason: '复核不符' } });
    expect(r.out).toContain('已撤销 (JT), JT 2026-08-03: 复核不符');
  });
  it('a missing reason or number is a usage error, nothing sent; a refusal exits 1 with what to do', async () => {
    const n = seen.length;
    for (const argv of [['revoke', '7'], ['revoke', '7', '--reason', '  '], ['withdraw'], ['withdraw', 'x7']]) {
      const r = await quiet(() => approvals([...argv, ...conn()]));
      expect(r.code, argv.join(' ')).toBe(2);
    }
    for (const argv of [['withdraw', '3'], ['withdraw', '3', '--reason', ''], ['withdraw', 'three', '--reason', '误录']]) {
      const r = await quiet(() => transfers([...argv, ...conn()]));
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/duesbook transfers: /);
    }
    expect(seen.length).toBe(n);
    const no = await quiet(() => approvals(['withdraw', '9', ...conn()]));
    expect(no.code).toBe(1);
    expect(no.err).toContain('only be revoked');
  });
  it('transfers withdraw sends the reason and prints the record marked withdrawn', async () => {
    const r = await quiet(() => transfers(['withdraw', '3', '--reason', '党费交至年月填错', ...conn()]));
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/transfers/3/withdraw', body: { reason: '党费交至年月填错' } });
    expect(r.out).toContain('已撤回 2026-09-16：党费交至年月填错');
  });
});

describe('duesbook transfers', () => {
  it('add prints the first due month and the letter line in capital numerals', async () => {
    const r = await quiet(() => transfers(['add', '--id', '110105194912310011', '--name', '李四', '--direction', '转出', '--date', '2026-09-15', '--paid-through', '2026-09', '--counterpart', '某区某党支部', ...conn()]));
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ url: '/api/transfers', body: { direction: '转出', paidThrough: '2026-09' } });
    expect(r.out).toContain('接收支部自 2026-10 起计应交');
    expect(r.out).toContain('介绍信：该同志党费已交至贰零贰陆年玖月。');
  });
  it('a bad month is a usage error', async () => {
    const r = await quiet(() => transfers(['add', '--id', '110105194912310011', '--name', '李四', '--direction', '转出', '--date', '2026-09-15', '--paid-through', '2026-9', '--counterpart', 'x', ...conn()]));
    expect(r.code).toBe(2);
    expect(r.err).toContain('paidThrough');
  });
});
