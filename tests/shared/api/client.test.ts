// The shared API client: answers parsed with the contract, one ApiError carrying code, status and
// details, the headers a submission needs, and the client's own codes when the worker did not speak.
import { describe, expect, it } from 'vitest';
import { ApiError, DuesbookClient, type FetchInit } from '../../../shared/api/client';
import { ERROR_CODES, ERROR_STATUS, isErrorCode, isTransient } from '../../../shared/api/errors';
import type { Submission, SubmissionReceipt } from '../../../shared/api/contract';

interface Seen { url: string; init: FetchInit }

/** A fetch that answers from a script and records what it was sent. */
function stub(answer: (s: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = async (url: string, init: FetchInit = {}) => {
    const s = { url, init };
    seen.push(s);
    return answer(s);
  };
  return { seen, client: (token = 'tok') => new DuesbookClient({ baseUrl: 'https://api.test/', token, fetch }) };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const ME = { role: 'clerk', org: { code: 'ZB1', name: '第一党支部', kind: '党支部' }, committee: { code: 'JT', name: '集团党委', kind: '党委' } };
const RECEIPT: SubmissionReceipt = {
  branchCode: 'ZB1', quarter: '2026Q3', revision: 2, status: 'submitted', etag: '"r2"', receivedAt: '2026-09-30T10:00:00Z',
  totals: { members: 6, dueFen: 72000, paidFen: 72000 },
};
const SUBMISSION = { quarter: '2026Q3' } as unknown as Submission;

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('DuesbookClient', () => {
  it('parses an answer with the contract, filling its defaults', async () => {
    const { client, seen } = stub((s) => (s.url.endsWith('/api/me') ? json(ME) : json({ committee: 'JT', settings: { farmerFen: 50 } })));
    expect(await client().me()).toEqual(ME);
    const st = await client().settings();
    // Defaults the server left out are the contract's (CommitteeSettingsSchema), not undefined.
    expect([st.settings.farmerFen, st.settings.rounding, st.settings.tableOverrides]).toEqual([50, 'fen', []]);
    expect(seen[0]!.url).toBe('https://api.test/api/me');
    expect(seen[0]!.init.headers?.Authorization).toBe('Bearer tok');
  });

  it('refuses an answer outside the contract with BAD_ANSWER, naming the field', async () => {
    const { client } = stub(() => json({ ...ME, role: 'boss' }));
    const e = await failure(client().me());
    expect([e.code, e.status]).toEqual(['BAD_ANSWER', 200]);
    expect(e.message).toMatch(/GET \/api\/me.*role/);
    expect(e.details).toEqual([expect.objectContaining({ path: 'role' })]);
    const notJson = await failure(stub(() => new Response('<html>portal</html>', { status: 200 })).client().me());
    expect([notJson.code, notJson.message]).toEqual(['BAD_ANSWER', 'the answer from GET /api/me is not JSON']);
  });

  it('turns the error shape into one ApiError with the code, status, message and details', async () => {
    const details = { currentRevision: 3, etag: '"r3"' };
    const { client } = stub(() => json({ error: { code: 'STALE_REVISION', message: 'revision 3 is newer', details } }, 412));
    const e = await failure(client().submit(SUBMISSION, { idempotencyKey: 'k' }));
    expect([e.code, e.status, e.message, e.details]).toEqual(['STALE_REVISION', 412, 'revision 3 is newer', details]);
    // A code a newer worker added is kept as it is, not forced into a known one.
    const newer = await failure(stub(() => json({ error: { code: 'SOMETHING_NEW', message: 'x' } }, 422)).client().me());
    expect([newer.code, isErrorCode(newer.code)]).toEqual(['SOMETHING_NEW', false]);
  });

  it('gives its own codes when the worker did not answer: network, gateway, anything else', async () => {
    const down = await failure(stub(() => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }))).client().me());
    expect([down.code, down.status, down.message]).toEqual(['NETWORK_ERROR', 0, 'fetch failed (connect ECONNREFUSED)']);
    const gateway = await failure(stub(() => new Response('<html>502</html>', { status: 502, statusText: 'Bad Gateway' })).client().me());
    expect([gateway.code, gateway.status, gateway.message]).toEqual(['SERVER_UNAVAILABLE', 502, 'HTTP 502: Bad Gateway']);
    const wrongUrl = await failure(stub(() => new Response('no', { status: 404 })).client().me());
    expect([wrongUrl.code, wrongUrl.status]).toEqual(['BAD_ANSWER', 404]);
    // Only the first two may be sent again unchanged; the worker's own INTERNAL too.
    expect([down, gateway, wrongUrl].map((x) => isTransient(x.code))).toEqual([true, true, false]);
    expect(ERROR_CODES.filter(isTransient)).toEqual(['INTERNAL']);
  });

  it('sends the Idempotency-Key always, If-Match only when replacing, and the body as JSON', async () => {
    const { client, seen } = stub(() => json(RECEIPT, 201));
    expect(await client('secret').submit(SUBMISSION, { idempotencyKey: 'key-1', ifMatch: '"r1"' })).toEqual(RECEIPT);
    await client('secret').submit(SUBMISSION, { idempotencyKey: 'key-2', ifMatch: null });
    const [first, second] = seen.map((s) => s.init);
    expect([first!.method, first!.headers?.['Idempotency-Key'], first!.headers?.['If-Match'], first!.headers?.['Content-Type']]).toEqual(['POST', 'key-1', '"r1"', 'application/json']);
    expect(JSON.parse(first!.body!)).toEqual(SUBMISSION);
    expect([second!.headers?.['Idempotency-Key'], 'If-Match' in second!.headers!]).toEqual(['key-2', false]);
  });

  it('reads a branch-quarter never submitted as null, and other refusals as errors', async () => {
    const nf = stub(() => json({ error: { code: 'NOT_FOUND', message: 'submission not found' } }, 404));
    expect(await nf.client().latestReceipt('ZB1', '2026Q3')).toBeNull();
    expect(nf.seen[0]!.url).toBe('https://api.test/api/submissions/ZB1/2026Q3');
    const forbidden = stub(() => json({ error: { code: 'FORBIDDEN', message: 'no' } }, 403));
    expect((await failure(forbidden.client().latestReceipt('ZB1', '2026Q3'))).code).toBe('FORBIDDEN');
    const found = stub(() => json({ current: RECEIPT, revisions: [] }));
    expect(await found.client().latestReceipt('ZB1', '2026Q3')).toEqual(RECEIPT);
  });

  it('accepts only a zip as the consolidated workbook', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 20, 0]);
    const ok = stub(() => new Response(zip, { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }));
    expect(await ok.client().report('2026Q3', 'JT-ZZ1')).toEqual(zip);
    expect(ok.seen[0]!.url).toBe('https://api.test/api/reports/2026Q3.xlsx?org=JT-ZZ1');
    const page = await failure(stub(() => new Response('<html/>', { headers: { 'Content-Type': 'text/html' } })).client().report('2026Q3'));
    expect([page.code, page.message]).toEqual(['BAD_ANSWER', 'the server answered text/html that is not an .xlsx file']);
  });
});

describe('error codes', () => {
  it('give every code one status, the worker sending the same table', async () => {
    const { ERROR_STATUS: workerStatus } = await import('../../../worker/src/errors');
    expect(workerStatus).toBe(ERROR_STATUS);
    expect(ERROR_STATUS.QUARTER_LOCKED).toBe(423);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
