// `duesbook baseline fix|show|change` against a server started here on 127.0.0.1: what fix reads
// from the workbook and sends (no raw ID printed), what show prints, the change body (元 → 分),
// usage errors (exit 2, nothing sent) and refusals (exit 1, BASELINE_ALREADY_FIXED with both figures).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonServer, quiet, type SeenRequest } from './harness';
import { run as baseline } from '../../cli/commands/baseline';
import type { Baseline, BaselineFixRequest } from '../../shared/api/baseline';

const FIXTURE = path.resolve(__dirname, '../fixtures/checker-quarterly-2026.xlsx');
let server: Awaited<ReturnType<typeof jsonServer>>;
let base = '';
let seen: SeenRequest[] = [];
let refuseFix = false;

const answer = (o: Partial<Baseline> = {}): Baseline => ({
  branch: 'JT-01', year: '2026', fixed: true, basesWithheld: false,
  members: [{ member: { name: '王一', idMasked: '110105********0011' }, category: '在职', baseFen: 600000, dueFen: 9000, fixedAt: 'x',
    changes: [{ fromMonth: '2026-07', baseFen: 700000, dueFen: 10500, reason: '调资', at: 'x' }] }],
  totals: { members: 1, baseFen: 600000, dueFen: 9000 },
  findings: [{ code: 'BASELINE_CHANGE_RECORDED', severity: 'info', member: { name: '王一', idMasked: 'x' }, months: ['2026-07'], message: '王一 2026年7月 “交费基数” 由年初核定的 “6,000.00” 元调整为 “7,000.00” 元', messageEn: 'x' }],
  ...o,
});

beforeAll(async () => {
  server = await jsonServer((req, json) => {
    const raw = req.raw;
    if (req.url === '/api/settings') return json(200, { committee: 'JT', settings: {} });
    if (req.url === '/api/baselines' && refuseFix) {
      return json(409, { error: { code: 'BASELINE_ALREADY_FIXED', message: '2026 is already fixed for 1 of these members with other figures', details: {
        members: [{ member: '110105********0011', name: '王一', fixed: { baseFen: 500000, dueFen: 5000 }, sent: { baseFen: 600000, dueFen: 9000 } }] } } });
    }
    if (req.url === '/api/baselines') return json(201, { ...answer(), added: (JSON.parse(raw) as BaselineFixRequest).members.length });
    if (req.url === '/api/baselines/2026/changes') return json(201, answer());
    if (req.url?.startsWith('/api/baselines/2025')) return json(200, answer({ year: '2025', fixed: false, members: [], totals: { members: 0, baseFen: 0, dueFen: 0 }, findings: [] }));
    return json(200, answer());
  });
  base = server.base;
  seen = server.seen;
});
afterAll(() => server.close());

const conn = () => ['--server', base, '--token', 't'];

describe('duesbook baseline', () => {
  it('fix sends each member’s figures of the year’s first month from the workbook, and prints what was fixed without raw IDs', async () => {
    const r = await quiet(() => baseline(['fix', FIXTURE, '--year', '2026', '--as-of', '2026-09-30', ...conn()]));
    expect(r.code, r.err).toBe(0);
    const sent = seen.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', url: '/api/baselines' });
    const body = sent.body as BaselineFixRequest;
    expect(body.year).toBe('2026');
    expect(body.members).toHaveLength(6);
    expect(body.members[0]).toMatchObject({ name: '王一', category: '在职', baseFen: 600000, dueFen: 9000 });
    expect(body.members.reduce((t, m) => t + m.dueFen, 0)).toBe(29420);
    expect(r.out).toContain('6 人，基数合计 25,900.00 元，月应交合计 294.20 元');
    expect(r.out).toContain('新增 6 人');
    expect(r.out).toContain('自 2026-07 起 基数 7,000.00 元 月应交 105.00 元（调资）');
    for (const m of body.members) expect(r.out).not.toContain(m.idNumber);
  });

  it('fix --dry-run prints what would be fixed and sends nothing', async () => {
    const n = seen.length;
    const r = await quiet(() => baseline(['fix', FIXTURE, '--year', '2026', '--as-of', '2026-09-30', '--dry-run']));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('王一 在职 基数 6,000.00 元 月应交 90.00 元');
    expect(seen.length).toBe(n);
  });

  it('a fix refused because the year is fixed with other figures names both and points to change (exit 1)', async () => {
    refuseFix = true;
    try {
      const r = await quiet(() => baseline(['fix', FIXTURE, '--year', '2026', '--as-of', '2026-09-30', ...conn()]));
      expect(r.code).toBe(1);
      expect(r.err).toContain('BASELINE_ALREADY_FIXED');
      expect(r.err).toContain('王一 (110105********0011): 已核定 基数 5,000.00 元 月应交 50.00 元，工作簿 基数 6,000.00 元 月应交 90.00 元');
      expect(r.err).toContain('duesbook baseline change');
    } finally {
      refuseFix = false;
    }
  });

  it('show prints the members, their changes and the totals; an unfixed year says so', async () => {
    const r = await quiet(() => baseline(['show', '--year', '2026', '--org', 'JT-01', ...conn()]));
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/api/baselines/2026?org=JT-01' });
    expect(r.out).toContain('JT-01 2026年度党费核定 / baseline: 1 人，月应交合计 90.00 元，基数合计 6,000.00 元');
    expect(r.out).toContain('王一 (110105********0011) 在职 基数 6,000.00 元 月应交 90.00 元');
    const none = await quiet(() => baseline(['show', '--year', '2025', ...conn()]));
    expect(none.out).toContain('2025年度党费尚未核定');
  });

  it('change sends the new figures in 分 with the reason', async () => {
    const r = await quiet(() => baseline(['change', '--year', '2026', '--id', '11010519491231002x', '--from', '2026-07', '--base', '7000', '--due', '105', '--reason', '7月起调资', ...conn()]));
    expect(r.code, r.err).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/baselines/2026/changes', body: { idNumber: '11010519491231002X', fromMonth: '2026-07', baseFen: 700000, dueFen: 10500, reason: '7月起调资' } });
    expect(r.out).toContain('BASELINE_CHANGE_RECORDED');
  });

  it('bad arguments are usage errors (exit 2) and nothing is sent', async () => {
    const n = seen.length;
    for (const argv of [
      [], ['fix', '--year', '2026'], ['fix', FIXTURE, '--year', '26'], ['fix', '/no/such.xlsx', '--year', '2026'], ['show'], ['drop', '--year', '2026'],
      ['change', '--year', '2026', '--id', '11010519491231002X', '--from', '2027-01', '--due', '5', '--reason', 'x'],
      ['change', '--year', '2026', '--id', '11010519491231002X', '--from', '2026-07', '--due', '-5', '--reason', 'x'],
      ['change', '--year', '2026', '--id', '11010519491231002X', '--from', '2026-07', '--due', '5'],
      ['change', '--year', '2026', '--id', '123', '--from', '2026-07', '--due', '5', '--reason', 'x'],
    ]) {
      const r = await quiet(() => baseline([...argv, ...conn()]));
      expect(r.code, argv.join(' ')).toBe(2);
    }
    expect(seen.length).toBe(n);
  });
});
