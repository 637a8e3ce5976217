// The app's own edges: every framework 4xx answers in the one error shape, and the headers every
// answer carries (security headers on the pane, no caching of authenticated JSON).
import { beforeAll, describe, expect, it } from 'vitest';
import { JT_TREE, call, members, seed, submission, type Seeded } from './helpers';
import { PANE_HEADERS } from '../../worker/src/headers';
import headersFile from '../../addin/public/_headers?raw';

let s: Seeded;
beforeAll(async () => {
  s = await seed(JT_TREE, [{ orgCode: 'JT-01', role: 'clerk' }, { orgCode: 'JT', role: 'admin' }]);
});

describe('malformed media types', () => {
  it('answer 415 in the one error shape, never 500', async () => {
    const r = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], raw: '{}', headers: { 'Content-Type': 'application/json;' } });
    expect(r.status).toBe(415);
    expect(r.body).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('odd but parseable media types are accepted or refused as 4xx, never 500', async () => {
    const body = JSON.stringify(submission('2026Q3', members('2026Q3', 1, 1)));
    for (const type of ['application/json;', 'application/json; charset', 'application/json;;;', 'application/json; charset=', 'application/json; charset="', 'application/json; =x', 'application/json ;', 'application/json; charset=utf-8; charset=latin1']) {
      const r = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], raw: body, headers: { 'Content-Type': type } });
      expect(r.status, type).toBeLessThan(500);
      if (r.status >= 400) expect(r.body, type).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });
});

describe('lone surrogates', () => {
  it('are refused at validation wherever they appear in a body, and nothing is stored', async () => {
    const base = submission('2026Q2', members('2026Q2', 10, 2));
    const cases: [string, unknown][] = [
      ['members.0.name', { ...base, members: [{ ...base.members[0]!, name: '张\ud800三' }, base.members[1]] }],
      ['note', { ...base, note: 'a\udc00b' }],
      ['members.1.transferNote', { ...base, members: [base.members[0], { ...base.members[1]!, transferNote: '\udbff' }] }],
    ];
    for (const [path, body] of cases) {
      const r = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], body });
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.details[0].path).toBe(path);
    }
    const org = await call('POST', '/api/orgs', { token: s.tokens['admin@JT'], body: { code: 'JT-S', name: '支部\ud83d', kind: '党支部', parentCode: 'JT' } });
    expect(org.status).toBe(400);
    // A proper pair (an emoji) is fine.
    expect((await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], body: { ...base, note: '好😀' } })).status).toBe(201);
    const stored = await call('GET', '/api/submissions/JT-01/2026Q2', { token: s.tokens['clerk@JT-01'] });
    expect(stored.body.revisions).toHaveLength(1);
  });
});

describe('headers', () => {
  it('authenticated JSON (member lists with income) is never cached, and never sniffed', async () => {
    for (const [path, token] of [['/api/me', s.tokens['clerk@JT-01']], ['/api/rollups/2026Q2/members?org=JT-01', s.tokens['clerk@JT-01']], ['/api/me', undefined]] as const) {
      const r = await call('GET', path, token ? { token } : {});
      expect(r.headers.get('Cache-Control'), path).toBe('no-store');
      expect(r.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
    }
  });

  it('the pane is served with a Content-Security-Policy that lets only Office frame it, and nosniff', async () => {
    const r = await call('GET', '/');
    const csp = r.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'self' [^;]*https:\/\/\*\.officeapps\.live\.com/);
    expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*'unsafe-inline'/);
    expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
    // The platform serves built assets without the worker: addin/public/_headers says the same.
    for (const [k, v] of Object.entries(PANE_HEADERS)) expect(headersFile).toContain(`  ${k}: ${v}\n`);
  });
});

describe('a body over 5 MB', () => {
  it('is cancelled when refused, declared or not (the upload is not left hanging)', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    let cancelled: unknown = null;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent >= 64) return ctrl.close(); // 64 MB if nobody stops reading
        sent += 1;
        ctrl.enqueue(chunk);
      },
      cancel(reason) {
        cancelled = reason ?? 'cancelled';
      },
    });
    const r = await call('POST', '/api/submissions', { token: s.tokens['clerk@JT-01'], raw: stream, headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(cancelled).not.toBeNull();
    expect(sent).toBeLessThan(10);
  });
});
