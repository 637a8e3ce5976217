// `duesbook submit` and `duesbook admin` against the real worker under `wrangler dev` on a fresh
// local D1 (started here on 127.0.0.1): a fixture workbook goes through check → build → POST →
// the server's re-check; re-submission, 428, 412, locks and bad tokens answer in plain words.
// A stand-in server covers what a real workbook cannot provoke (422 details, 5xx retries).
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quiet as capture } from './harness';
import { run as submit } from '../../cli/commands/submit';
import { run as admin } from '../../cli/commands/admin';
// @ts-expect-error -- plain ESM launcher shared with `npm start` (no type declarations)
import { startWorker } from '../../scripts/start-worker.mjs';

const FIXTURE = path.resolve(__dirname, '../../../shared/fixtures/committee/JT-01.xlsx');
const persistTo = mkdtempSync(path.join(tmpdir(), 'duesbook-cli-d1-'));
let worker: { url: string; tokens: { role: string; orgCode: string; token: string }[]; stop: () => void };
const tok = (role: string, org = 'JT') => worker.tokens.find((t) => t.role === role && t.orgCode === org)!.token;


function withState<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const prev = process.env.DUESBOOK_STATE_DIR;
  process.env.DUESBOOK_STATE_DIR = dir;
  return fn().finally(() => {
    if (prev === undefined) delete process.env.DUESBOOK_STATE_DIR;
    else process.env.DUESBOOK_STATE_DIR = prev;
  });
}

beforeAll(async () => {
  worker = await startWorker({ port: 0, persistTo });
}, 120_000);
afterAll(() => {
  worker?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

describe('duesbook submit against the worker', () => {
  const stateA = mkdtempSync(path.join(tmpdir(), 'duesbook-state-a-'));
  const stateB = mkdtempSync(path.join(tmpdir(), 'duesbook-state-b-'));
  const args = (...extra: string[]) => [FIXTURE, '--quarter', '2026Q3', '--as-of', '2026-09-30', '--server', worker.url, '--token', tok('clerk', 'JT-01'), ...extra];

  it('submits the fixture workbook; the server agrees with its totals', async () => {
    const r = await withState(stateA, () => capture(() => submit(args())));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已报送 \/ Submitted: JT-01 2026Q3 第1版/);
    expect(r.out).toMatch(/党员 19 人/);
    const roll = await fetch(`${worker.url}/api/rollups/2026Q3?org=JT-01`, { headers: { Authorization: `Bearer ${tok('finance')}` } });
    const node = (await roll.json()) as { figures: { members: { formal: number; probationary: number } }; revision: number };
    expect(node.figures.members.formal + node.figures.members.probationary).toBe(19);
    expect(node.revision).toBe(1);
  });

  it('the same workbook again is the existing receipt, not a new revision (issue 12)', async () => {
    const r = await withState(stateA, () => capture(() => submit(args())));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/内容未变 \/ Unchanged: JT-01 2026Q3 与第1版相同，未生成新版本/);
  });

  it('re-submits from the same machine with the remembered revision (If-Match)', async () => {
    // Another report date: other content (the last parse of --as-of wins).
    const r = await withState(stateA, () => capture(() => submit(args('--as-of', '2026-09-29'))));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/第2版/);
  });

  it('from another machine: 428, in plain words, with how to replace', async () => {
    const r = await withState(stateB, () => capture(() => submit(args())));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/已报送过（第2版）/);
    expect(r.err).toMatch(/--if-match 2/);
  });

  it('a stale --if-match: 412, in plain words', async () => {
    const r = await withState(stateB, () => capture(() => submit(args('--if-match', '1'))));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/newer revision \(now 2\)/);
    const ok = await withState(stateB, () => capture(() => submit(args('--if-match', '2'))));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/第3版/);
  });

  it('prints a return: finance’s note, by whom and when (issue 12)', async () => {
    const back = await fetch(`${worker.url}/api/submissions/JT-01/2026Q3/return`, {
      method: 'POST', headers: { Authorization: `Bearer ${tok('finance')}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ revision: 3, note: '请核对退休人员基数' }),
    });
    expect(back.status).toBe(200);
    const r = await withState(stateB, () => capture(() => submit(args('--as-of', '2026-09-27'))));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已退回 \/ Returned: 2026Q3 第3版 \(revision 3\) — .+，\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(r.out).toMatch(/退回意见 \/ note: 请核对退休人员基数/);
    expect(r.out).toMatch(/第4版/);
  });

  it('returned, then the same workbook again: says it stays 已退回, with the note, and exits 1 (issue 12)', async () => {
    const back = await fetch(`${worker.url}/api/submissions/JT-01/2026Q3/return`, {
      method: 'POST', headers: { Authorization: `Bearer ${tok('finance')}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ revision: 4, note: '9月实交合计不符' }),
    });
    expect(back.status).toBe(200);
    const r = await withState(stateB, () => capture(() => submit(args('--as-of', '2026-09-27'))));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/仍为已退回 \/ Still returned: JT-01 2026Q3 第4版 — 内容与退回时相同，仍为已退回，请按退回意见修改后再报送/);
    expect(r.out).toMatch(/退回意见 \/ note: 9月实交合计不符 — .+，\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(r.out).not.toMatch(/第5版/);
  });

  it('a locked quarter, a revoked token, a non-clerk token and missing arguments', async () => {
    const lock = await fetch(`${worker.url}/api/locks/JT/2026Q3`, { method: 'PUT', headers: { Authorization: `Bearer ${tok('finance')}` } });
    expect(lock.status).toBe(200);
    const locked = await withState(stateA, () => capture(() => submit(args('--as-of', '2026-09-28'))));
    expect(locked.code).toBe(1);
    expect(locked.err).toMatch(/已锁定/);
    const forged = await capture(() => submit([FIXTURE, '--quarter', '2026Q3', '--server', worker.url, '--token', 'dbk_forged']));
    expect(forged.code).toBe(1);
    expect(forged.err).toMatch(/401/);
    const leader = await capture(() => submit([FIXTURE, '--quarter', '2026Q3', '--server', worker.url, '--token', tok('leader')]));
    expect(leader.code).toBe(1);
    expect(leader.err).toMatch(/only a branch clerk token/);
    expect((await capture(() => submit([FIXTURE, '--server', worker.url, '--token', 'x']))).code).toBe(2);
    expect((await capture(() => submit([FIXTURE, '--quarter', '2026Q3', '--server', worker.url]))).code).toBe(process.env.DUESBOOK_TOKEN ? 1 : 2);
  });
});

describe('duesbook admin against the worker', () => {
  const a = (...argv: string[]) => capture(() => admin([...argv, '--server', worker.url, '--token', tok('admin')]));

  it('adds an org, issues a token that works, revokes it, and lists both', async () => {
    const add = await a('org', 'add', 'JT-ZZ1-09', '--name', '机关第九党支部', '--kind', '党支部', '--parent', 'JT-ZZ1');
    expect(add.code).toBe(0);
    const list = await a('org', 'list');
    expect(list.out).toMatch(/\n {4}JT-ZZ1-09 {2}机关第九党支部 {2}\(党支部\)/);
    const issue = await a('token', 'issue', '--org', 'JT-ZZ1-09', '--role', 'clerk', '--label', 'new clerk');
    expect(issue.code).toBe(0);
    const secret = /dbk_[A-Za-z0-9_-]+/.exec(issue.out)![0];
    const id = /#(\d+)/.exec(issue.out)![1]!;
    expect((await fetch(`${worker.url}/api/me`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(200);
    expect((await a('token', 'revoke', id)).code).toBe(0);
    expect((await fetch(`${worker.url}/api/me`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);
    const tokens = await a('token', 'list');
    expect(tokens.out).toMatch(new RegExp(`${id}\\s+clerk\\s+JT-ZZ1-09\\s+revoked`));
    expect(tokens.out).not.toContain(secret);
  });

  it('refusals and wrong arguments', async () => {
    const dup = await a('org', 'add', 'JT-01', '--name', 'x', '--kind', '党支部', '--parent', 'JT');
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/409 CONFLICT/);
    const notAdmin = await capture(() => admin(['token', 'list', '--server', worker.url, '--token', tok('finance')]));
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.err).toMatch(/403 FORBIDDEN/);
    expect((await a('org', 'add', 'X', '--name', 'x', '--kind', '党委', '--parent', 'JT')).code).toBe(2);
    expect((await a('token', 'revoke', 'abc')).code).toBe(2);
    expect((await a('frobnicate')).code).toBe(2);
  });
});

describe('duesbook submit against a stand-in server', () => {
  let server: Server;
  let base = '';
  const keys: string[] = [];
  let mode: 'reject' | 'flaky' = 'reject';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const json = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/api/me') return json(200, { role: 'clerk', org: { code: 'JT-01', name: 'x', kind: '党支部' }, committee: { code: 'JT', name: 'y', kind: '党委' } });
      if (req.url === '/api/settings') return json(200, { committee: 'JT', settings: {} });
      // The quarter's history (a return to print): nothing submitted yet.
      if (req.method === 'GET' && req.url?.startsWith('/api/submissions/')) return json(404, { error: { code: 'NOT_FOUND', message: 'submission not found' } });
      keys.push(String(req.headers['idempotency-key']));
      req.resume();
      if (mode === 'reject') {
        return json(422, { error: { code: 'SUBMISSION_REJECTED', message: 'refused', details: { errors: [{ code: 'DUE_WRONG', path: 'members.3.months.0.dueFen', message: '张三 2026-07: due is 1500 分, not 1400' }] } } });
      }
      if (keys.length < 3) return json(503, { error: { code: 'INTERNAL', message: 'busy' } });
      return json(201, { branchCode: 'JT-01', quarter: '2026Q3', revision: 1, status: 'submitted', etag: '"r1-x"', receivedAt: 'now', totals: { members: 19, dueFen: 1, paidFen: 1 } });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const ad = server.address();
    base = `http://127.0.0.1:${typeof ad === 'object' && ad ? ad.port : 0}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('prints each reason of a 422 re-check refusal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'duesbook-state-c-'));
    const r = await withState(dir, () => capture(() => submit([FIXTURE, '--quarter', '2026Q3', '--as-of', '2026-09-30', '--server', base, '--token', 't'])));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/服务器复核未通过/);
    expect(r.err).toMatch(/DUE_WRONG {2}members\.3\.months\.0\.dueFen {2}张三/);
  });

  it('retries a 5xx with the same Idempotency-Key', async () => {
    mode = 'flaky';
    keys.length = 0;
    const dir = mkdtempSync(path.join(tmpdir(), 'duesbook-state-d-'));
    const r = await withState(dir, () => capture(() => submit([FIXTURE, '--quarter', '2026Q3', '--as-of', '2026-09-30', '--server', base, '--token', 't'])));
    expect(r.code).toBe(0);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
