/**
 * The Duesbook API: one Hono app, one sub-router per resource, zod on every input, one error
 * shape (errors.ts), an OpenAPI document at /api/openapi.json. Everything else is the task pane,
 * served by Workers static assets (see index.ts).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from './body-limit';
import type { AppEnv } from './env';
import { ApiError } from './errors';
import { authenticate } from './auth';
import { orgsRouter } from './routes/orgs';
import { tokensRouter } from './routes/tokens';
import { settingsRouter } from './settings/routes';
import { submissionsRouter } from './submissions/routes';
import { reviewRouter } from './submissions/review-routes';
import { revisionChangesRouter } from './revisions/routes';
import { locksRouter } from './routes/locks';
import { rollupsRouter } from './rollups/routes';
import { auditRouter } from './routes/audit';
import { meRouter } from './routes/me';
import { reportsRouter } from './reports/routes';
import { largeDuesRouter } from './large/routes';
import { remittancesRouter } from './remittances/routes';
import { accountsRouter } from './accounts/routes';
import { approvalsRouter } from './approvals/routes';
import { transfersRouter } from './transfers/routes';
import { mappingsRouter } from './mappings/routes';
import { baselinesRouter } from './baselines/routes';
import { MAX_BODY_BYTES, MAX_SUBMISSION_MEMBERS } from '../../shared/api/contract';
import { setApiHeaders } from './headers';

export { MAX_BODY_BYTES };
const TOO_LARGE = `the body exceeds 5 MB (${MAX_BODY_BYTES} bytes); a submission holds at most ${MAX_SUBMISSION_MEMBERS.toLocaleString('en')} members`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (value or key) holding a lone surrogate, or null. */
export function loneSurrogateAt(v: unknown, path = ''): string | null {
  if (typeof v === 'string') return LONE_SURROGATE.test(v) ? path : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const at = loneSurrogateAt(v[i], path ? `${path}.${i}` : String(i));
      if (at !== null) return at;
    }
    return null;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (LONE_SURROGATE.test(k)) return p;
      const at = loneSurrogateAt(x, p);
      if (at !== null) return at;
    }
  }
  return null;
}

function frameworkError(status: number): ApiError {
  switch (status) {
    case 400: return new ApiError('MALFORMED_JSON', 'the body is not valid JSON');
    case 401: return new ApiError('UNAUTHENTICATED', 'a bearer token is required (Authorization: Bearer …)');
    case 403: return new ApiError('FORBIDDEN', 'your role may not do this');
    case 404: return new ApiError('NOT_FOUND', 'not found');
    case 413: return new ApiError('PAYLOAD_TOO_LARGE', TOO_LARGE);
    case 415: return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json (a media type such as "application/json; charset=utf-8")');
    default: return new ApiError('VALIDATION_FAILED', `the request was refused (${status})`);
  }
}

export function createApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  // Server time for the bench and for curious clients (includes D1 round trips).
  app.use('/api/*', async (c, next) => {
    const t0 = performance.now();
    await next();
    c.res.headers.set('Server-Timing', `app;dur=${(performance.now() - t0).toFixed(1)}`);
    setApiHeaders(c.res.headers);
  });
  // 5 MB: checks Content-Length up front and counts the bytes of bodies that do not declare it.
  app.use('/api/*', bodyLimit(MAX_BODY_BYTES, () => new ApiError('PAYLOAD_TOO_LARGE', TOO_LARGE)));

  // Bodies are JSON only: anything else would slip past the JSON validators as "no body".
  app.use('/api/*', async (c, next) => {
    const m = c.req.method;
    if (m === 'POST' || m === 'PUT' || m === 'PATCH') {
      const length = c.req.header('Content-Length');
      const hasBody = length !== undefined ? length !== '0' : c.req.raw.body !== null;
      const type = c.req.header('Content-Type') ?? '';
      if (hasBody && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
      }
    }
    await next();
  });
  // Text must be valid Unicode: a lone surrogate (sent as a JSON escape, "\ud800") would be stored
  // as invalid UTF-8 and break every reader after. Refused here for every field of every body.
  app.use('/api/*', async (c, next) => {
    const m = c.req.method;
    if ((m === 'POST' || m === 'PUT' || m === 'PATCH') && /json/i.test(c.req.header('Content-Type') ?? '')) {
      let parsed: unknown;
      try {
        parsed = await c.req.json();
      } catch {
        parsed = undefined; // malformed or empty: the route's validator answers
      }
      const at = loneSurrogateAt(parsed);
      if (at !== null) {
        throw new ApiError('VALIDATION_FAILED', 'the request does not match the schema', [{ path: at, message: 'text holds a lone surrogate (not valid Unicode)', code: 'invalid_string' }]);
      }
    }
    await next();
  });
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Duesbook API', version: '1', description: 'Party-dues submissions, reviews and roll-ups. Money is integer 分.' },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  // Before bearer auth: a signed download link carries no token (the router authenticates bearer calls itself).
  app.route('/api/reports', reportsRouter());
  app.use('/api/*', authenticate);
  app.route('/api/me', meRouter());
  app.route('/api/orgs', orgsRouter());
  app.route('/api/tokens', tokensRouter());
  app.route('/api/settings', settingsRouter());
  app.route('/api/submissions', submissionsRouter());
  app.route('/api/submissions', reviewRouter());
  app.route('/api/submissions', revisionChangesRouter());
  app.route('/api/locks', locksRouter());
  app.route('/api/rollups', rollupsRouter());
  app.route('/api/rollups', largeDuesRouter());
  app.route('/api/remittances', remittancesRouter());
  app.route('/api/accounts', accountsRouter());
  app.route('/api/audit', auditRouter());
  app.route('/api/approvals', approvalsRouter());
  app.route('/api/transfers', transfersRouter());
  app.route('/api/mappings', mappingsRouter());
  app.route('/api/baselines', baselinesRouter());

  app.notFound((c) => c.json(new ApiError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`).body(), 404));
  app.onError((e, c) => {
    if (e instanceof ApiError) return c.json(e.body(), e.status);
    // Every 4xx the framework raises (its JSON validator, body limit, media-type check) answers
    // in the one error shape with a stable code.
    if (e instanceof HTTPException && e.status >= 400 && e.status < 500) {
      const err = frameworkError(e.status);
      return c.json(err.body(), err.status);
    }
    console.error('unhandled', e);
    return c.json(new ApiError('INTERNAL', 'internal error').body(), 500);
  });
  return app;
}
