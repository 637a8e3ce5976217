// The pane's API client: headers it sends and how each answer's code becomes an outcome kind.
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, errorKind } from '../../../addin/src/api/client';
import type { Submission } from '../../../shared/api/contract';
import { FakeApi, apiError, json, receipt } from '../fakeApi';

const body = { quarter: '2026Q3' } as unknown as Submission;

describe('ApiClient', () => {
  it('maps each status to a kind the views explain', async () => {
    const cases: [number, string, string][] = [
      [401, 'UNAUTHENTICATED', 'unauthorized'], [403, 'FORBIDDEN', 'forbidden'], [404, 'NOT_FOUND', 'not-found'],
      [412, 'STALE_REVISION', 'stale'], [428, 'PRECONDITION_REQUIRED', 'precondition-required'], [423, 'QUARTER_LOCKED', 'locked'],
      [409, 'CONFLICT', 'conflict'], [422, 'SUBMISSION_REJECTED', 'invalid'], [500, 'INTERNAL', 'server'],
    ];
    for (const [status, code, kind] of cases) {
      const api = new FakeApi().on('POST', /submissions/, () => apiError(status, code, `m${status}`));
      const c = new ApiClient({ token: 't', fetch: api.fetch });
      const e = await c.submit(body, 'k', null).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ApiError);
      expect([errorKind(e), (e as ApiError).code, (e as ApiError).message]).toEqual([kind, code, `m${status}`]);
    }
  });

  it('treats a network failure as offline and a malformed answer as a server error', async () => {
    const api = new FakeApi();
    api.offline = true;
    expect(await new ApiClient({ token: 't', fetch: api.fetch }).whoAmI().catch(errorKind)).toBe('offline');
    const bad = new FakeApi().on('GET', /me/, () => json({ role: 'boss' }));
    expect(await new ApiClient({ token: 't', fetch: bad.fetch }).whoAmI().catch(errorKind)).toBe('server');
  });

  it('sends bearer, Idempotency-Key and If-Match; returns null for a quarter never submitted', async () => {
    const api = new FakeApi().on('POST', /^\/api\/submissions$/, () => json(receipt(3), 201));
    const c = new ApiClient({ token: 'secret', fetch: api.fetch });
    expect((await c.submit(body, 'key-1', '"r2"')).revision).toBe(3);
    const h = api.seen[0]!.headers;
    expect([h.get('Authorization'), h.get('Idempotency-Key'), h.get('If-Match'), h.get('Content-Type')]).toEqual(['Bearer secret', 'key-1', '"r2"', 'application/json']);
    expect(await c.latestReceipt('ZB1', '2026Q3')).toBeNull();
  });
});
