// Signed report links need the worker's secret: with ID_HMAC_KEY unset or short (a deployment
// that forgot `wrangler secret put`), anyone could sign a link with the guessable key, so the
// worker refuses to make or honour links rather than hand out the workbook.
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../../worker/src/index';
import { LINK_PURPOSE, signLink } from '../../../worker/src/reports/link';
import { BASE, JT_TREE, seed, type Seeded } from '../helpers';

let s: Seeded;

async function callWithKey(key: string | undefined, method: string, path: string, token?: string) {
  const wrapped = new Proxy(env, { get: (t, k) => (k === 'ID_HMAC_KEY' ? key : Reflect.get(t, k)) });
  const ctx = createExecutionContext();
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const res = await worker.fetch(new Request(`${BASE}${path}`, { method, headers }) as Parameters<typeof worker.fetch>[0], wrapped, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, type: res.headers.get('Content-Type') ?? '', text: await res.text() };
}

beforeAll(async () => {
  s = await seed(JT_TREE, [{ orgCode: 'JT', role: 'finance' }]);
});

describe('signed links without a real secret', () => {
  for (const key of [undefined, '', 'changeme']) {
    it(`ID_HMAC_KEY ${JSON.stringify(key)}: no link is made, a link signed with it is not honoured`, async () => {
      const made = await callWithKey(key, 'POST', '/api/reports/2026Q3/link', s.tokens['finance@JT']);
      expect(made.status, made.text).toBe(500);
      expect(JSON.parse(made.text).error.code).toBe('INTERNAL');
      if (!key) return;
      const tokenId = (await env.DB.prepare('SELECT id FROM tokens LIMIT 1').first<{ id: number }>())!.id;
      const forged = await signLink(key, { purpose: LINK_PURPOSE, org: 'JT', period: '2026Q3', tokenId, exp: Math.floor(Date.now() / 1000) + 600 });
      const got = await callWithKey(key, 'GET', `/api/reports/2026Q3.xlsx?link=${encodeURIComponent(forged)}`);
      expect(got.status).toBe(500);
      expect(got.type).toContain('json');
    });
  }
});
